import {request as httpRequest} from 'node:http'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {DAY_MS, toIso} from '../../src/lib/domain/time.js'
import {startServer, type RunningServer} from '../../src/lib/server/index.js'
import {call, CLUSTER0, digestHeader, GROUP, tempHome, V20230101, V20240805} from './helpers.js'

let open: RunningServer
let secured: RunningServer
const logs: string[] = []

beforeAll(async () => {
  open = await startServer({home: tempHome(), port: 0, debug: true, log: (line) => logs.push(line)})
  secured = await startServer({home: tempHome(), port: 0, publicKey: 'pubkey', privateKey: 'private-secret', log: (line) => logs.push(line)})
})

afterAll(async () => {
  await open?.close()
  await secured?.close()
})

const ENVELOPE_KEYS = ['detail', 'error', 'errorCode', 'parameters', 'reason']

function expectEnvelope(answer: {status: number; type: string; body: unknown}, status: number, errorCode: string): void {
  expect(answer.status).toBe(status)
  expect(answer.type).toBe('application/json')
  expect(Object.keys(answer.body as object).sort()).toEqual(expect.arrayContaining(ENVELOPE_KEYS))
  expect(answer.body).toMatchObject({error: status, errorCode})
}

describe('serve: routes and versions', () => {
  it('prints a loopback base URL and lists the demo project clusters with links on it', async () => {
    expect(open.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const answer = await call(open.url, `${GROUP}/clusters`, {accept: V20240805})
    expect(answer.status).toBe(200)
    expect(answer.type).toBe('application/vnd.atlas.2024-08-05+json;charset=utf-8')
    const names = answer.body.results.map((c: {name: string}) => c.name)
    expect(names).toEqual(expect.arrayContaining(['Cluster0', 'Sharded0']))
    expect(names).not.toContain('Serverless0')
    expect(answer.body.links[0].href.startsWith(`${open.url}/api/atlas/v2/`)).toBe(true)
  })

  it('gets the schedule in 2024-08-05 and echoes the version; 2023-01-01 is served with Deprecation and Sunset', async () => {
    const latest = await call(open.url, `${CLUSTER0}/backup/schedule`, {accept: V20240805})
    expect(latest.status).toBe(200)
    expect(latest.type).toBe('application/vnd.atlas.2024-08-05+json;charset=utf-8')
    expect(latest.body).toMatchObject({clusterName: 'Cluster0'})
    expect(latest.body.policies[0].policyItems.length).toBeGreaterThan(0)
    expect(latest.headers.get('deprecation')).toBeNull()
    const older = await call(open.url, `${CLUSTER0}/backup/schedule`, {accept: V20230101})
    expect(older.type).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8')
    expect(older.headers.get('deprecation')).toBe('Mon, 5 Aug 2024 00:00:00 GMT')
    expect(older.headers.get('sunset')).toBe('Thu, 1 Jul 2027 00:00:00 GMT')
  })

  it('serves older cluster shapes for older versions', async () => {
    const advanced = await call(open.url, `${GROUP}/clusters/Sharded0`, {accept: 'application/vnd.atlas.2023-02-01+json'})
    expect(advanced.status).toBe(200)
    expect(advanced.body.replicationSpecs).toHaveLength(1)
    expect(advanced.body.replicationSpecs[0].numShards).toBe(2)
    const legacy = await call(open.url, `${GROUP}/clusters/Cluster0`, {accept: V20230101})
    expect(legacy.body).toMatchObject({numShards: 1, providerSettings: {providerName: 'AWS', instanceSizeName: 'M10'}})
  })

  it('answers 406 INVALID_VERSION_DATE for an unlisted version, an unversioned Accept and none at all', async () => {
    for (const accept of [V20240805, 'application/json', '*/*', null]) {
      const answer = await call(open.url, `${CLUSTER0}/backup/snapshots`, {accept})
      expectEnvelope(answer, 406, 'INVALID_VERSION_DATE')
      expect(answer.body.reason).toBe('Not Acceptable')
    }
    // A list of types: the first listed version wins.
    const listed = await call(open.url, `${CLUSTER0}/backup/snapshots`, {accept: `${V20240805}, ${V20230101};q=0.5`})
    expect(listed.status).toBe(200)
  })

  it('answers unknown routes 404 RESOURCE_NOT_FOUND and wrong methods 405 with Allow', async () => {
    expectEnvelope(await call(open.url, '/api/atlas/v2/nowhere'), 404, 'RESOURCE_NOT_FOUND')
    expectEnvelope(await call(open.url, '/'), 404, 'RESOURCE_NOT_FOUND')
    expectEnvelope(await call(open.url, `${CLUSTER0}/backup/nothing`), 404, 'RESOURCE_NOT_FOUND')
    const wrong = await call(open.url, `${CLUSTER0}/backup/schedule`, {method: 'PUT', body: '{}'})
    expectEnvelope(wrong, 405, 'METHOD_NOT_ALLOWED')
    expect(wrong.headers.get('allow')).toBe('DELETE, GET, PATCH')
    expectEnvelope(await call(open.url, `${CLUSTER0}/backup/snapshots/shardedClusters`, {method: 'DELETE'}), 405, 'METHOD_NOT_ALLOWED')
  })

  it('passes backend errors through as Atlas sends them', async () => {
    expectEnvelope(await call(open.url, `${GROUP}/clusters/Nope0`, {accept: V20240805}), 404, 'CLUSTER_NOT_FOUND')
    expectEnvelope(await call(open.url, `${CLUSTER0}/backup/snapshots/0123456789abcdef01234567`), 404, 'SNAPSHOT_NOT_FOUND')
    expectEnvelope(await call(open.url, `${CLUSTER0}/backup/snapshots?itemsPerPage=501`), 400, 'INVALID_ATTRIBUTE')
  })
})

describe('serve: bodies', () => {
  it('answers malformed JSON with 400 MALFORMED_JSON and a non-object with 400 INVALID_JSON', async () => {
    expectEnvelope(await call(open.url, `${CLUSTER0}/backup/schedule`, {method: 'PATCH', accept: V20240805, body: '{"referenceHourOfDay": '}), 400, 'MALFORMED_JSON')
    expectEnvelope(await call(open.url, `${CLUSTER0}/backup/schedule`, {method: 'PATCH', accept: V20240805, body: '[1]'}), 400, 'INVALID_JSON')
  })

  it('answers a 2 MiB body with 413 and keeps serving', async () => {
    const big = JSON.stringify({description: 'x'.repeat(2 * 1024 * 1024)})
    expectEnvelope(await call(open.url, `${CLUSTER0}/backup/snapshots`, {method: 'POST', body: big}), 413, 'PAYLOAD_TOO_LARGE')
    expect((await call(open.url, `${GROUP}/clusters`, {accept: V20240805})).status).toBe(200)
  })

  it('patches the schedule and answers 200 with the new schedule', async () => {
    const answer = await call(open.url, `${GROUP}/clusters/MultiRegion0/backup/schedule`, {method: 'PATCH', accept: V20240805, body: JSON.stringify({referenceHourOfDay: 4, referenceMinuteOfHour: 30})})
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({referenceHourOfDay: 4, referenceMinuteOfHour: 30})
  })
})

describe('serve: snapshots', () => {
  it('takes an on-demand snapshot (200 queued), refuses to delete it in progress, deletes a completed one (204)', async () => {
    const taken = await call(open.url, `${CLUSTER0}/backup/snapshots`, {method: 'POST', body: JSON.stringify({description: 'over http', retentionInDays: 3})})
    expect(taken.status).toBe(200)
    expect(taken.type).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8')
    expect(taken.body).toMatchObject({status: 'queued', snapshotType: 'onDemand', description: 'over http'})
    expectEnvelope(await call(open.url, `${CLUSTER0}/backup/snapshots/${taken.body.id}`, {method: 'DELETE'}), 400, 'CANNOT_DELETE_IN_PROGRESS_SNAPSHOT')
    const list = await call(open.url, `${CLUSTER0}/backup/snapshots?itemsPerPage=500`)
    const done = list.body.results.find((s: {status: string}) => s.status === 'completed')
    expect(done).toBeDefined()
    const deleted = await call(open.url, `${CLUSTER0}/backup/snapshots/${done.id}`, {method: 'DELETE'})
    expect(deleted.status).toBe(204)
    expect(deleted.text).toBe('')
    expect(deleted.type).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8')
    expectEnvelope(await call(open.url, `${CLUSTER0}/backup/snapshots/${done.id}`), 404, 'SNAPSHOT_NOT_FOUND')
  })

  it('changes a completed snapshot retention with PATCH, counted from its creation, and stores it', async () => {
    const list = await call(open.url, `${CLUSTER0}/backup/snapshots?itemsPerPage=500`)
    // Created more than a day ago, so an expiry counted from the request would differ by far more than a rounding.
    const done = list.body.results.find((s: {status: string; createdAt?: string}) => s.status === 'completed' && Date.parse(s.createdAt!) < Date.now() - DAY_MS)
    expect(done).toBeDefined()
    const expected = toIso(Date.parse(done.createdAt) + 14 * DAY_MS)
    expect(expected).not.toBe(done.expiresAt)
    const patched = await call(open.url, `${CLUSTER0}/backup/snapshots/${done.id}`, {method: 'PATCH', body: JSON.stringify({retentionUnit: 'WEEKS', retentionValue: 2})})
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({id: done.id, createdAt: done.createdAt, expiresAt: expected})
    const stored = await call(open.url, `${CLUSTER0}/backup/snapshots/${done.id}`)
    expect(stored.status).toBe(200)
    expect(stored.body.expiresAt).toBe(expected)
  })

  it('pages with self and next links on the server address', async () => {
    const page = await call(open.url, `${CLUSTER0}/backup/snapshots?pageNum=1&itemsPerPage=2&includeCount=true`)
    expect(page.status).toBe(200)
    expect(page.body.results).toHaveLength(2)
    expect(page.body.totalCount).toBeGreaterThan(2)
    const rels = Object.fromEntries(page.body.links.map((l: {rel: string; href: string}) => [l.rel, l.href]))
    expect(rels.self).toBe(`${open.url}${CLUSTER0}/backup/snapshots?includeCount=true&pageNum=1&itemsPerPage=2`)
    expect(rels.next).toBe(`${open.url}${CLUSTER0}/backup/snapshots?includeCount=true&pageNum=2&itemsPerPage=2`)
    const next = await call(open.url, new URL(rels.next).pathname + new URL(rels.next).search)
    expect(next.body.results[0].id).not.toBe(page.body.results[0].id)
  })

  it('serves sharded and serverless snapshots', async () => {
    const sharded = await call(open.url, `${GROUP}/clusters/Sharded0/backup/snapshots/shardedClusters`)
    expect(sharded.status).toBe(200)
    const one = await call(open.url, `${GROUP}/clusters/Sharded0/backup/snapshots/shardedCluster/${sharded.body.results[0].id}`)
    expect(one.body).toMatchObject({id: sharded.body.results[0].id, type: 'shardedCluster'})
    const serverless = await call(open.url, `${GROUP}/serverless/Serverless0/backup/snapshots`)
    expect(serverless.status).toBe(200)
    expect(serverless.headers.get('sunset')).toBe('Thu, 22 Jan 2026 00:00:00 GMT')
    const snapshot = await call(open.url, `${GROUP}/serverless/Serverless0/backup/snapshots/${serverless.body.results[0].id}`)
    expect(snapshot.body.id).toBe(serverless.body.results[0].id)
  })

  it('DELETE schedule answers 200 with the emptied schedule', async () => {
    const answer = await call(open.url, `${GROUP}/clusters/NVMe0/backup/schedule`, {method: 'DELETE', accept: V20240805})
    expect(answer.status).toBe(200)
    expect(answer.body.policies[0].policyItems).toEqual([])
  })

  it('20 concurrent on-demand POSTs on one cluster: exactly one 200, the others 400 UNFINISHED_ON_DEMAND_SNAPSHOT', async () => {
    const path = `${GROUP}/clusters/MultiRegion0/backup/snapshots`
    const answers = await Promise.all(Array.from({length: 20}, () => call(open.url, path, {method: 'POST', body: '{"retentionInDays": 1}'})))
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1)
    const refused = answers.filter((a) => a.status !== 200)
    expect(refused).toHaveLength(19)
    for (const answer of refused) expectEnvelope(answer, 400, 'UNFINISHED_ON_DEMAND_SNAPSHOT')
  })

  it('envelope=true wraps a resource in {status, content}', async () => {
    const answer = await call(open.url, `${CLUSTER0}/backup/schedule?envelope=true`, {accept: V20240805})
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({status: 200, content: {clusterName: 'Cluster0'}})
  })
})

describe('serve: digest authentication', () => {
  const path = `${CLUSTER0}/backup/schedule`

  it('without credentials: 401, a Digest challenge and the Atlas envelope', async () => {
    const answer = await call(secured.url, path, {accept: V20240805})
    expect(answer.status).toBe(401)
    expect(answer.headers.get('www-authenticate')).toMatch(/^Digest realm="MMS Public API", domain="", nonce="[^"]+", algorithm=MD5, qop="auth", stale=false$/)
    expect(answer.body).toMatchObject({error: 401, reason: 'Unauthorized', detail: 'You are not authorized for this resource.'})
  })

  it('a digest computed by hand passes; a wrong key, a reused nc and a foreign nonce do not', async () => {
    const challenge = (await call(secured.url, path, {accept: V20240805})).headers.get('www-authenticate')!
    const good = digestHeader({username: 'pubkey', password: 'private-secret', method: 'GET', uri: path, challenge})
    const ok = await call(secured.url, path, {accept: V20240805, headers: {Authorization: good}})
    expect(ok.status).toBe(200)
    expect(ok.body.clusterName).toBe('Cluster0')
    // The same nonce with a higher count is fine, in any order.
    for (const nc of ['00000003', '00000002']) {
      expect((await call(secured.url, path, {accept: V20240805, headers: {Authorization: digestHeader({username: 'pubkey', password: 'private-secret', method: 'GET', uri: path, challenge, nc})}})).status).toBe(200)
    }
    const replay = await call(secured.url, path, {accept: V20240805, headers: {Authorization: good}})
    expect(replay.status).toBe(401)
    expect(replay.headers.get('www-authenticate')).toContain('stale=true')
    const wrong = digestHeader({username: 'pubkey', password: 'nope', method: 'GET', uri: path, challenge, nc: '00000009'})
    expect((await call(secured.url, path, {accept: V20240805, headers: {Authorization: wrong}})).status).toBe(401)
    const otherMethod = digestHeader({username: 'pubkey', password: 'private-secret', method: 'DELETE', uri: path, challenge, nc: '0000000a'})
    expect((await call(secured.url, path, {accept: V20240805, headers: {Authorization: otherMethod}})).status).toBe(401)
    // The right key with a nonce this server never issued (say, before a restart): 401 with stale=true, to retry.
    const foreign = digestHeader({username: 'pubkey', password: 'private-secret', method: 'GET', uri: path, challenge: 'nonce="made-up"', realm: 'MMS Public API'})
    const stale = await call(secured.url, path, {accept: V20240805, headers: {Authorization: foreign}})
    expect(stale.status).toBe(401)
    expect(stale.headers.get('www-authenticate')).toContain('stale=true')
  })
})

describe('serve: logging and lifecycle', () => {
  it('with debug logs one line per request: method, path, status, ms', async () => {
    // Its own server and requests, so the test does not lean on what earlier tests asked.
    const lines: string[] = []
    const server = await startServer({home: tempHome(), port: 0, debug: true, log: (line) => lines.push(line)})
    try {
      expect((await call(server.url, `${GROUP}/clusters?itemsPerPage=1`, {accept: V20240805})).status).toBe(200)
      expect((await call(server.url, `${GROUP}/clusters/Nope0`, {accept: V20240805})).status).toBe(404)
      // The line is written when the response closes, which may be just after the client has read it.
      await expect.poll(() => lines.length).toBe(2)
      expect(lines[0]).toMatch(new RegExp(`^GET ${GROUP}/clusters 200 \\d+ms$`))
      expect(lines[1]).toMatch(new RegExp(`^GET ${GROUP}/clusters/Nope0 404 \\d+ms$`))
    } finally {
      await server.close()
    }
  })

  it('close() stops accepting, lets an in-flight request finish, then closes', async () => {
    const server = await startServer({home: tempHome(), port: 0, log: () => {}})
    const {port} = new URL(server.url)
    // A POST whose body is still arriving when close() is called. Expect: 100-continue makes the server say when it
    // has taken the request in, so the test waits for that instead of for a guessed number of milliseconds.
    const req = httpRequest({host: '127.0.0.1', port, method: 'POST', path: `${CLUSTER0}/backup/snapshots`, headers: {Accept: V20230101, 'Content-Type': 'application/json', Expect: '100-continue'}})
    const answer = new Promise<{status: number; body: string}>((resolve, reject) => {
      req.on('error', reject)
      req.on('response', (res) => {
        let body = ''
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({status: res.statusCode ?? 0, body}))
      })
    })
    const accepted = new Promise<void>((resolve) => req.once('continue', resolve))
    req.flushHeaders()
    await accepted
    req.write('{"description": "in flight",')
    let closed = false
    const closing = server.close().then(() => (closed = true))
    // New connections are refused at once, while the request in flight keeps the server from closing.
    await expect(fetch(`${server.url}${GROUP}/clusters`, {headers: {Accept: V20240805}})).rejects.toThrow()
    expect(closed).toBe(false)
    req.end(' "retentionInDays": 1}')
    const finished = await answer
    expect(finished.status).toBe(200)
    expect(JSON.parse(finished.body)).toMatchObject({description: 'in flight', status: 'queued'})
    await closing
    expect(closed).toBe(true)
    await server.close()
  })

  it('listens on a free port when asked for port 0, and refuses both-or-neither keys', async () => {
    // Port 0: the OS picks a real, free port, different for each server, and the server answers on it.
    const ports = [open, secured].map((server) => Number(new URL(server.url).port))
    for (const port of ports) expect(port).toBeGreaterThan(0)
    expect(ports[0]).not.toBe(ports[1])
    expect((await call(open.url, `${GROUP}/clusters`, {accept: V20240805})).status).toBe(200)
    // One key without the other is refused, either way round, before anything listens.
    await expect(startServer({home: tempHome(), port: 0, publicKey: 'only-public'})).rejects.toThrow(/both publicKey and privateKey, or neither/)
    await expect(startServer({home: tempHome(), port: 0, privateKey: 'only-private'})).rejects.toThrow(/both publicKey and privateKey, or neither/)
    // Both: every request must carry a digest made with that pair.
    const path = `${CLUSTER0}/backup/schedule`
    const challenge = await call(secured.url, path, {accept: V20240805})
    expect(challenge.status).toBe(401)
    const authorization = digestHeader({username: 'pubkey', password: 'private-secret', method: 'GET', uri: path, challenge: challenge.headers.get('www-authenticate')!})
    expect((await call(secured.url, path, {accept: V20240805, headers: {Authorization: authorization}})).status).toBe(200)
    // Neither: no authentication asked.
    expect((await call(open.url, path, {accept: V20240805})).status).toBe(200)
  })
})
