import {createHash} from 'node:crypto'

import {afterAll, beforeAll, expect} from 'vitest'

import {changeClock} from '../../src/lib/backends/local/admin.js'
import {DEMO_PROJECT_ID} from '../../src/lib/backends/local/fleet.js'
import {LocalBackend} from '../../src/lib/backends/local/local-backend.js'
import {startServer, type RunningServer} from '../../src/lib/server/index.js'
import {makeHome} from '../helpers/cli.js'

export const V20230101 = 'application/vnd.atlas.2023-01-01+json'
export const V20240805 = 'application/vnd.atlas.2024-08-05+json'
export const GROUP = `/api/atlas/v2/groups/${DEMO_PROJECT_ID}`
export const CLUSTER0 = `${GROUP}/clusters/Cluster0`

/** A fresh home for a server: the one temporary home of the tests (makeHome), under the name these tests use. */
export const tempHome = makeHome

export interface Answer {
  status: number
  headers: Headers
  type: string
  text: string
  // Bodies are read loosely; each test asserts the fields it cares about.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any
}

export async function call(base: string, path: string, init: {method?: string; accept?: string | null; body?: string; headers?: Record<string, string>} = {}): Promise<Answer> {
  const headers: Record<string, string> = {...init.headers}
  if (init.accept !== null) headers.Accept = init.accept ?? V20230101
  if (init.body !== undefined) headers['Content-Type'] = 'application/json'
  const response = await fetch(`${base}${path}`, {method: init.method ?? 'GET', headers, body: init.body})
  const text = await response.text()
  let body: unknown
  try {
    body = text === '' ? undefined : JSON.parse(text)
  } catch {
    body = text
  }
  return {status: response.status, headers: response.headers, type: response.headers.get('content-type') ?? '', text, body}
}

const md5 = (text: string): string => createHash('md5').update(text).digest('hex')

/** An Authorization header computed by hand (RFC 7616, MD5, qop=auth), independent of the server's code. */
export function digestHeader(o: {username: string; password: string; method: string; uri: string; challenge: string; nc?: string; cnonce?: string; realm?: string}): string {
  const nonce = /nonce="([^"]+)"/.exec(o.challenge)?.[1] ?? ''
  const realm = o.realm ?? /realm="([^"]+)"/.exec(o.challenge)?.[1] ?? ''
  const nc = o.nc ?? '00000001'
  const cnonce = o.cnonce ?? 'f00dcafe'
  const ha1 = md5(`${o.username}:${realm}:${o.password}`)
  const ha2 = md5(`${o.method}:${o.uri}`)
  const response = md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`)
  return `Digest username="${o.username}", realm="${realm}", nonce="${nonce}", uri="${o.uri}", algorithm=MD5, response="${response}", qop=auth, nc=${nc}, cnonce="${cnonce}"`
}

/**
 * Freezes the emulator clock of `home` at `instant`, as `local clock freeze` does, through a second connection to the
 * store, then runs `work` (admin operations) on it. A server running on that home reads the clock at each request,
 * so tests move its virtual time this way. A fresh home is seeded at `instant`.
 */
export async function freezeClock(home: string, instant: number, work?: (backend: LocalBackend) => void): Promise<void> {
  const backend = new LocalBackend({home, wallClock: () => instant})
  try {
    changeClock(backend, () => ({offsetMs: 0, frozenAt: instant}))
    work?.(backend)
  } finally {
    await backend.close()
  }
}

/**
 * A `serve` of its own for a test file, started once before its tests on a fresh home whose clock is frozen at
 * `start`, and closed after them. Read `url` and `home` inside tests (they are set by then).
 */
export function frozenServer(start: number): {readonly url: string; readonly home: string} {
  let home = ''
  let server: RunningServer | undefined
  beforeAll(async () => {
    home = tempHome()
    await freezeClock(home, start)
    server = await startServer({home, port: 0, log: () => {}})
  })
  afterAll(async () => {
    await server?.close()
  })
  return {
    get url() {
      return server!.url
    },
    get home() {
      return home
    },
  }
}

/** The Atlas error envelope with this status and code, sent as application/json. */
export function expectAtlasError(answer: Answer, status: number, errorCode: string): void {
  expect(answer.status, answer.text).toBe(status)
  expect(answer.type).toBe('application/json')
  expect(answer.body).toMatchObject({error: status, errorCode})
}
