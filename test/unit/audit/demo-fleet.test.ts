import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'

import {readFleet} from '../../../src/lib/audit/fleet.js'
import {type AuditReport, auditProjects} from '../../../src/lib/audit/report.js'
import {parseStandard} from '../../../src/lib/audit/standard.js'
import {listNodes, setNodeHealth} from '../../../src/lib/backends/local/admin.js'
import {HOUR_MS} from '../../../src/lib/domain/time.js'
import {REPO_ROOT} from '../../helpers/cli.js'
import {GROUP, localWorld, type LocalWorld, START} from '../local/harness.js'

const EXAMPLE = parseStandard(parse(readFileSync(join(REPO_ROOT, 'examples', 'audit-standard.yaml'), 'utf8')), 'examples/audit-standard.yaml')

async function audit(world: LocalWorld, standard = EXAMPLE): Promise<AuditReport> {
  const fleet = await readFleet(world.backend, {groupId: GROUP}, {concurrency: 8})
  return auditProjects(world.backend, fleet, standard, 'examples/audit-standard.yaml', world.now(), {concurrency: 8})
}

/** Each deployment's verdict per control, in the example standard's column order. */
function verdicts(report: AuditReport): Record<string, string> {
  return Object.fromEntries(report.results.map((row) => [row.name, row.controls.map((control) => ({pass: 'pass', fail: 'FAIL', notApplicable: 'n/a'})[control.status]).join(' ')]))
}

describe('backups audit on the demo fleet with examples/audit-standard.yaml', () => {
  it('gives the pass/fail per control the seed rules imply', async () => {
    const world = localWorld(START)
    const report = await audit(world)
    expect(report.controls).toEqual(['policy.hourly', 'policy.daily', 'policy.weekly', 'policy.monthly', 'continuousBackup', 'copyToAnotherRegion', 'newestSnapshotMaxAge', 'noFailedSnapshotsInLastDays', 'compliancePolicyEnabled'])
    // Columns: HOURLY DAILY WEEKLY MONTHLY PIT COPY RPO FAILED COMPLIANCE. Why, from the seed:
    // - Every dedicated cluster has the seed's default policy (daily 7 days, weekly 4 weeks, monthly 12 months), no copy
    //   setting, and the demo project has no compliance policy: DAILY, WEEKLY, MONTHLY pass, COPY and COMPLIANCE fail.
    // - The hourly item (kept 2 days) is in the default only with continuous backup: every 6 h on Cluster0, every
    //   12 h on NVMe0 (NVMe allows no other), both within the standard's 12 h; their restore window is 2 days, as
    //   required. MultiRegion0 and Sharded0 have no continuous backup: no hourly item, PIT off.
    // - Snapshots fire at 18:00 UTC (daily) and every 6 or 12 hours: at 10:30 the newest is well within 36 h; all
    //   nodes are healthy, so none failed.
    // - Shared0 (M2): Atlas's fixed daily snapshot, 8 kept (8 days >= 7); no hourly, weekly or monthly, no
    //   continuous backup or copies on M2; its daily snapshot is recent. The compliance policy does not cover M2.
    // - Free0 (M0) has no backup at all: every control fails, but compliance, which does not cover it.
    // - Serverless0 (basic): every 6 hours, 2 kept (12 h < 2 days), nothing else; Serverless1 adds daily snapshots
    //   kept 35 days and a fixed 3-day restore window (>= 2). No copies on serverless; compliance does not cover it.
    expect(verdicts(report)).toEqual({
      Cluster0: 'pass pass pass pass pass FAIL pass pass FAIL',
      Free0: 'FAIL FAIL FAIL FAIL FAIL FAIL FAIL FAIL n/a',
      MultiRegion0: 'FAIL pass pass pass FAIL FAIL pass pass FAIL',
      NVMe0: 'pass pass pass pass pass FAIL pass pass FAIL',
      Sharded0: 'FAIL pass pass pass FAIL FAIL pass pass FAIL',
      Shared0: 'FAIL pass FAIL FAIL FAIL FAIL pass pass n/a',
      Serverless0: 'FAIL FAIL FAIL FAIL FAIL FAIL pass pass n/a',
      Serverless1: 'FAIL pass FAIL FAIL pass FAIL pass pass n/a',
    })
    expect(report.passed).toBe(false)
    expect(report.summary).toEqual({deployments: 8, passed: 0, failed: 8, unreadProjects: 0})
    const cluster0 = report.results.find((row) => row.name === 'Cluster0')!
    expect(cluster0.controls.find((c) => c.id === 'copyToAnotherRegion')!.reason).toBe('no copy setting copies snapshots to a region other than the one they are taken in')
    expect(cluster0.controls.find((c) => c.id === 'compliancePolicyEnabled')!.reason).toBe('the project has no Backup Compliance Policy')
    expect(cluster0.controls.find((c) => c.id === 'newestSnapshotMaxAge')!.reason).toBe('newest completed snapshot 4h 29m old (2026-06-15T06:00:12Z)')
    const multi = report.results.find((row) => row.name === 'MultiRegion0')!
    expect(multi.controls[0]!.reason).toBe('the policy has no hourly item (standard: hourly every 12 hours, kept at least 2 days)')
    const serverless0 = report.results.find((row) => row.name === 'Serverless0')!
    expect(serverless0.controls[0]!.reason).toBe('the schedule Atlas fixes for serverless instances: hourly every 6 hours, kept the 2 most recent (12 hours) (standard: hourly every 12 hours, kept at least 2 days)')
    expect(report.results.find((row) => row.name === 'Free0')!.controls[0]!.reason).toBe('M0 clusters have no backup: move to M10 or above')
  })

  it('passes a cluster once it copies to another region and the project has an active compliance policy; fails it while a snapshot fails (rule: no failed snapshot in the last N days)', async () => {
    const world = localWorld(START)
    const schedule = await world.backend.getSchedule(GROUP, 'Cluster0')
    const cluster = await world.backend.getCluster(GROUP, 'Cluster0')
    const zoneId = cluster.replicationSpecs![0]!.zoneId!
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [{cloudProvider: 'AWS', regionName: 'EU_WEST_1', zoneId, frequencies: ['DAILY'], shouldCopyOplogs: false}]})
    expect(schedule.copySettings ?? []).toEqual([])
    await world.backend.updateCompliancePolicy(GROUP, {authorizedEmail: 'sre@example.com', authorizedUserFirstName: 'Ada', authorizedUserLastName: 'Lovelace', scheduledPolicyItems: []})
    const enabling = await audit(world)
    const row = () => enabling.results.find((r) => r.name === 'Cluster0')!
    expect(row().controls.find((c) => c.id === 'copyToAnotherRegion')).toMatchObject({status: 'pass', reason: 'copies to EU_WEST_1'})
    expect(row().controls.find((c) => c.id === 'compliancePolicyEnabled')).toMatchObject({status: 'fail', reason: "the project's Backup Compliance Policy is ENABLING, not yet in force"})

    world.setNow(START + 2 * HOUR_MS)
    const active = await audit(world)
    const cluster0 = active.results.find((r) => r.name === 'Cluster0')!
    expect(cluster0.controls.filter((c) => c.status !== 'pass')).toEqual([])
    expect(cluster0.passed).toBe(true)

    // Every node of Cluster0 down from 12:30: the 18:00 snapshot fails.
    for (const node of listNodes(world.backend, GROUP, 'Cluster0')) setNodeHealth(world.backend, GROUP, node.hostname, false)
    world.setNow(START + 8 * HOUR_MS)
    const failing = (await audit(world)).results.find((r) => r.name === 'Cluster0')!
    expect(failing.controls.find((c) => c.id === 'noFailedSnapshotsInLastDays')).toMatchObject({status: 'fail', reason: '1 failed snapshot in the last 7 days, the newest at 2026-06-15T18:00:00Z'})
    expect(failing.passed).toBe(false)
  })
})
