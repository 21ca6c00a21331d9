import {join} from 'node:path'

import {afterAll, describe, expect, it} from 'vitest'

import {createCluster} from '../../src/lib/backends/local/admin.js'
import {DEMO_PROJECT_ID} from '../../src/lib/backends/local/fleet.js'
import {LocalBackend} from '../../src/lib/backends/local/local-backend.js'
import {cleanupHomes, expectOneErrorLine, frozenHome, REPO_ROOT, runCli, storeBytes} from '../helpers/cli.js'
import {hasTerminal, runOnTerminal, terminalTitle} from '../helpers/terminal.js'

/**
 * `backups audit` as a user runs it (issue 15 section 3): the built CLI on a fresh home whose clock is frozen. The
 * verdicts themselves, and why each demo cluster gets them, are tested in-process (test/unit/audit/demo-fleet.test.ts);
 * here: the table, -o json, exit codes 0, 1 and 2, stdin, and that a bad standard or bad flags read nothing.
 */

const LOCAL = {MONGODB_ATLAS_SERVICE: 'local'}
const EXAMPLE = join(REPO_ROOT, 'examples', 'audit-standard.yaml')

afterAll(() => cleanupHomes())

describe('backups audit (built CLI, local emulator, frozen clock)', () => {
  it('the demo fleet against the example: a row per deployment with its failures, exit 1; -o json with the same verdicts', async () => {
    const home = await frozenHome('2026-06-15T10:30:00Z')
    const table = await runCli(['backups', 'audit', '--standard', EXAMPLE], {home, env: LOCAL})
    expect(table.code, table.stderr).toBe(1)
    expect(table.stderr).toBe('')
    const lines = table.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^NAME +TIER +RESULT +HOURLY +DAILY +WEEKLY +MONTHLY +PIT +COPY +RPO +FAILED +COMPLIANCE +FAILURES$/)
    expect(lines.slice(1, 9).map((line) => line.split(/ +/)[0])).toEqual(['Cluster0', 'Free0', 'MultiRegion0', 'NVMe0', 'Sharded0', 'Shared0', 'Serverless0', 'Serverless1'])
    expect(lines[1]).toMatch(/^Cluster0 +M10 +FAIL +pass +pass +pass +pass +pass +FAIL +pass +pass +FAIL +COPY: no copy setting copies snapshots to a region other than the one they are taken in; COMPLIANCE: the project has no Backup Compliance Policy$/)
    // The same reason for every control is said once.
    expect(lines[2]).toMatch(/ HOURLY, DAILY, WEEKLY, MONTHLY, PIT, COPY, RPO, FAILED: M0 clusters have no backup: move to M10 or above$/)
    expect(lines.at(-1)).toBe(`0 of 8 pass, 8 fail the standard (${EXAMPLE}, at 2026-06-15T10:30:00Z).`)

    const json = await runCli(['backups', 'audit', '--standard', EXAMPLE, '-o', 'json'], {home, env: LOCAL})
    expect(json.code, json.stderr).toBe(1)
    const report = JSON.parse(json.stdout)
    expect(report).toMatchObject({standard: EXAMPLE, now: '2026-06-15T10:30:00Z', passed: false, summary: {deployments: 8, passed: 0, failed: 8, unreadProjects: 0}, unreadProjects: []})
    expect(report.results[0]).toMatchObject({name: 'Cluster0', type: 'cluster', tier: 'M10', passed: false})
    expect(report.results[0].controls[5]).toEqual({id: 'copyToAnotherRegion', status: 'fail', reason: 'no copy setting copies snapshots to a region other than the one they are taken in'})
    expect(report.results[7]).toMatchObject({name: 'Serverless1', type: 'serverless', tier: 'SERVERLESS'})
  })

  it('exit 0 when every deployment passes: a project whose one M10 meets a standard read from stdin', async () => {
    const home = await frozenHome('2026-06-15T10:30:00Z')
    const project = await runCli(['local', 'projects', 'create', 'Solo', '-o', 'json'], {home, env: LOCAL})
    expect(project.code, project.stderr).toBe(0)
    const projectId = JSON.parse(project.stdout).id as string
    const created = await runCli(['local', 'clusters', 'create', 'Solo0', '--projectId', projectId], {home, env: LOCAL})
    expect(created.code, created.stderr).toBe(0)
    const audit = await runCli(['backups', 'audit', '--standard', '-', '--projectId', projectId], {home, env: LOCAL, input: '{"policy": {"daily": {"keepAtLeast": "7 days"}, "monthly": {"keepAtLeast": "1 year"}}}'})
    expect(audit.code, audit.stderr).toBe(0)
    expect(audit.stdout).toMatch(/^Solo0 +M10 +pass +pass +pass *$/m)
    expect(audit.stdout).toContain('1 of 1 pass, 0 fail the standard (stdin, at 2026-06-15T10:30:00Z).')
  })

  it('exit 2 with one line, nothing read or changed: a standard with a typo, and --allProjects beside --projectId', async () => {
    const home = await frozenHome('2026-06-15T10:30:00Z')
    const before = storeBytes(home)
    const typo = await runCli(['backups', 'audit', '--standard', '-'], {home, env: LOCAL, input: 'newestSnapshotMaxAge: 36h\ncopyToOtherRegion: true\n'})
    expectOneErrorLine(typo, 2, /^Error: stdin: unknown key "copyToOtherRegion"\. See examples\/audit-standard\.yaml/)
    const missing = await runCli(['backups', 'audit', '--standard', 'no-such-standard.yaml'], {home, env: LOCAL})
    expectOneErrorLine(missing, 2, /cannot read no-such-standard\.yaml: no such file\. Check the path given to --standard/)
    const scopes = await runCli(['backups', 'audit', '--standard', EXAMPLE, '--allProjects', '--projectId', '6955b9008f154ac780ce4a7d'], {home, env: LOCAL})
    expectOneErrorLine(scopes, 2, /--allProjects and --projectId ask for different scopes/)
    expect(storeBytes(home).equals(before)).toBe(true)
  })

  it.skipIf(!hasTerminal)(terminalTitle('on a terminal, a fleet of 20 deployments or more shows its progress (a pipe never does: see above)'), async () => {
    const home = await frozenHome('2026-06-15T10:30:00Z')
    const backend = new LocalBackend({home})
    try {
      for (let i = 0; i < 15; i++) createCluster(backend, DEMO_PROJECT_ID, {name: `Extra${i}`})
    } finally {
      await backend.close()
    }
    const result = await runOnTerminal(['backups', 'audit', '--standard', EXAMPLE], home, '', {question: 'never asked'})
    expect(result.code).toBe(1)
    expect(result.output).toMatch(/Audited \d+ of 23 deployments/)
    expect(result.output).toContain('0 of 23 pass, 23 fail the standard')
  })
})
