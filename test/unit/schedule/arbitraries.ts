import fc from 'fast-check'

import type {BackupSchedule, PolicyItem, RetentionUnit} from '../../../src/lib/domain/types.js'
import {DAY} from './oracle.js'

/**
 * Generators of schedules that pass validation: valid intervals per type, at most one hourly and one daily item,
 * several weekly, monthly and yearly ones, and retentions in mixed units (so attribution has to compare units).
 */

function retention(...choices: Array<[RetentionUnit, number, number]>): fc.Arbitrary<{retentionUnit: RetentionUnit; retentionValue: number}> {
  return fc.oneof(...choices.map(([unit, min, max]) => fc.record({retentionUnit: fc.constant(unit), retentionValue: fc.integer({min, max})})))
}

function item(
  frequencyType: PolicyItem['frequencyType'],
  interval: fc.Arbitrary<number>,
  keep: fc.Arbitrary<{retentionUnit: RetentionUnit; retentionValue: number}>,
): fc.Arbitrary<PolicyItem> {
  return fc.tuple(interval, keep).map(([frequencyInterval, kept]) => ({frequencyType, frequencyInterval, ...kept}))
}

const hourly = item('hourly', fc.constantFrom(1, 2, 4, 6, 8, 12), retention(['days', 1, 10], ['weeks', 1, 2]))
const daily = item('daily', fc.constant(1), retention(['days', 1, 40], ['weeks', 1, 6], ['months', 1, 2]))
const weekly = item('weekly', fc.integer({min: 1, max: 7}), retention(['weeks', 1, 8], ['days', 7, 60], ['months', 1, 3]))
const monthly = item(
  'monthly',
  fc.oneof(fc.integer({min: 1, max: 28}), fc.constant(40)),
  retention(['months', 1, 18], ['weeks', 5, 30], ['days', 31, 120], ['years', 1, 1]),
)
const yearly = item('yearly', fc.integer({min: 1, max: 12}), retention(['years', 1, 2], ['months', 12, 24]))
/** Compliance-style on-demand item: not scheduled, but it occupies an index. */
const onDemand = item('ondemand', fc.constant(0), retention(['days', 1, 30]))

export const scheduleArb: fc.Arbitrary<BackupSchedule> = fc
  .tuple(
    fc.integer({min: 0, max: 23}),
    fc.integer({min: 0, max: 59}),
    fc.option(hourly, {nil: undefined}),
    fc.option(daily, {nil: undefined}),
    fc.array(weekly, {maxLength: 2}),
    fc.array(monthly, {maxLength: 2}),
    fc.array(yearly, {maxLength: 2}),
    fc.option(onDemand, {nil: undefined, freq: 5}),
  )
  .chain(([referenceHourOfDay, referenceMinuteOfHour, hourlyItem, dailyItem, weeklyItems, monthlyItems, yearlyItems, onDemandItem]) => {
    const all = [hourlyItem, dailyItem, ...weeklyItems, ...monthlyItems, ...yearlyItems, onDemandItem].filter((x): x is PolicyItem => x !== undefined)
    return fc.shuffledSubarray(all, {minLength: all.length, maxLength: all.length}).map((policyItems) => ({
      policies: [{policyItems}],
      referenceHourOfDay,
      referenceMinuteOfHour,
    }))
  })

/** Schedules with at least one scheduled item, for properties that need firings to exist. */
export const nonEmptyScheduleArb = scheduleArb.filter((schedule) => (schedule.policies[0]?.policyItems ?? []).some((i) => i.frequencyType !== 'ondemand'))

const EARLIEST = Date.UTC(2019, 0, 1)
const LATEST = Date.UTC(2031, 0, 1)

/** An instant between 2019 and 2031, sometimes on a whole hour or minute so boundary cases get hit. */
export const instantArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({min: EARLIEST, max: LATEST}),
  fc.integer({min: EARLIEST / 60_000, max: LATEST / 60_000}).map((minute) => minute * 60_000),
)

/** A window (from, to] of a few days to about 400 days. */
export const windowArb: fc.Arbitrary<{from: number; to: number}> = fc
  .tuple(instantArb, fc.integer({min: 2 * DAY, max: 400 * DAY}))
  .map(([from, length]) => ({from, to: from + length}))
