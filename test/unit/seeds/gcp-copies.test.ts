import {describe, expect, test} from 'vitest'

import {createCluster, explainSnapshot} from '../../../src/lib/backends/local/admin.js'
import {explanationText} from '../../../src/lib/cli/views/local.js'
import {DAY_MS} from '../../../src/lib/domain/time.js'
import type {CopySetting, ReplicaSetSnapshot} from '../../../src/lib/domain/types.js'
import {copyKindIn, copySize} from '../../../src/lib/snapshots/copy-size.js'
import {GROUP, type LocalWorld, localWorld, START} from '../local/harness.js'

// The emulator's data set of an M10 cluster (fleet.ts): a full copy holds all of it.
const M10_DATA_BYTES = Math.round(2.5 * 1024 ** 3)

async function copyDaily(world: LocalWorld, cluster: string, target: Pick<CopySetting, 'cloudProvider' | 'regionName'>): Promise<void> {
  const zoneId = (await world.backend.getCluster(GROUP, cluster)).replicationSpecs![0]!.zoneId!
  await world.backend.updateSchedule(GROUP, cluster, {copySettings: [{...target, zoneId, frequencies: ['DAILY'], shouldCopyOplogs: false}]})
}

async function dailySnapshots(world: LocalWorld, cluster: string): Promise<ReplicaSetSnapshot[]> {
  const page = await world.backend.listSnapshots(GROUP, cluster, {itemsPerPage: 500})
  return (page.results as ReplicaSetSnapshot[]).filter((s) => s.frequencyType === 'daily' && (s.copyRegions ?? []).length > 0)
}

// Seed section "Configure Atlas to Automatically Copy Snapshots to Other Regions": snapshots taken in AWS and Azure
// regions are incremental, those taken for GCP are not (higher storage and transfer).
describe('Configure Atlas to Automatically Copy Snapshots to Other Regions', () => {
  test('the rule: AWS and Azure copies are incremental (the snapshot\'s own bytes), GCP copies hold the whole data set', () => {
    expect([copyKindIn('AWS'), copyKindIn('AZURE'), copyKindIn('GCP')]).toEqual(['incremental', 'incremental', 'full'])
    expect(copySize({provider: 'AWS', snapshotBytes: 5, dataSetBytes: 100})).toEqual({kind: 'incremental', sizeBytes: 5})
    expect(copySize({provider: 'AZURE', snapshotBytes: 100, dataSetBytes: 100})).toEqual({kind: 'incremental', sizeBytes: 100})
    expect(copySize({provider: 'GCP', snapshotBytes: 5, dataSetBytes: 100})).toEqual({kind: 'full', sizeBytes: 100})
    // A data set that shrank since: a full copy still holds at least what the snapshot holds.
    expect(copySize({provider: 'GCP', snapshotBytes: 120, dataSetBytes: 100})).toEqual({kind: 'full', sizeBytes: 120})
  })

  test('local backend: a GCP cluster\'s copies are full, an AWS and an Azure cluster\'s are as big as their incremental snapshots', async () => {
    const world = localWorld()
    createCluster(world.backend, GROUP, {name: 'Gcp0', tier: 'M10', provider: 'GCP', regions: [{regionName: 'CENTRAL_US'}]})
    createCluster(world.backend, GROUP, {name: 'Azure0', tier: 'M10', provider: 'AZURE', regions: [{regionName: 'US_EAST_2'}]})
    await copyDaily(world, 'Gcp0', {cloudProvider: 'GCP', regionName: 'WESTERN_US'})
    await copyDaily(world, 'Azure0', {cloudProvider: 'AZURE', regionName: 'US_WEST_2'})
    await copyDaily(world, 'Cluster0', {cloudProvider: 'AWS', regionName: 'US_WEST_2'})
    world.setNow(START + 4 * DAY_MS)

    const gcp = await dailySnapshots(world, 'Gcp0')
    expect(gcp.length).toBeGreaterThanOrEqual(3)
    for (const snapshot of gcp) {
      // The snapshot itself is incremental after the first one; its copy is not.
      const [copy] = explainSnapshot(world.backend, snapshot.id!).copies!
      expect(copy).toMatchObject({cloudProvider: 'GCP', regionName: 'WESTERN_US', copy: 'full', sizeBytes: M10_DATA_BYTES})
      expect(snapshot.copyRegions).toEqual(['WESTERN_US'])
    }
    expect(gcp.some((snapshot) => snapshot.storageSizeBytes! < M10_DATA_BYTES)).toBe(true)
    const gcpText = explanationText(explainSnapshot(world.backend, gcp[0]!.id!))
    expect(gcpText).toMatch(new RegExp(`^Copy in GCP WESTERN_US from \\S+Z: full copy, ${M10_DATA_BYTES} bytes \\(copies on Google Cloud are not incremental\\)$`, 'm'))

    for (const [cluster, provider, region] of [['Azure0', 'AZURE', 'US_WEST_2'], ['Cluster0', 'AWS', 'US_WEST_2']] as const) {
      const snapshots = await dailySnapshots(world, cluster)
      expect(snapshots.length, cluster).toBeGreaterThanOrEqual(3)
      const sizes = snapshots.map((snapshot) => {
        const [copy] = explainSnapshot(world.backend, snapshot.id!).copies!
        expect(copy, cluster).toMatchObject({cloudProvider: provider, regionName: region, copy: 'incremental', sizeBytes: snapshot.storageSizeBytes})
        return copy!.sizeBytes
      })
      const text = explanationText(explainSnapshot(world.backend, snapshots[0]!.id!))
      expect(text, cluster).toContain(`: incremental copy, ${sizes[0]} bytes (copies in ${provider === 'AWS' ? 'AWS' : 'Azure'} regions are incremental)`)
      // Newest first: only a new cluster's first snapshot (Azure0's) is a full one, and so is its copy.
      for (const size of sizes.slice(0, -1)) expect(size, cluster).toBeLessThan(M10_DATA_BYTES)
    }
    // A snapshot without copies (the setting copies daily ones) explains none.
    const hourly = (await world.backend.listSnapshots(GROUP, 'Cluster0')).results.find((s) => s.frequencyType === 'hourly')!
    expect(explainSnapshot(world.backend, hourly.id!)).not.toHaveProperty('copies')
    await world.backend.close()
  })
})
