import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {Backend} from '../../src/lib/backends/backend.js'
import {changeClock} from '../../src/lib/backends/local/admin.js'
import {DEMO_PROJECT_ID} from '../../src/lib/backends/local/fleet.js'
import {LocalBackend} from '../../src/lib/backends/local/local-backend.js'
import {AnswerCache} from '../../src/lib/server/answer-cache.js'
import {createHandler} from '../../src/lib/server/handler.js'
import {runCli} from '../helpers/cli.js'
import {iso} from '../helpers/values.js'
import {call, CLUSTER0, freezeClock, frozenServer, tempHome} from './helpers.js'

// serve keeps the bytes of a GET's answer while the store and the frozen clock are provably unchanged
// (src/lib/server/answer-cache.ts). These tests pin that a kept answer is never served once anything changed.

const START = iso('2026-06-15T10:30:00Z')
const PAGE = `${CLUSTER0}/backup/snapshots?itemsPerPage=5`

interface Page {
  totalCount: number
  results: Array<{id: string; status: string}>
}

async function page(url: string, path = PAGE): Promise<{text: string; body: Page}> {
  const answer = await call(url, path)
  expect(answer.status, answer.text).toBe(200)
  return {text: answer.text, body: answer.body as Page}
}

describe('AnswerCache', () => {
  const answer = (text: string) => ({status: 200, headers: {'Content-Type': 'application/json'}, body: Buffer.from(text)})

  it('gives an answer back only under the stamp it was kept under, and forgets it once another stamp is asked for', () => {
    const cache = new AnswerCache()
    cache.set('page', 's1', answer('one'), 100, 101)
    expect(cache.get('page', 's1', 100)?.body.toString()).toBe('one')
    expect(cache.get('other', 's1', 100)).toBeUndefined()
    expect(cache.get('page', 's2', 100)).toBeUndefined()
    // Back to the first stamp (a store cannot go back, but a stamp could repeat): nothing of it was kept.
    expect(cache.get('page', 's1', 100)).toBeUndefined()
  })

  it('gives an answer back only at the instants of its span: from the one it was computed at, up to the one it changes at', () => {
    const cache = new AnswerCache()
    cache.set('page', 's', answer('one'), 100, 250)
    expect(cache.get('page', 's', 99)).toBeUndefined()
    expect(cache.get('page', 's', 100)?.body.toString()).toBe('one')
    expect(cache.get('page', 's', 249)?.body.toString()).toBe('one')
    expect(cache.get('page', 's', 250)).toBeUndefined()
    // A later answer of the same request replaces it.
    cache.set('page', 's', answer('two'), 250, 251)
    expect(cache.get('page', 's', 250)?.body.toString()).toBe('two')
    expect(cache.get('page', 's', 120)).toBeUndefined()
  })

  it('holds at most 256 answers of one state, starting over rather than growing', () => {
    const cache = new AnswerCache()
    for (let i = 0; i < 257; i++) cache.set(`page ${i}`, 's', answer(String(i)), 1, 2)
    expect(cache.get('page 0', 's', 1)).toBeUndefined()
    expect(cache.get('page 256', 's', 1)?.body.toString()).toBe('256')
  })
})

describe('the answer cache, in the handler', () => {
  let home = ''
  let backend: LocalBackend
  let server: Server
  let url = ''
  // The wall clock the backend reads: a running virtual clock moves with it, by hand here.
  let wall = START
  const calls = {listSnapshots: 0}

  beforeAll(async () => {
    home = tempHome()
    await freezeClock(home, START)
    backend = new LocalBackend({home, linkBase: 'http://127.0.0.1', wallClock: () => wall})
    // Counts the operations the handler really runs: a kept answer runs none.
    const counting = new Proxy(backend, {
      get(target, name, receiver) {
        if (name === 'listSnapshots') calls.listSnapshots += 1
        return Reflect.get(target, name, receiver) as unknown
      },
    }) as unknown as Backend
    const handle = createHandler({backend: counting, log: () => {}, debug: false, answerState: () => backend.answerState(), answerSpan: (answer) => backend.answerSpan(answer)})
    server = createServer((request, response) => void handle(request, response))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()))
    await backend.close()
  })

  /** The page as the operation computes it at the wall clock's instant, without the handler's cache. */
  const computed = async (itemsPerPage = 5) => JSON.stringify(await backend.listSnapshots(DEMO_PROJECT_ID, 'Cluster0', {itemsPerPage}))

  it('answers the same GET in the same state with the same bytes without running the operation again', async () => {
    // The first GET catches Cluster0 up to now (a write): that answer is not kept, the next one is.
    await page(url)
    const first = await page(url)
    const runs = calls.listSnapshots
    const again = await page(url)
    expect(calls.listSnapshots).toBe(runs)
    expect(again.text).toBe(first.text)
    // Another query is another answer.
    await page(url, `${CLUSTER0}/backup/snapshots?itemsPerPage=3`)
    expect(calls.listSnapshots).toBe(runs + 1)
  })

  it('with a running clock, gives a page again until the first instant anything in it changes, and at every instant the page the operation computes', async () => {
    // An on-demand snapshot on the page goes from queued to in progress to completed within seconds.
    const taken = await backend.takeSnapshot(DEMO_PROJECT_ID, 'Cluster0', {description: 'span', retentionInDays: 1})
    changeClock(backend, () => ({offsetMs: 0, frozenAt: null}))
    wall = START
    await page(url)
    const runs = calls.listSnapshots
    const span = backend.answerSpan(await backend.listSnapshots(DEMO_PROJECT_ID, 'Cluster0', {itemsPerPage: 5}))!
    expect(span.at).toBe(START)
    const changes: number[] = []
    const seen = new Set<string>()
    // Walk the clock through the snapshot's life: a millisecond before each change, and at it.
    for (let step = 0; step < 4; step++) {
      const {until} = backend.answerSpan(await backend.listSnapshots(DEMO_PROJECT_ID, 'Cluster0', {itemsPerPage: 5}))!
      expect(until).toBeGreaterThan(wall)
      changes.push(until)
      for (const instant of [until - 1, until]) {
        wall = instant
        const answered = await page(url)
        expect(answered.text).toBe(await computed())
        seen.add(answered.body.results.find((snapshot) => snapshot.id === taken.id)!.status)
      }
    }
    // queued → inProgress at the start, its provider half way, completed at the end: each a change, each seen.
    expect([...seen].sort()).toEqual(['completed', 'inProgress', 'queued'])
    expect(changes[0]).toBeLessThan(changes[1]!)
    // One GET computed per change (at the instant itself); those a millisecond before each were the kept answer.
    expect(calls.listSnapshots - runs).toBeLessThanOrEqual(changes.length + 1)
  })
})

describe('the answer cache, in serve (the very next GET sees every change)', () => {
  const served = frozenServer(START)

  it('sees serve’s own writes: an on-demand snapshot taken and a snapshot deleted through serve', async () => {
    const before = await page(served.url)
    await page(served.url)
    const taken = await call(served.url, `${CLUSTER0}/backup/snapshots`, {method: 'POST', body: JSON.stringify({description: 'cache', retentionInDays: 3})})
    expect(taken.status, taken.text).toBe(200)
    const after = await page(served.url)
    expect(after.body.totalCount).toBe(before.body.totalCount + 1)
    expect(after.body.results.map((snapshot) => snapshot.id)).toContain(taken.body.id)

    const gone = before.body.results.find((snapshot) => snapshot.status === 'completed')!.id
    const deleted = await call(served.url, `${CLUSTER0}/backup/snapshots/${gone}`, {method: 'DELETE'})
    expect(deleted.status, deleted.text).toBe(204)
    const last = await page(served.url)
    expect(last.body.totalCount).toBe(before.body.totalCount)
    expect(last.body.results.map((snapshot) => snapshot.id)).not.toContain(gone)
  })

  it('sees a commit of another connection to the same store, and a move of the frozen clock', async () => {
    const before = await page(served.url)
    await page(served.url)
    const gone = before.body.results.find((snapshot) => snapshot.status === 'completed')!.id
    // Only the deletion is committed: no clock setting is written.
    const other = new LocalBackend({home: served.home})
    try {
      await other.deleteSnapshot(DEMO_PROJECT_ID, 'Cluster0', gone)
    } finally {
      await other.close()
    }
    const after = await page(served.url)
    expect(after.body.results.map((snapshot) => snapshot.id)).not.toContain(gone)
    expect(after.body.totalCount).toBe(before.body.totalCount - 1)

    // The on-demand snapshot of the test before is still queued at START; two minutes on it has completed.
    const queued = after.body.results.find((snapshot) => snapshot.status !== 'completed')
    expect(queued).toBeDefined()
    await freezeClock(served.home, START + 2 * 60_000)
    const later = await page(served.url)
    expect(later.body.results.find((snapshot) => snapshot.id === queued!.id)?.status).toBe('completed')
  })

  it('sees a write of another process: a snapshot deleted by the CLI on the same home', async () => {
    const before = await page(served.url)
    await page(served.url)
    const gone = before.body.results.find((snapshot) => snapshot.status === 'completed')!.id
    const deleted = await runCli(['backups', 'snapshots', 'delete', gone, '--clusterName', 'Cluster0', '--force'], {home: served.home, env: {MONGODB_ATLAS_SERVICE: 'local'}})
    expect(deleted.code, deleted.stderr).toBe(0)
    const after = await page(served.url)
    expect(after.body.results.map((snapshot) => snapshot.id)).not.toContain(gone)
    expect(after.body.totalCount).toBe(before.body.totalCount - 1)
  })
})

describe('the answer cache, with a store it cannot read', () => {
  it('a damaged clock setting: every GET is refused alike, and serve\'s log names the setting', async () => {
    const home = tempHome()
    await freezeClock(home, START)
    const backend = new LocalBackend({home, linkBase: 'http://127.0.0.1'})
    await backend.listSnapshots(DEMO_PROJECT_ID, 'Cluster0')
    backend.database().prepare("UPDATE meta SET value = 'soon' WHERE key = 'clock_frozen_at'").run()
    const logged: string[] = []
    const handle = createHandler({backend, log: (line) => logged.push(line), debug: false, answerState: () => backend.answerState(), answerSpan: (answer) => backend.answerSpan(answer)})
    const server = createServer((request, response) => void handle(request, response))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      const first = await call(url, PAGE)
      const second = await call(url, PAGE)
      expect(first.status).toBe(500)
      expect(second.text).toBe(first.text)
      expect(logged).toHaveLength(2)
      for (const line of logged) expect(line).toContain('clock_frozen_at')
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await backend.close()
    }
  })
})
