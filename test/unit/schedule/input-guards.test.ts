import {describe, expect, it} from 'vitest'

import type {RetentionUnit} from '../../../src/lib/domain/types.js'
import {addMonths, addRetention, aliveFirings, aliveServerlessFirings, aliveSharedTierFirings, defaultSchedule, firings, nextSnapshot, retainedCounts, serverlessFirings, sharedTierFirings} from '../../../src/lib/schedule/index.js'
import {DAY} from './oracle.js'
import {iso} from '../../helpers/values.js'

/**
 * What the calculus does with inputs it cannot answer: a RangeError that names the bad argument (the emulator shows
 * it), never an endless loop; the fixed tier schedules answer "no snapshots" instead.
 */

const schedule = defaultSchedule('seed')
const NOW = iso('2026-08-10T12:00:00Z')

describe('the custom-policy calculus rejects instants it cannot walk to', () => {
  it('aliveFirings: from may be -Infinity but not NaN or +Infinity; now must be finite', () => {
    expect(() => aliveFirings(schedule, Number.NaN, NOW)).toThrow(new RangeError('from must be an instant or -Infinity, got NaN'))
    expect(() => aliveFirings(schedule, Number.POSITIVE_INFINITY, NOW)).toThrow(new RangeError('from must be an instant or -Infinity, got Infinity'))
    expect(() => aliveFirings(schedule, 0, Number.POSITIVE_INFINITY)).toThrow(new RangeError('now must be a finite instant in epoch milliseconds, got Infinity'))
    expect(() => aliveFirings(schedule, 0, Number.NaN)).toThrow(new RangeError('now must be a finite instant in epoch milliseconds, got NaN'))
  })

  it('firings, nextSnapshot and retainedCounts name the argument that is not a finite instant', () => {
    expect(() => firings(schedule, Number.NEGATIVE_INFINITY, NOW)).toThrow(new RangeError('from must be a finite instant in epoch milliseconds, got -Infinity'))
    expect(() => firings(schedule, 0, Number.NaN)).toThrow(new RangeError('to must be a finite instant in epoch milliseconds, got NaN'))
    expect(() => nextSnapshot(schedule, Number.POSITIVE_INFINITY)).toThrow(new RangeError('now must be a finite instant in epoch milliseconds, got Infinity'))
    expect(() => retainedCounts(schedule, Number.NaN)).toThrow(new RangeError('at must be a finite instant in epoch milliseconds, got NaN'))
  })

  it('calendar arithmetic refuses fractional months and unknown units (rule 14: days, weeks, months, years)', () => {
    expect(() => addRetention(NOW, 'months', 1.5)).toThrow(new RangeError('calendar months must be a whole number, got 1.5'))
    expect(() => addMonths(NOW, 0.5)).toThrow(new RangeError('calendar months must be a whole number, got 0.5'))
    expect(() => addRetention(NOW, 'fortnights' as RetentionUnit, 1)).toThrow(new RangeError('unknown retention unit "fortnights"'))
  })
})

describe('the fixed tier schedules (rules 81–83) answer nothing for a window they cannot use', () => {
  const created = iso('2026-01-05T09:41:27Z')
  const later = created + 30 * DAY

  it('an unknown creation instant, an open end or an empty or inverted window gives no snapshots', () => {
    for (const [createdAt, from, to] of [
      [Number.NaN, created, later],
      [Number.POSITIVE_INFINITY, created, later],
      [created, created, Number.POSITIVE_INFINITY],
      [created, created, Number.NaN],
      [created, Number.NaN, later],
      [created, later, later],
      [created, later, later - DAY],
    ] as const) {
      expect(sharedTierFirings(createdAt, from, to)).toEqual([])
      expect(serverlessFirings(createdAt, false, from, to)).toEqual([])
      expect(serverlessFirings(createdAt, true, from, to)).toEqual([])
      expect(aliveSharedTierFirings(createdAt, from, to)).toEqual([])
      expect(aliveServerlessFirings(createdAt, true, from, to)).toEqual([])
    }
  })

  it('a window that starts before creation counts from the first snapshot, 24 h (shared) or 6 h (serverless) after it', () => {
    expect(sharedTierFirings(created, Number.NEGATIVE_INFINITY, created + 2 * DAY).map((f) => f.at)).toEqual([created + DAY, created + 2 * DAY])
    expect(serverlessFirings(created, false, created - 10 * DAY, created + 12 * 3_600_000).map((f) => f.at)).toEqual([created + 6 * 3_600_000, created + 12 * 3_600_000])
    // A window starting exactly at creation is the same: nothing is taken at creation itself.
    expect(sharedTierFirings(created, created, created + DAY).map((f) => f.at)).toEqual([created + DAY])
  })
})
