import type {RetentionUnit, ScheduledFrequencyType} from './types.js'

/**
 * How retentions in different units are compared. Atlas does not document it (backup-rules.md row 18); these
 * weights satisfy both known constraints: a month counts as 31 days, so "31 days = 5 weeks = 1 month" are all
 * enough for a monthly item while 4 weeks is not, and a year counts as 12 months (372 days), so Atlas's own
 * default (monthly 12 months, yearly 1 year) is consistent.
 */
export const NORMALISED_DAYS: Readonly<Record<RetentionUnit, number>> = {days: 1, weeks: 7, months: 31, years: 372}

export function normalisedDays(unit: RetentionUnit, value: number): number {
  return NORMALISED_DAYS[unit] * value
}

/** Frequency order, most frequent first: a less frequent item must retain at least as long as a more frequent one. */
export const FREQUENCY_ORDER: readonly ScheduledFrequencyType[] = ['hourly', 'daily', 'weekly', 'monthly', 'yearly']

export function frequencyRank(type: ScheduledFrequencyType): number {
  return FREQUENCY_ORDER.indexOf(type)
}

export const RETENTION_UNITS: readonly RetentionUnit[] = ['days', 'weeks', 'months', 'years']

export function isRetentionUnit(value: unknown): value is RetentionUnit {
  return typeof value === 'string' && (RETENTION_UNITS as readonly string[]).includes(value)
}

export function isScheduledFrequencyType(value: unknown): value is ScheduledFrequencyType {
  return typeof value === 'string' && (FREQUENCY_ORDER as readonly string[]).includes(value)
}
