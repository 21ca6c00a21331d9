import {FREQUENCY_ORDER, frequencyRank} from '../domain/retention.js'
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
 * The fewest days one unit of retention can mean: a month is 28–31 days and a year 365–366, while days and weeks
 * are exact. Atlas's normalisation (month 31, year 372) is at or above the top of each range.
 */
const SHORTEST_DAYS: Readonly<Record<RetentionUnit, number>> = {days: 1, weeks: 7, months: 28, years: 365}

const CALENDAR_UNITS: readonly RetentionUnit[] = ['months', 'years']

function isCalendar(unit: RetentionUnit): boolean {
  return CALENDAR_UNITS.includes(unit)
}

/**
 * For each frequency rank, the item with the longest retention among all items that fire more often (ranks below
 * it); on a tie the one listed first. One pass over the items and one over the five ranks: linear, where comparing
 * every item with every other was quadratic.
 */
function longestBelowEachRank(items: CheckedItem[]): Array<CheckedItem | undefined> {
  // Positions break ties, so the verdict names the same item whichever order the ranks are visited in.
  const position = new Map(items.map((item, i) => [item, i]))
  const longer = (a: CheckedItem, b: CheckedItem | undefined): boolean =>
    !b || normalisedRetention(a) > normalisedRetention(b) || (normalisedRetention(a) === normalisedRetention(b) && position.get(a)! < position.get(b)!)
  const bestOfRank: Array<CheckedItem | undefined> = []
  for (const item of items) {
    const rank = frequencyRank(item.frequencyType)
    if (longer(item, bestOfRank[rank])) bestOfRank[rank] = item
  }
  const below: Array<CheckedItem | undefined> = []
  let longest: CheckedItem | undefined
  for (let rank = 0; rank < FREQUENCY_ORDER.length; rank++) {
    below[rank] = longest
    const best = bestOfRank[rank]
    if (best && longer(best, longest)) longest = best
  }
  return below
}

/**
 * Rows 17–19: an item that fires less often keeps its snapshots at least as long as every item that fires more
 * often (strict form: against the longest of them). Retentions are compared in normalised days (day 1, week 7,
 * month 31, year 372). When the verdict mixes exact units (days, weeks) with calendar ones (months, years) and a
 * shorter month or year would reverse it, the item passes with a warning (row 18).
 */
export function checkMonotonicity(items: CheckedItem[], findings: Findings): void {
  const longestBelow = longestBelowEachRank(items)
  for (const item of items) {
    const longest = longestBelow[frequencyRank(item.frequencyType)]
    if (!longest) continue
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
    // Only a calendar item after an exact one can depend on the length of a month or a year: an exact item that
    // passed above keeps at least the normalised length of a calendar one, which no real month or year exceeds.
    if (SHORTEST_DAYS[item.retentionUnit] * item.retentionValue < normalisedRetention(longest)) {
      findings.warning(
        at,
        'INVALID_BACKUP_POLICY',
        18,
        `the ${item.frequencyType} item (${retentionWords(item)}) keeps at least as long as the ${longest.frequencyType} item (${retentionWords(longest)}) only if a month counts as 31 days and a year as 372; Atlas does not document how it compares units: use the same unit for both to be sure`,
      )
    }
  }
}
