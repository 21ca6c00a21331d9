import {describe, expect, test} from 'vitest'

import {cutCoverageAt} from '../../../src/lib/backends/local/coverage-catch-up.js'
import type {ClusterWithSchedule} from '../../../src/lib/backends/local/repository.js'
import {coverageAfter} from '../../../src/lib/restores/index.js'
import {iso, isoText} from '../../helpers/values.js'
import {atlasError, GROUP, localWorld, START, type LocalWorld} from './harness.js'

/**
 * Continuous backup coverage in the local backend's catch-up, and what it does to point-in-time restores and the
 * restore window (rules 63–65): a scripted history on the demo world from START (2026-06-15T10:30Z), whose NVMe0
 * cluster (Continuous Cloud Backup on, restore window 2 days) takes a snapshot at 06:00 and 18:00 UTC.
 */

const SECOND = 1000
const HOUR = 3600 * SECOND
const DAY = 24 * HOUR
/** NVMe0's next scheduled snapshot after START completes 12 s after 18:00. */
const NEXT_NVME_SNAPSHOT = iso('2026-06-15T18:00:12Z')

function storedCluster(world: LocalWorld, name: string): ClusterWithSchedule {
  return world.backend.transact((s) => s.repo.findCluster(GROUP, name)!)
}

async function restoreCluster0Into(world: LocalWorld, target: string): Promise<string> {
  const page = await world.backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 500})
  const snapshot = page.results.find((s) => s.status === 'completed')!
  const job = await world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'automated', snapshotId: snapshot.id, targetClusterName: target, targetGroupId: GROUP})
  return job.id
}

function pitInto(target: string, at: number) {
  return {deliveryType: 'pointInTime' as const, pointInTimeUTCSeconds: at / 1000, targetClusterName: target, targetGroupId: GROUP}
}

describe('the restore window after a restore', () => {
  test('shows the blackout from the restore to the first snapshot completed after it, then collection again (rule 65)', async () => {
    const world = localWorld()
    const before = await world.backend.restoreWindow(GROUP, 'NVMe0')
    expect(before).toMatchObject({from: START - 2 * DAY, to: START, ranges: [{from: START - 2 * DAY, to: START}], gaps: []})

    await restoreCluster0Into(world, 'NVMe0')
    world.setNow(iso('2026-06-15T20:00:00Z'))
    const after = await world.backend.restoreWindow(GROUP, 'NVMe0')
    expect(after.ranges).toEqual([
      {from: after.from, to: START},
      {from: NEXT_NVME_SNAPSHOT, to: after.to},
    ])
    expect(after.gaps).toEqual([{from: START, to: NEXT_NVME_SNAPSHOT, reason: 'restoreBlackout'}])
    expect(after.snapshots.at(-1)?.createdAt).toBe(NEXT_NVME_SNAPSHOT)

    const coverage = storedCluster(world, 'NVMe0').state.coverage!
    expect(coverage.blackoutSince).toBeNull()
    expect(coverage.collectingSince).toBe(NEXT_NVME_SNAPSHOT)
    expect(coverage.lost).toContainEqual({from: START, to: NEXT_NVME_SNAPSHOT, reason: 'restoreBlackout'})
    await world.backend.close()
  })

  test('a snapshot requested while the restore runs does not end the blackout; the next one does', async () => {
    const world = localWorld()
    await restoreCluster0Into(world, 'NVMe0')
    world.setNow(START + 5 * SECOND)
    await world.backend.takeSnapshot(GROUP, 'NVMe0', {retentionInDays: 1})
    world.setNow(START + 20 * SECOND)
    await world.backend.getCluster(GROUP, 'NVMe0')
    expect(storedCluster(world, 'NVMe0').state.coverage?.blackoutSince, 'the snapshot requested at +5 s completed at +17 s').toBe(START)
    await world.backend.takeSnapshot(GROUP, 'NVMe0', {retentionInDays: 1})
    world.setNow(START + 40 * SECOND)
    await world.backend.getCluster(GROUP, 'NVMe0')
    const coverage = storedCluster(world, 'NVMe0').state.coverage!
    expect(coverage.blackoutSince).toBeNull()
    expect(coverage.collectingSince).toBe(START + 32 * SECOND)
    await world.backend.close()
  })

  test('a point in time inside the blackout is refused; one after the next snapshot is restored from it', async () => {
    const world = localWorld()
    await restoreCluster0Into(world, 'NVMe0')
    world.setNow(iso('2026-06-15T20:00:00Z'))
    const refused = await atlasError(world.backend.createRestoreJob(GROUP, 'NVMe0', pitInto('MultiRegion0', iso('2026-06-15T12:00:00Z'))))
    expect(refused).toMatchObject({status: 400, errorCode: 'INVALID_PIT_RESTORE_TIME'})
    expect(refused.detail).toContain('between the start of a restore and the first snapshot completed after it')

    const at = iso('2026-06-15T19:00:00Z')
    const job = await world.backend.createRestoreJob(GROUP, 'NVMe0', pitInto('MultiRegion0', at))
    expect(job).toMatchObject({
      deliveryType: 'pointInTime',
      desiredTimestamp: {increment: null, time: at / 1000, date: isoText(at)},
      pointInTimeUTCSeconds: at / 1000,
      timestamp: isoText(NEXT_NVME_SNAPSHOT),
      targetClusterName: 'MultiRegion0',
    })
    expect(storedCluster(world, 'MultiRegion0').state.restoredFrom).toMatchObject({clusterName: 'NVMe0', snapshotId: job.snapshotId, pointInTime: at})
    await world.backend.close()
  })

  test('a point in time named by oplog entry keeps its ordinal; a cluster without Continuous Cloud Backup is refused (rule 70)', async () => {
    const world = localWorld()
    const at = START - HOUR
    const job = await world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'pointInTime', oplogTs: at / 1000, oplogInc: 3, targetClusterName: 'MultiRegion0', targetGroupId: GROUP})
    expect(job).toMatchObject({desiredTimestamp: {increment: 3, time: at / 1000, date: isoText(at)}, oplogTs: at / 1000, oplogInc: 3})
    expect(job).not.toHaveProperty('pointInTimeUTCSeconds')
    expect(await atlasError(world.backend.createRestoreJob(GROUP, 'MultiRegion0', pitInto('NVMe0', at)))).toMatchObject({status: 409, errorCode: 'NO_CHECKPOINT_FOR_PIT_RESTORE'})
    await world.backend.close()
  })

  test('oplog older than the window is deleted from the stored coverage as the clock moves on', async () => {
    const world = localWorld()
    await restoreCluster0Into(world, 'NVMe0')
    world.setNow(START + 3 * DAY)
    await world.backend.getCluster(GROUP, 'NVMe0')
    const coverage = storedCluster(world, 'NVMe0').state.coverage!
    expect(coverage.trimmedBefore).toBe(START + DAY)
    expect(coverage.stretches, 'the stretch before the restore ended before the window').toEqual([])
    expect(coverage.lost, 'so did the blackout').toEqual([])
    expect(coverage.collectingSince).toBe(NEXT_NVME_SNAPSHOT)
    await world.backend.close()
  })
})

describe('moving the clock back', () => {
  test('forgets a restore started later: the job, the target being restored and its blackout', async () => {
    const world = localWorld()
    const coverageBefore = (await world.backend.restoreWindow(GROUP, 'NVMe0'), storedCluster(world, 'NVMe0').state.coverage)
    const jobId = await restoreCluster0Into(world, 'NVMe0')
    world.setNow(START - HOUR)
    expect((await world.backend.listRestoreJobs(GROUP, 'Cluster0')).totalCount).toBe(0)
    await world.backend.getCluster(GROUP, 'NVMe0')
    const target = storedCluster(world, 'NVMe0')
    expect(target.state.restoringUntil).toBeUndefined()
    expect(target.state.restoredFrom).toBeUndefined()
    expect(target.state.coverage).toMatchObject({blackoutSince: null, collectingSince: coverageBefore!.collectingSince, lost: []})

    world.setNow(START + HOUR)
    expect(await atlasError(world.backend.getRestoreJob(GROUP, 'Cluster0', jobId))).toMatchObject({errorCode: 'RESTORE_JOB_NOT_FOUND'})
    await world.backend.close()
  })

  test('keeps a restore that had started by then, still running, with its blackout open', async () => {
    const world = localWorld()
    await restoreCluster0Into(world, 'NVMe0')
    world.setNow(iso('2026-06-15T20:00:00Z'))
    await world.backend.getCluster(GROUP, 'NVMe0')
    world.setNow(START + 5 * SECOND)
    await world.backend.getCluster(GROUP, 'NVMe0')
    const target = storedCluster(world, 'NVMe0')
    expect(target.state.restoringUntil).toBe(START + 15 * SECOND)
    expect(target.state.coverage).toMatchObject({blackoutSince: START, collectingSince: null})
    expect(target.state.coverage?.lost.filter((l) => l.reason === 'restoreBlackout')).toEqual([])
    expect((await world.backend.listRestoreJobs(GROUP, 'Cluster0')).totalCount).toBe(1)
    await world.backend.close()
  })
})

describe('cutCoverageAt: the coverage as it stood at an earlier instant', () => {
  const T = iso('2026-06-01T00:00:00Z')
  const history = coverageAfter([
    {kind: 'continuousBackupOn', at: T},
    {kind: 'restoreStarted', at: T + 10 * HOUR},
    {kind: 'snapshotCompleted', at: T + 20 * HOUR},
  ])

  test('before the restore: collecting since it was turned on, no blackout', () => {
    expect(cutCoverageAt(history, T + 5 * HOUR)).toEqual({enabled: true, stretches: [], collectingSince: T, blackoutSince: null, lost: [], trimmedBefore: null})
  })

  test('inside the blackout: the blackout is open again, collection stopped at the restore', () => {
    expect(cutCoverageAt(history, T + 15 * HOUR)).toEqual({
      enabled: true,
      stretches: [{from: T, to: T + 10 * HOUR}],
      collectingSince: null,
      blackoutSince: T + 10 * HOUR,
      lost: [],
      trimmedBefore: null,
    })
  })

  test('after the snapshot that closed the blackout: nothing to undo', () => {
    expect(cutCoverageAt(history, T + 30 * HOUR)).toEqual(history)
  })

  test('oplog lost to a rollover does not come back; collection goes on from the new now', () => {
    const rolled = coverageAfter([{kind: 'continuousBackupOn', at: T}, {kind: 'oplogRollover', from: T + 2 * HOUR, to: T + 4 * HOUR}])
    const cut = cutCoverageAt(rolled, T + 3 * HOUR)
    expect(cut.stretches).toEqual([])
    expect(cut.collectingSince).toBe(T + 3 * HOUR)
    expect(cut.lost).toEqual([{from: T, to: T + 3 * HOUR, reason: 'oplogRollover'}])
  })
})
