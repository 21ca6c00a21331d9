import {afterAll, describe, expect, it} from 'vitest'

import {createCluster, deleteCluster} from '../../src/lib/backends/local/admin.js'
import {DEMO_PROJECT_ID} from '../../src/lib/backends/local/fleet.js'
import {LocalBackend} from '../../src/lib/backends/local/local-backend.js'
import type {ProjectSummary} from '../../src/lib/backends/local/projects.js'
import {cleanupHomes, expectOneErrorLine, frozenHome, runCli, storeBytes} from '../helpers/cli.js'
import {json} from '../helpers/values.js'

/**
 * `local projects list|delete`, spawned on a home frozen at NOW: a refusal is one stderr line with Atlas's code, exit 1
 * (exit 2, nothing opened, for a bad argument or a missing --force), the store unchanged. A second project, with a
 * compliance policy and a terminated cluster's retained snapshots, is prepared in-process (rule 89).
 */

afterAll(cleanupHomes)

const NOW = '2026-06-10T10:00:00Z'
const LEDGER = 'abcdefabcdefabcdefabcdef'
const POLICY = {authorizedEmail: 'dpo@example.com', authorizedUserFirstName: 'Dana', authorizedUserLastName: 'Officer', scheduledPolicyItems: []}

function projects(home: string) {
  return runCli(['local', 'projects', 'list', '-o', 'json'], {home}).then((result) => json<ProjectSummary[]>(result))
}

/** Ledger: a policy, and one M10 cluster that took two days of snapshots and was then terminated (they are kept). */
async function ledgerWithRetainedSnapshots(home: string): Promise<void> {
  const backend = new LocalBackend({home})
  backend.transact((s) => s.repo.insertProject(LEDGER, 'Ledger', s.now))
  createCluster(backend, LEDGER, {name: 'Solo', tier: 'M10'})
  await backend.updateCompliancePolicy(LEDGER, POLICY)
  await backend.close()
  expect((await runCli(['local', 'clock', 'advance', '2d'], {home})).code).toBe(0)
  const again = new LocalBackend({home})
  expect(deleteCluster(again, LEDGER, 'Solo').retainedBy).toBe('compliancePolicy')
  await again.close()
}

describe('local projects', () => {
  it('delete refuses a bad ID and, without a terminal, a missing --force (exit 2, the store untouched)', async () => {
    const home = await frozenHome(NOW)
    const before = storeBytes(home)
    expectOneErrorLine(await runCli(['local', 'projects', 'delete', 'nope', '--force'], {home}), 2, /'nope' is not a valid project ID/)
    expectOneErrorLine(await runCli(['local', 'projects', 'delete', DEMO_PROJECT_ID], {home}), 2, /no terminal to ask on/)
    expect(storeBytes(home).equals(before)).toBe(true)
  })

  it('delete refuses the demo project while it has clusters: 409 CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS', async () => {
    const home = await frozenHome(NOW)
    expectOneErrorLine(await runCli(['local', 'projects', 'delete', DEMO_PROJECT_ID, '--force'], {home}), 1, /cannot be deleted while it has clusters \(.*Cluster0.*\).*CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS/)
    expect((await projects(home)).map((project) => project.id)).toEqual([DEMO_PROJECT_ID])
  })

  it('rule 89: refused while the policy protects retained snapshots, accepted once they expired; list shows the project, then not', async () => {
    const home = await frozenHome(NOW)
    await ledgerWithRetainedSnapshots(home)
    expect((await projects(home)).find((project) => project.id === LEDGER)).toEqual({id: LEDGER, name: 'Ledger', clusters: 0, terminatedClusters: 1, compliancePolicy: 'ACTIVE'})
    const before = storeBytes(home)
    const refused = await runCli(['local', 'projects', 'delete', LEDGER, '--force'], {home})
    expectOneErrorLine(refused, 1, /Backup Compliance Policy and \d+ snapshots? it protects.*CANNOT_CLOSE_GROUP_ACTIVE_BACKUP_COMPLIANCE_POLICY/)
    expect(storeBytes(home).equals(before)).toBe(true)
    expect((await runCli(['local', 'clock', 'advance', '400d'], {home})).code).toBe(0)
    const accepted = await runCli(['local', 'projects', 'delete', LEDGER, '--force'], {home})
    expect(accepted.stderr).toBe('')
    expect(accepted.code).toBe(0)
    expect(accepted.stdout).toBe(`Project 'Ledger' (${LEDGER}) deleted, with 1 terminated cluster and its Backup Compliance Policy.\n`)
    expect((await projects(home)).map((project) => project.id)).toEqual([DEMO_PROJECT_ID])
  })
})

describe('local projects create', () => {
  it('adds an empty project that clusters can join; refuses a taken name (409 GROUP_ALREADY_EXISTS) and a bad one (exit 2)', async () => {
    const home = await frozenHome(NOW)
    const created = await runCli(['local', 'projects', 'create', 'Data Platform', '-o', 'json'], {home})
    expect(created.stderr).toBe('')
    const project = json<ProjectSummary>(created)
    expect(project).toEqual({id: expect.stringMatching(/^[0-9a-f]{24}$/) as unknown as string, name: 'Data Platform', clusters: 0, terminatedClusters: 0})
    const joined = await runCli(['local', 'clusters', 'create', 'Orders', '--tier', 'M10', '--projectId', project.id, '-o', 'json'], {home})
    expect(joined.code, joined.stderr).toBe(0)
    expect((await projects(home)).map(({id, name, clusters}) => ({id, name, clusters}))).toEqual([
      {id: DEMO_PROJECT_ID, name: 'Demo Project', clusters: 8},
      {id: project.id, name: 'Data Platform', clusters: 1},
    ])
    const before = storeBytes(home)
    expectOneErrorLine(await runCli(['local', 'projects', 'create', 'Data Platform'], {home}), 1, /A group with name "Data Platform" already exists.*GROUP_ALREADY_EXISTS/)
    expectOneErrorLine(await runCli(['local', 'projects', 'create', 'bad/name'], {home}), 2, /"bad\/name" is not a valid project name/)
    expect(storeBytes(home).equals(before)).toBe(true)
  })
})
