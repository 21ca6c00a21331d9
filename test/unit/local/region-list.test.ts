import {afterAll, describe, expect, it} from 'vitest'

import {endRegionOutage, listRegions, providersOfRegion, readOutages, startRegionOutage} from '../../../src/lib/backends/local/region-outages.js'
import {DamagedRowError, openDatabase, readMeta, writeMeta} from '../../../src/lib/backends/local/store.js'
import type {CopySetting} from '../../../src/lib/domain/types.js'
import {makeTempDir, removeTempDirs} from '../../helpers/temp-dirs.js'
import {GROUP, type LocalWorld, localWorld, zoneOf} from './harness.js'

afterAll(removeTempDirs)

/**
 * `local regions list` and `local regions outage` beyond the basics of region-outages.test.ts: the copy targets a
 * restore during an outage can fall back on, serverless instances left out, the order of the rows, ending one outage
 * of several, and damaged outage lists.
 */

/** Stores copy settings as they are, as an older store may hold them (the PATCH would refuse some of these). */
function storeCopySettings(world: LocalWorld, cluster: string, copySettings: CopySetting[]): void {
  world.backend.transact((s) => {
    const found = s.repo.findCluster(GROUP, cluster)!
    s.repo.saveCluster({...found, schedule: {...found.schedule!, copySettings}})
  })
}

describe('the regions of a project (local regions list)', () => {
  it('names the clusters copying to each region once, in the copy\'s provider, else the cluster\'s; serverless instances have no row', async () => {
    const world = localWorld()
    const zone = await zoneOf(world, 'Cluster0')
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [{cloudProvider: 'AWS', regionName: 'EU_WEST_1', zoneId: zone, frequencies: ['DAILY'], shouldCopyOplogs: false}]})
    const multi = await zoneOf(world, 'MultiRegion0')
    storeCopySettings(world, 'MultiRegion0', [
      {cloudProvider: 'AWS', regionName: 'EU_WEST_1', zoneId: multi, frequencies: ['DAILY'], shouldCopyOplogs: false},
      // The same region again for another zone: the cluster is named once.
      {cloudProvider: 'AWS', regionName: 'EU_WEST_1', zoneId: zone, frequencies: ['DAILY'], shouldCopyOplogs: false},
      // No provider: the cluster's (AWS). No region: no row.
      {regionName: 'AP_SOUTH_1', zoneId: multi, frequencies: ['DAILY'], shouldCopyOplogs: false},
      {cloudProvider: 'AWS', zoneId: multi, frequencies: ['DAILY'], shouldCopyOplogs: false},
      {cloudProvider: 'GCP', regionName: 'CENTRAL_US', zoneId: multi, frequencies: ['DAILY'], shouldCopyOplogs: false},
    ])
    const rows = listRegions(world.backend, GROUP)
    expect(rows.map((r) => `${r.cloudProvider} ${r.regionName} ${r.clusters.join(',')} / ${r.copyTargetOf.join(',')}`)).toEqual([
      'AWS AP_SOUTH_1  / MultiRegion0',
      'AWS EU_WEST_1  / Cluster0,MultiRegion0',
      'AWS US_EAST_1 Cluster0,Free0,MultiRegion0,NVMe0,Sharded0,Shared0 / ',
      'AWS US_EAST_2 MultiRegion0 / ',
      'AWS US_WEST_2 MultiRegion0 / ',
      'GCP CENTRAL_US  / MultiRegion0',
    ])
    await world.backend.close()
  })

  it('lists a region out after the ones in use, in order of provider then region', async () => {
    const world = localWorld()
    startRegionOutage(world.backend, 'AZURE', 'EUROPE_WEST')
    startRegionOutage(world.backend, 'AWS', 'AP_SOUTH_1')
    const rows = listRegions(world.backend, GROUP)
    expect(rows.map((r) => `${r.cloudProvider} ${r.regionName} ${r.status}`)).toEqual([
      'AWS AP_SOUTH_1 outage',
      'AWS US_EAST_1 available',
      'AWS US_EAST_2 available',
      'AWS US_WEST_2 available',
      'AZURE EUROPE_WEST outage',
    ])
    await world.backend.close()
  })
})

describe('region outages (local regions outage)', () => {
  it('ending one outage leaves the others in force', async () => {
    const world = localWorld()
    startRegionOutage(world.backend, 'AWS', 'US_EAST_1')
    startRegionOutage(world.backend, 'AWS', 'US_EAST_2')
    startRegionOutage(world.backend, 'GCP', 'CENTRAL_US')
    endRegionOutage(world.backend, 'AWS', 'US_EAST_2')
    expect(world.backend.transact((s) => readOutages(s.repo.db)).map((o) => `${o.cloudProvider} ${o.regionName}`)).toEqual(['AWS US_EAST_1', 'GCP CENTRAL_US'])
    // Stored under the meta key a store written by an earlier version holds them under, so they survive an upgrade.
    expect(world.backend.transact((s) => readMeta(s.repo.db, 'region_outages'))).toContain('CENTRAL_US')
    await world.backend.close()
  })

  it('a region name may be several providers\' regions', () => {
    expect(providersOfRegion('US_WEST_2')).toEqual(['AWS', 'AZURE', 'GCP'])
    expect(providersOfRegion('AP_SOUTH_1')).toEqual(['AWS'])
    expect(providersOfRegion('NOWHERE_1')).toEqual([])
  })

  it('a list holding null or an outage with a non-text region is damage, named with the first 80 characters of the value', () => {
    const db = openDatabase(makeTempDir('atlas-backups-outages-'))
    try {
      for (const value of ['[null]', '[{"cloudProvider":"AWS","regionName":5,"since":1}]']) {
        writeMeta(db, 'region_outages', value)
        expect(() => readOutages(db), value).toThrow(DamagedRowError)
      }
      const long = `[${'"x",'.repeat(40)}"x"]`
      writeMeta(db, 'region_outages', long)
      expect(() => readOutages(db)).toThrow(`damaged row: the region outages (meta table, region_outages) are ${JSON.stringify(long.slice(0, 80))}, not a list of outages`)
    } finally {
      db.close()
    }
  })
})
