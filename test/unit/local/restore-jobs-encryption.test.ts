import {describe, expect, test} from 'vitest'

import {createCluster} from '../../../src/lib/backends/local/admin.js'
import {updateCluster} from '../../../src/lib/backends/local/cluster-changes.js'
import {masterKeyUuid} from '../../../src/lib/backends/local/fleet.js'
import type {Snapshot} from '../../../src/lib/domain/types.js'
import {MAX_ACTIVE_DOWNLOADS_PER_PROJECT} from '../../../src/lib/restores/index.js'
import {atlasError, GROUP, localWorld, type LocalWorld} from './harness.js'

/**
 * Encryption at rest with customer key management in the emulator (rules 52, 75, 76), and the per-project limit on
 * active downloads: in-process on a fresh demo world at START (2026-06-15T10:30Z) with a hand-moved clock.
 */

const SECOND = 1000
/** An on-demand snapshot is queued 3 s, then in progress 9 s. */
const SNAPSHOT_DONE = 12 * SECOND
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

async function completedSnapshots(world: LocalWorld, clusterName = 'Cluster0'): Promise<Snapshot[]> {
  const page = await world.backend.listSnapshots(GROUP, clusterName, {itemsPerPage: 500})
  return page.results.filter((snapshot) => snapshot.status === 'completed')
}

/** Turns Cluster0's customer key on and takes an on-demand snapshot under it, completed when this returns. */
async function encryptedSnapshot(world: LocalWorld, provider: 'AWS' | 'AZURE' | 'GCP' = 'AWS'): Promise<Snapshot> {
  updateCluster(world.backend, GROUP, 'Cluster0', {encryptionAtRestProvider: provider})
  const taken = await world.backend.takeSnapshot(GROUP, 'Cluster0', {description: 'encrypted', retentionInDays: 1})
  world.setNow(world.now() + SNAPSHOT_DONE)
  return world.backend.getSnapshot(GROUP, 'Cluster0', taken.id)
}

function automated(snapshotId: string, target: string) {
  return {deliveryType: 'automated' as const, snapshotId, targetClusterName: target, targetGroupId: GROUP}
}

describe('rule 52: masterKeyUUID on snapshots taken with a customer key', () => {
  test('appears only on snapshots taken while the key is on, and the cluster shows its provider', async () => {
    const world = localWorld()
    const [before] = await completedSnapshots(world)
    expect(before).not.toHaveProperty('masterKeyUUID')
    expect((await world.backend.getCluster(GROUP, 'Cluster0')).encryptionAtRestProvider).toBe('NONE')

    const encrypted = await encryptedSnapshot(world)
    expect(encrypted.masterKeyUUID).toBe(masterKeyUuid(GROUP, 'AWS'))
    expect(encrypted.masterKeyUUID).toMatch(UUID)
    expect((await world.backend.getCluster(GROUP, 'Cluster0')).encryptionAtRestProvider).toBe('AWS')
    // The earlier snapshot keeps how it was taken.
    expect(await world.backend.getSnapshot(GROUP, 'Cluster0', before!.id)).not.toHaveProperty('masterKeyUUID')

    updateCluster(world.backend, GROUP, 'Cluster0', {encryptionAtRestProvider: 'NONE'})
    const plain = await world.backend.takeSnapshot(GROUP, 'Cluster0', {description: 'plain', retentionInDays: 1})
    expect(plain).not.toHaveProperty('masterKeyUUID')
    expect((await world.backend.getSnapshot(GROUP, 'Cluster0', encrypted.id)).masterKeyUUID).toBe(encrypted.masterKeyUUID)
    await world.backend.close()
  })

  test('a change of provider reports its effect; the same provider again changes nothing; tenant clusters are refused', async () => {
    const world = localWorld()
    const result = updateCluster(world.backend, GROUP, 'Cluster0', {encryptionAtRestProvider: 'GCP'})
    expect(result.changes).toEqual([{setting: 'encryptionAtRestProvider', from: 'NONE', to: 'GCP', effects: [{kind: 'snapshotEncryption', detail: expect.stringContaining(masterKeyUuid(GROUP, 'GCP'))}]}])
    expect(updateCluster(world.backend, GROUP, 'Cluster0', {encryptionAtRestProvider: 'GCP'})).toMatchObject({changes: [], unchanged: ['encryptionAtRestProvider']})
    createCluster(world.backend, GROUP, {name: 'Tiny0', tier: 'M5'})
    expect(() => updateCluster(world.backend, GROUP, 'Tiny0', {encryptionAtRestProvider: 'AWS'})).toThrow(/dedicated clusters/)
    await world.backend.close()
  })
})

describe('rule 76: no download of a customer-key snapshot', () => {
  test('an unencrypted snapshot downloads; a customer-key one is refused with CANNOT_DOWNLOAD_SNAPSHOT_WITH_ENCRYPTION 400', async () => {
    const world = localWorld()
    const [plain] = await completedSnapshots(world)
    const encrypted = await encryptedSnapshot(world)
    expect((await world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'download', snapshotId: plain!.id})).snapshotId).toBe(plain!.id)
    expect(await atlasError(world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'download', snapshotId: encrypted.id}))).toMatchObject({
      status: 400,
      errorCode: 'CANNOT_DOWNLOAD_SNAPSHOT_WITH_ENCRYPTION',
      parameters: [encrypted.id],
    })
    await world.backend.close()
  })
})

describe("rule 75: a customer-key snapshot restores only into a target encrypted with the same provider", () => {
  test('accepted into an AWS-encrypted target, refused into an unencrypted or AZURE one with INVALID_SNAPSHOT_RESTORE_ENCRYPTION 400', async () => {
    const world = localWorld()
    createCluster(world.backend, GROUP, {name: 'Plain0', tier: 'M10'})
    createCluster(world.backend, GROUP, {name: 'Azure0', tier: 'M10', encryptionAtRestProvider: 'AZURE'})
    createCluster(world.backend, GROUP, {name: 'Vault0', tier: 'M10', encryptionAtRestProvider: 'AWS'})
    const encrypted = await encryptedSnapshot(world, 'AWS')
    for (const target of ['Plain0', 'Azure0']) {
      expect(await atlasError(world.backend.createRestoreJob(GROUP, 'Cluster0', automated(encrypted.id, target)))).toMatchObject({
        status: 400,
        errorCode: 'INVALID_SNAPSHOT_RESTORE_ENCRYPTION',
        parameters: [encrypted.id, target],
      })
    }
    expect((await world.backend.createRestoreJob(GROUP, 'Cluster0', automated(encrypted.id, 'Vault0'))).targetClusterName).toBe('Vault0')
    await world.backend.close()
  })

  test('an unencrypted snapshot restores into an encrypted target', async () => {
    const world = localWorld()
    createCluster(world.backend, GROUP, {name: 'Vault0', tier: 'M10', encryptionAtRestProvider: 'GCP'})
    const [plain] = await completedSnapshots(world)
    expect((await world.backend.createRestoreJob(GROUP, 'Cluster0', automated(plain!.id, 'Vault0'))).targetClusterName).toBe('Vault0')
    await world.backend.close()
  })
})

describe("rule 76: a project's active downloads are limited", () => {
  test(`the project's clusters together hold ${MAX_ACTIVE_DOWNLOADS_PER_PROJECT}; one more is refused with TOO_MANY_SNAPSHOT_DOWNLOADS 400 until one is cancelled`, async () => {
    const world = localWorld()
    const cluster0 = await completedSnapshots(world)
    const others = await completedSnapshots(world, 'MultiRegion0')
    expect(cluster0.length).toBeGreaterThanOrEqual(MAX_ACTIVE_DOWNLOADS_PER_PROJECT - 1)
    expect(others.length).toBeGreaterThanOrEqual(1)
    const jobs = []
    for (const snapshot of cluster0.slice(0, MAX_ACTIVE_DOWNLOADS_PER_PROJECT - 1)) {
      jobs.push(await world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'download', snapshotId: snapshot.id}))
    }
    // The last one allowed comes from another cluster of the project: the limit counts them all, so Cluster0's next
    // download is refused though Cluster0 holds fewer.
    await world.backend.createRestoreJob(GROUP, 'MultiRegion0', {deliveryType: 'download', snapshotId: others[0]!.id})
    const spare = cluster0[MAX_ACTIVE_DOWNLOADS_PER_PROJECT - 1]
    expect(spare).toBeDefined()
    expect(await atlasError(world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'download', snapshotId: spare!.id}))).toMatchObject({
      status: 400,
      errorCode: 'TOO_MANY_SNAPSHOT_DOWNLOADS',
      parameters: [GROUP],
    })
    // A cancelled download no longer counts.
    await world.backend.cancelRestoreJob(GROUP, 'Cluster0', jobs[0]!.id)
    expect((await world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'download', snapshotId: spare!.id})).snapshotId).toBe(spare!.id)
    await world.backend.close()
  })
})
