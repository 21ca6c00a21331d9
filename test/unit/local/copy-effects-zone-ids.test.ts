import {describe, expect, test} from 'vitest'

import {withZoneIds} from '../../../src/lib/backends/local/copy-effects.js'
import type {ClusterZone} from '../../../src/lib/domain/types.js'

/**
 * The 2023-01-01 copy settings name a zone by one of its replication specs; the stored ones always carry the zoneId
 * (rule 56). withZoneIds rewrites only the entries that name a spec and no zone, and leaves every other entry as it
 * came, for the validation to judge.
 */

const ZONES: ClusterZone[] = [
  {zoneId: 'zone-a', replicationSpecIds: ['spec-a1', 'spec-a2'], regions: ['US_EAST_1']},
  {zoneId: 'zone-b', replicationSpecIds: ['spec-b1'], regions: ['EU_WEST_1']},
]

type Entry = {regionName?: string; zoneId?: string; replicationSpecId?: string}

describe('copy settings named by replication spec (rule 56)', () => {
  test('an entry naming a spec and no zone gets the zone of that spec, and the spec goes', () => {
    expect(withZoneIds<Entry>([{regionName: 'US_WEST_2', replicationSpecId: 'spec-a2'}, {regionName: 'US_WEST_2', replicationSpecId: 'spec-b1'}], ZONES)).toStrictEqual([
      {regionName: 'US_WEST_2', zoneId: 'zone-a'},
      {regionName: 'US_WEST_2', zoneId: 'zone-b'},
    ])
  })

  test('a spec of no zone is kept as the zoneId, so the validation names it as an unknown zone', () => {
    expect(withZoneIds<Entry>([{regionName: 'US_WEST_2', replicationSpecId: 'spec-z'}], ZONES)).toStrictEqual([{regionName: 'US_WEST_2', zoneId: 'spec-z'}])
  })

  test('an entry that names a zone keeps it, even beside a spec of another zone', () => {
    const entry = {regionName: 'US_WEST_2', zoneId: 'zone-b', replicationSpecId: 'spec-a1'}
    expect(withZoneIds<Entry>([entry], ZONES)).toStrictEqual([entry])
  })

  test('entries naming neither, and entries that are no object at all, pass through unchanged', () => {
    const odd = [undefined, null, 'US_WEST_2', 7, {regionName: 'US_WEST_2'}] as unknown as Entry[]
    expect(withZoneIds(odd, ZONES)).toStrictEqual([undefined, null, 'US_WEST_2', 7, {regionName: 'US_WEST_2'}])
  })

  test('no entries: nothing to rewrite', () => {
    expect(withZoneIds(undefined, ZONES)).toBeUndefined()
  })
})
