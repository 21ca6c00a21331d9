import {afterAll, describe, expect, it} from 'vitest'

import type {ClusterSummary, CreatedCluster} from '../../src/lib/backends/local/admin.js'
import {LocalBackend} from '../../src/lib/backends/local/local-backend.js'
import type {PolicyInForce} from '../../src/lib/compliance/enforcement.js'
import {cleanupHomes, expectOneErrorLine, frozenHome, runCli, storeBytes} from '../helpers/cli.js'
import {putPolicy} from '../helpers/compliance-store.js'
import {json} from '../helpers/values.js'

/**
 * `local clusters update --noCloudBackup|--cloudBackup` (issue 17 item 3, rules 55, 89) and `local clusters create`
 * under a Backup Compliance Policy (rule 88), spawned: what stdout, stderr and the exit code say, and that a refusal
 * leaves the store as it was. The emulator's rules are tested in-process (cluster-lifecycle-compliance.test.ts).
 */

afterAll(cleanupHomes)

const NOW = '2026-06-10T10:00:00Z'
const LOCAL = {MONGODB_ATLAS_SERVICE: 'local'}

async function withPolicy(home: string, settings: Partial<PolicyInForce> = {}): Promise<void> {
  const backend = new LocalBackend({home})
  putPolicy(backend, Date.parse(NOW), settings)
  await backend.close()
}

async function multiRegion0(home: string): Promise<ClusterSummary> {
  return json<ClusterSummary[]>(await runCli(['local', 'clusters', 'list', '-o', 'json'], {home})).find((c) => c.name === 'MultiRegion0')!
}

describe('Important (seed, under the backup policy: disabling Cloud Backups deletes the snapshots at once): local clusters update --noCloudBackup / --cloudBackup', () => {
  it('rule 89 accepted without a policy: asks for --force without a terminal (exit 2, nothing changed), then deletes the snapshots and prints how many', async () => {
    const home = await frozenHome(NOW)
    const before = storeBytes(home)
    const unconfirmed = await runCli(['local', 'clusters', 'update', 'MultiRegion0', '--noCloudBackup'], {home})
    expectOneErrorLine(unconfirmed, 2, /without confirmation.*--force/)
    expect(storeBytes(home).equals(before)).toBe(true)

    const off = await runCli(['local', 'clusters', 'update', 'MultiRegion0', '--noCloudBackup', '--force'], {home})
    expect(off.code, off.stderr).toBe(0)
    expect(off.stderr).toBe('')
    expect(off.stdout).toContain('  cloudBackup: true -> false\n')
    // The demo cluster's daily, weekly and monthly snapshots of the last year; none is left after.
    expect(Number(/^ {4}- (\d+) snapshots deleted at once \(\d+ scheduled, 0 on-demand\), with 0 copies in other regions \(rule 55\)$/m.exec(off.stdout)?.[1])).toBeGreaterThan(10)
    expect(await multiRegion0(home)).toMatchObject({backupEnabled: false, snapshots: 0})
    const schedule = await runCli(['backups', 'schedule', 'describe', 'MultiRegion0'], {home, env: LOCAL})
    expectOneErrorLine(schedule, 1, /No backup configuration exists for cluster MultiRegion0.*BACKUP_CONFIG_NOT_FOUND/)

    const on = await runCli(['local', 'clusters', 'update', 'MultiRegion0', '--cloudBackup', '-o', 'json'], {home})
    expect(on.code, on.stderr).toBe(0)
    expect(json<{changes: Array<{setting: string; to: boolean; effects: Array<{kind: string}>}>}>(on).changes).toEqual([
      {setting: 'cloudBackup', from: false, to: true, effects: [expect.objectContaining({kind: 'scheduleStarts'})]},
    ])
  })

})

describe('local clusters create and --resume under a compliance policy', () => {
  it('rule 88: the new cluster starts at the minimum; the table is the result, each change a note on stderr; -o json carries them', async () => {
    const home = await frozenHome(NOW)
    await withPolicy(home, {pitEnabled: true, restoreWindowDays: 3, scheduledPolicyItems: [{frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 10}]})
    const table = await runCli(['local', 'clusters', 'create', 'Orders', '--tier', 'M10'], {home})
    expect(table.code, table.stderr).toBe(0)
    expect(table.stdout).toMatch(/^Orders\s+M10\s+REPLICASET\s+AWS\s+\S+\s+true\s+true\s+false\s/m)
    expect(table.stderr).toBe(
      [
        'Note: Backup Compliance Policy: Continuous Cloud Backup on, as the policy requires point-in-time restore (rule 88)',
        "Note: Backup Compliance Policy: backup policy raised to the policy's minimum: hourly every 6 hours kept 3 days, daily kept 10 days, restore window 3 days (rule 88)",
        '',
      ].join('\n'),
    )
    const created = await runCli(['local', 'clusters', 'create', 'Events', '--tier', 'M10', '-o', 'json'], {home})
    expect(created.stderr).toBe('')
    expect(json<CreatedCluster>(created).compliancePolicyEffects).toHaveLength(2)
  })

  it('rule 91: --resume brings a cluster below the policy up to it and prints each effect under the resume', async () => {
    const home = await frozenHome(NOW)
    expect((await runCli(['local', 'clusters', 'update', 'MultiRegion0', '--pause'], {home})).code).toBe(0)
    // Stored without the PUT's raise: MultiRegion0 (no continuous backup, no hourly item, a 2-day window) is below the
    // policy at its resume, as a cluster paused with Cloud Backup off when the policy came would be.
    await withPolicy(home, {pitEnabled: true, restoreWindowDays: 3, scheduledPolicyItems: []})
    const resumed = await runCli(['local', 'clusters', 'update', 'MultiRegion0', '--resume'], {home})
    expect(resumed.code, resumed.stderr).toBe(0)
    expect(resumed.stdout).toMatch(/^ {2}paused: true -> false\n {4}- scheduled snapshots resume: the next at \S+\n {4}- Backup Compliance Policy: Continuous Cloud Backup turned on, as the policy requires point-in-time restore: oplog is collected from 2026-06-10T10:00:00Z on\n {4}- Backup Compliance Policy: backup policy raised to the policy's minimum: hourly every 6 hours kept 3 days, restore window 3 days \(rule 88\)\n$/m)
  })

  it('rules 88 and 89 refused: create without the customer key the policy requires, and --noCloudBackup: one error line each, exit 1, the store unchanged', async () => {
    const home = await frozenHome(NOW)
    await withPolicy(home, {encryptionAtRestEnabled: true})
    const before = storeBytes(home)
    const created = await runCli(['local', 'clusters', 'create', 'Orders', '--tier', 'M10'], {home})
    expectOneErrorLine(created, 1, /The backup policies of Orders do not meet the Backup Compliance Policy.*customer key.*\(BACKUP_POLICIES_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS\)/)
    const off = await runCli(['local', 'clusters', 'update', 'MultiRegion0', '--noCloudBackup', '--force'], {home})
    expectOneErrorLine(off, 1, /Cloud Backup cannot be turned off on MultiRegion0.*\(CANNOT_DISABLE_CLOUD_BACKUP_WITH_BACKUP_COMPLIANCE_POLICY\)/)
    expect(storeBytes(home).equals(before)).toBe(true)
  })
})
