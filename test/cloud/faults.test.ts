import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {createCloudBackend} from '../../src/lib/backends/cloud/index.js'
import {CliError} from '../../src/lib/cli/errors.js'
import type {Credentials} from '../../src/lib/config/settings.js'
import {AtlasApiError} from '../../src/lib/domain/errors.js'
import {cloudSettings} from '../helpers/cloud-settings.js'
import {atlasError, digestValid, FaultServer, json} from './fault-server.js'

const GROUP = '5e2211c17a3e5a48f5497de3'
const PUBLIC = 'faultpub'
const PRIVATE = 'fault-private-key-0000'
const SNAPSHOT = {id: '6a7944f22c88faeba59d3572', status: 'completed', snapshotType: 'onDemand', type: 'replicaSet'}

let server: FaultServer
let debug: string[]
let warnings: string[]

const apiKey: Credentials = {kind: 'apiKey', publicKey: PUBLIC, privateKey: PRIVATE, source: 'env'}

function backend(credentials: Credentials = apiKey) {
  return createCloudBackend(cloudSettings(server.url, credentials), {debug: (line) => debug.push(line), warn: (line) => warnings.push(line)})
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error('expected a failure')
}

beforeEach(async () => {
  process.env.ATLAS_BACKUPS_RETRY_BASE_MS = '10'
  process.env.ATLAS_BACKUPS_HTTP_TIMEOUT_MS = '400'
  debug = []
  warnings = []
  server = await new FaultServer().start()
})

afterEach(async () => server.stop())

describe('cloud backend against a fault-injecting server', () => {
  it('waits for Retry-After on 429, then succeeds', async () => {
    server.handler = (_r, res, i) => (i === 0 ? atlasError(res, 429, 'RATE_LIMITED_TOKEN_BUCKET', 'Rate limit exceeded.', {'Retry-After': '1'}) : json(res, 200, SNAPSHOT))
    const started = Date.now()
    const snapshot = await (await backend()).getSnapshot(GROUP, 'Cluster0', SNAPSHOT.id)
    expect(snapshot.id).toBe(SNAPSHOT.id)
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
    expect(server.count()).toBe(2)
  })

  it('retries a 503 with backoff, then succeeds', async () => {
    server.handler = (_r, res, i) => (i < 2 ? atlasError(res, 503, 'SERVICE_UNAVAILABLE', 'Down.') : json(res, 200, {results: [SNAPSHOT], totalCount: 1}))
    const page = await (await backend()).listSnapshots(GROUP, 'Cluster0')
    expect(page.results).toHaveLength(1)
    expect(server.count()).toBe(3)
  })

  it('retries after a connection reset', async () => {
    server.handler = (r, res, i) => {
      if (i === 0) return res.socket?.destroy()
      json(res, 200, SNAPSHOT)
    }
    expect((await (await backend()).getSnapshot(GROUP, 'Cluster0', SNAPSHOT.id)).id).toBe(SNAPSHOT.id)
    expect(server.count()).toBe(2)
  })

  it('never repeats a POST: a 503 on take snapshot is reported, one request sent', async () => {
    server.handler = (_r, res) => atlasError(res, 503, 'SERVICE_UNAVAILABLE', 'Down.')
    const error = await failure((await backend()).takeSnapshot(GROUP, 'Cluster0', {description: 'x', retentionInDays: 1}))
    expect(error).toBeInstanceOf(AtlasApiError)
    expect((error as AtlasApiError).status).toBe(503)
    expect(server.count('POST')).toBe(1)
  })

  it('gives up on a hung server with one clear error', async () => {
    server.handler = () => {}
    const error = await failure((await backend()).getSchedule(GROUP, 'Cluster0'))
    expect(error).toBeInstanceOf(CliError)
    expect(error.message).toMatch(/cannot reach Atlas at http:\/\/127\.0\.0\.1:\d+ .*no answer within 0\.4 s/)
    expect(server.count()).toBeLessThanOrEqual(5)
  })

  it('a POST to a hung server is sent once', async () => {
    server.handler = () => {}
    await failure((await backend()).takeSnapshot(GROUP, 'Cluster0', {}))
    expect(server.count('POST')).toBe(1)
  })

  it('reports malformed JSON in one line', async () => {
    server.handler = (_r, res) => {
      res.writeHead(200, {'Content-Type': 'application/vnd.atlas.2023-01-01+json'})
      res.end('{"results": [')
    }
    const error = await failure((await backend()).listSnapshots(GROUP, 'Cluster0'))
    expect(error).toBeInstanceOf(CliError)
    expect(error.message).toMatch(/malformed JSON \(HTTP 200\)/)
  })

  it('answers a digest challenge (MD5, qop=auth) and reuses the nonce with a rising count', async () => {
    const nonce = 'n0nce-1234'
    server.handler = (r, res) => {
      if (!digestValid(r.headers.authorization, r.method, PUBLIC, PRIVATE, nonce)) {
        return atlasError(res, 401, '', 'You are not authorized for this resource.', {'WWW-Authenticate': `Digest realm="MMS Public API", domain="", nonce="${nonce}", algorithm=MD5, qop="auth", stale=false`})
      }
      json(res, 200, SNAPSHOT)
    }
    const cloud = await backend()
    await cloud.getSnapshot(GROUP, 'Cluster0', SNAPSHOT.id)
    await cloud.getSnapshot(GROUP, 'Cluster0', SNAPSHOT.id)
    expect(server.count()).toBe(3)
    expect(server.seen[1]!.headers.authorization).toMatch(/nc=00000001/)
    expect(server.seen[2]!.headers.authorization).toMatch(/nc=00000002/)
  })

  it('a bad private key ends in one 401 error naming the public key, never the private one', async () => {
    let n = 0
    server.handler = (_r, res) => atlasError(res, 401, '', 'You are not authorized for this resource.', {'WWW-Authenticate': `Digest realm="MMS Public API", nonce="nonce-${n++}", algorithm=MD5, qop="auth"`})
    process.env.ATLAS_BACKUPS_HTTP_TIMEOUT_MS = '2000'
    const error = await failure((await backend()).getSchedule(GROUP, 'Cluster0'))
    expect(error).toBeInstanceOf(AtlasApiError)
    expect(error.message).toContain(PUBLIC)
    expect(error.message).not.toContain(PRIVATE)
    expect(server.count()).toBe(2)
    expect(debug.join('\n')).not.toContain(PRIVATE)
  })

  it('service accounts: one token for several calls, fetched again once after a 401', async () => {
    let tokens = 0
    let rejectNext = false
    server.handler = (r, res) => {
      if (r.url === '/api/oauth/token') {
        tokens += 1
        expect(r.headers.authorization).toBe(`Basic ${Buffer.from('client-1:sa-secret-value').toString('base64')}`)
        expect(r.body).toBe('grant_type=client_credentials')
        return json(res, 200, {access_token: `token-${tokens}`, token_type: 'Bearer', expires_in: 3600})
      }
      if (rejectNext) {
        rejectNext = false
        return atlasError(res, 401, '', 'Token expired.')
      }
      json(res, 200, SNAPSHOT)
    }
    const cloud = await backend({kind: 'serviceAccount', clientId: 'client-1', clientSecret: 'sa-secret-value', source: 'env'})
    await cloud.getSnapshot(GROUP, 'Cluster0', SNAPSHOT.id)
    await cloud.getSnapshot(GROUP, 'Cluster0', SNAPSHOT.id)
    expect(tokens).toBe(1)
    rejectNext = true
    await cloud.getSnapshot(GROUP, 'Cluster0', SNAPSHOT.id)
    expect(tokens).toBe(2)
    expect(server.seen.at(-1)!.headers.authorization).toBe('Bearer token-2')
    expect(debug.join('\n')).not.toMatch(/sa-secret-value|token-1|token-2/)
  })

  it('sends the versioned Accept header, Content-Type on bodies and a User-Agent', async () => {
    server.handler = (_r, res) => json(res, 200, SNAPSHOT)
    await (await backend()).takeSnapshot(GROUP, 'Cluster0', {description: 'x'})
    const request = server.seen.at(-1)!
    expect(request.headers.accept).toBe('application/vnd.atlas.2023-01-01+json')
    expect(request.headers['content-type']).toBe('application/vnd.atlas.2023-01-01+json')
    expect(request.headers['user-agent']).toMatch(/^atlas-backups\/\d+\.\d+\.\d+ /)
    expect(request.url).toBe(`/api/atlas/v2/groups/${GROUP}/clusters/Cluster0/backup/snapshots`)
  })

  it('turns Deprecation and Sunset headers into one warning', async () => {
    server.handler = (_r, res) => json(res, 200, {results: [], totalCount: 0}, {Deprecation: 'Mon, 5 Aug 2024 00:00:00 GMT', Sunset: 'Thu, 1 Jul 2027 00:00:00 GMT'})
    const cloud = await backend()
    await cloud.listSnapshots(GROUP, 'Cluster0')
    await cloud.listSnapshots(GROUP, 'Cluster0')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/deprecated since Mon, 5 Aug 2024.*removed after Thu, 1 Jul 2027/)
  })

  it('says plainly that the serverless endpoints are gone on 410', async () => {
    server.handler = (_r, res) => atlasError(res, 410, 'VERSION_GONE', 'Version 2023-01-01 is no longer available.')
    const error = await failure((await backend()).listServerlessSnapshots(GROUP, 'Serverless0'))
    expect((error as AtlasApiError).errorCode).toBe('VERSION_GONE')
    expect(error.message).toMatch(/retired the serverless backup endpoints/)
  })

  it('detects a Flex cluster once and uses the flex endpoints from then on', async () => {
    server.handler = (r, res) => {
      if (r.url.includes('/clusters/')) return atlasError(res, 400, 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API', 'Flex cluster Flex0 cannot be used in the Cluster API.')
      if (r.url.includes('/backup/snapshots/')) return json(res, 200, {id: SNAPSHOT.id, status: 'RUNNING', expiration: '2026-08-17T17:05:10Z', mongoDBVersion: '8.0.29'})
      json(res, 200, {results: [{id: SNAPSHOT.id, status: 'COMPLETED', finishTime: '2026-08-09T17:07:14Z', expiration: '2026-08-17T17:05:10Z', mongoDBVersion: '8.0.29'}], totalCount: 1})
    }
    const cloud = await backend()
    const page = await cloud.listSnapshots(GROUP, 'Flex0')
    expect(page.results[0]).toMatchObject({id: SNAPSHOT.id, status: 'completed', createdAt: '2026-08-09T17:07:14Z', expiresAt: '2026-08-17T17:05:10Z', frequencyType: 'daily'})
    expect((await cloud.getSnapshot(GROUP, 'Flex0', SNAPSHOT.id)).status).toBe('inProgress')
    expect(server.seen.filter((s) => s.url.includes('/clusters/'))).toHaveLength(1)
    expect(server.seen.at(-1)!.headers.accept).toBe('application/vnd.atlas.2024-11-13+json')
  })

  it('dumps requests and responses with --debug, secrets masked', async () => {
    server.handler = (_r, res) => json(res, 200, {results: [], totalCount: 0, privateApiKey: 'leaked?'})
    await (await backend()).listSnapshots(GROUP, 'Cluster0', {pageNum: 2, itemsPerPage: 5})
    const dump = debug.join('\n')
    expect(dump).toMatch(/> GET http:\/\/127\.0\.0\.1:\d+\/api\/atlas\/v2\/groups\/.*pageNum=2&itemsPerPage=5/)
    expect(dump).toMatch(/< 200 GET/)
    expect(dump).not.toContain('leaked?')
    expect(dump).not.toContain(PRIVATE)
  })
})
