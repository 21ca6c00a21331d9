import {DAY_MS} from '../domain/time.js'
import {referenceHourWinner} from './attribution.js'
import {addRetention, emptyDayFacts, fillDayFacts} from './calendar.js'
import type {CompiledItem, CompiledSchedule, ScheduleSource} from './compile.js'
import {asCompiled} from './compile.js'

export interface Firing {
  /** The instant the snapshot is due. */
  at: number
  /** Index in policies[0].policyItems of the item the snapshot is attributed to. */
  itemIndex: number
  /** When the snapshot expires under the winning item's retention. */
  expiresAt: number
}

export type ScheduleInput = ScheduleSource | CompiledSchedule

/**
 * The longest gap between two firings of any schedulable item is a yearly item's 366 days; twice that bounds the
 * search for the next snapshot without ever giving up on a schedule that does fire.
 */
const NEXT_SNAPSHOT_HORIZON_MS = 2 * 366 * DAY_MS

export function expiryOf(item: CompiledItem, at: number): number {
  return item.retentionMs === undefined ? addRetention(at, item.retentionUnit, item.retentionValue) : at + item.retentionMs
}

export function assertFiniteInstant(name: string, value: number): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite instant in epoch milliseconds, got ${value}`)
}

/**
 * Appends the firings in (from, to] to `out`, stopping after `limit` of them. Walks day by day so the calendar
 * questions (weekday, day of month, last day) are answered once per day, and only at the hours some item can fire.
 */
function collectFirings(schedule: CompiledSchedule, from: number, to: number, limit: number, out: Firing[]): Firing[] {
  const slots = schedule.slots
  // Without slots the day loop below would never end. An empty or inverted window needs no check: the first slot
  // after `from` is already past `to`.
  if (slots.length === 0) return out
  const facts = emptyDayFacts()
  // No end condition on the days: with at least one slot, the first slot after `to` ends the walk.
  for (let dayNumber = Math.floor(from / DAY_MS); ; dayNumber++) {
    const dayStart = dayNumber * DAY_MS
    for (const slot of slots) {
      const at = dayStart + slot.offsetMs
      if (at <= from) continue
      if (at > to) return out
      const winner = slot.isReferenceHour ? referenceHourWinner(schedule, fillDayFacts(facts, dayNumber)) : slot.hourlyWinner
      if (winner === undefined) continue
      out.push({at, itemIndex: winner.index, expiresAt: expiryOf(winner, at)})
      if (out.length >= limit) return out
    }
  }
}

/** Every snapshot the schedule takes in (from, to], ascending, one per instant, with its owner and expiry. */
export function firings(schedule: ScheduleInput, from: number, to: number): Firing[] {
  assertFiniteInstant('from', from)
  assertFiniteInstant('to', to)
  return collectFirings(asCompiled(schedule), from, to, Number.POSITIVE_INFINITY, [])
}

/** The first `limit` firings in (from, to], ascending: a walk that stops early, for callers that count firings. */
export function firstFirings(schedule: ScheduleInput, from: number, to: number, limit: number): Firing[] {
  assertFiniteInstant('from', from)
  assertFiniteInstant('to', to)
  return limit > 0 ? collectFirings(asCompiled(schedule), from, to, limit, []) : []
}

/** The first firing strictly after `now` (Atlas's `nextSnapshot`), or undefined when nothing can be scheduled. */
export function nextSnapshot(schedule: ScheduleInput, now: number): number | undefined {
  assertFiniteInstant('now', now)
  return collectFirings(asCompiled(schedule), now, now + NEXT_SNAPSHOT_HORIZON_MS, 1, [])[0]?.at
}
