import {DAY_MS, HOUR_MS, MINUTE_MS} from '../domain/time.js'
import {civilFromDayNumber, dayNumberFromCivil, daysInMonth, isoWeekdayOf} from './calendar.js'
import type {CompiledItem, CompiledSchedule} from './compile.js'

/** Receives one instant; returns false to end the walk. */
export type InstantVisitor = (at: number) => boolean

const LAST_DAY_OF_MONTH = 40

/**
 * Visits the instants at which one item fires, newest first, starting at the latest one ≤ `start`, until the
 * visitor says stop. Each frequency steps straight from one of its instants to the previous one, so walking back
 * over a retention period costs the number of instants in it, not the number of days.
 */
export function walkItemInstantsBackward(schedule: CompiledSchedule, item: CompiledItem, start: number, visit: InstantVisitor): void {
  const referenceOffset = schedule.referenceHourOfDay * HOUR_MS + schedule.referenceMinuteOfHour * MINUTE_MS
  switch (item.frequencyType) {
    case 'hourly':
    case 'daily':
      return walkDaily(item.hours, schedule.referenceMinuteOfHour * MINUTE_MS, start, visit)
    case 'weekly':
      return walkWeekly(item.frequencyInterval, referenceOffset, start, visit)
    case 'monthly':
      return walkMonthly(item.frequencyInterval, referenceOffset, start, visit)
    case 'yearly':
      return walkYearly(item.frequencyInterval, referenceOffset, start, visit)
  }
}

function walkDaily(hours: readonly number[], minuteOffset: number, start: number, visit: InstantVisitor): void {
  for (let dayNumber = Math.floor(start / DAY_MS); ; dayNumber--) {
    const dayStart = dayNumber * DAY_MS
    for (let slot = hours.length - 1; slot >= 0; slot--) {
      const at = dayStart + (hours[slot] ?? 0) * HOUR_MS + minuteOffset
      if (at > start) continue
      if (!visit(at)) return
    }
  }
}

function walkWeekly(isoWeekday: number, referenceOffset: number, start: number, visit: InstantVisitor): void {
  const startDay = Math.floor(start / DAY_MS)
  let dayNumber = startDay - ((isoWeekdayOf(startDay) - isoWeekday + 7) % 7)
  if (dayNumber * DAY_MS + referenceOffset > start) dayNumber -= 7
  for (; ; dayNumber -= 7) {
    if (!visit(dayNumber * DAY_MS + referenceOffset)) return
  }
}

function walkMonthly(dayOfMonth: number, referenceOffset: number, start: number, visit: InstantVisitor): void {
  let {year, month} = civilFromDayNumber(Math.floor(start / DAY_MS))
  for (; ;) {
    const length = daysInMonth(year, month)
    const day = dayOfMonth === LAST_DAY_OF_MONTH ? length : dayOfMonth
    // Days 29–31 are missing from short months; those months simply have no instant, and the next one back has.
    if (day <= length) {
      const at = dayNumberFromCivil(year, month, day) * DAY_MS + referenceOffset
      if (at <= start && !visit(at)) return
    }
    month--
    if (month === 0) {
      month = 12
      year--
    }
  }
}

function walkYearly(month: number, referenceOffset: number, start: number, visit: InstantVisitor): void {
  for (let year = civilFromDayNumber(Math.floor(start / DAY_MS)).year; ; year--) {
    const at = dayNumberFromCivil(year, month, 1) * DAY_MS + referenceOffset
    if (at <= start && !visit(at)) return
  }
}
