/** Time helpers shared by the rules and the backends. Instants are epoch milliseconds, always UTC. */

export const SECOND_MS = 1_000
export const MINUTE_MS = 60_000
export const HOUR_MS = 3_600_000
export const DAY_MS = 86_400_000

/** ISO 8601 UTC without fractional seconds, as Atlas writes timestamps: 2026-08-10T03:28:08Z. */
export function toIso(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z')
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
