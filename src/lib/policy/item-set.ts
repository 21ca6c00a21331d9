import {frequencyRank} from '../domain/retention.js'
import type {RetentionUnit} from '../domain/types.js'
import {type CheckedItem, normalisedRetention, retentionWords} from './items.js'
import type {Findings} from './violation.js'

/** Row 12: at most one hourly and one daily item; the second one is the one reported. */
export function checkItemCounts(items: CheckedItem[], findings: Findings): void {
  for (const type of ['hourly', 'daily'] as const) {
    const same = items.filter((item) => item.frequencyType === type)
    for (const extra of same.slice(1)) {
      findings.error(`${extra.path}.frequencyType`, 'INVALID_BACKUP_POLICY', 12, `only one ${type} item is allowed per policy; ${same[0]!.path} is already ${type}`)
    }
  }
}

/**
 * The shortest and longest a retention can be in days when a month is 28–31 days and a year 365–366: days and
 * weeks are exact, months and years are not. Atlas's normalisation (month 31, year 372) sits at the top.
 */
function dayRange(unit: RetentionUnit, value: number): [number, number] {
  switch (unit) {
    case 'days':
      return [value, value]
    case 'weeks':
      return [7 * value, 7 * value]
    case 'months':
      return [28 * value, 31 * value]
    case 'years':
      return [365 * value, 366 * value]
  }
}

const CALENDAR_UNITS: readonly RetentionUnit[] = ['months', 'years']

function isCalendar(unit: RetentionUnit): boolean {
  return CALENDAR_UNITS.includes(unit)
}

/**
 * Rows 17–19: an item that fires less often keeps its snapshots at least as long as every item that fires more
 * often (strict form: against the longest of them). Retentions are compared in normalised days (day 1, week 7,
 * month 31, year 372). When the verdict mixes exact units (days, weeks) with calendar ones (months, years) and a
 * shorter month or year would reverse it, the item passes with a warning (row 18).
 */
export function checkMonotonicity(items: CheckedItem[], findings: Findings): void {
  for (const item of items) {
    const moreFrequent = items.filter((other) => frequencyRank(other.frequencyType) < frequencyRank(item.frequencyType))
    if (moreFrequent.length === 0) continue
    const longest = moreFrequent.reduce((a, b) => (normalisedRetention(b) > normalisedRetention(a) ? b : a))
    const at = `${item.path}.retentionValue`
    if (normalisedRetention(item) < normalisedRetention(longest)) {
      findings.error(
        at,
        'INVALID_BACKUP_POLICY',
        17,
        `the ${item.frequencyType} item keeps ${retentionWords(item)}, less than the ${longest.frequencyType} item (${retentionWords(longest)}): a less frequent item must keep its snapshots at least as long`,
      )
      continue
    }
    if (isCalendar(item.retentionUnit) === isCalendar(longest.retentionUnit)) continue
    const [itemMin] = dayRange(item.retentionUnit, item.retentionValue)
    const [, longestMax] = dayRange(longest.retentionUnit, longest.retentionValue)
    if (itemMin < longestMax) {
      findings.warning(
        at,
        'INVALID_BACKUP_POLICY',
        18,
        `the ${item.frequencyType} item (${retentionWords(item)}) keeps at least as long as the ${longest.frequencyType} item (${retentionWords(longest)}) only if a month counts as 31 days and a year as 372; Atlas does not document how it compares units: use the same unit for both to be sure`,
      )
    }
  }
}
