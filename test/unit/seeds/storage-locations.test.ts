import {describe, expect, test} from 'vitest'

import {createCluster, explainSnapshot} from '../../../src/lib/backends/local/admin.js'
import {explanationText} from '../../../src/lib/cli/views/local.js'
import {DAY_MS} from '../../../src/lib/domain/time.js'
import type {CloudProvider} from '../../../src/lib/domain/types.js'
import {REGIONS} from '../../../src/lib/tiers/catalog.js'
import {REGION_LOCATIONS, sharedTierStorageLocation} from '../../../src/lib/snapshots/storage-location.js'
import {GROUP, localWorld, START} from '../local/harness.js'

// Seed section "Backup Snapshot Storage Locations": where Atlas stores M2/M5 snapshots, by cluster location.
describe('Backup Snapshot Storage Locations', () => {
  test.each([
    // Australia → Australia, Germany → Germany, Hong Kong → Australia, India/Singapore/Taiwan → Asia, USA → USA.
    ['AWS', 'AP_SOUTHEAST_2', 'Australia', 'Australia'],
    ['AZURE', 'AUSTRALIA_EAST', 'Australia', 'Australia'],
    ['AWS', 'EU_CENTRAL_1', 'Germany', 'Germany'],
    ['GCP', 'EUROPE_WEST_3', 'Germany', 'Germany'],
    ['AWS', 'AP_EAST_1', 'Hong Kong', 'Australia'],
    ['GCP', 'ASIA_EAST_2', 'Hong Kong', 'Australia'],
    ['AWS', 'AP_SOUTH_1', 'India', 'Asia'],
    ['AZURE', 'ASIA_SOUTH_EAST', 'Singapore', 'Asia'],
    ['GCP', 'EASTERN_ASIA_PACIFIC', 'Taiwan', 'Asia'],
    ['AWS', 'US_EAST_1', 'USA', 'USA'],
    ['GCP', 'CENTRAL_US_AW', 'USA', 'USA'],
    ['azure', 'us_west_2', 'USA', 'USA'],
  ] as const)('%s %s is in %s: stored in %s', (provider, region, clusterLocation, location) => {
    expect(sharedTierStorageLocation(provider.toUpperCase() as CloudProvider, region)).toEqual({location, clusterLocation})
  })

  test.each([
    ['AWS', 'EU_WEST_1'],
    ['AWS', 'AP_NORTHEAST_1'],
    ['AZURE', 'UK_SOUTH'],
    ['GCP', 'ASIA_SOUTHEAST_2'],
    ['GCP', 'SOUTH_AMERICA_EAST_1'],
  ] as const)('any other cluster location (%s %s) is stored in Ireland', (provider, region) => {
    expect(sharedTierStorageLocation(provider, region)).toEqual({location: 'Ireland'})
  })

  test('the table names only regions the emulator knows, and every known region has a location', () => {
    for (const provider of Object.keys(REGIONS) as CloudProvider[]) {
      for (const region of Object.keys(REGION_LOCATIONS[provider])) expect(REGIONS[provider], `${provider} ${region}`).toContain(region)
      for (const region of REGIONS[provider]) expect(['Asia', 'Australia', 'Germany', 'Ireland', 'USA']).toContain(sharedTierStorageLocation(provider, region).location)
    }
  })

  test('local backend: explain shows where each M2/M5 snapshot is stored; the Atlas API JSON carries no such field', async () => {
    const world = localWorld()
    createCluster(world.backend, GROUP, {name: 'HongKong0', tier: 'M5', provider: 'AWS', regions: [{regionName: 'AP_EAST_1'}]})
    world.setNow(START + 3 * DAY_MS)
    const page = await world.backend.listSnapshots(GROUP, 'HongKong0')
    expect(page.results.length).toBeGreaterThanOrEqual(2)
    expect(explanationText(explainSnapshot(world.backend, page.results[0]!.id!)).split('\n').at(-1)).toBe(
      'Stored in Australia: Atlas keeps the M2/M5 snapshots of clusters in Hong Kong there (the cluster was in AP_EAST_1)',
    )
    for (const snapshot of page.results) {
      expect(explainSnapshot(world.backend, snapshot.id!).storageLocation).toEqual({location: 'Australia', regionName: 'AP_EAST_1', clusterLocation: 'Hong Kong'})
      expect(JSON.stringify(await world.backend.getSnapshot(GROUP, 'HongKong0', snapshot.id!))).not.toMatch(/storage(Location)?"|Australia|sharedTier/)
    }
    // The demo M2 cluster is in US_EAST_1; a dedicated cluster's snapshots are stored in its own regions, so no line.
    const shared = (await world.backend.listSnapshots(GROUP, 'Shared0')).results[0]!
    expect(explainSnapshot(world.backend, shared.id!).storageLocation).toEqual({location: 'USA', regionName: 'US_EAST_1', clusterLocation: 'USA'})
    const dedicated = (await world.backend.listSnapshots(GROUP, 'Cluster0')).results[0]!
    expect(explainSnapshot(world.backend, dedicated.id!)).not.toHaveProperty('storageLocation')
    expect(explanationText(explainSnapshot(world.backend, dedicated.id!))).not.toContain('Stored in')
    // Any other location: Ireland, and the line says why.
    createCluster(world.backend, GROUP, {name: 'Tokyo0', tier: 'M2', provider: 'AWS', regions: [{regionName: 'AP_NORTHEAST_1'}]})
    world.setNow(START + 5 * DAY_MS)
    const tokyo = (await world.backend.listSnapshots(GROUP, 'Tokyo0')).results[0]!
    expect(explanationText(explainSnapshot(world.backend, tokyo.id!))).toContain(
      'Stored in Ireland: Atlas keeps the M2/M5 snapshots of clusters outside Australia, Germany, Hong Kong, India, Singapore, Taiwan and the USA there (the cluster was in AP_NORTHEAST_1)',
    )
    await world.backend.close()
  })
})
