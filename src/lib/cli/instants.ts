import {EARLIEST_INSTANT, isWithinClockRange, LATEST_INSTANT} from '../backends/local/clock.js'
import {toIso} from '../domain/time.js'
import {UsageError} from './errors.js'

/**
 * ISO 8601 extended form with a time and an explicit zone: 2026-12-31T18:00:00Z, 2026-12-31T20:00+02:00,
 * 2026-12-31T18:00:00.250Z. A zone is required because a bare local time would mean a different instant on every
 * machine, and Atlas itself always writes UTC.
 */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/i

const FORM_HINT = 'Use a form like 2026-12-31T18:00:00Z (UTC) or 2026-12-31T20:00:00+02:00'

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

function daysInMonth(year: number, month: number): number {
  return [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!
}

type Parsed = {instant: number} | {problem: 'form' | 'calendar'}

function parse(text: string): Parsed {
  const match = INSTANT.exec(text.trim())
  if (!match) return {problem: 'form'}
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(match[i] ?? 0)) as [number, number, number, number, number, number]
  const fraction = match[7] === undefined ? 0 : Number(`0.${match[7]}`)
  const zone = match[8]!.toUpperCase()
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return {problem: 'calendar'}
  if (hour > 23 || minute > 59 || second > 59) return {problem: 'calendar'}
  let offsetMinutes = 0
  if (zone !== 'Z') {
    const offsetHours = Number(zone.slice(1, 3))
    const offsetRest = Number(zone.slice(4, 6))
    if (offsetHours > 23 || offsetRest > 59) return {problem: 'calendar'}
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (offsetHours * 60 + offsetRest)
  }
  const date = new Date(0)
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  date.setUTCFullYear(year, month - 1, day)
  date.setUTCHours(hour, minute, second, Math.floor(fraction * 1000))
  return {instant: date.getTime() - offsetMinutes * 60_000}
}

/** Epoch milliseconds of an ISO 8601 instant, or NaN when the text is not one or names a date or time that does not exist. */
export function parseIsoInstant(text: string): number {
  const parsed = parse(text)
  return 'instant' in parsed ? parsed.instant : Number.NaN
}

/** Parses a command's instant argument; anything but a real ISO 8601 instant is a usage error. */
export function instantArgument(text: string): number {
  const parsed = parse(text)
  if ('instant' in parsed) return parsed.instant
  if (parsed.problem === 'calendar') throw new UsageError(`"${text}" names a date or time that does not exist`, 'Check the day of the month (February has 28 days, 29 in leap years), the hour (00–23) and the minutes and seconds (00–59)')
  throw new UsageError(`"${text}" is not an ISO 8601 instant`, FORM_HINT)
}

/** Refuses a clock target the emulator cannot represent (see LATEST_INSTANT), naming what the user asked for. */
export function requireClockInstant(instant: number, asked: string): number {
  if (isWithinClockRange(instant)) return instant
  throw new UsageError(
    `${asked} is outside the local emulator's clock range, ${toIso(EARLIEST_INSTANT)} to ${toIso(LATEST_INSTANT)}`,
    'Snapshot ids carry their creation time as 32-bit seconds since 1970; choose an instant in that range',
  )
}
