import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {aliveFirings, compileSchedule, defaultSchedule, firings, retainedCounts} from '../../../src/lib/schedule/index.js'
import {instantArb, nonEmptyScheduleArb, scheduleArb} from './arbitraries.js'
import {DAY, items, maxNormalisedDays, oracleFirings} from './oracle.js'
import {iso} from '../../helpers/values.js'

/** Calendar months can run a day or two past their normalised 31 days; this margin covers it. */
const MARGIN_DAYS = 3

function lookBackStart(schedule: Parameters<typeof maxNormalisedDays>[0], now: number): number {
  return now - (maxNormalisedDays(schedule) + MARGIN_DAYS) * DAY
}

describe('aliveFirings and retainedCounts: examples', () => {
  it('keeps 6 hourly, 6 daily, 4 weekly and 12 monthly snapshots of the seed default on Monday 2026-08-10 12:00Z', () => {
    const schedule = defaultSchedule('seed', {pitEnabled: true})
    // Hourly: 8 instants in the last 2 days minus the two 18:00 ones; daily: 7 days minus Saturday Aug 8.
    expect(retainedCounts(schedule, iso('2026-08-10T12:00:00Z'))).toEqual([6, 6, 4, 12])
  })

  it('gives one count per policy item, zero for items that are not scheduled', () => {
    const schedule = defaultSchedule('seed')
    const withOnDemand = {
      ...schedule,
      policies: [{policyItems: [{frequencyType: 'ondemand' as const, frequencyInterval: 0, retentionUnit: 'days' as const, retentionValue: 3}, ...items(schedule)]}],
    }
    expect(retainedCounts(withOnDemand, iso('2026-08-10T12:00:00Z'))).toEqual([0, 6, 4, 12])
  })

  it('keeps an hourly-only schedule at retention ÷ interval snapshots', () => {
    const schedule = {policies: [{policyItems: [{frequencyType: 'hourly' as const, frequencyInterval: 4, retentionUnit: 'days' as const, retentionValue: 3}]}]}
    expect(retainedCounts(schedule, iso('2026-03-07T09:41:00Z'))).toEqual([18])
  })

  it('after a clock jump of a year returns only what is still alive, identical to filtering every firing', () => {
    const schedule = compileSchedule(defaultSchedule('atlas2026', {referenceHourOfDay: 3, referenceMinuteOfHour: 16}))
    const from = iso('2025-08-10T03:20:00Z')
    const now = iso('2026-08-10T03:20:00Z')
    const alive = aliveFirings(schedule, from, now)
    expect(alive).toEqual(firings(schedule, from, now).filter((f) => f.expiresAt > now))
    expect(alive.length).toBeLessThan(60)
  })

  it('accepts from = -Infinity (its cost depends on what is alive, not on the window)', () => {
    const schedule = defaultSchedule('atlas2026')
    const now = iso('2026-08-10T03:20:00Z')
    expect(aliveFirings(schedule, Number.NEGATIVE_INFINITY, now)).toEqual(aliveFirings(schedule, now - 400 * DAY, now))
  })
})

describe('aliveFirings across a month-end clamp', () => {
  it('keeps Dec 30 20:00 (expires Apr 30 20:00) although Dec 31 08:00 already expired (Apr 30 08:00)', () => {
    const schedule = {referenceHourOfDay: 2, referenceMinuteOfHour: 0, policies: [{policyItems: [{frequencyType: 'hourly' as const, frequencyInterval: 6, retentionUnit: 'months' as const, retentionValue: 4}]}]}
    const now = iso('2027-04-30T10:00:00Z')
    const alive = aliveFirings(schedule, Number.NEGATIVE_INFINITY, now).map((f) => new Date(f.at).toISOString())
    expect(alive).toContain('2026-12-30T20:00:00.000Z')
    expect(alive).toContain('2026-12-31T14:00:00.000Z')
    expect(alive).not.toContain('2026-12-31T08:00:00.000Z')
  })
})

describe('aliveFirings and retainedCounts: properties', () => {
  it('aliveFirings equals the brute-force firings of the window that are still alive at now', () => {
    fc.assert(
      fc.property(scheduleArb, instantArb, fc.integer({min: 0, max: 900}), (schedule, now, daysBack) => {
        const from = now - daysBack * DAY
        const expected = oracleFirings(schedule, Math.max(from, lookBackStart(schedule, now)), now).filter((f) => f.expiresAt > now)
        expect(aliveFirings(schedule, from, now)).toEqual(expected)
      }),
      {numRuns: 120},
    )
  })

  it('aliveFirings over (from, now] is exactly the alive part of firings(from, now) for windows up to 400 days', () => {
    fc.assert(
      fc.property(nonEmptyScheduleArb, instantArb, fc.integer({min: 1, max: 400 * 24}), (schedule, now, hoursBack) => {
        const from = now - hoursBack * 3_600_000
        expect(aliveFirings(schedule, from, now)).toEqual(firings(schedule, from, now).filter((f) => f.expiresAt > now))
      }),
      {numRuns: 120},
    )
  })

  it('retainedCounts equals counting, per item, the brute-force firings of the last retention period alive at `at`', () => {
    fc.assert(
      fc.property(scheduleArb, instantArb, (schedule, at) => {
        const expected = items(schedule).map(() => 0)
        for (const f of oracleFirings(schedule, lookBackStart(schedule, at), at)) {
          if (f.expiresAt > at) expected[f.itemIndex]!++
        }
        expect(retainedCounts(schedule, at)).toEqual(expected)
      }),
      {numRuns: 120},
    )
  })
})
