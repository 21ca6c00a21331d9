import {describe, expect, test} from 'vitest'

import {copyRegionEdits, copyZoneOf, editCopySettings, parseCopyRegionFlag} from '../../../src/lib/cli/copy-region-flags.js'
import {UsageError} from '../../../src/lib/cli/errors.js'
import type {BackupSchedule, ClusterDescription} from '../../../src/lib/domain/types.js'

/** The flag form of copy settings: parsing, cross-checks, the zone, and the copySettings a PATCH carries. */

const ZONE = '6a7940000000000000000001'
const OTHER_ZONE = '6a7940000000000000000002'

describe('parseCopyRegionFlag', () => {
  test('region, frequencies in any case (ondemand and on_demand), optional :oplog; duplicates folded', () => {
    expect(parseCopyRegionFlag('us_west_2:Daily,WEEKLY')).toEqual({regionName: 'US_WEST_2', frequencies: ['DAILY', 'WEEKLY'], shouldCopyOplogs: false})
    expect(parseCopyRegionFlag(' EU_WEST_1 : ondemand , on_demand , hourly : OPLOG ')).toEqual({regionName: 'EU_WEST_1', frequencies: ['ON_DEMAND', 'HOURLY'], shouldCopyOplogs: true})
  })

  test.each([
    ['US_WEST_2', /expected a region, its frequencies/],
    ['US_WEST_2:', /expected a region, its frequencies/],
    ['US_WEST_2:daily:oplog:x', /expected a region, its frequencies/],
    ['US_WEST_2:daily,', /"" is not a snapshot frequency/],
    ['US_WEST_2:ondemand:copy', /"copy" is not a copy option/],
    ['us-west-2:daily', /does not name a region/],
    [':daily', /does not name a region/],
  ])('refuses %s', (text, message) => {
    expect(() => parseCopyRegionFlag(text)).toThrow(UsageError)
    expect(() => parseCopyRegionFlag(text)).toThrow(message)
  })
})

describe('copyRegionEdits', () => {
  test('collects the edits, removals upper-cased', () => {
    expect(copyRegionEdits({copyRegion: ['US_WEST_2:daily'], removeCopyRegion: ['eu_west_1'], deleteCopiedBackups: true, zoneId: ZONE})).toEqual({
      put: [{regionName: 'US_WEST_2', frequencies: ['DAILY'], shouldCopyOplogs: false}],
      remove: ['EU_WEST_1'],
      deleteCopiedBackups: true,
      zoneId: ZONE,
    })
    expect(copyRegionEdits({})).toEqual({put: [], remove: [], deleteCopiedBackups: false, zoneId: undefined})
  })

  test('refuses a region twice, --deleteCopiedBackups without a removal, a bad or idle --zoneId', () => {
    expect(() => copyRegionEdits({copyRegion: ['US_WEST_2:daily', 'us_west_2:weekly']})).toThrow(/US_WEST_2 is given more than once/)
    expect(() => copyRegionEdits({copyRegion: ['US_WEST_2:daily'], deleteCopiedBackups: true})).toThrow(/--deleteCopiedBackups/)
    expect(() => copyRegionEdits({copyRegion: ['US_WEST_2:daily'], zoneId: 'z'})).toThrow(/--zoneId "z" must be 24 hexadecimal/)
    expect(() => copyRegionEdits({zoneId: ZONE})).toThrow(/--zoneId says which zone/)
  })
})

describe('copyZoneOf', () => {
  const spec = (zoneId: string, zoneName: string, regions: Array<[string, string, number]>) => ({
    zoneId,
    zoneName,
    regionConfigs: regions.map(([providerName, regionName, priority]) => ({providerName: providerName as 'AWS', regionName, priority})),
  })

  test('the only zone, with its highest-priority region\'s provider (a tenant\'s backing provider)', () => {
    const cluster: ClusterDescription = {name: 'C', replicationSpecs: [spec(ZONE, 'Zone 1', [['GCP', 'CENTRAL_US', 6], ['AWS', 'US_EAST_1', 7]]), spec(ZONE, 'Zone 1', [])]}
    expect(copyZoneOf(cluster, undefined)).toEqual({zoneId: ZONE, provider: 'AWS'})
    const tenant: ClusterDescription = {name: 'T', replicationSpecs: [{zoneId: ZONE, regionConfigs: [{providerName: 'TENANT', backingProviderName: 'AZURE', regionName: 'US_EAST_2', priority: 7}]}]}
    expect(copyZoneOf(tenant, undefined)).toEqual({zoneId: ZONE, provider: 'AZURE'})
  })

  test('several zones need --zoneId; a zone the cluster lacks, or none at all, is refused', () => {
    const global: ClusterDescription = {name: 'G', replicationSpecs: [spec(ZONE, 'Americas', [['AWS', 'US_EAST_1', 7]]), spec(OTHER_ZONE, 'Europe', [['GCP', 'WESTERN_EUROPE', 7]])]}
    expect(() => copyZoneOf(global, undefined)).toThrow(`G has 2 zones`)
    expect(copyZoneOf(global, OTHER_ZONE)).toEqual({zoneId: OTHER_ZONE, provider: 'GCP'})
    expect(() => copyZoneOf(global, '6a7940000000000000000003')).toThrow(/is not a zone of G/)
    expect(() => copyZoneOf({name: 'S', replicationSpecs: []}, undefined)).toThrow(/reports no zone/)
  })
})

describe('editCopySettings', () => {
  const zone = {zoneId: ZONE, provider: 'AWS' as const}
  const current: BackupSchedule = {
    policies: [],
    copySettings: [
      {cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId: ZONE, frequencies: ['DAILY'], shouldCopyOplogs: true},
      {cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId: OTHER_ZONE, frequencies: ['WEEKLY'], shouldCopyOplogs: false},
      {cloudProvider: 'AWS', regionName: 'EU_WEST_1', zoneId: ZONE, frequencies: ['HOURLY'], shouldCopyOplogs: false},
    ],
  }
  const edits = (over: Partial<ReturnType<typeof copyRegionEdits>>) => ({put: [], remove: [], deleteCopiedBackups: false, ...over})

  test('replaces a region\'s setting in its zone only, in place; adds a new one at the end', () => {
    const patch = editCopySettings(current, edits({put: [{regionName: 'US_WEST_2', frequencies: ['MONTHLY'], shouldCopyOplogs: false}, {regionName: 'AP_SOUTH_1', frequencies: ['DAILY'], shouldCopyOplogs: true}]}), zone)
    expect(patch).toEqual({
      copySettings: [
        {cloudProvider: 'AWS', frequencies: ['MONTHLY'], regionName: 'US_WEST_2', shouldCopyOplogs: false, zoneId: ZONE},
        current.copySettings![1],
        current.copySettings![2],
        {cloudProvider: 'AWS', frequencies: ['DAILY'], regionName: 'AP_SOUTH_1', shouldCopyOplogs: true, zoneId: ZONE},
      ],
    })
  })

  test('removes a region of the zone, with deleteCopiedBackups when asked; the current schedule is not changed', () => {
    const before = structuredClone(current)
    expect(editCopySettings(current, edits({remove: ['US_WEST_2']}), zone)).toEqual({copySettings: [current.copySettings![1], current.copySettings![2]]})
    expect(editCopySettings(current, edits({remove: ['EU_WEST_1'], deleteCopiedBackups: true}), zone)).toEqual({
      copySettings: [current.copySettings![0], current.copySettings![1]],
      deleteCopiedBackups: [{cloudProvider: 'AWS', regionName: 'EU_WEST_1', zoneId: ZONE}],
    })
    expect(current).toEqual(before)
  })

  test('removing a region the zone does not copy to is refused, naming the zone\'s copy regions', () => {
    expect(() => editCopySettings(current, edits({remove: ['AP_SOUTH_1']}), zone)).toThrow(`AP_SOUTH_1 is not a copy region of zone ${ZONE}`)
    expect(() => editCopySettings({policies: []}, edits({remove: ['AP_SOUTH_1']}), zone)).toThrow(UsageError)
  })
})
