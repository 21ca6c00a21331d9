import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {createCloudBackend} from '../../src/lib/backends/cloud/index.js'
import {CliError} from '../../src/lib/cli/errors.js'
import type {Credentials} from '../../src/lib/config/settings.js'
import {AtlasApiError} from '../../src/lib/domain/errors.js'
import {cloudSettings} from '../helpers/cloud-settings.js'
import {rejectionOf} from '../helpers/rejection.js'
import {atlasError, digestValid, FaultServer, json} from './fault-server.js'

const GROUP = '5e2211c17a3e5a48f5497de3'
const PUBLIC = 'faultpub'
const PRIVATE = 'fault-private-key-0000'
const CLIENT_SECRET = 'sa-secret-value'
const SNAPSHOT = {id: '6a7944f22c88faeba59d3572', status: 'completed', snapshotType: 'onDemand', type: 'replicaSet'}
const SCHEDULE = {clusterName: 'Cluster0', policies: [{id: '5f0f0f0f0f0f0f0f0f0f0f0f', policyItems: []}], referenceHourOfDay: 3}
const CHALLENGE = (nonce: string) => `Digest realm="MMS Public API", domain="", nonce="${nonce}", algorithm=MD5, qop="auth", stale=false`

let server: FaultServer
let debug: string[]
let warnings: string[]

const apiKey: Credentials = {kind: 'apiKey', publicKey: PUBLIC, privateKey: PRIVATE, source: 'env'}
const serviceAccount: Credentials = {kind: 'serviceAccount', clientId: 'client-1', clientSecret: CLIENT_SECRET, source: 'env'}

function backend(credentials: Credentials = apiKey, url = server.url) {
  return createCloudBackend(cloudSettings(url, credentials), {debug: (line) => debug.push(line), warn: (line) => warnings.push(line)})
}

beforeEach(async () => {
  process.env.ATLAS_BACKUPS_RETRY_BASE_MS = '10'
  process.env.ATLAS_BACKUPS_HTTP_TIMEOUT_MS = '400'
  debug = []
  warnings = []
  server = await new FaultServer().start()
})

afterEach(async () => {
  delete process.env.ATLAS_BACKUPS_RETRY_BASE_MS
  delete process.env.ATLAS_BACKUPS_HTTP_TIMEOUT_MS
  await server.stop()
})

describe('retries', () => {
  it('waits for Retry-After: 1 on a 429, then succeeds', async () => {
    server.handler = (_r, res, i) => (i === 0 ? atlasError(res, 429, 'RATE_LIMITED_TOKEN_BUCKET', 'Rate limit exceeded.', {'Retry-After': '1'}) : json(res, 200, SNAPSHOT))
    const started = Date.now()
    const snapshot = await (await backend()).getSnapshot(GROUP, 'Cluster0', SNAPSHOT.id)
    expect(snapshot.id).toBe(SNAPSHOT.id)
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
    expect(server.count()).toBe(2)
  })

  it('honours Retry-After given as an HTTP date', async () => {
    const at = new Date(Date.now() + 1500).toUTCString()
    server.handler = (_r, res, i) => (i === 0 ? atlasError(res, 503, 'SERVICE_UNAVAILABLE', 'Down.', {'Retry-After': at}) : json(res, 200, SCHEDULE))
    const started = Date.now()
    await (await backend()).getSchedule(GROUP, 'Cluster0')
    expect(Date.now() - started).toBeGreaterThanOrEqual(400)
    expect(server.count()).toBe(2)
  })

  it('retries a 503 with backoff, then succeeds', async () => {
    server.handler = (_r, res, i) => (i < 2 ? atlasError(res, 503, 'SERVICE_UNAVAILABLE', 'Down.') : json(res, 200, {results: [SNAPSHOT], totalCount: 1}))
    const page = await (await backend()).listSnapshots(GROUP, 'Cluster0')
    expect(page.results).toHaveLength(1)
    expect(server.count()).toBe(3)
    expect(debug.filter((line) => /HTTP 503, retry \d of 4/.test(line))).toHaveLength(2)
  })

  it('retries a GET after the connection is reset', async () => {
    server.handler = (_r, res, i) => {
      if (i === 0) return void res.socket?.destroy()
      json(res, 200, SNAPSHOT)
    }
    expect((await (await backend()).getSnapshot(GROUP, 'Cluster0', SNAPSHOT.id)).id).toBe(SNAPSHOT.id)
    expect(server.count()).toBe(2)
  })

  it('retries PATCH and DELETE too', async () => {
    server.handler = (r, res, i) => (i % 2 === 0 ? atlasError(res, 502, '', 'Bad gateway') : json(res, 200, r.method === 'DELETE' ? SCHEDULE : {...SNAPSHOT, expiresAt: '2030-01-01T00:00:00Z'}))
    const cloud = await backend()
    await cloud.updateSnapshotRetention(GROUP, 'Cluster0', SNAPSHOT.id, {retentionUnit: 'DAYS', retentionValue: 3})
    await cloud.deleteSchedule(GROUP, 'Cluster0')
    expect(server.seen.map((s) => s.method)).toEqual(['PATCH', 'PATCH', 'DELETE', 'DELETE'])
  })

  it('never repeats a POST: a 503 on take snapshot is reported after exactly one request', async () => {
    server.handler = (_r, res) => atlasError(res, 503, 'SERVICE_UNAVAILABLE', 'Down.')
    const error = await rejectionOf((await backend()).takeSnapshot(GROUP, 'Cluster0', {description: 'x', retentionInDays: 1}))
    expect(error).toBeInstanceOf(AtlasApiError)
    expect((error as AtlasApiError).status).toBe(503)
    expect(server.count('POST')).toBe(1)
    expect(server.count()).toBe(1)
  })

  it('never repeats a POST whose connection was reset', async () => {
    server.handler = (_r, res) => void res.socket?.destroy()
    const error = await rejectionOf((await backend()).takeSnapshot(GROUP, 'Cluster0', {}))
    expect(error).toBeInstanceOf(CliError)
    expect(error.message).toMatch(/cannot reach Atlas at .*connection was reset/)
    expect(server.count()).toBe(1)
  })

  it('gives up on a still rate-limited GET after 4 retries and says to try later', async () => {
    server.handler = (_r, res) => atlasError(res, 429, 'RATE_LIMITED_TOKEN_BUCKET', 'Rate limit exceeded for api/atlas/v2/groups.')
    const error = await rejectionOf((await backend()).listClusters(GROUP))
    expect(error).toBeInstanceOf(AtlasApiError)
    expect((error as AtlasApiError).errorCode).toBe('RATE_LIMITED_TOKEN_BUCKET')
    expect(error.message).toMatch(/rate limiting .*try again later/)
    expect(server.count()).toBe(5)
  })

  it('does not wait for a Retry-After beyond the 30 s budget', async () => {
    server.handler = (_r, res) => atlasError(res, 429, 'RATE_LIMITED_TOKEN_BUCKET', 'Please retry after 55 seconds.', {'Retry-After': '55'})
    const started = Date.now()
    const error = await rejectionOf((await backend()).getCluster(GROUP, 'Cluster0'))
    expect((error as AtlasApiError).status).toBe(429)
    // One request and no retry; the generous bound only tells giving up at once from sleeping out the 30 s budget
    // (or the 55 s asked) first, so a loaded machine cannot trip it.
    expect(Date.now() - started).toBeLessThan(15_000)
    expect(server.count()).toBe(1)
  })

  it('gives up on a hung server with one clear timeout error', async () => {
    server.handler = () => {}
    const error = await rejectionOf((await backend()).getSchedule(GROUP, 'Cluster0'))
    expect(error).toBeInstanceOf(CliError)
    expect(error.message).toMatch(/^cannot reach Atlas at http:\/\/127\.0\.0\.1:\d+: no answer within 0\.4 s/)
    expect((error as CliError).hint).toMatch(/MONGODB_ATLAS_BASE_URL/)
    expect(server.count()).toBeLessThanOrEqual(5)
  })

  it('sends a POST to a hung server once', async () => {
    server.handler = () => {}
    await rejectionOf((await backend()).takeSnapshot(GROUP, 'Cluster0', {}))
    expect(server.count('POST')).toBe(1)
  })

  it('tries a dead server (connection refused) three times, then says it cannot reach it', async () => {
    const dead = await FaultServer.deadUrl()
    const error = await rejectionOf((await backend(apiKey, dead)).listClusters(GROUP))
    expect(error).toBeInstanceOf(CliError)
    expect(error.message).toContain(`cannot reach Atlas at ${dead}: connection refused`)
    expect(error.message).toMatch(/3 attempts/)
  })
})

describe('responses and errors', () => {
  it('reports malformed JSON in one clear error', async () => {
    server.handler = (_r, res) => {
      res.writeHead(200, {'Content-Type': 'application/vnd.atlas.2023-01-01+json'})
      res.end('{"results": [')
    }
    const error = await rejectionOf((await backend()).listSnapshots(GROUP, 'Cluster0'))
    expect(error).toBeInstanceOf(CliError)
    expect(error.message).toMatch(/^Atlas answered with malformed JSON \(HTTP 200\) for GET http:\/\/127\.0\.0\.1:\d+\/api\/atlas\/v2\/groups\/.*\/backup\/snapshots$/)
  })

  it('keeps the HTTP status of an error page that is not JSON', async () => {
    server.handler = (_r, res) => {
      res.writeHead(500, {'Content-Type': 'text/html'})
      res.end('<html>oops</html>')
    }
    const error = await rejectionOf((await backend()).getCluster(GROUP, 'Cluster0'))
    expect(error).toBeInstanceOf(AtlasApiError)
    expect((error as AtlasApiError).status).toBe(500)
    expect((error as AtlasApiError).errorCode).toBe('HTTP_500')
  })

  it('passes Atlas errors through: status, errorCode, detail, parameters and fields', async () => {
    server.handler = (_r, res) => {
      res.writeHead(400, {'Content-Type': 'application/json'})
      res.end(JSON.stringify({detail: 'Invalid attribute.', error: 400, errorCode: 'VALIDATION_ERROR', parameters: ['x'], reason: 'Bad Request', badRequestDetail: {fields: [{field: 'referenceHourOfDay', description: 'must be 0-23'}]}}))
    }
    const error = (await rejectionOf((await backend()).updateSchedule(GROUP, 'Cluster0', {policies: [], referenceHourOfDay: 30}))) as AtlasApiError
    expect(error).toBeInstanceOf(AtlasApiError)
    expect([error.status, error.errorCode, error.detail, error.parameters]).toEqual([400, 'VALIDATION_ERROR', 'Invalid attribute.', ['x']])
    expect(error.fields).toEqual([{field: 'referenceHourOfDay', description: 'must be 0-23'}])
  })

  it('keeps Atlas\'s errorCode and detail on a 404', async () => {
    server.handler = (_r, res) => atlasError(res, 404, 'CLUSTER_NOT_FOUND', `No cluster named Nope exists in group ${GROUP}.`)
    const error = (await rejectionOf((await backend()).getSchedule(GROUP, 'Nope'))) as AtlasApiError
    expect(error.errorCode).toBe('CLUSTER_NOT_FOUND')
    expect(error.message).toBe(`No cluster named Nope exists in group ${GROUP}.`)
  })

  it('names the role a 403 needs', async () => {
    server.handler = (_r, res) => atlasError(res, 403, '', 'Forbidden.')
    const error = await rejectionOf((await backend()).deleteSnapshot(GROUP, 'Cluster0', SNAPSHOT.id))
    expect(error.message).toMatch(/API key faultpub needs the Project Backup Manager role/)
    server.handler = (_r, res) => atlasError(res, 403, '', 'Forbidden.')
    expect((await rejectionOf((await backend()).getSchedule(GROUP, 'Cluster0'))).message).toMatch(/Project Read Only/)
  })

  it('says plainly that the serverless endpoints are gone on 410', async () => {
    server.handler = (_r, res) => atlasError(res, 410, 'VERSION_GONE', 'Version 2023-01-01 is no longer available.')
    const error = await rejectionOf((await backend()).listServerlessSnapshots(GROUP, 'Serverless0'))
    expect((error as AtlasApiError).errorCode).toBe('VERSION_GONE')
    expect(error.message).toMatch(/retired the serverless backup endpoints/)
  })

  it('turns Deprecation and Sunset headers into one warning per command', async () => {
    server.handler = (_r, res) => json(res, 200, {results: [], totalCount: 0}, {Deprecation: 'Mon, 5 Aug 2024 00:00:00 GMT', Sunset: 'Wed, 1 Jul 2099 00:00:00 GMT'})
    const cloud = await backend()
    await cloud.listSnapshots(GROUP, 'Cluster0')
    await cloud.listSnapshots(GROUP, 'Cluster0')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/2023-01-01.*deprecated since Mon, 5 Aug 2024.*removed after Wed, 1 Jul 2099/)
  })

  it('says so when the Sunset date has already passed', async () => {
    // (The serverless endpoints get their own notice instead: serverless-notice.test.ts.)
    server.handler = (_r, res) => json(res, 200, {results: [], totalCount: 0}, {Deprecation: 'Mon, 5 Aug 2024 00:00:00 GMT', Sunset: 'Thu, 22 Jan 2026 00:00:00 GMT'})
    await (await backend()).listSnapshots(GROUP, 'Cluster0')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/past its removal date \(Thu, 22 Jan 2026 00:00:00 GMT\); Atlas may stop answering it at any time\.$/)
  })

  it('sends the versioned Accept header per operation, Content-Type on bodies and a User-Agent', async () => {
    server.handler = (r, res) => json(res, 200, r.url.endsWith('/schedule') ? SCHEDULE : r.url.endsWith('/clusters/Cluster0') ? {name: 'Cluster0'} : SNAPSHOT)
    const cloud = await backend()
    await cloud.takeSnapshot(GROUP, 'Cluster0', {description: 'x'})
    const post = server.seen.at(-1)!
    expect(post.headers.accept).toBe('application/vnd.atlas.2023-01-01+json')
    expect(post.headers['content-type']).toBe('application/vnd.atlas.2023-01-01+json')
    expect(JSON.parse(post.body)).toEqual({description: 'x'})
    expect(post.headers['user-agent']).toMatch(/^atlas-backups\/\d+\.\d+\.\d+ \(\w+; \w+\)$/)
    expect(post.url).toBe(`/api/atlas/v2/groups/${GROUP}/clusters/Cluster0/backup/snapshots`)
    await cloud.getSchedule(GROUP, 'Cluster0')
    expect(server.seen.at(-1)!.headers.accept).toBe('application/vnd.atlas.2024-08-05+json')
    await cloud.getCluster(GROUP, 'Cluster0')
    expect(server.seen.at(-1)!.headers.accept).toBe('application/vnd.atlas.2024-08-05+json')
  })

  it('maps every Backend method to its Atlas path and query', async () => {
    const list = {results: [], totalCount: 0}
    server.handler = (r, res) => {
      if (r.method === 'DELETE' && r.url.includes('/snapshots/')) {
        res.writeHead(204)
        return res.end()
      }
      if (r.url.endsWith('/schedule')) return json(res, 200, SCHEDULE)
      if (r.method === 'GET' && /\/clusters(\?|$)|\/snapshots(\?|$)|shardedClusters$/.test(r.url)) return json(res, 200, list)
      if (r.url.includes('/shardedCluster/')) return json(res, 200, {...SNAPSHOT, type: 'shardedCluster'})
      if (r.url.includes('/serverless/')) return json(res, 200, {id: SNAPSHOT.id, snapshotType: 'scheduled', status: 'completed'})
      if (r.url.endsWith('/clusters/C1')) return json(res, 200, {name: 'C1'})
      json(res, 200, SNAPSHOT)
    }
    const c = await backend()
    const id = SNAPSHOT.id
    await c.listClusters(GROUP, {pageNum: 2, itemsPerPage: 10, includeCount: false})
    await c.getCluster(GROUP, 'C1')
    await c.getSchedule(GROUP, 'C1')
    await c.updateSchedule(GROUP, 'C1', {policies: [], referenceHourOfDay: 1})
    await c.deleteSchedule(GROUP, 'C1')
    await c.listSnapshots(GROUP, 'C1', {pageNum: 1, itemsPerPage: 5})
    await c.getSnapshot(GROUP, 'C1', id)
    await c.takeSnapshot(GROUP, 'C1', {retentionInDays: 2})
    await c.updateSnapshotRetention(GROUP, 'C1', id, {retentionUnit: 'DAYS', retentionValue: 2})
    await c.deleteSnapshot(GROUP, 'C1', id)
    await c.listShardedSnapshots(GROUP, 'C1')
    await c.getShardedSnapshot(GROUP, 'C1', id)
    await c.listServerlessSnapshots(GROUP, 'S1', {itemsPerPage: 3})
    await c.getServerlessSnapshot(GROUP, 'S1', id)
    await c.close()
    const g = `/api/atlas/v2/groups/${GROUP}`
    expect(server.seen.map((s) => `${s.method} ${s.url} ${s.headers.accept?.replace(/application\/vnd\.atlas\.|\+json/g, '')}`)).toEqual([
      `GET ${g}/clusters?pageNum=2&itemsPerPage=10&includeCount=false 2024-08-05`,
      `GET ${g}/clusters/C1 2024-08-05`,
      `GET ${g}/clusters/C1/backup/schedule 2024-08-05`,
      `PATCH ${g}/clusters/C1/backup/schedule 2024-08-05`,
      `DELETE ${g}/clusters/C1/backup/schedule 2024-08-05`,
      `GET ${g}/clusters/C1/backup/snapshots?pageNum=1&itemsPerPage=5 2023-01-01`,
      `GET ${g}/clusters/C1/backup/snapshots/${id} 2023-01-01`,
      `POST ${g}/clusters/C1/backup/snapshots 2023-01-01`,
      `PATCH ${g}/clusters/C1/backup/snapshots/${id} 2023-01-01`,
      `DELETE ${g}/clusters/C1/backup/snapshots/${id} 2023-01-01`,
      `GET ${g}/clusters/C1/backup/snapshots/shardedClusters 2023-01-01`,
      `GET ${g}/clusters/C1/backup/snapshots/shardedCluster/${id} 2023-01-01`,
      `GET ${g}/serverless/S1/backup/snapshots?itemsPerPage=3 2023-01-01`,
      `GET ${g}/serverless/S1/backup/snapshots/${id} 2023-01-01`,
    ])
  })

  it('reads a Flex cluster on the flex endpoints with the 2024-11-13 media type, and passes the cluster API\'s refusal on (rule 82)', async () => {
    server.handler = (r, res) => {
      if (r.url.includes('/clusters/')) return atlasError(res, 400, 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API', 'Flex cluster Flex0 cannot be used in the Cluster API.')
      if (r.url.includes('/backup/snapshots/')) return json(res, 200, {id: SNAPSHOT.id, status: 'RUNNING', expiration: '2026-08-17T17:05:10Z', mongoDBVersion: '8.0.29'})
      json(res, 200, {results: [{id: SNAPSHOT.id, status: 'COMPLETED', finishTime: '2026-08-09T17:07:14Z', expiration: '2026-08-17T17:05:10Z', mongoDBVersion: '8.0.29'}], totalCount: 1})
    }
    const cloud = await backend()
    await expect(cloud.listSnapshots(GROUP, 'Flex0')).rejects.toMatchObject({status: 400, errorCode: 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API'})
    const page = await cloud.listFlexSnapshots(GROUP, 'Flex0')
    expect(page.results[0]).toEqual({id: SNAPSHOT.id, status: 'COMPLETED', finishTime: '2026-08-09T17:07:14Z', expiration: '2026-08-17T17:05:10Z', mongoDBVersion: '8.0.29'})
    expect((await cloud.getFlexSnapshot(GROUP, 'Flex0', SNAPSHOT.id)).status).toBe('RUNNING')
    expect(server.seen.at(-1)!.url).toBe(`/api/atlas/v2/groups/${GROUP}/flexClusters/Flex0/backup/snapshots/${SNAPSHOT.id}`)
    expect(server.seen.at(-1)!.headers.accept).toBe('application/vnd.atlas.2024-11-13+json')
  })
})

describe('authentication', () => {
  it('answers a digest challenge (MD5, qop=auth) and reuses the nonce with a rising count', async () => {
    const nonce = 'n0nce-1234'
    server.handler = (r, res) => {
      if (!digestValid(r.headers.authorization, r.method, PUBLIC, PRIVATE, nonce, r.url)) return atlasError(res, 401, '', 'You are not authorized for this resource.', {'WWW-Authenticate': CHALLENGE(nonce)})
      json(res, 200, SNAPSHOT)
    }
    const cloud = await backend()
    await cloud.getSnapshot(GROUP, 'Cluster0', SNAPSHOT.id)
    await cloud.getSnapshot(GROUP, 'Cluster0', SNAPSHOT.id)
    expect(server.count()).toBe(3)
    expect(server.seen[0]!.headers.authorization).toBeUndefined()
    expect(server.seen[1]!.headers.authorization).toMatch(/nc=00000001/)
    expect(server.seen[2]!.headers.authorization).toMatch(/nc=00000002/)
  })

  it('answers a new challenge when the nonce expires, and a fresh nc on every retry', async () => {
    let nonce = 'first'
    server.handler = (r, res, i) => {
      if (i === 3) nonce = 'second'
      if (!digestValid(r.headers.authorization, r.method, PUBLIC, PRIVATE, nonce, r.url)) return atlasError(res, 401, '', 'Unauthorized.', {'WWW-Authenticate': CHALLENGE(nonce)})
      if (i === 1) return atlasError(res, 503, '', 'Down.')
      json(res, 200, SCHEDULE)
    }
    const cloud = await backend()
    await cloud.getSchedule(GROUP, 'C') // 401, 503, 200
    await cloud.getSchedule(GROUP, 'C') // 401 (nonce expired), 200
    expect(server.seen.map((s) => /nc=(\w+)/.exec(s.headers.authorization ?? '')?.[1] ?? '-')).toEqual(['-', '00000001', '00000002', '00000003', '00000001'])
  })

  it('a bad private key ends in one 401 error naming the public key, never the private one', async () => {
    let n = 0
    server.handler = (_r, res) => atlasError(res, 401, '', 'You are not authorized for this resource.', {'WWW-Authenticate': CHALLENGE(`nonce-${n++}`)})
    const error = await rejectionOf((await backend({...apiKey, privateKey: 'wrong-private-key-1234'})).getSchedule(GROUP, 'Cluster0'))
    expect(error).toBeInstanceOf(AtlasApiError)
    expect((error as AtlasApiError).status).toBe(401)
    expect(error.message).toContain(`API key ${PUBLIC}`)
    expect(error.message).toMatch(/MONGODB_ATLAS_PRIVATE_API_KEY/)
    expect(error.message).not.toContain('wrong-private-key-1234')
    expect(server.count()).toBe(2)
    expect(debug.join('\n')).not.toContain('wrong-private-key-1234')
  })

  it('service accounts: one token for several calls, fetched again once after a 401', async () => {
    let tokens = 0
    let rejectNext = false
    server.handler = (r, res) => {
      if (r.url === '/api/oauth/token') {
        tokens += 1
        const ok = r.method === 'POST' && r.headers.authorization === `Basic ${Buffer.from(`client-1:${CLIENT_SECRET}`).toString('base64')}` && r.body === 'grant_type=client_credentials' && r.headers['content-type'] === 'application/x-www-form-urlencoded'
        return ok ? json(res, 200, {access_token: `token-${tokens}`, token_type: 'Bearer', expires_in: 3600}) : atlasError(res, 400, 'INVALID_REQUEST', 'bad token request')
      }
      if (rejectNext) {
        rejectNext = false
        return atlasError(res, 401, '', 'Token expired.')
      }
      json(res, 200, SNAPSHOT)
    }
    const cloud = await backend(serviceAccount)
    await Promise.all([cloud.getSnapshot(GROUP, 'Cluster0', SNAPSHOT.id), cloud.getSnapshot(GROUP, 'Cluster0', SNAPSHOT.id)])
    await cloud.getSnapshot(GROUP, 'Cluster0', SNAPSHOT.id)
    expect(tokens).toBe(1)
    expect(server.seen.at(-1)!.headers.authorization).toBe('Bearer token-1')
    rejectNext = true
    await cloud.getSnapshot(GROUP, 'Cluster0', SNAPSHOT.id)
    expect(tokens).toBe(2)
    expect(server.seen.at(-1)!.headers.authorization).toBe('Bearer token-2')
    const dump = debug.join('\n')
    expect(dump).toMatch(/> POST http:\/\/127\.0\.0\.1:\d+\/api\/oauth\/token/)
    expect(dump).not.toMatch(/sa-secret-value|token-1|token-2|Y2xpZW50LTE6/)
  })

  it('a refused service account token is one clear error without the secret', async () => {
    server.handler = (_r, res) => json(res, 401, {error: 'invalid_client'})
    const error = await rejectionOf((await backend(serviceAccount)).listClusters(GROUP))
    expect(error).toBeInstanceOf(CliError)
    expect(error.message).toBe(`Atlas at ${server.url} refused a token for service account client-1 (HTTP 401)`)
    expect((error as CliError).hint).toMatch(/MONGODB_ATLAS_CLIENT_SECRET/)
    expect(`${error.message} ${(error as CliError).hint}`).not.toContain(CLIENT_SECRET)
    expect(server.count()).toBe(1)
  })

  it('a service account still refused after a new token is a 401 naming the client id', async () => {
    server.handler = (r, res) => (r.url === '/api/oauth/token' ? json(res, 200, {access_token: 'tok', expires_in: 3600}) : atlasError(res, 401, '', 'Unauthorized.'))
    const error = await rejectionOf((await backend(serviceAccount)).listClusters(GROUP))
    expect((error as AtlasApiError).status).toBe(401)
    expect(error.message).toMatch(/service account client-1.*MONGODB_ATLAS_CLIENT_ID/)
    expect(server.count('POST')).toBe(2)
  })
})

describe('--debug', () => {
  it('dumps one line per request and response, secrets masked and bodies cut at 2 KB', async () => {
    const nonce = 'debug-nonce-42'
    server.handler = (r, res) => {
      if (!digestValid(r.headers.authorization, r.method, PUBLIC, PRIVATE, nonce)) return atlasError(res, 401, '', 'Unauthorized.', {'WWW-Authenticate': CHALLENGE(nonce)})
      json(res, 200, {results: [{...SNAPSHOT, description: 'x'.repeat(5000)}], totalCount: 1, privateApiKey: 'leaked?'})
    }
    await (await backend()).listSnapshots(GROUP, 'Cluster0', {pageNum: 2, itemsPerPage: 5})
    expect(debug).toHaveLength(4) // > 401 challenge, < 401, > answer, < 200
    const dump = debug.join('\n')
    expect(dump).toMatch(/> GET http:\/\/127\.0\.0\.1:\d+\/api\/atlas\/v2\/groups\/.*pageNum=2&itemsPerPage=5/)
    expect(dump).toMatch(/< 401 GET .* \d+ms/)
    expect(dump).toMatch(/< 200 GET .* \d+ms .*content-type: application\/vnd\.atlas\.2023-01-01\+json/)
    expect(dump).toMatch(/authorization: \*{8}/i)
    expect(dump).not.toContain(nonce)
    expect(dump).not.toContain('leaked?')
    expect(dump).not.toContain(PRIVATE)
    expect(Math.max(...debug.map((line) => line.length))).toBeLessThan(3000)
  })
})
