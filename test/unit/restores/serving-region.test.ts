import {describe, expect, test} from 'vitest'

import {AtlasApiError} from '../../../src/lib/domain/errors.js'
import {findServingRegion, servingRegion, type ServingRegionFacts} from '../../../src/lib/restores/index.js'

/** Which region serves a restore during a simulated outage: the pure rule, over facts. */

const EAST = {cloudProvider: 'AWS' as const, regionName: 'US_EAST_1'}
const WEST = {cloudProvider: 'AWS' as const, regionName: 'US_WEST_2'}
const EU = {cloudProvider: 'AWS' as const, regionName: 'EU_WEST_1'}

function facts(over: Partial<ServingRegionFacts> = {}): ServingRegionFacts {
  return {snapshotId: '0123456789abcdef01234567', clusterName: 'C', home: EAST, copies: [WEST, EU], outages: [EAST], oplogCopies: [], ...over}
}

describe('servingRegion', () => {
  test('its own region while that is up, even with copies', () => {
    expect(servingRegion(facts({outages: []}))).toEqual({region: EAST, fromCopy: false})
    expect(servingRegion(facts({outages: [WEST]}))).toEqual({region: EAST, fromCopy: false})
  })

  test('the first copy in a region that is up', () => {
    expect(servingRegion(facts())).toEqual({region: WEST, fromCopy: true})
    expect(servingRegion(facts({outages: [EAST, WEST]}))).toEqual({region: EU, fromCopy: true})
  })

  test('an outage is a provider\'s: Azure US_WEST_2 out leaves the AWS copy there usable', () => {
    expect(servingRegion(facts({outages: [EAST, {cloudProvider: 'AZURE', regionName: 'US_WEST_2'}]}))).toEqual({region: WEST, fromCopy: true})
  })

  test('a point in time needs a copy region holding the oplog over the whole replay, an open span reaching now', () => {
    const oplog = {from: 1000, to: 5000}
    expect(findServingRegion(facts({oplog, oplogCopies: [{...WEST, from: 1001}]}))).toBeUndefined()
    expect(findServingRegion(facts({oplog, oplogCopies: [{...WEST, from: 0, to: 4999}]}))).toBeUndefined()
    expect(findServingRegion(facts({oplog, oplogCopies: [{...EU, from: 0}]}))).toEqual({region: EU, fromCopy: true})
    expect(findServingRegion(facts({oplog, oplogCopies: [{...WEST, from: 1000, to: 5000}]}))).toEqual({region: WEST, fromCopy: true})
  })

  test('refusals: 409 SNAPSHOT_REGION_UNAVAILABLE naming why', () => {
    const refusal = (over: Partial<ServingRegionFacts>) => {
      try {
        servingRegion(facts(over))
      } catch (error) {
        expect(error).toBeInstanceOf(AtlasApiError)
        expect((error as AtlasApiError).status).toBe(409)
        expect((error as AtlasApiError).errorCode).toBe('SNAPSHOT_REGION_UNAVAILABLE')
        return (error as AtlasApiError).detail
      }
      throw new Error('not refused')
    }
    expect(refusal({copies: []})).toContain('is stored in AWS US_EAST_1, which is out, and it has no copy in another region')
    expect(refusal({outages: [EAST, WEST, EU]})).toContain('its copies (US_WEST_2, EU_WEST_1) are all in regions that are out too')
    expect(refusal({oplog: {from: 0, to: 1000}})).toContain('no copy region (US_WEST_2, EU_WEST_1) holds the oplog from 1970-01-01T00:00:00Z to 1970-01-01T00:00:01Z')
  })
})
