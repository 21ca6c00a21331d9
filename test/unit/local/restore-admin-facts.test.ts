import {describe, expect, test} from 'vitest'

import {continuousBackupOf, createCluster, listFleet} from '../../../src/lib/backends/local/admin.js'
import {masterKeyUuid} from '../../../src/lib/backends/local/fleet.js'
import {toIso} from '../../../src/lib/domain/time.js'
import {GROUP, localWorld, START} from './harness.js'

/**
 * What the `local …` admin views and the restore look-ups read from the store, in-process on a fresh demo world at
 * START (2026-06-15T10:30Z): the content a point-in-time restore wrote over its target, whether Continuous Cloud
 * Backup is on, the customer keys, and which snapshots count as completed for a restore (a failed one never does).
 */

const HOUR = 3_600_000

describe('local clusters list after a point-in-time restore', () => {
  test('names the instant the target now holds, and the job that wrote it', async () => {
    const world = localWorld()
    const at = START - 2 * HOUR
    const job = await world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'pointInTime', pointInTimeUTCSeconds: at / 1000, targetClusterName: 'MultiRegion0', targetGroupId: GROUP})
    const target = listFleet(world.backend, GROUP).find((cluster) => cluster.name === 'MultiRegion0')!
    expect(target.restoredFrom).toEqual({
      restoreJobId: job.id,
      projectId: GROUP,
      clusterName: 'Cluster0',
      snapshotId: job.snapshotId,
      pointInTime: toIso(at),
      finishesAt: toIso(START + 15_000),
      running: true,
    })
    await world.backend.close()
  })
})

describe('the facts a restore command reads', () => {
  test('continuous backup is on where the cluster has it, off where it has not', async () => {
    const world = localWorld()
    expect(continuousBackupOf(world.backend, GROUP, 'Cluster0')).toBe(true)
    expect(continuousBackupOf(world.backend, GROUP, 'Serverless1')).toBe(true)
    expect(continuousBackupOf(world.backend, GROUP, 'MultiRegion0')).toBe(false)
    await world.backend.close()
  })

  test('a cluster created with encryption at rest NONE stores no provider, and one with AWS stores it', async () => {
    const world = localWorld()
    createCluster(world.backend, GROUP, {name: 'Plain0', tier: 'M10', encryptionAtRestProvider: 'NONE'})
    createCluster(world.backend, GROUP, {name: 'Keyed0', tier: 'M10', encryptionAtRestProvider: 'AWS'})
    const spec = (name: string) => world.backend.transact((s) => s.repo.findCluster(GROUP, name)!.spec)
    expect(spec('Plain0')).not.toHaveProperty('encryptionAtRestProvider')
    expect(spec('Keyed0').encryptionAtRestProvider).toBe('AWS')
    await world.backend.close()
  })

  test('a customer master key is one per project and provider', () => {
    const other = '0123456789abcdef01234567'
    const keys = [masterKeyUuid(GROUP, 'AWS'), masterKeyUuid(GROUP, 'AZURE'), masterKeyUuid(GROUP, 'GCP'), masterKeyUuid(other, 'AWS')]
    expect(new Set(keys).size).toBe(4)
    expect(masterKeyUuid(GROUP, 'AWS')).toBe(keys[0])
  })

  test('a failed snapshot is never the completion a restore replays from or that ends a blackout', async () => {
    const world = localWorld()
    world.backend.transact((s) => {
      const cluster = s.cluster(GROUP, 'Cluster0')
      const records = s.repo.snapshotsOf(cluster.id).filter((record) => !record.failed && record.finishesAt <= START)
      const newest = records.reduce((a, b) => (a.requestedAt > b.requestedAt ? a : b))
      const failed = {...newest, id: 'ffffffffffffffffffffffff', requestedAt: newest.requestedAt + 1, startedAt: newest.startedAt + 1, finishesAt: newest.finishesAt + 1, failed: true}
      s.repo.insertSnapshot(cluster.id, failed)
      expect(s.repo.lastCompletedBefore(cluster.id, failed.finishesAt + 1)?.id).toBe(newest.id)
      // Requested after the newest one, the failed one is the only candidate: none completed.
      expect(s.repo.firstCompletionFrom(cluster.id, failed.requestedAt, failed.finishesAt)).toBeUndefined()
      expect(s.repo.firstCompletionFrom(cluster.id, newest.requestedAt, failed.finishesAt)).toBe(newest.finishesAt)
    })
    await world.backend.close()
  })
})
