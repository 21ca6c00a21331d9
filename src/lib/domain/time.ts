/** Time helpers shared by the rules and the backends. Instants are epoch milliseconds, always UTC. */

export const SECOND_MS = 1_000
export const MINUTE_MS = 60_000
export const HOUR_MS = 3_600_000
export const DAY_MS = 86_400_000

/** The instants toIso formats itself: years 1970 to 9999 (Date's own text has other shapes beyond year 9999). */
const FIRST_SECOND_AFTER_9999 = 253_402_300_800

/** 'YYYY-MM-DDT' by day number since 1970: a page of snapshots formats a few hundred instants of a few days. */
const dayPrefixes = new Map<number, string>()

const twoDigits = (value: number): string => (value < 10 ? `0${value}` : `${value}`)

/**
 * ISO 8601 UTC without fractional seconds, as Atlas writes timestamps: 2026-08-10T03:28:08Z. The same text as Date's
 * toISOString without the milliseconds, built from a remembered day and the time of day: a Date and its text per
 * instant were a twentieth of serve's time per page.
 */
export function toIso(epochMs: number): string {
  const seconds = Math.floor(epochMs / 1000)
  // NaN and out-of-range instants take Date's path (which throws on NaN, as before).
  if (!(seconds >= 0 && seconds < FIRST_SECOND_AFTER_9999)) return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z')
  const day = Math.floor(seconds / 86_400)
  let prefix = dayPrefixes.get(day)
  if (prefix === undefined) {
    if (dayPrefixes.size >= 4096) dayPrefixes.clear()
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11)
    dayPrefixes.set(day, prefix)
  }
  const inDay = seconds - day * 86_400
  return `${prefix}${twoDigits(Math.floor(inDay / 3600))}:${twoDigits(Math.floor(inDay / 60) % 60)}:${twoDigits(inDay % 60)}Z`
}

/** Parses an ISO 8601 instant; returns NaN when the text is not one. */
export function fromIso(text: string): number {
  return Date.parse(text)
}

/** 31d, 3d 18h, 6h, 45m: the two largest units are enough to judge an RPO. */
export function durationText(seconds: number): string {
  const units: [string, number][] = [['d', 86_400], ['h', 3600], ['m', 60], ['s', 1]]
  const parts: string[] = []
  let rest = Math.round(seconds)
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size)
    rest -= count * size
    if (count > 0 && parts.length < 2) parts.push(`${count}${unit}`)
    else if (parts.length > 0) break
  }
  return parts.length === 0 ? '0s' : parts.join(' ')
}
