import {frequencyRank} from '../domain/retention.js'
import {DAY_MS, HOUR_MS, MINUTE_MS} from '../domain/time.js'
import type {DayFacts} from './calendar.js'
import {fillDayFacts} from './calendar.js'
import type {CompiledItem, CompiledSchedule} from './compile.js'

const LAST_DAY_OF_MONTH = 40

/**
 * Sort order of items for attribution: when several items fire at one instant Atlas takes one snapshot and
 * attributes it to the item with the longest retention (backup-rules.md row 31), so the first item in this order
 * that fires owns the snapshot.
 *
 * - Retentions in different units are compared by normalisedDays (month = 31 days, year = 372 days), because Atlas
 *   does not document how it compares units (row 18) and these weights are the ones the validator uses.
 * - Equal retention is undocumented (row 32, e.g. today's default of hourly 7 days and daily 7 days): the less
 *   frequent type wins, so a snapshot shows the rarer frequency, which is the one copy settings and the UI's
 *   "Frequency" column single out (row 33).
 * - Still equal means two items of the same type and retention both fire (monthly 28 and monthly 40 on a
 *   non-leap February 28, two weekly items on one day): the lower item index wins, only so the answer is
 *   deterministic and stable across recompilations.
 */
export function byAttributionPriority(a: CompiledItem, b: CompiledItem): number {
  return (
    b.normalisedRetentionDays - a.normalisedRetentionDays ||
    frequencyRank(b.frequencyType) - frequencyRank(a.frequencyType) ||
    a.index - b.index
  )
}

/** Whether an item fires at the reference hour of the given day (backup-rules.md §3 step 1). */
export function firesAtReferenceHour(item: CompiledItem, facts: DayFacts): boolean {
  switch (item.frequencyType) {
    case 'hourly':
    case 'daily':
      return true
    case 'weekly':
      return facts.isoWeekday === item.frequencyInterval
    case 'monthly':
      return item.frequencyInterval === LAST_DAY_OF_MONTH ? facts.isLastDayOfMonth : facts.day === item.frequencyInterval
    case 'yearly':
      return facts.day === 1 && facts.month === item.frequencyInterval
  }
}

/** The item that owns the reference-hour snapshot of that day, or undefined when no item fires then. */
export function referenceHourWinner(schedule: CompiledSchedule, facts: DayFacts): CompiledItem | undefined {
  for (const item of schedule.items) {
    if (firesAtReferenceHour(item, facts)) return item
  }
  return undefined
}

/**
 * The item that owns a snapshot at `at`, or undefined when nothing fires then. `facts` is scratch space reused
 * across calls, so walks over many instants allocate nothing.
 */
export function winnerAt(schedule: CompiledSchedule, at: number, facts: DayFacts): CompiledItem | undefined {
  const dayNumber = Math.floor(at / DAY_MS)
  const sinceMidnight = at - dayNumber * DAY_MS
  const hour = Math.floor(sinceMidnight / HOUR_MS)
  if (sinceMidnight - hour * HOUR_MS !== schedule.referenceMinuteOfHour * MINUTE_MS) return undefined
  if (hour !== schedule.referenceHourOfDay) return schedule.hourlyWinnerByHour[hour]
  return referenceHourWinner(schedule, fillDayFacts(facts, dayNumber))
}
