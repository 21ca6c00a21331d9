import {isRetentionUnit, isScheduledFrequencyType, normalisedDays} from '../domain/retention.js'
import {HOUR_MS, MINUTE_MS} from '../domain/time.js'
import type {BackupSchedule, RetentionUnit, ScheduledFrequencyType} from '../domain/types.js'
import {byAttributionPriority} from './attribution.js'
import {fixedRetentionMs} from './calendar.js'

export type ScheduleSource = Pick<BackupSchedule, 'policies' | 'referenceHourOfDay' | 'referenceMinuteOfHour'>

/** A policy item the calculus can schedule, with everything the hot loops need precomputed. */
export interface CompiledItem {
  /** Index in policies[0].policyItems: what firings report, so callers can find the item's id. */
  readonly index: number
  readonly frequencyType: ScheduledFrequencyType
  readonly frequencyInterval: number
  readonly retentionUnit: RetentionUnit
  readonly retentionValue: number
  readonly normalisedRetentionDays: number
  /** Set for days and weeks; months and years need calendar arithmetic per firing. */
  readonly retentionMs: number | undefined
  /** Hours of the UTC day at which the item can fire, ascending. */
  readonly hours: readonly number[]
}

/** One hour of the day at which some item may fire. */
export interface FiringSlot {
  readonly hour: number
  /** Offset of the firing instant from the start of its UTC day. */
  readonly offsetMs: number
  /**
   * At the reference hour the winner depends on the day (daily, weekly, monthly and yearly items fire only then),
   * so it is decided per day; at other hours only hourly items fire and the winner is the same every day.
   */
  readonly isReferenceHour: boolean
  readonly hourlyWinner: CompiledItem | undefined
}

export interface CompiledSchedule {
  readonly kind: 'compiledSchedule'
  /** Length of policies[0].policyItems, including items that cannot be scheduled (per-item results use it). */
  readonly itemCount: number
  readonly referenceHourOfDay: number
  readonly referenceMinuteOfHour: number
  /** Schedulable items in attribution order: the first one that fires at an instant owns its snapshot. */
  readonly items: readonly CompiledItem[]
  /** Hours of the day that can carry a firing, ascending; empty when nothing can be scheduled. */
  readonly slots: readonly FiringSlot[]
  /** Indexed by hour of day; undefined at the reference hour and at hours no hourly item covers. */
  readonly hourlyWinnerByHour: readonly (CompiledItem | undefined)[]
}

/**
 * Beyond this retention an item is treated as unschedulable: retentionValue is an unbounded int32 in the API, and a
 * millennia-long retention would make "enumerate what is still alive" walk millions of instants for nothing.
 */
export const MAX_SCHEDULABLE_RETENTION_DAYS = normalisedDays('years', 100)

const HOURS_PER_DAY = 24
const DAYS_PER_WEEK = 7
const LAST_DAY_OF_MONTH = 40
const LONGEST_MONTH = 31
const MONTHS_PER_YEAR = 12

export function isCompiledSchedule(value: unknown): value is CompiledSchedule {
  return typeof value === 'object' && value !== null && (value as {kind?: unknown}).kind === 'compiledSchedule'
}

export function asCompiled(schedule: ScheduleSource | CompiledSchedule): CompiledSchedule {
  return isCompiledSchedule(schedule) ? schedule : compileSchedule(schedule)
}

function isWholeNumberIn(value: unknown, min: number, max: number): value is number {
  // Number.isInteger is false for anything that is not a number, so no typeof check is needed.
  return Number.isInteger(value) && (value as number) >= min && (value as number) <= max
}

/** Missing or impossible reference values count as 0, the same as a schedule that never set them. */
function referenceValue(value: unknown, max: number): number {
  return isWholeNumberIn(value, 0, max) ? value : 0
}

/**
 * Whether the interval names instants that exist. Daily items ignore their interval (Atlas only allows 1 and the
 * firing rule does not use it). Monthly days 29–31 are outside Atlas's enum but still name real days, so they fire
 * in the months that have them.
 */
function isSchedulableInterval(type: ScheduledFrequencyType, interval: unknown): boolean {
  switch (type) {
    case 'hourly':
      return isWholeNumberIn(interval, 1, Number.MAX_SAFE_INTEGER)
    case 'daily':
      return true
    case 'weekly':
      return isWholeNumberIn(interval, 1, DAYS_PER_WEEK)
    case 'monthly':
      return isWholeNumberIn(interval, 1, LONGEST_MONTH) || interval === LAST_DAY_OF_MONTH
    case 'yearly':
      return isWholeNumberIn(interval, 1, MONTHS_PER_YEAR)
  }
}

/**
 * Hourly items are anchored on the reference hour (backup-rules.md row 27): they fire at refHour + k·interval within
 * the day that starts at the reference hour, so an interval that does not divide 24 still restarts every day.
 */
function firingHours(type: ScheduledFrequencyType, interval: number, referenceHour: number): number[] {
  if (type !== 'hourly') return [referenceHour]
  const hours: number[] = []
  for (let hour = 0; hour < HOURS_PER_DAY; hour++) {
    if (((hour - referenceHour + HOURS_PER_DAY) % HOURS_PER_DAY) % interval === 0) hours.push(hour)
  }
  return hours
}

function compileItem(raw: unknown, index: number, referenceHour: number): CompiledItem | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined
  const {frequencyType, frequencyInterval, retentionUnit, retentionValue} = raw as Record<string, unknown>
  if (!isScheduledFrequencyType(frequencyType) || !isRetentionUnit(retentionUnit)) return undefined
  if (!isSchedulableInterval(frequencyType, frequencyInterval)) return undefined
  if (!isWholeNumberIn(retentionValue, 1, Number.MAX_SAFE_INTEGER)) return undefined
  const normalisedRetentionDays = normalisedDays(retentionUnit, retentionValue)
  if (normalisedRetentionDays > MAX_SCHEDULABLE_RETENTION_DAYS) return undefined
  const interval = typeof frequencyInterval === 'number' ? frequencyInterval : 1
  return {
    index,
    frequencyType,
    frequencyInterval: interval,
    retentionUnit,
    retentionValue,
    normalisedRetentionDays,
    retentionMs: fixedRetentionMs(retentionUnit, retentionValue),
    hours: firingHours(frequencyType, interval, referenceHour),
  }
}

function hourlyWinners(items: readonly CompiledItem[], referenceHour: number): (CompiledItem | undefined)[] {
  const winners: (CompiledItem | undefined)[] = []
  for (let hour = 0; hour < HOURS_PER_DAY; hour++) {
    // Only hourly items have hours other than the reference hour, so the first item that fires then is hourly.
    winners.push(hour === referenceHour ? undefined : items.find((item) => item.hours.includes(hour)))
  }
  return winners
}

function firingSlots(items: readonly CompiledItem[], winners: readonly (CompiledItem | undefined)[], referenceHour: number, referenceMinute: number): FiringSlot[] {
  if (items.length === 0) return []
  const slots: FiringSlot[] = []
  for (let hour = 0; hour < HOURS_PER_DAY; hour++) {
    const isReferenceHour = hour === referenceHour
    const hourlyWinner = winners[hour]
    if (!isReferenceHour && !hourlyWinner) continue
    slots.push({hour, offsetMs: hour * HOUR_MS + referenceMinute * MINUTE_MS, isReferenceHour, hourlyWinner})
  }
  return slots
}

/**
 * Turns a schedule into the form the firing loops use. Only policies[0] counts (Atlas allows exactly one policy).
 * Items that cannot be scheduled (on-demand compliance items, unknown types or units, impossible intervals,
 * non-positive or absurd retentions) are left out instead of failing: the validator reports them, and the
 * emulator must keep running on whatever was stored.
 */
export function compileSchedule(schedule: ScheduleSource): CompiledSchedule {
  const referenceHourOfDay = referenceValue(schedule.referenceHourOfDay, HOURS_PER_DAY - 1)
  const referenceMinuteOfHour = referenceValue(schedule.referenceMinuteOfHour, 59)
  const rawItems: unknown = Array.isArray(schedule.policies) ? schedule.policies[0]?.policyItems : undefined
  const itemList: unknown[] = Array.isArray(rawItems) ? rawItems : []
  const items = itemList
    .map((raw, index) => compileItem(raw, index, referenceHourOfDay))
    .filter((item): item is CompiledItem => item !== undefined)
    .sort(byAttributionPriority)
  const hourlyWinnerByHour = hourlyWinners(items, referenceHourOfDay)
  return {
    kind: 'compiledSchedule',
    itemCount: itemList.length,
    referenceHourOfDay,
    referenceMinuteOfHour,
    items,
    slots: firingSlots(items, hourlyWinnerByHour, referenceHourOfDay, referenceMinuteOfHour),
    hourlyWinnerByHour,
  }
}
