/**
 * When and how long to wait before sending a request again. Only methods that are safe to repeat are retried
 * (GET, DELETE, PATCH: the list); a POST that failed may have taken effect, so it never is.
 */
export const RETRIABLE_STATUSES = new Set([429, 502, 503, 504])
export const RETRIABLE_METHODS = new Set(['GET', 'DELETE', 'PATCH'])
export const MAX_RETRIES = 4
export const MAX_TOTAL_WAIT_MS = 30_000

export function baseDelayMs(): number {
  const fromEnv = Number(process.env.ATLAS_BACKUPS_RETRY_BASE_MS)
  return Number.isFinite(fromEnv) && fromEnv >= 0 && process.env.ATLAS_BACKUPS_RETRY_BASE_MS !== '' ? fromEnv : 500
}

/** Retry-After in milliseconds: a number of seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

/** Exponential backoff with full jitter, unless the server said how long to wait. */
export function retryDelayMs(attempt: number, retryAfter: string | undefined): number {
  const told = parseRetryAfter(retryAfter)
  if (told !== undefined) return told
  const ceiling = baseDelayMs() * 2 ** attempt
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2))
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
