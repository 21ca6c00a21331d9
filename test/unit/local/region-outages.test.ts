import {afterAll, describe, expect, it} from 'vitest'

import {endRegionOutage, listRegions, readOutages, startRegionOutage} from '../../../src/lib/backends/local/region-outages.js'
import {DamagedRowError, openDatabase, writeMeta} from '../../../src/lib/backends/local/store.js'
import {makeTempDir, removeTempDirs} from '../../helpers/temp-dirs.js'
import {GROUP, localWorld, START} from './harness.js'

afterAll(removeTempDirs)

describe('simulated region outages (meta table)', () => {
  it('start at the virtual now, hold for the whole store, and end', () => {
    const world = localWorld()
    const started = startRegionOutage(world.backend, 'AWS', 'US_EAST_1')
    expect(started).toEqual({started: true, outage: {cloudProvider: 'AWS', regionName: 'US_EAST_1', since: '2026-06-15T10:30:00Z'}})
    world.setNow(START + 3_600_000)
    // Starting it again keeps its start.
    expect(startRegionOutage(world.backend, 'AWS', 'US_EAST_1')).toEqual({...started, started: false})
    expect(world.backend.transact((s) => readOutages(s.repo.db))).toEqual([{cloudProvider: 'AWS', regionName: 'US_EAST_1', since: START}])
    expect(endRegionOutage(world.backend, 'AWS', 'US_EAST_1')).toEqual(started.outage)
    expect(endRegionOutage(world.backend, 'AWS', 'US_EAST_1')).toBeUndefined()
    expect(world.backend.transact((s) => readOutages(s.repo.db))).toEqual([])
  })

  it('an outage is a provider\'s region: AWS US_WEST_2 out leaves AZURE US_WEST_2 up', () => {
    const world = localWorld()
    startRegionOutage(world.backend, 'AWS', 'US_WEST_2')
    expect(endRegionOutage(world.backend, 'AZURE', 'US_WEST_2')).toBeUndefined()
    expect(world.backend.transact((s) => readOutages(s.repo.db)).map((o) => o.cloudProvider)).toEqual(['AWS'])
  })

  it('lists the regions of the project\'s clusters, with the ones out', () => {
    const world = localWorld()
    startRegionOutage(world.backend, 'AWS', 'US_EAST_2')
    startRegionOutage(world.backend, 'GCP', 'CENTRAL_US')
    const rows = listRegions(world.backend, GROUP)
    expect(rows.map((r) => `${r.cloudProvider} ${r.regionName} ${r.status}`)).toEqual(['AWS US_EAST_1 available', 'AWS US_EAST_2 outage', 'AWS US_WEST_2 available', 'GCP CENTRAL_US outage'])
    expect(rows[1]).toMatchObject({clusters: ['MultiRegion0'], outageSince: '2026-06-15T10:30:00Z', copyTargetOf: []})
  })

  it('a damaged outage list is reported as damage, never read as "no outage"', () => {
    const db = openDatabase(makeTempDir('atlas-backups-outages-'))
    try {
      for (const value of ['not json', '{"cloudProvider":"AWS"}', '[{"cloudProvider":"AWS","regionName":"US_EAST_1"}]', '[{"cloudProvider":"IBM","regionName":"X","since":1}]']) {
        writeMeta(db, 'region_outages', value)
        expect(() => readOutages(db), value).toThrow(DamagedRowError)
      }
      writeMeta(db, 'region_outages', '')
      expect(readOutages(db)).toEqual([])
    } finally {
      db.close()
    }
  })
})
