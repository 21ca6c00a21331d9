import {describe, expect, it} from 'vitest'

import type {PolicyItem} from '../../../src/lib/domain/types.js'
import {aliveFirings, firings, nextSnapshot, retainedCounts} from '../../../src/lib/schedule/index.js'
import {iso, scheduleOf} from '../../helpers/values.js'

/**
 * The edges of the windows, where the property tests almost never land: a firing exactly at `now` (or `to`) is taken,
 * one exactly at `from` belongs to the previous window, and a snapshot whose expiry is exactly `now` is gone
 * (backup-rules.md §3 step 4: delete when now ≥ expiresAt). One item per case, so each frequency's own walk is used.
 */

const isoOf = (at: number): string => new Date(at).toISOString().replace('.000Z', 'Z')

interface EdgeCase {
  rule: string
  item: PolicyItem
  reference: {referenceHourOfDay: number; referenceMinuteOfHour: number}
  /** A firing instant of the item; `now` in the cases below. */
  now: string
  /** What is alive at `now`, oldest first: the firing whose expiry is exactly `now` is missing. */
  alive: string[]
  /** Expiry of the firing at `now`. */
  expiresAt: string
}

const CASES: EdgeCase[] = [
  {
    rule: 'rule 27: hourly every 6 h anchored on 03:16, kept 2 days',
    item: {frequencyType: 'hourly', frequencyInterval: 6, retentionUnit: 'days', retentionValue: 2},
    reference: {referenceHourOfDay: 3, referenceMinuteOfHour: 16},
    now: '2026-08-10T09:16:00Z',
    alive: ['2026-08-08T15:16:00Z', '2026-08-08T21:16:00Z', '2026-08-09T03:16:00Z', '2026-08-09T09:16:00Z', '2026-08-09T15:16:00Z', '2026-08-09T21:16:00Z', '2026-08-10T03:16:00Z', '2026-08-10T09:16:00Z'],
    expiresAt: '2026-08-12T09:16:00Z',
  },
  {
    rule: 'rule 28: daily at 18:00, kept 3 days',
    item: {frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 3},
    reference: {referenceHourOfDay: 18, referenceMinuteOfHour: 0},
    now: '2026-08-10T18:00:00Z',
    alive: ['2026-08-08T18:00:00Z', '2026-08-09T18:00:00Z', '2026-08-10T18:00:00Z'],
    expiresAt: '2026-08-13T18:00:00Z',
  },
  {
    rule: 'rules 8 and 28: weekly on Monday (ISO 1), kept 2 weeks',
    item: {frequencyType: 'weekly', frequencyInterval: 1, retentionUnit: 'weeks', retentionValue: 2},
    reference: {referenceHourOfDay: 18, referenceMinuteOfHour: 0},
    now: '2026-08-10T18:00:00Z',
    alive: ['2026-08-03T18:00:00Z', '2026-08-10T18:00:00Z'],
    expiresAt: '2026-08-24T18:00:00Z',
  },
  {
    rule: 'rules 9 and 28: monthly on the 10th, kept 2 months',
    item: {frequencyType: 'monthly', frequencyInterval: 10, retentionUnit: 'months', retentionValue: 2},
    reference: {referenceHourOfDay: 18, referenceMinuteOfHour: 0},
    now: '2026-08-10T18:00:00Z',
    alive: ['2026-07-10T18:00:00Z', '2026-08-10T18:00:00Z'],
    expiresAt: '2026-10-10T18:00:00Z',
  },
  {
    rule: 'rules 9 and 28: monthly on the last day (40), kept 1 month',
    item: {frequencyType: 'monthly', frequencyInterval: 40, retentionUnit: 'months', retentionValue: 1},
    reference: {referenceHourOfDay: 7, referenceMinuteOfHour: 45},
    now: '2026-08-31T07:45:00Z',
    alive: ['2026-08-31T07:45:00Z'],
    expiresAt: '2026-09-30T07:45:00Z',
  },
  {
    rule: 'rules 10 and 28: yearly on August 1, kept 1 year',
    item: {frequencyType: 'yearly', frequencyInterval: 8, retentionUnit: 'years', retentionValue: 1},
    reference: {referenceHourOfDay: 18, referenceMinuteOfHour: 0},
    now: '2026-08-01T18:00:00Z',
    alive: ['2026-08-01T18:00:00Z'],
    expiresAt: '2027-08-01T18:00:00Z',
  },
]

describe('aliveFirings at the edges of (from, now]', () => {
  for (const c of CASES) {
    const schedule = scheduleOf([c.item], c.reference)
    const now = iso(c.now)

    it(`${c.rule}: a firing at exactly now is alive, one expiring exactly at now is not`, () => {
      const alive = aliveFirings(schedule, Number.NEGATIVE_INFINITY, now)
      expect(alive.map((f) => isoOf(f.at))).toEqual(c.alive)
      expect(alive.at(-1)).toEqual({at: now, itemIndex: 0, expiresAt: iso(c.expiresAt)})
      expect(retainedCounts(schedule, now)).toEqual([c.alive.length])
    })

    it(`${c.rule}: the firing at now belongs to (now − 1 ms, now], not to (now, now + 1 ms]`, () => {
      expect(aliveFirings(schedule, now - 1, now).map((f) => isoOf(f.at))).toEqual([c.now])
      expect(aliveFirings(schedule, now, now + 1)).toEqual([])
      expect(firings(schedule, now - 1, now).map((f) => isoOf(f.at))).toEqual([c.now])
      expect(firings(schedule, now, now + 1)).toEqual([])
    })

    it(`${c.rule}: one millisecond before its expiry the oldest snapshot is still alive, at its expiry it is gone`, () => {
      const oldest = iso(c.alive[0]!)
      const previous = aliveFirings(schedule, Number.NEGATIVE_INFINITY, now - 1)
      // Just before now, the one that expires at now is still there and the one at now is not taken yet.
      expect(previous.at(-1)!.at).toBeLessThan(now)
      expect(previous[0]!.at).toBeLessThan(oldest)
      expect(previous[0]!.expiresAt).toBe(now)
    })
  }
})

describe('firings: a window that ends exactly at midnight', () => {
  it('rule 28: includes the 00:00 firing of the day that starts at `to`', () => {
    const schedule = scheduleOf([{frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7}], {referenceHourOfDay: 0, referenceMinuteOfHour: 0})
    const midnight = iso('2026-08-10T00:00:00Z')
    expect(firings(schedule, iso('2026-08-08T12:00:00Z'), midnight).map((f) => isoOf(f.at))).toEqual(['2026-08-09T00:00:00Z', '2026-08-10T00:00:00Z'])
    expect(nextSnapshot(schedule, midnight - 1)).toBe(midnight)
  })
})
