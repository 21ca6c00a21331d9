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
