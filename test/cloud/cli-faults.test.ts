import {afterAll, afterEach, beforeEach, describe, expect, it} from 'vitest'

import {cleanupHomes, expectOneErrorLine, runCli, type CliResult} from '../helpers/cli.js'
import {atlasError, FaultServer, json} from './fault-server.js'

/**
 * The fault cases of faults.test.ts once more, through the built CLI as a user runs it: a retried fault ends in the
 * answer on stdout and a silent stderr; a final one in exactly one stderr line, exit 1, no stack trace, and no
 * secret. faults.test.ts checks the backend's errors; this checks what reaches the terminal.
 */

const GROUP = '5e2211c17a3e5a48f5497de3'
const PRIVATE = 'cli-fault-private-key-0000'
const SNAPSHOT = {id: '6a7944f22c88faeba59d3572', status: 'completed', snapshotType: 'onDemand', type: 'replicaSet'}
const describeArgs = ['backups', 'snapshots', 'describe', SNAPSHOT.id, '--clusterName', 'Cluster0', '-o', 'json']
const createArgs = ['backups', 'snapshots', 'create', 'Cluster0', '--desc', 'x']

let server: FaultServer

function cli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runCli(args, {
    env: {
      MONGODB_ATLAS_BASE_URL: server.url,
      MONGODB_ATLAS_PUBLIC_API_KEY: 'clifaultpub',
      MONGODB_ATLAS_PRIVATE_API_KEY: PRIVATE,
      MONGODB_ATLAS_PROJECT_ID: GROUP,
      ATLAS_BACKUPS_RETRY_BASE_MS: '10',
      ATLAS_BACKUPS_HTTP_TIMEOUT_MS: '500',
      ...env,
    },
  })
}

function expectSuccess(result: CliResult): void {
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  expect(JSON.parse(result.stdout)).toMatchObject({id: SNAPSHOT.id})
}

function expectRefused(result: CliResult, pattern: RegExp): void {
  expectOneErrorLine(result, 1, pattern, [PRIVATE])
}

beforeEach(async () => {
  server = await new FaultServer().start()
})

afterEach(async () => server.stop())

afterAll(cleanupHomes)

describe('faults through the CLI', () => {
  it('429 with Retry-After, then the answer: stdout only', async () => {
    server.handler = (_r, res, i) => (i === 0 ? atlasError(res, 429, 'RATE_LIMITED_TOKEN_BUCKET', 'Rate limit exceeded.', {'Retry-After': '1'}) : json(res, 200, SNAPSHOT))
    expectSuccess(await cli(describeArgs))
    expect(server.count()).toBe(2)
  })

  it('503 then success: stdout only', async () => {
    server.handler = (_r, res, i) => (i === 0 ? atlasError(res, 503, 'SERVICE_UNAVAILABLE', 'Down.') : json(res, 200, SNAPSHOT))
    expectSuccess(await cli(describeArgs))
    expect(server.count()).toBe(2)
  })

  it('a reset connection on a GET is retried; on a POST it is one error line after one request', async () => {
    server.handler = (_r, res, i) => (i === 0 ? void res.socket?.destroy() : json(res, 200, SNAPSHOT))
    expectSuccess(await cli(describeArgs))
    server.seen.length = 0
    server.handler = (_r, res) => void res.socket?.destroy()
    expectRefused(await cli(createArgs), /cannot reach Atlas at http:\/\/127\.0\.0\.1:\d+: the connection was reset .*POST .*1 attempt\b/)
    expect(server.count('POST')).toBe(1)
  })

  it('a hung server: one timeout line', async () => {
    server.handler = () => {}
    expectRefused(await cli(describeArgs), /no answer within 0\.5 s.*MONGODB_ATLAS_BASE_URL/)
  })

  it('malformed JSON: one line', async () => {
    server.handler = (_r, res) => {
      res.writeHead(200, {'Content-Type': 'application/vnd.atlas.2023-01-01+json'})
      res.end('{"id": ')
    }
    expectRefused(await cli(describeArgs), /malformed JSON \(HTTP 200\)/)
  })

  it('a digest challenge the key cannot answer: one 401 line naming the public key, not the private one', async () => {
    let n = 0
    server.handler = (_r, res) =>
      atlasError(res, 401, '', 'You are not authorized for this resource.', {'WWW-Authenticate': `Digest realm="MMS Public API", domain="", nonce="n${n++}", algorithm=MD5, qop="auth", stale=false`})
    expectRefused(await cli(describeArgs), /refused the credentials \(API key clifaultpub\)/)
    expect(server.count()).toBe(2)
  })

  it('a 503 on take snapshot is one error line after exactly one POST', async () => {
    server.handler = (_r, res) => atlasError(res, 503, 'SERVICE_UNAVAILABLE', 'Down.')
    expectRefused(await cli(createArgs), /SERVICE_UNAVAILABLE/)
    expect(server.count('POST')).toBe(1)
    expect(server.count()).toBe(1)
  })
})
