import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import type {RetentionUnit} from '../../../src/lib/domain/types.js'
import {civilFromDayNumber, dayNumberFromCivil, isoWeekdayOf} from '../../../src/lib/schedule/calendar.js'
import {addRetention} from '../../../src/lib/schedule/index.js'
import {DAY, oracleAddRetention} from './oracle.js'
import {iso} from '../../helpers/values.js'

const isoOf = (at: number): string => new Date(at).toISOString()

describe('addRetention', () => {
  it('clamps to the end of a shorter month and keeps the time of day', () => {
    expect(isoOf(addRetention(iso('2026-01-31T18:00:00Z'), 'months', 1))).toBe('2026-02-28T18:00:00.000Z')
    expect(isoOf(addRetention(iso('2024-01-31T18:00:00Z'), 'months', 1))).toBe('2024-02-29T18:00:00.000Z')
    expect(isoOf(addRetention(iso('2026-03-31T07:45:12Z'), 'months', 1))).toBe('2026-04-30T07:45:12.000Z')
    expect(isoOf(addRetention(iso('2026-08-31T18:00:00Z'), 'months', 12))).toBe('2027-08-31T18:00:00.000Z')
    expect(isoOf(addRetention(iso('2026-11-30T18:00:00Z'), 'months', 3))).toBe('2027-02-28T18:00:00.000Z')
  })

  it('counts a year as 12 calendar months, clamping February 29', () => {
    expect(isoOf(addRetention(iso('2024-02-29T03:16:00Z'), 'years', 1))).toBe('2025-02-28T03:16:00.000Z')
    expect(isoOf(addRetention(iso('2024-02-29T03:16:00Z'), 'years', 4))).toBe('2028-02-29T03:16:00.000Z')
    expect(isoOf(addRetention(iso('2026-12-01T18:00:00Z'), 'years', 1))).toBe('2027-12-01T18:00:00.000Z')
  })

  it('adds exact days and weeks', () => {
    const at = iso('2026-03-28T18:00:00Z')
    expect(addRetention(at, 'days', 2)).toBe(at + 2 * DAY)
    expect(addRetention(at, 'weeks', 4)).toBe(at + 28 * DAY)
  })

  it('rejects fractional months instead of guessing', () => {
    expect(() => addRetention(0, 'months', 1.5)).toThrow(RangeError)
  })

  it('agrees with Date-based month arithmetic for any instant, unit and value', () => {
    const unitArb = fc.constantFrom<RetentionUnit>('days', 'weeks', 'months', 'years')
    fc.assert(
      fc.property(fc.integer({min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1)}), unitArb, fc.integer({min: 1, max: 150}), (at, unit, value) => {
        expect(addRetention(at, unit, value)).toBe(oracleAddRetention(at, unit, value))
      }),
      {numRuns: 500},
    )
  })

  it('never moves backwards for instants at one time of day, and at most to the start of that day otherwise', () => {
    // Clamping keeps the time of day (Dec 31 02:00 + 4 months = Apr 30 02:00, before Dec 30 20:00's Apr 30 20:00),
    // so expiry is monotonic only per time of day; aliveFirings walks on past such dips (see alive.ts).
    fc.assert(
      fc.property(fc.integer({min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1)}), fc.integer({min: 1, max: 40}), fc.integer({min: 1, max: 30}), (at, days, months) => {
        expect(addRetention(at + days * DAY, 'months', months)).toBeGreaterThanOrEqual(addRetention(at, 'months', months))
        const later = at + 3 * 3_600_000
        expect(addRetention(later, 'months', months)).toBeGreaterThan(addRetention(at, 'months', months) - DAY)
      }),
      {numRuns: 500},
    )
  })
})

describe('civil day numbers', () => {
  it('round-trip and agree with Date on year, month, day and ISO weekday', () => {
    fc.assert(
      fc.property(fc.integer({min: -200_000, max: 200_000}), (dayNumber) => {
        const date = new Date(dayNumber * DAY)
        const civil = civilFromDayNumber(dayNumber)
        expect(civil).toEqual({year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate()})
        expect(dayNumberFromCivil(civil.year, civil.month, civil.day)).toBe(dayNumber)
        expect(isoWeekdayOf(dayNumber)).toBe(date.getUTCDay() === 0 ? 7 : date.getUTCDay())
      }),
      {numRuns: 1000},
    )
  })
})
