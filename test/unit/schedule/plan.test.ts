import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import type {BackupSchedule, PolicyItem} from '../../../src/lib/domain/types.js'
import {defaultSchedule, planSchedule} from '../../../src/lib/schedule/index.js'
import {instantArb, scheduleArb} from './arbitraries.js'
import {items, maxNormalisedDays, oracleFirings} from './oracle.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const at = (iso: string) => Date.parse(iso)

function schedule(items: PolicyItem[], referenceHourOfDay = 18): BackupSchedule {
  return {policies: [{policyItems: items}], referenceHourOfDay, referenceMinuteOfHour: 0, restoreWindowDays: 2}
}

// Wednesday 2026-06-10 12:00 UTC: Saturday 2026-06-06 is inside the last 7 days, May 31 (a Sunday) ends May.
const NOW = at('2026-06-10T12:00:00Z')

describe('planSchedule: steady state of the seed default policy', () => {
  // Items: 0 hourly every 6 h kept 2 days, 1 daily kept 7 days, 2 weekly Saturday kept 4 weeks, 3 monthly last day kept 12 months.
  const plan = planSchedule(defaultSchedule('seed', {pitEnabled: true}), {now: NOW, next: 5, restoreWindowDays: 2})

  it('counts per item by hand: hourly 6, daily 6, weekly 4, monthly 12 (rule 31: one snapshot per instant, longest retention owns it)', () => {
    // Hourly: (Jun 8 12:00, Jun 10 12:00] holds 8 six-hourly instants, but Jun 8 and Jun 9 18:00 are the reference
    // hour, where the daily item (7 days > 2 days) owns the snapshot: 8 − 2 = 6.
    // Daily: 18:00 on Jun 3 … Jun 9 is 7 instants; Saturday Jun 6 belongs to the weekly item: 6.
    // Weekly: Saturdays in (May 13 12:00, Jun 10 12:00]: May 16, 23, 30, Jun 6 = 4.
    // Monthly: last days from Jun 30 2025 to May 31 2026 = 12.
    expect(plan.retainedPerItem).toEqual([6, 6, 4, 12])
    expect(plan.retainedTotal).toBe(28)
  })

  it('lists the next snapshots with their owner and expiry', () => {
    expect(plan.nextSnapshots.map((f) => [new Date(f.at).toISOString(), f.itemIndex])).toEqual([
      ['2026-06-10T18:00:00.000Z', 1],
      ['2026-06-11T00:00:00.000Z', 0],
      ['2026-06-11T06:00:00.000Z', 0],
      ['2026-06-11T12:00:00.000Z', 0],
      ['2026-06-11T18:00:00.000Z', 1],
    ])
    expect(plan.nextSnapshots[0]!.expiresAt).toBe(at('2026-06-17T18:00:00Z'))
    expect(plan.nextSnapshots[1]!.expiresAt).toBe(at('2026-06-13T00:00:00Z'))
  })

  it('oldest point is the monthly snapshot of Jun 30 2025; the worst gap is the first 31-day stretch (Jun 30 → Jul 31 2025)', () => {
    expect(plan.oldestRestorablePoint).toBe(at('2025-06-30T18:00:00Z'))
    expect(plan.worstGapWithoutContinuous).toEqual({gapMs: 31 * DAY, from: at('2025-06-30T18:00:00Z'), to: at('2025-07-31T18:00:00Z')})
    // Continuous backup does not reach back past its 2-day window, so the monthly gaps remain.
    expect(plan.worstGapBeforeRestoreWindow?.gapMs).toBe(31 * DAY)
  })
})

describe('planSchedule: RPO of a policy with gaps', () => {
  // Daily kept 3 days and weekly Saturday kept 2 weeks: kept May 30 (weekly), Jun 6 (weekly), Jun 7, 8, 9 (daily).
  const gappy = schedule([
    {frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 3},
    {frequencyType: 'weekly', frequencyInterval: 6, retentionUnit: 'weeks', retentionValue: 2},
  ])

  it('without continuous backup the worst gap is the week between the two weekly snapshots', () => {
    const plan = planSchedule(gappy, {now: NOW, next: 1, restoreWindowDays: 2})
    expect(plan.retainedPerItem).toEqual([3, 2])
    expect(plan.worstGapWithoutContinuous).toEqual({gapMs: 7 * DAY, from: at('2026-05-30T18:00:00Z'), to: at('2026-06-06T18:00:00Z')})
    expect(plan.oldestRestorablePoint).toBe(at('2026-05-30T18:00:00Z'))
  })

  it('with a 7-day restore window only May 30 is left outside it: 3 days 18 h to the window start (Jun 3 12:00)', () => {
    const plan = planSchedule(gappy, {now: NOW, next: 1, restoreWindowDays: 7})
    expect(plan.restoreWindowStart).toBe(at('2026-06-03T12:00:00Z'))
    expect(plan.worstGapBeforeRestoreWindow).toEqual({gapMs: 3 * DAY + 18 * HOUR, from: at('2026-05-30T18:00:00Z'), to: at('2026-06-03T12:00:00Z')})
  })

  it('with a window covering every snapshot there is no gap before it; the gap to the next snapshot counts without it', () => {
    const daily = schedule([{frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 2}])
    const plan = planSchedule(daily, {now: NOW, next: 1, restoreWindowDays: 7})
    expect(plan.worstGapBeforeRestoreWindow).toBeUndefined()
    // Kept Jun 8 and Jun 9 18:00, next Jun 10 18:00: one day each.
    expect(plan.worstGapWithoutContinuous?.gapMs).toBe(DAY)
  })

  it('a schedule with nothing to schedule keeps nothing and has no gap', () => {
    const plan = planSchedule(schedule([]), {now: NOW, next: 10, restoreWindowDays: 2})
    expect(plan).toMatchObject({nextSnapshots: [], retainedTotal: 0, oldestRestorablePoint: undefined, worstGapWithoutContinuous: undefined})
  })
})

describe('planSchedule: stored bytes estimate', () => {
  const GIB = 1024 ** 3
  it('one full copy, then the changes between kept snapshots at 0.5 % of the data an hour, at least 1 MiB each', () => {
    const daily = schedule([{frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 3}])
    // Kept Jun 7, 8, 9 18:00: 100 GiB full, then two increments of 24 h × 0.5 % = 12 % of 100 GiB each.
    expect(planSchedule(daily, {now: NOW, next: 0, restoreWindowDays: 2, dataSizeBytes: 100 * GIB}).storedBytesEstimate).toBe(124 * GIB)
    // Hourly kept 1 day: 24 snapshots an hour apart. 100 MiB changing 0.5 MiB an hour is below the 1 MiB floor of
    // an increment: 100 MiB + 23 × 1 MiB.
    const hourly = schedule([{frequencyType: 'hourly', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 1}])
    expect(planSchedule(hourly, {now: NOW, next: 0, restoreWindowDays: 2, dataSizeBytes: 100 * 1024 ** 2}).storedBytesEstimate).toBe(123 * 1024 ** 2)
    expect(planSchedule(daily, {now: NOW, next: 0, restoreWindowDays: 2}).storedBytesEstimate).toBeUndefined()
  })
})

describe('planSchedule: attribution of overlapping items', () => {
  it('rule 31: at an instant several items share, the longest retention owns the snapshot; rule 32: on equal retention the rarer type', () => {
    const overlapping = schedule([
      {frequencyType: 'hourly', frequencyInterval: 12, retentionUnit: 'days', retentionValue: 7},
      {frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7},
      {frequencyType: 'weekly', frequencyInterval: 6, retentionUnit: 'weeks', retentionValue: 4},
    ])
    // From Friday Jun 12 12:00: Fri 18:00 (hourly and daily, equal 7 days → daily), Sat 06:00 (hourly only),
    // Sat 18:00 (all three → weekly, 4 weeks), Sun 06:00 (hourly).
    const plan = planSchedule(overlapping, {now: at('2026-06-12T12:00:00Z'), next: 4, restoreWindowDays: 2})
    expect(plan.nextSnapshots.map((f) => f.itemIndex)).toEqual([1, 0, 2, 0])
    expect(plan.nextSnapshots[2]!.expiresAt).toBe(at('2026-07-11T18:00:00Z'))
  })
})

/** Where a brute-force walk must start so that every snapshot alive at `now` is found: the longest retention back, and a month of slack for calendar months. */
function lookBackStart(source: BackupSchedule, now: number): number {
  return now - (maxNormalisedDays(source) + 31) * DAY
}

/** The plan by brute force: every hour of the horizon tested against the firing rules (test/unit/schedule/oracle.ts). */
function bruteForcePlan(source: BackupSchedule, now: number, restoreWindowDays: number) {
  const alive = oracleFirings(source, lookBackStart(source, now), now).filter((f) => f.expiresAt > now)
  const counts = items(source).map(() => 0)
  for (const f of alive) counts[f.itemIndex]!++
  const next = oracleFirings(source, now, now + 367 * DAY)[0]
  const widest = (points: number[]) => {
    let best: {gapMs: number; from: number; to: number} | undefined
    for (let i = 1; i < points.length; i++) if (!best || points[i]! - points[i - 1]! > best.gapMs) best = {gapMs: points[i]! - points[i - 1]!, from: points[i - 1]!, to: points[i]!}
    return best
  }
  const kept = alive.map((f) => f.at)
  const windowStart = now - restoreWindowDays * DAY
  const older = kept.filter((t) => t < windowStart)
  return {
    counts,
    total: alive.length,
    oldest: kept[0],
    withoutContinuous: widest(next ? [...kept, next.at] : kept),
    beforeWindow: older.length === 0 ? undefined : widest([...older, windowStart]),
  }
}

describe('planSchedule equals a brute-force simulation of the firing rules (issue 15 acceptance)', () => {
  const check = (source: BackupSchedule, now: number, restoreWindowDays: number) => {
    const plan = planSchedule(source, {now, next: 1, restoreWindowDays})
    const expected = bruteForcePlan(source, now, restoreWindowDays)
    expect(plan.retainedPerItem).toEqual(expected.counts)
    expect(plan.retainedTotal).toBe(expected.total)
    expect(plan.oldestRestorablePoint).toBe(expected.oldest)
    expect(plan.worstGapWithoutContinuous).toEqual(expected.withoutContinuous)
    expect(plan.worstGapBeforeRestoreWindow).toEqual(expected.beforeWindow)
  }

  it('for the seed default (with and without continuous backup, NVMe or not) and Atlas\'s 2026 default', () => {
    fc.assert(
      fc.property(instantArb, fc.boolean(), fc.boolean(), (now, pitEnabled, nvme) => {
        check(defaultSchedule('seed', {pitEnabled, nvme}), now, 2)
        check(defaultSchedule('atlas2026', {nvme}), now, 7)
      }),
      {numRuns: 15},
    )
  })

  it('for randomised valid policies', () => {
    fc.assert(
      fc.property(scheduleArb, instantArb, fc.integer({min: 1, max: 35}), (source, now, restoreWindowDays) => check(source, now, restoreWindowDays)),
      {numRuns: 40},
    )
  })
})
