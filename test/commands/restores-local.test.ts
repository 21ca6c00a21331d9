import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {DEMO_PROJECT_ID} from '../../src/lib/backends/local/fleet.js'
import {cleanupHomes, expectOneErrorLine, frozenHome, runCli, type CliResult} from '../helpers/cli.js'

/**
 * `backups restores …` on the local emulator, spawned as a user runs them, with the clock frozen at noon so that
 * only `local clock advance` moves the jobs: an automated restore from Cluster0 into a new Cluster1 watched to its
 * end, a download watched until its URL is there and then cancelled, a point-in-time restore to an hour ago, and the
 * emulator's refusals as one line each.
 */

const NOON = '2026-11-30T12:00:00Z'
const ENV = {MONGODB_ATLAS_SERVICE: 'local'}
const SLOW = 90_000

let home: string
let snapshotId: string
let automatedId: string
let downloadId: string

function cli(...args: string[]): Promise<CliResult> {
  return runCli(args, {home, env: ENV})
}

async function ok(...args: string[]): Promise<string> {
  const result = await cli(...args)
  expect(result.code, result.stderr).toBe(0)
  return result.stdout
}

interface Job {
  id: string
  deliveryType: string
  snapshotId?: string
  targetClusterName?: string
  targetGroupId?: string
  deliveryUrl?: string[]
  cancelled?: boolean
  finishedAt?: string
}

beforeAll(async () => {
  home = await frozenHome(NOON)
  const page = JSON.parse(await ok('backups', 'snapshots', 'list', 'Cluster0', '-o', 'json')) as {results: Array<{id: string; status: string}>}
  snapshotId = page.results.find((s) => s.status === 'completed')!.id
  await ok('local', 'clusters', 'create', 'Cluster1')
}, SLOW)

afterAll(cleanupHomes)

describe('backups restores on the local emulator (clock frozen)', () => {
  it('start automated into Cluster1: the job as JSON; watch refuses to wait on a frozen clock, then completes once it moves', async () => {
    const started = JSON.parse(
      await ok('backups', 'restores', 'start', 'automated', '--clusterName', 'Cluster0', '--snapshotId', snapshotId, '--targetClusterName', 'Cluster1', '--targetProjectId', DEMO_PROJECT_ID, '--force', '-o', 'json'),
    ) as Job
    expect(started).toMatchObject({deliveryType: 'automated', snapshotId, targetClusterName: 'Cluster1', targetGroupId: DEMO_PROJECT_ID, cancelled: false, deliveryUrl: []})
    expect(started.finishedAt).toBeUndefined()
    automatedId = started.id

    const frozen = await cli('backups', 'restores', 'watch', automatedId, '--clusterName', 'Cluster0')
    expectOneErrorLine(frozen, 1, new RegExp(`restore job ${automatedId} is in progress and cannot finish: the local emulator's clock is frozen at ${NOON}.*local clock advance`))

    await ok('local', 'clock', 'advance', '1m')
    const watched = await cli('backups', 'restores', 'watch', automatedId, '--clusterName', 'Cluster0')
    expect(watched.code, watched.stderr).toBe(0)
    expect(watched.stdout).toBe('Restore completed.\n')
    expect(watched.stderr).toBe(`restore job ${automatedId}: completed\n`)
  }, SLOW)

  it('start download, watch until its URL is there (printed under the completion line), then cancel it', async () => {
    const started = await ok('backups', 'restores', 'start', 'download', '--clusterName', 'Cluster0', '--snapshotId', snapshotId)
    downloadId = /^Restore job '([0-9a-f]{24})' successfully started\n$/.exec(started)![1]!
    await ok('local', 'clock', 'advance', '30s')
    const watched = await ok('backups', 'restores', 'watch', downloadId, '--clusterName', 'Cluster0')
    expect(watched).toMatch(new RegExp(`^Restore completed\\.\\nhttp://\\S+/local/downloads/${downloadId}/\\S+\\.tar\\.gz\\n$`))

    expect(await ok('backups', 'restores', 'cancel', downloadId, '--clusterName', 'Cluster0')).toBe(`Restore job '${downloadId}' cancelled\n`)
    const described = JSON.parse(await ok('backups', 'restores', 'describe', downloadId, '--clusterName', 'Cluster0', '-o', 'json')) as Job
    expect(described).toMatchObject({id: downloadId, deliveryType: 'download', cancelled: true})
  }, SLOW)

  it('list: both jobs, newest first, with the Atlas CLI columns; describe: the automated job\'s row', async () => {
    const page = JSON.parse(await ok('backups', 'restores', 'list', 'Cluster0', '-o', 'json')) as {results: Job[]; totalCount: number}
    expect(page.totalCount).toBe(2)
    expect(page.results.map((job) => job.id)).toEqual([downloadId, automatedId])

    const rows = (await ok('backups', 'restores', 'list', 'Cluster0')).trimEnd().split('\n').map((line) => line.split(/ {3,}/))
    expect(rows[0]).toEqual(['ID', 'SNAPSHOT', 'CLUSTER', 'TYPE', 'EXPIRES AT'])
    expect(rows[2]).toEqual([automatedId, snapshotId, 'Cluster1', 'automated'])

    const described = (await ok('backups', 'restores', 'describe', automatedId, '--clusterName', 'Cluster0')).trimEnd().split('\n')
    expect(described[1]!.split(/ {3,}/)).toEqual([automatedId, snapshotId, 'Cluster1', 'automated'])
  }, SLOW)

  it('Atlas\'s refusals, one line each: cancelling an automated restore, an unknown job', async () => {
    expectOneErrorLine(await cli('backups', 'restores', 'cancel', automatedId, '--clusterName', 'Cluster0'), 1, /cannot be cancelled: only download jobs can \(CANNOT_CANCEL_AUTOMATED_RESTORE\)/)
    expectOneErrorLine(await cli('backups', 'restores', 'describe', 'ffffffffffffffffffffffff', '--clusterName', 'Cluster0'), 1, /RESTORE_JOB_NOT_FOUND.*backups restores list Cluster0/)
  }, SLOW)

  it('start pointInTime to an hour ago with --pointInTime: the job names the moment, and watch completes it', async () => {
    const started = JSON.parse(
      await ok('backups', 'restores', 'start', 'pointInTime', '--clusterName', 'Cluster0', '--pointInTime', '2026-11-30T11:01:30Z', '--targetClusterName', 'Cluster1', '--targetProjectId', DEMO_PROJECT_ID, '--force', '-o', 'json'),
    ) as Job & {pointInTimeUTCSeconds?: number}
    expect(started).toMatchObject({deliveryType: 'pointInTime', targetClusterName: 'Cluster1', pointInTimeUTCSeconds: Date.parse('2026-11-30T11:01:30Z') / 1000})
    await ok('local', 'clock', 'advance', '1m')
    expect(await ok('backups', 'restores', 'watch', started.id, '--clusterName', 'Cluster0', '-o', 'json')).toContain('"finishedAt"')
  }, SLOW)
})
