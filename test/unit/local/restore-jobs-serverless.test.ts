import {describe, expect, test} from 'vitest'

import type {ServerlessSnapshot, Snapshot} from '../../../src/lib/domain/types.js'
import {isoText} from '../../helpers/values.js'
import {atlasError, GROUP, localWorld, START, type LocalWorld} from './harness.js'

/**
 * Serverless restore jobs in the local backend (rule 83): by snapshot or to a point within the last 72 hours, into a
 * serverless instance or a dedicated cluster, never downloaded. Serverless1 has Serverless Continuous Backup,
 * Serverless0 does not. Demo world at START (2026-06-15T10:30Z).
 */

const BASE = 'http://127.0.0.1:8080'
const HOUR = 3600 * 1000

async function newestServerlessSnapshot(world: LocalWorld, name = 'Serverless1'): Promise<ServerlessSnapshot> {
  const page = await world.backend.listServerlessSnapshots(GROUP, name, {itemsPerPage: 500})
  return page.results.find((snapshot) => snapshot.status === 'completed')!
}

function into(target: string, fields: Record<string, unknown>) {
  return {targetClusterName: target, targetGroupId: GROUP, ...fields} as {deliveryType: 'automated'; targetClusterName: string; targetGroupId: string}
}

describe('serverless restore jobs', () => {
  test('restore a snapshot into another serverless instance: no components, links under the instance', async () => {
    const world = localWorld()
    const snapshot = await newestServerlessSnapshot(world)
    const job = await world.backend.createServerlessRestoreJob(GROUP, 'Serverless1', into('Serverless0', {deliveryType: 'automated', snapshotId: snapshot.id}))
    const owner = `${BASE}/api/atlas/v2/groups/${GROUP}/serverless/Serverless1`
    expect(job).toMatchObject({deliveryType: 'automated', deliveryUrl: [], snapshotId: snapshot.id, targetClusterName: 'Serverless0', timestamp: snapshot.createdAt})
    expect(job).not.toHaveProperty('components')
    expect(job.links?.map((link) => link.href)).toEqual([`${owner}/backup/restoreJobs/${job.id}`, `${owner}/backup/snapshots/${snapshot.id}`, owner, `${BASE}/api/atlas/v2/groups/${GROUP}`])
    expect(await world.backend.getServerlessRestoreJob(GROUP, 'Serverless1', job.id)).toEqual(job)
    expect(await world.backend.listServerlessRestoreJobs(GROUP, 'Serverless1')).toMatchObject({results: [job], totalCount: 1})
    const target = world.backend.transact((s) => s.repo.findCluster(GROUP, 'Serverless0')!)
    expect(target.state.restoringUntil).toBe(START + 15_000)
    // The cluster API does not know a serverless instance.
    expect(await atlasError(world.backend.getRestoreJob(GROUP, 'Serverless1', job.id))).toMatchObject({status: 404, errorCode: 'CLUSTER_NOT_FOUND'})
    await world.backend.close()
  })

  test('a serverless snapshot goes to a dedicated cluster too; a dedicated snapshot never into a serverless instance', async () => {
    const world = localWorld()
    const snapshot = await newestServerlessSnapshot(world)
    const job = await world.backend.createServerlessRestoreJob(GROUP, 'Serverless1', into('MultiRegion0', {deliveryType: 'automated', snapshotId: snapshot.id}))
    expect(job.targetClusterName).toBe('MultiRegion0')
    const dedicated = (await world.backend.listSnapshots(GROUP, 'Cluster0')).results.find((s: Snapshot) => s.status === 'completed')!
    const refused = await atlasError(
      world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'automated', snapshotId: dedicated.id, targetClusterName: 'Serverless0', targetGroupId: GROUP}),
    )
    expect(refused).toMatchObject({status: 403, errorCode: 'CANNOT_RESTORE_TO_TARGET', parameters: ['Serverless0']})
    await world.backend.close()
  })

  test('no download (rule 83)', async () => {
    const world = localWorld()
    const snapshot = await newestServerlessSnapshot(world)
    const refused = await atlasError(world.backend.createServerlessRestoreJob(GROUP, 'Serverless1', into('', {deliveryType: 'download', snapshotId: snapshot.id, targetClusterName: 'Serverless0'})))
    expect(refused).toMatchObject({status: 403, errorCode: 'FEATURE_UNSUPPORTED'})
    expect((await world.backend.listServerlessRestoreJobs(GROUP, 'Serverless1')).totalCount).toBe(0)
    await world.backend.close()
  })

  test('a point in time within the last 72 hours is restored; one older, or by oplog entry, is refused (rules 63, 83)', async () => {
    const world = localWorld()
    const inside = START - 71 * HOUR
    const job = await world.backend.createServerlessRestoreJob(GROUP, 'Serverless1', into('Serverless0', {deliveryType: 'pointInTime', pointInTimeUTCSeconds: inside / 1000}))
    expect(job.desiredTimestamp).toEqual({increment: null, time: inside / 1000, date: isoText(inside)})

    const outside = START - 73 * HOUR
    const refused = await atlasError(world.backend.createServerlessRestoreJob(GROUP, 'Serverless1', into('MultiRegion0', {deliveryType: 'pointInTime', pointInTimeUTCSeconds: outside / 1000})))
    expect(refused).toMatchObject({status: 400, errorCode: 'INVALID_PIT_RESTORE_TIME'})
    expect(refused.detail).toContain('before the restore window')
    const byOplog = await atlasError(world.backend.createServerlessRestoreJob(GROUP, 'Serverless1', into('MultiRegion0', {deliveryType: 'pointInTime', oplogTs: inside / 1000, oplogInc: 1})))
    expect(byOplog).toMatchObject({status: 400, errorCode: 'INVALID_ATTRIBUTE', parameters: ['oplogTs']})
    await world.backend.close()
  })

  test('an instance without Serverless Continuous Backup has no point in time to restore (rule 70)', async () => {
    const world = localWorld()
    const refused = await atlasError(world.backend.createServerlessRestoreJob(GROUP, 'Serverless0', into('MultiRegion0', {deliveryType: 'pointInTime', pointInTimeUTCSeconds: (START - HOUR) / 1000})))
    expect(refused).toMatchObject({status: 409, errorCode: 'NO_CHECKPOINT_FOR_PIT_RESTORE'})
    await world.backend.close()
  })

  test('the restore window of a serverless instance is 72 hours, and empty without Serverless Continuous Backup', async () => {
    const world = localWorld()
    const window = await world.backend.restoreWindow(GROUP, 'Serverless1')
    expect(window).toMatchObject({from: START - 72 * HOUR, to: START, ranges: [{from: START - 72 * HOUR, to: START}], gaps: []})
    const basic = await world.backend.restoreWindow(GROUP, 'Serverless0')
    expect(basic).toMatchObject({from: START - 72 * HOUR, to: START, ranges: [], gaps: [{from: START - 72 * HOUR, to: START, reason: 'continuousBackupOff'}]})
    expect(basic.snapshots.length).toBeGreaterThan(0)
    await world.backend.close()
  })
})
