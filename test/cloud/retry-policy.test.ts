import {afterEach, describe, expect, it} from 'vitest'

import {type Failure, MAX_TOTAL_MS, parseRetryAfter, planRetry, retryDelayMs} from '../../src/lib/backends/cloud/retry.js'

const base: Failure = {method: 'get', retriesDone: 0, startedAt: 1_000, now: 1_000}
const half = () => 0.5

afterEach(() => {
  delete process.env.ATLAS_BACKUPS_RETRY_BASE_MS
})

describe('retry policy', () => {
  it('retries GET, DELETE and PATCH on 429/502/503/504, never POST, never other statuses', () => {
    for (const method of ['GET', 'delete', 'PATCH']) for (const status of [429, 502, 503, 504]) expect(planRetry({...base, method, status}, half), `${method} ${status}`).toBeTypeOf('number')
    for (const status of [429, 503]) expect(planRetry({...base, method: 'POST', status})).toBeUndefined()
    for (const status of [400, 401, 404, 409, 500]) expect(planRetry({...base, status})).toBeUndefined()
  })

  it('retries transient network errors, a refused connection only twice, an unknown host never', () => {
    expect(planRetry({...base, code: 'ECONNRESET', retriesDone: 3}, half)).toBeTypeOf('number')
    expect(planRetry({...base, code: 'ECONNRESET', retriesDone: 4}, half)).toBeUndefined()
    expect(planRetry({...base, code: 'ECONNREFUSED', retriesDone: 1}, half)).toBeTypeOf('number')
    expect(planRetry({...base, code: 'ECONNREFUSED', retriesDone: 2}, half)).toBeUndefined()
    expect(planRetry({...base, code: 'ENOTFOUND'}, half)).toBeUndefined()
    expect(planRetry({...base, method: 'POST', code: 'ECONNRESET'}, half)).toBeUndefined()
  })

  it('backs off exponentially with jitter, capped', () => {
    process.env.ATLAS_BACKUPS_RETRY_BASE_MS = '100'
    expect([0, 1, 2, 3].map((n) => retryDelayMs(n, undefined, () => 0))).toEqual([50, 100, 200, 400])
    expect([0, 1, 2, 3].map((n) => retryDelayMs(n, undefined, () => 1))).toEqual([100, 200, 400, 800])
    expect(retryDelayMs(20, undefined, () => 1)).toBe(8_000)
  })

  it('reads Retry-After as seconds or an HTTP date, and keeps within the total budget', () => {
    const now = Date.parse('2026-08-10T03:00:00Z')
    expect(parseRetryAfter('2', now)).toBe(2000)
    expect(parseRetryAfter('Mon, 10 Aug 2026 03:00:05 GMT', now)).toBe(5000)
    expect(parseRetryAfter('Mon, 10 Aug 2026 02:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(planRetry({...base, status: 429, retryAfter: '3'})).toBe(3000)
    expect(planRetry({...base, status: 429, retryAfter: '3', now: base.startedAt + MAX_TOTAL_MS - 2000})).toBeUndefined()
  })
})
