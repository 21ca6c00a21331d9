import {existsSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {afterAll, describe, expect, it} from 'vitest'

import type {SchedulePlanView} from '../../src/lib/cli/views/schedule-plan.js'
import {cleanupHomes, expectOneErrorLine, frozenHome, makeHome, runCli, storeBytes} from '../helpers/cli.js'

afterAll(cleanupHomes)

const LOCAL = {MONGODB_ATLAS_SERVICE: 'local'}

describe('backups schedule plan', () => {
  it('plans a cluster on the emulator at its frozen clock (JSON), then as text; a bad flag exits 2 and changes nothing', async () => {
    // Wednesday 2026-06-10 12:00 UTC. The demo Cluster0 has the seed default with continuous backup: hourly every
    // 6 h kept 2 days, daily kept 7 days, weekly Saturday kept 4 weeks, monthly last day kept 12 months, at 18:00.
    const home = await frozenHome('2026-06-10T12:00:00Z')
    const json = await runCli(['backups', 'schedule', 'plan', 'Cluster0', '--next', '3', '--dataSizeGB', '1', '-o', 'json'], {home, env: LOCAL})
    expect(json.code, json.stderr).toBe(0)
    const plan = JSON.parse(json.stdout) as SchedulePlanView
    expect(plan).toMatchObject({clusterName: 'Cluster0', source: 'cluster', now: '2026-06-10T12:00:00Z', pitEnabled: true, restoreWindowDays: 2})
    expect(plan.nextSnapshots.map((s) => [s.scheduledAt, s.frequencyType, s.expiresAt])).toEqual([
      ['2026-06-10T18:00:00Z', 'daily', '2026-06-17T18:00:00Z'],
      ['2026-06-11T00:00:00Z', 'hourly', '2026-06-13T00:00:00Z'],
      ['2026-06-11T06:00:00Z', 'hourly', '2026-06-13T06:00:00Z'],
    ])
    // By hand: 8 six-hourly instants in 2 days less the two 18:00 ones the daily item owns; 7 dailies less Saturday
    // Jun 6; Saturdays May 16–Jun 6; month ends Jun 2025–May 2026.
    expect(plan.steadyState.items.map((i) => [i.frequencyType, i.retainedSnapshots])).toEqual([['hourly', 6], ['daily', 6], ['weekly', 4], ['monthly', 12]])
    expect(plan.steadyState.items.every((i) => typeof i.id === 'string')).toBe(true)
    expect(plan.steadyState).toMatchObject({totalSnapshots: 28, oldestRestorablePoint: '2025-06-30T18:00:00Z'})
    expect(plan.rpo).toEqual({
      applies: 'continuousBackup',
      withoutContinuousBackup: {worstGapSeconds: 31 * 86_400, from: '2025-06-30T18:00:00Z', to: '2025-07-31T18:00:00Z'},
      withContinuousBackup: {
        withinRestoreWindowSeconds: 0,
        restoreWindowStart: '2026-06-08T12:00:00Z',
        worstGapBeforeRestoreWindow: {worstGapSeconds: 31 * 86_400, from: '2025-06-30T18:00:00Z', to: '2025-07-31T18:00:00Z'},
      },
    })
    // Storage, by hand over the 28 kept points: the oldest is a full copy; the 10 gaps between month ends and the
    // 16 days Apr 30 → May 16 each change more than the whole data set (0.5 %/h), so they cost a full copy each;
    // then May 16 → 23 → 30 (84 % each), May 30 → 31 (12 %), May 31 → Jun 3 (36 %), five single days to Jun 8
    // (12 % each) and seven 6-hour steps to Jun 10 12:00 (3 % each): 12 + 2.97 = 14.97 copies.
    expect(plan.storageEstimate?.dataSizeBytes).toBe(1024 ** 3)
    expect(Math.abs(plan.storageEstimate!.estimatedBytes - 14.97 * 1024 ** 3)).toBeLessThan(32)
    expect(plan.storageEstimate?.assumptions).toMatch(/^An estimate, not Atlas's figure/)

    const text = await runCli(['backups', 'schedule', 'plan', 'Cluster0'], {home, env: LOCAL})
    expect(text.code, text.stderr).toBe(0)
    expect(text.stderr).toBe('')
    expect(text.stdout).toMatch(/^Next snapshots after 2026-06-10T12:00:00Z:$/m)
    expect(text.stdout).toMatch(/^SCHEDULED AT\s+POLICY ITEM\s+EXPIRES AT$/m)
    expect(text.stdout.match(/^2026-\d\d-\d\dT\d\d:00:00Z {2,}/gm)).toHaveLength(10)
    expect(text.stdout).toMatch(/^Estimated number of snapshots: 28$/m)
    expect(text.stdout).toMatch(/^Oldest restorable point: 2025-06-30T18:00:00Z$/m)
    expect(text.stdout).toMatch(/^Worst gap with continuous backup: 0 within the 2-day restore window .* \(applies\)$/m)

    const before = storeBytes(home)
    const bad = await runCli(['backups', 'schedule', 'plan', 'Cluster0', '--pit'], {home, env: LOCAL})
    expectOneErrorLine(bad, 2, /--pit describes a schedule file's cluster/)
    expect(storeBytes(home).equals(before)).toBe(true)
  })

  it('plans a file offline: no store opened, the same counts whatever the day (one Saturday in any 7 days)', async () => {
    const home = makeHome()
    const file = join(home, 'schedule.json')
    writeFileSync(file, JSON.stringify({
      referenceHourOfDay: 3,
      restoreWindowDays: 1,
      policies: [{policyItems: [
        {frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7},
        {frequencyType: 'weekly', frequencyInterval: 6, retentionUnit: 'weeks', retentionValue: 4},
      ]}],
    }))
    const result = await runCli(['backups', 'schedule', 'plan', '-f', file, '--tier', 'M30', '--next', '2', '-o', 'json'], {home, env: {}})
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toBe('')
    expect(existsSync(join(home, 'local.db'))).toBe(false)
    const plan = JSON.parse(result.stdout) as SchedulePlanView
    expect(plan).toMatchObject({source: 'file', pitEnabled: false, restoreWindowDays: 1, rpo: {applies: 'snapshotsOnly'}})
    expect(plan.nextSnapshots).toHaveLength(2)
    expect(plan.nextSnapshots.every((s) => s.scheduledAt.endsWith('T03:00:00Z'))).toBe(true)
    expect(plan.steadyState.items.map((i) => i.retainedSnapshots)).toEqual([6, 4])
    expect(plan.steadyState.totalSnapshots).toBe(10)
    // Four weekly snapshots a week apart reach back further than the dailies: the worst gap is a week.
    expect(plan.rpo.withoutContinuousBackup?.worstGapSeconds).toBe(7 * 86_400)
  })
})
