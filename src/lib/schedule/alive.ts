import {DAY_MS} from '../domain/time.js'
import {winnerAt} from './attribution.js'
import {emptyDayFacts} from './calendar.js'
import type {CompiledSchedule} from './compile.js'
import {asCompiled} from './compile.js'
import type {Firing, ScheduleInput} from './firings.js'
import {assertFiniteInstant, expiryOf} from './firings.js'
import {walkItemInstantsBackward} from './item-instants.js'

function assertLowerBound(from: number): void {
  if (Number.isNaN(from) || from === Number.POSITIVE_INFINITY) throw new RangeError(`from must be an instant or -Infinity, got ${from}`)
}

function collectAlive(schedule: CompiledSchedule, from: number, now: number): Firing[] {
  const alive: Firing[] = []
  const facts = emptyDayFacts()
  for (const item of schedule.items) {
    // With days and weeks, expiry grows with the firing time, so the first expired instant walking back ends the
    // walk. Calendar months clamp (Dec 31 02:00 + 4 months = Apr 30 02:00, before Dec 30 20:00's Apr 30 20:00), so
    // there the walk goes on until even the longest such span (31 days a month) has run out.
    const longestSpan = item.retentionMs ?? item.normalisedRetentionDays * DAY_MS
    walkItemInstantsBackward(schedule, item, now, (at) => {
      if (at <= from) return false
      const expiresAt = expiryOf(item, at)
      if (expiresAt <= now) return at + longestSpan > now
      if (winnerAt(schedule, at, facts) === item) alive.push({at, itemIndex: item.index, expiresAt})
      return true
    })
  }
  return alive.sort((a, b) => a.at - b.at)
}

/**
 * The firings in (from, now] whose snapshot is still alive at now (expiresAt > now), ascending: what the emulator
 * must create after the clock moved from `from` to `now`. Costs O(snapshots alive), not O(firings in the window):
 * each item is walked back only over its own retention period and keeps an instant only where it wins the
 * attribution, so a clock jump of a year costs what a jump of a day does. `from` may be -Infinity.
 */
export function aliveFirings(schedule: ScheduleInput, from: number, now: number): Firing[] {
  assertLowerBound(from)
  assertFiniteInstant('now', now)
  return collectAlive(asCompiled(schedule), from, now)
}

/**
 * Per item index of policies[0].policyItems, how many snapshots a schedule that has always run unchanged keeps at
 * `at`: the figure Atlas shows as "the estimated number of snapshots associated with your changes".
 */
export function retainedCounts(schedule: ScheduleInput, at: number): number[] {
  assertFiniteInstant('at', at)
  const compiled = asCompiled(schedule)
  const counts = new Array<number>(compiled.itemCount).fill(0)
  for (const firing of collectAlive(compiled, Number.NEGATIVE_INFINITY, at)) {
    counts[firing.itemIndex] = (counts[firing.itemIndex] ?? 0) + 1
  }
  return counts
}
