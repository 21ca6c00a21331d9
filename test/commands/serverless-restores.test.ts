import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {Paginated, ServerlessRestoreJob} from '../../src/lib/domain/types.js'
import {cleanupHomes, expectOneErrorLine, frozenHome, runCli} from '../helpers/cli.js'

/**
 * `serverless backups restores create|list|describe|watch` on the local emulator, its clock frozen and moved by
 * `local clock advance`: a job runs, a frozen clock keeps it from finishing (said at once), it completes once the
 * clock moves; the emulator refuses what Atlas refuses, each as one error line.
 */

afterAll(cleanupHomes)

const LOCAL = {MONGODB_ATLAS_SERVICE: 'local'}
const DEMO_PROJECT = '6955b9008f154ac780ce4a7d'
const TARGET = ['--targetClusterName', 'Serverless0', '--targetProjectId', DEMO_PROJECT]

let home: string
let snapshotId: string
let jobId: string

const cli = (...args: string[]) => runCli(args, {home, env: LOCAL})
const restores = (...args: string[]) => cli('serverless', 'backups', 'restores', ...args)

beforeAll(async () => {
  home = await frozenHome('2026-11-29T10:00:00Z')
  const listed = await cli('serverless', 'backups', 'snapshots', 'list', 'Serverless1', '-o', 'json-path=$.results[0].id')
  expect(listed.code, listed.stderr).toBe(0)
  snapshotId = listed.stdout.trim()
})

describe('serverless backups restores on the local emulator', () => {
  it('create automated: the job as Atlas returns it, aimed at the target; no deprecation note from the emulator', async () => {
    const result = await restores('create', '--deliveryType', 'automated', '--clusterName', 'Serverless1', '--snapshotId', snapshotId, ...TARGET, '--force', '-o', 'json')
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toBe('')
    const job = JSON.parse(result.stdout) as ServerlessRestoreJob
    expect(job).toMatchObject({deliveryType: 'automated', snapshotId, targetClusterName: 'Serverless0', targetGroupId: DEMO_PROJECT, deliveryUrl: [], failed: false})
    expect(job.finishedAt).toBeUndefined()
    jobId = job.id
  })

  it('list and describe show it with the Atlas CLI columns', async () => {
    const list = await restores('list', 'Serverless1')
    expect(list.code, list.stderr).toBe(0)
    expect(list.stdout).toMatch(new RegExp(`^ID +SNAPSHOT +CLUSTER +TYPE +EXPIRES AT\\n${jobId} +${snapshotId} +Serverless0 +automated\\n$`))
    const page = JSON.parse((await restores('ls', 'Serverless1', '-o', 'json')).stdout) as Paginated<ServerlessRestoreJob>
    expect(page.results.map((j) => j.id)).toEqual([jobId])
    const describe = await restores('describe', '--clusterName', 'Serverless1', '--restoreJobId', jobId)
    expect(describe.code, describe.stderr).toBe(0)
    expect(describe.stdout).toMatch(new RegExp(`^ID +SNAPSHOT +CLUSTER +TYPE +EXPIRES AT +URLs\\n${jobId} +${snapshotId} +Serverless0 +automated\\n$`))
  })

  it('watch with the clock frozen: exit 1 at once, saying how to move it; after `local clock advance`, "Restore completed."', async () => {
    expectOneErrorLine(await restores('watch', '--clusterName', 'Serverless1', '--restoreJobId', jobId), 1, /is in progress and cannot finish: the local emulator's clock is frozen.*local clock advance/)
    expect((await cli('local', 'clock', 'advance', '1m')).code).toBe(0)
    const done = await restores('watch', '--clusterName', 'Serverless1', '--restoreJobId', jobId)
    expect(done.code, done.stderr).toBe(0)
    expect(done.stdout).toBe('Restore completed.\n')
    const job = JSON.parse((await restores('get', '--clusterName', 'Serverless1', '--restoreJobId', jobId, '-o', 'json')).stdout) as ServerlessRestoreJob
    expect(job.finishedAt).toBeDefined()
  })

  it('create pointInTime an hour ago: started; a second restore into the same target while it runs: 409, one line', async () => {
    const started = await restores('create', '--deliveryType', 'pointInTime', '--clusterName', 'Serverless1', '--pointInTime', '2026-11-29T09:01:00Z', ...TARGET, '--force')
    expect(started.code, started.stderr).toBe(0)
    expect(started.stdout).toMatch(/^Restore job '[0-9a-f]{24}' successfully started\n$/)
    expectOneErrorLine(await restores('create', '--deliveryType', 'automated', '--clusterName', 'Serverless1', '--snapshotId', snapshotId, ...TARGET, '--force'), 1, /already running.*ATLAS_CLUSTER_RESTORE_IN_PROGRESS/)
  })

  it('a point in time beyond 72 hours, or from an instance without continuous backup: Atlas\'s refusal, one line', async () => {
    expect((await cli('local', 'clock', 'advance', '1m')).code).toBe(0)
    expectOneErrorLine(await restores('create', '--deliveryType', 'pointInTime', '--clusterName', 'Serverless1', '--pointInTime', '2026-11-25T09:00:00Z', ...TARGET, '--force'), 1, /before the restore window.*INVALID_PIT_RESTORE_TIME/)
    expectOneErrorLine(
      await restores('create', '--deliveryType', 'pointInTime', '--clusterName', 'Serverless0', '--pointInTime', '2026-11-29T09:00:00Z', '--targetClusterName', 'Serverless1', '--targetProjectId', DEMO_PROJECT, '--force'),
      1,
      /Continuous Cloud Backup turned off.*NO_CHECKPOINT_FOR_PIT_RESTORE/,
    )
  })
})
