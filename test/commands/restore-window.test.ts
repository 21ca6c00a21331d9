import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {RestoreWindowReport} from '../../src/lib/cli/restore-window.js'
import {cleanupHomes, expectOneErrorLine, frozenHome, runCli, type CliResult} from '../helpers/cli.js'

/**
 * `backups restores window` on the local emulator after a scripted history of one cluster: created with continuous
 * backup on, continuous backup turned off and on again, an oplog rollover leaving a hole, and a restore into it. The
 * window must name each gap with its cause, and the ranges must fall exactly between them.
 */

afterAll(cleanupHomes)

const LOCAL = {MONGODB_ATLAS_SERVICE: 'local'}
const DEMO_PROJECT = '6955b9008f154ac780ce4a7d'

let home: string
let report: RestoreWindowReport
let text: CliResult

const cli = (...args: string[]) => runCli(args, {home, env: LOCAL})

async function ok(...args: string[]): Promise<string> {
  const result = await cli(...args)
  expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0)
  return result.stdout.trim()
}

beforeAll(async () => {
  home = await frozenHome('2026-11-20T00:00:00Z')
  await ok('local', 'clusters', 'create', 'Pit0', '--continuousBackup')
  await ok('local', 'clock', 'advance', '2d')
  // 2026-11-22T00:00: continuous backup off deletes all the oplog kept so far; on again six hours later.
  await ok('local', 'clusters', 'update', 'Pit0', '--noContinuousBackup')
  await ok('local', 'clock', 'advance', '6h')
  await ok('local', 'clusters', 'update', 'Pit0', '--continuousBackup')
  await ok('local', 'clock', 'advance', '3h30m')
  await ok('local', 'clusters', 'oplog-rollover', 'Pit0', '--from', '2026-11-22T09:00:00Z', '--effect', 'hole')
  await ok('local', 'clock', 'advance', '30m')
  // 2026-11-22T10:00: a snapshot of Cluster0 restored into Pit0; Pit0's next snapshot is at 12:00:12.
  const snapshotId = await ok('backups', 'snapshots', 'list', 'Cluster0', '-o', 'json-path=$.results[0].id')
  await ok('backups', 'restores', 'start', 'automated', '--clusterName', 'Cluster0', '--snapshotId', snapshotId, '--targetClusterName', 'Pit0', '--targetProjectId', DEMO_PROJECT, '--force')
  await ok('local', 'clock', 'advance', '4h')
  const json = await cli('backups', 'restores', 'window', 'Pit0', '-o', 'json')
  expect(json.code, json.stderr).toBe(0)
  expect(json.stderr).toBe('')
  report = JSON.parse(json.stdout) as RestoreWindowReport
  text = await cli('backups', 'restores', 'window', 'Pit0')
})

describe('backups restores window (local emulator, rules 63–65)', () => {
  it('the window: restoreWindowDays back from now, from the oplog history, nothing assumed', () => {
    expect(report).toMatchObject({clusterName: 'Pit0', basis: 'oplogHistory', continuousBackup: true, restoreWindowDays: 2, from: '2026-11-20T14:00:00Z', to: '2026-11-22T14:00:00Z', assumptions: []})
  })

  it('each gap with its cause, oldest first', () => {
    expect(report.gaps.map(({from, to, reason}) => [from, to, reason])).toEqual([
      ['2026-11-20T14:00:00Z', '2026-11-22T06:00:00Z', 'continuousBackupOff'],
      // On again at 06:00; the first snapshot of the new stretch is at 06:00:12.
      ['2026-11-22T06:00:00Z', '2026-11-22T06:00:12Z', 'noSnapshotBefore'],
      ['2026-11-22T09:00:00Z', '2026-11-22T09:30:00Z', 'oplogRollover'],
      // After the hole, no snapshot in the new stretch before the restore began.
      ['2026-11-22T09:30:00Z', '2026-11-22T10:00:00Z', 'noSnapshotBefore'],
      ['2026-11-22T10:00:00Z', '2026-11-22T12:00:12Z', 'restoreBlackout'],
    ])
    expect(report.gaps[0]!.why).toMatch(/Continuous Cloud Backup was off/)
    expect(report.gaps[2]!.why).toMatch(/rolled over/)
    expect(report.gaps[4]).toMatchObject({durationSeconds: 2 * 3600 + 12, why: expect.stringMatching(/start of a restore/)})
  })

  it('the restorable ranges fall exactly between the gaps', () => {
    expect(report.ranges).toEqual([
      {from: '2026-11-22T06:00:12Z', to: '2026-11-22T09:00:00Z', durationSeconds: 3 * 3600 - 12},
      {from: '2026-11-22T12:00:12Z', to: '2026-11-22T14:00:00Z', durationSeconds: 2 * 3600 - 12},
    ])
  })

  it('the snapshots a restore can use, oldest first', () => {
    const times = report.snapshots.map((s) => s.createdAt)
    expect(times).toEqual([...times].sort())
    expect(times).toContain('2026-11-22T06:00:12Z')
    expect(times.at(-1)).toBe('2026-11-22T12:00:12Z')
    expect(report.snapshots.every((s) => /^[0-9a-f]{24}$/.test(s.id))).toBe(true)
  })

  it('text: the heading, then ranges, gaps with their durations and reasons, snapshots', () => {
    expect(text.code, text.stderr).toBe(0)
    const lines = text.stdout.split('\n')
    expect(lines[0]).toBe('Restore window of Pit0: 2026-11-20T14:00:00Z to 2026-11-22T14:00:00Z (2 days); continuous backup on.')
    expect(text.stdout).toMatch(/^RESTORABLE FROM +TO +DURATION\n2026-11-22T06:00:12Z +2026-11-22T09:00:00Z +2h59m48s\n2026-11-22T12:00:12Z +2026-11-22T14:00:00Z +1h59m48s$/m)
    expect(text.stdout).toMatch(/^2026-11-20T14:00:00Z +2026-11-22T06:00:00Z +1d16h +Continuous Cloud Backup was off/m)
    expect(text.stdout).toMatch(/^2026-11-22T09:00:00Z +2026-11-22T09:30:00Z +30m +the oplog rolled over before backup collected it$/m)
    expect(text.stdout).toMatch(/^SNAPSHOT ID +CREATED AT$/m)
  })

  it('refusals: an unknown cluster, an M0 cluster (no backup), a missing name', async () => {
    expectOneErrorLine(await cli('backups', 'restores', 'window', 'Nope'), 1, /No cluster named Nope.*CLUSTER_NOT_FOUND/)
    expectOneErrorLine(await cli('backups', 'restores', 'window', 'Free0'), 1, /M0 free cluster.*PROVIDER_BACKUP_NOT_SUPPORTED/)
    const missing = await cli('backups', 'restore', 'window')
    expect(missing.code).toBe(2)
    expect(missing.stdout).toBe('')
  })
})
