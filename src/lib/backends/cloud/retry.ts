/**
 * When to send a request again, and after how long. The mechanics (re-sending through the axios instance) are
 * axios-retry's; the policy is ours and lives here, free of I/O so it can be tested on its own.
 *
 * - Only GET, DELETE, PATCH and PUT are repeated (a PUT replaces the whole resource, so twice is once): a POST that
 *   failed may still have taken effect (an on-demand snapshot would be taken twice), so it never is.
 * - HTTP 429, 502, 503 and 504 and transient network failures (reset, timeout, DNS hiccup) are retried up to
 *   MAX_RETRIES times; a refused connection means nothing listens there, so it gets only MAX_REFUSED_RETRIES.
 * - The wait is `Retry-After` when Atlas sends it (seconds or an HTTP date), else exponential backoff with jitter.
 * - No retry starts once the request would exceed MAX_TOTAL_MS since it was first sent.
 */
export const RETRIABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504])
export const RETRIABLE_METHODS: ReadonlySet<string> = new Set(['GET', 'DELETE', 'PATCH', 'PUT'])
export const TRANSIENT_NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  'EAI_AGAIN',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
])
export const MAX_RETRIES = 4
export const MAX_REFUSED_RETRIES = 2
export const MAX_TOTAL_MS = 30_000
const DEFAULT_BASE_DELAY_MS = 500
const MAX_BACKOFF_MS = 8_000

function envNumber(name: string): number | undefined {
  const raw = process.env[name]
  if (raw === undefined || raw.trim() === '') return undefined
  const value = Number(raw)
  return Number.isFinite(value) && value >= 0 ? value : undefined
}

/** First backoff step; ATLAS_BACKUPS_RETRY_BASE_MS overrides it (tests set a few ms). */
export function baseDelayMs(): number {
  return envNumber('ATLAS_BACKUPS_RETRY_BASE_MS') ?? DEFAULT_BASE_DELAY_MS
}

/** Per-request timeout; ATLAS_BACKUPS_HTTP_TIMEOUT_MS overrides the 30 s default. */
export function requestTimeoutMs(): number {
  const value = envNumber('ATLAS_BACKUPS_HTTP_TIMEOUT_MS')
  return value !== undefined && value > 0 ? value : 30_000
}

/** Retry-After in milliseconds: a number of seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined
  const text = value.trim()
  if (text === '') return undefined
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000)
  const at = Date.parse(text)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

/**
 * The wait before retry number `retriesDone + 1`: what Retry-After says, else base·2^n capped at MAX_BACKOFF_MS,
 * with "equal jitter" (half fixed, half random) so parallel callers spread out without ever retrying at once.
 */
export function retryDelayMs(retriesDone: number, retryAfter: string | undefined, random: () => number = Math.random): number {
  const told = parseRetryAfter(retryAfter)
  if (told !== undefined) return told
  const ceiling = Math.min(MAX_BACKOFF_MS, baseDelayMs() * 2 ** retriesDone)
  return Math.round(ceiling / 2 + random() * (ceiling / 2))
}

export interface Failure {
  method: string
  /** HTTP status when Atlas answered, undefined for a network failure. */
  status?: number
  /** Node/axios error code for a network failure. */
  code?: string
  retryAfter?: string
  retriesDone: number
  /** When the request was first sent, and now (ms since epoch). */
  startedAt: number
  now: number
}

/** The wait before trying again, or undefined when the failure is final. */
export function planRetry(failure: Failure, random: () => number = Math.random): number | undefined {
  if (!RETRIABLE_METHODS.has(failure.method.toUpperCase())) return undefined
  if (failure.retriesDone >= MAX_RETRIES) return undefined
  if (failure.status !== undefined) {
    if (!RETRIABLE_STATUSES.has(failure.status)) return undefined
  } else {
    if (failure.code === undefined || !TRANSIENT_NETWORK_CODES.has(failure.code)) return undefined
    if (failure.code === 'ECONNREFUSED' && failure.retriesDone >= MAX_REFUSED_RETRIES) return undefined
  }
  const wait = retryDelayMs(failure.retriesDone, failure.retryAfter, random)
  return failure.now - failure.startedAt + wait <= MAX_TOTAL_MS ? wait : undefined
}
