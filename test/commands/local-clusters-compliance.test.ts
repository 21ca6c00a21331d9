import {afterAll, describe, expect, it} from 'vitest'

import type {ClusterSummary} from '../../src/lib/backends/local/admin.js'
import {LocalBackend} from '../../src/lib/backends/local/local-backend.js'
import type {PolicyInForce} from '../../src/lib/compliance/enforcement.js'
import {cleanupHomes, expectOneErrorLine, frozenHome, runCli, storeBytes} from '../helpers/cli.js'
import {putPolicy} from '../helpers/compliance-store.js'
import {json} from '../helpers/values.js'

/**
 * `local clusters update|delete|create` under a Backup Compliance Policy (rules 55, 67, 89, 91), spawned: a refusal is
 * one stderr line naming Atlas's code, exit 1, the store unchanged; the same command succeeds without a policy.
 */

afterAll(cleanupHomes)

const NOW = '2026-06-10T10:00:00Z'

async function withPolicy(home: string, settings: Partial<PolicyInForce> = {}): Promise<void> {
  const backend = new LocalBackend({home})
  putPolicy(backend, Date.parse(NOW), settings)
  await backend.close()
}

async function fleet(home: string): Promise<ClusterSummary[]> {
  return json<ClusterSummary[]>(await runCli(['local', 'clusters', 'list', '-o', 'json'], {home}))
}

describe('local clusters update under a compliance policy', () => {
  it('rule 67: --noContinuousBackup is refused with CANNOT_DISABLE_PIT_WITH_BACKUUP_COMPLIANCE_POLICY when the policy has pitEnabled, accepted without a policy', async () => {
    const home = await frozenHome(NOW)
    await withPolicy(home, {pitEnabled: true, restoreWindowDays: 2})
    const before = storeBytes(home)
    const refused = await runCli(['local', 'clusters', 'update', 'Cluster0', '--noContinuousBackup'], {home})
    expectOneErrorLine(refused, 1, /Continuous Cloud Backup cannot be turned off on Cluster0: the policy requires point-in-time restore.*\(CANNOT_DISABLE_PIT_WITH_BACKUUP_COMPLIANCE_POLICY\)/)
    expect(storeBytes(home).equals(before)).toBe(true)
    const free = await frozenHome(NOW)
    const accepted = await runCli(['local', 'clusters', 'update', 'Cluster0', '--noContinuousBackup'], {home: free})
    expect(accepted.code, accepted.stderr).toBe(0)
    expect((await fleet(free)).find((c) => c.name === 'Cluster0')!.continuousBackup).toBe(false)
  })

  it('rule 89: --encryptionAtRestProvider NONE is refused with CANNOT_DISABLE_ENCRYPTION_AT_REST_WITH_BACKUP_COMPLIANCE_POLICY when the policy requires encryption', async () => {
    const home = await frozenHome(NOW)
    expect((await runCli(['local', 'clusters', 'update', 'Cluster0', '--encryptionAtRestProvider', 'AWS'], {home})).code).toBe(0)
    await withPolicy(home, {encryptionAtRestEnabled: true})
    const before = storeBytes(home)
    const refused = await runCli(['local', 'clusters', 'update', 'Cluster0', '--encryptionAtRestProvider', 'NONE'], {home})
    expectOneErrorLine(refused, 1, /\(CANNOT_DISABLE_ENCRYPTION_AT_REST_WITH_BACKUP_COMPLIANCE_POLICY\)/)
    expect(storeBytes(home).equals(before)).toBe(true)
  })
})

describe('Important (seed, under the backup policy: terminating a cluster deletes its snapshots at once): local clusters delete --retainBackups', () => {
  it('rule 55: keeps the snapshots until they expire; list shows the cluster terminated; without the flag they go', async () => {
    const home = await frozenHome(NOW)
    const snapshots = (await fleet(home)).find((c) => c.name === 'Cluster0')!.snapshots
    const kept = await runCli(['local', 'clusters', 'delete', 'Cluster0', '--retainBackups', '--force'], {home})
    expect(kept.code, kept.stderr).toBe(0)
    expect(kept.stderr).toBe('')
    expect(kept.stdout).toMatch(new RegExp(`^Cluster 'Cluster0' deleted; its ${snapshots} snapshots are kept until they expire \\(the last at \\S+Z\\): --retainBackups\\.\\n$`))
    const listed = (await fleet(home)).find((c) => c.name === 'Cluster0')
    expect(listed).toMatchObject({snapshots, terminated: {at: NOW, retainedBy: 'retainBackups'}})
    const table = await runCli(['local', 'clusters', 'list'], {home})
    expect(table.stdout).toContain('Cluster0 (terminated)')
    const api = await runCli(['backups', 'snapshots', 'list', 'Cluster0'], {home})
    expect(api.code).not.toBe(0)
    expect(api.stderr).toContain('CLUSTER_NOT_FOUND')

    const other = await frozenHome(NOW)
    const gone = await runCli(['local', 'clusters', 'delete', 'Cluster0', '--force', '-o', 'json'], {home: other})
    expect(json(gone)).toEqual({deleted: true, name: 'Cluster0', retainedSnapshots: 0})
    expect((await fleet(other)).find((c) => c.name === 'Cluster0')).toBeUndefined()
  })

  it('rule 91: under a compliance policy the snapshots are kept without the flag, and create refuses the name with DUPLICATE_CLUSTER_NAME', async () => {
    const home = await frozenHome(NOW)
    await withPolicy(home)
    const deleted = json<{retainedBy: string}>(await runCli(['local', 'clusters', 'delete', 'Cluster0', '--force', '-o', 'json'], {home}))
    expect(deleted.retainedBy).toBe('compliancePolicy')
    const before = storeBytes(home)
    const reuse = await runCli(['local', 'clusters', 'create', 'Cluster0', '--tier', 'M10'], {home})
    expectOneErrorLine(reuse, 1, /The name Cluster0 belongs to a terminated cluster whose snapshots are kept.*\(DUPLICATE_CLUSTER_NAME\)/)
    expect(storeBytes(home).equals(before)).toBe(true)
  })
})
