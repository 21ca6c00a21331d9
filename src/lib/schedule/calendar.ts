import {DAY_MS} from '../domain/time.js'
import type {RetentionUnit} from '../domain/types.js'

/**
 * UTC calendar arithmetic on day numbers (days since 1970-01-01) without Date objects: the schedule loops ask these
 * questions once per day for years of days and thousands of clusters, and a Date per question dominates the cost.
 * The civil conversions follow the proleptic Gregorian calendar with March-based years, which puts the leap day at
 * the end of the year and makes the month lengths a linear formula.
 */

const DAYS_PER_400_YEARS = 146_097
/** Day number of 0000-03-01, the start of a March-based 400-year era. */
const ERA_ORIGIN_OFFSET = 719_468
const THURSDAY = 4

export interface CivilDate {
  year: number
  /** 1 = January … 12 = December. */
  month: number
  day: number
}

export function dayNumberOf(at: number): number {
  return Math.floor(at / DAY_MS)
}

export function civilFromDayNumber(dayNumber: number): CivilDate {
  const shifted = dayNumber + ERA_ORIGIN_OFFSET
  const era = Math.floor(shifted / DAYS_PER_400_YEARS)
  const dayOfEra = shifted - era * DAYS_PER_400_YEARS
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365)
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const marchMonth = Math.floor((5 * dayOfYear + 2) / 153)
  const day = dayOfYear - Math.floor((153 * marchMonth + 2) / 5) + 1
  const month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  return {year, month, day}
}

export function dayNumberFromCivil(year: number, month: number, day: number): number {
  const marchYear = month <= 2 ? year - 1 : year
  const era = Math.floor(marchYear / 400)
  const yearOfEra = marchYear - era * 400
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * DAYS_PER_400_YEARS + dayOfEra - ERA_ORIGIN_OFFSET
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

export function daysInMonth(year: number, month: number): number {
  if (month === 2 && isLeapYear(year)) return 29
  return MONTH_LENGTHS[month - 1] ?? 31
}

/** ISO weekday, 1 = Monday … 7 = Sunday, the numbering of weekly policy items (backup-rules.md row 8). */
export function isoWeekdayOf(dayNumber: number): number {
  return ((((dayNumber + THURSDAY - 1) % 7) + 7) % 7) + 1
}

/** What the firing rules need to know about one UTC day; filled in place so day loops allocate nothing. */
export interface DayFacts {
  dayNumber: number
  year: number
  month: number
  day: number
  isoWeekday: number
  isLastDayOfMonth: boolean
}

export function emptyDayFacts(): DayFacts {
  return {dayNumber: Number.NaN, year: 0, month: 0, day: 0, isoWeekday: 0, isLastDayOfMonth: false}
}

export function fillDayFacts(facts: DayFacts, dayNumber: number): DayFacts {
  if (facts.dayNumber === dayNumber) return facts
  const civil = civilFromDayNumber(dayNumber)
  facts.dayNumber = dayNumber
  facts.year = civil.year
  facts.month = civil.month
  facts.day = civil.day
  facts.isoWeekday = isoWeekdayOf(dayNumber)
  facts.isLastDayOfMonth = civil.day === daysInMonth(civil.year, civil.month)
  return facts
}

/**
 * Moves an instant by whole calendar months, keeping the time of day and clamping the day to the target month's
 * length, so a month-end snapshot kept one month expires at the next month's end rather than spilling into the
 * month after (Jan 31 + 1 month = Feb 28 or 29).
 */
export function addMonths(at: number, months: number): number {
  if (!Number.isInteger(months)) throw new RangeError(`calendar months must be a whole number, got ${months}`)
  const dayNumber = dayNumberOf(at)
  const timeOfDay = at - dayNumber * DAY_MS
  const {year, month, day} = civilFromDayNumber(dayNumber)
  const monthIndex = year * 12 + (month - 1) + months
  const targetYear = Math.floor(monthIndex / 12)
  const targetMonth = monthIndex - targetYear * 12 + 1
  const targetDay = Math.min(day, daysInMonth(targetYear, targetMonth))
  return dayNumberFromCivil(targetYear, targetMonth, targetDay) * DAY_MS + timeOfDay
}

/**
 * When a snapshot taken at `at` and kept `value` units expires. Days and weeks are exact multiples of 24 h (UTC has
 * no daylight saving); months and years are calendar months, a year being 12 of them, as backup-rules.md §3 step 2
 * prescribes. Months and years need a whole `value`; days and weeks accept fractions.
 */
export function addRetention(at: number, unit: RetentionUnit, value: number): number {
  switch (unit) {
    case 'days':
      return at + value * DAY_MS
    case 'weeks':
      return at + value * 7 * DAY_MS
    case 'months':
      return addMonths(at, value)
    case 'years':
      return addMonths(at, value * 12)
    default:
      throw new RangeError(`unknown retention unit "${String(unit)}"`)
  }
}

/** Retention as a fixed duration when the unit has one, so hot loops can add it instead of doing calendar work. */
export function fixedRetentionMs(unit: RetentionUnit, value: number): number | undefined {
  if (unit === 'days') return value * DAY_MS
  if (unit === 'weeks') return value * 7 * DAY_MS
  return undefined
}
