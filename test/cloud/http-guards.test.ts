
import {afterAll, afterEach, beforeEach, describe, expect, it} from 'vitest'

import {MAX_RESPONSE_BYTES} from '../../src/lib/backends/cloud/limits.js'
import {cleanupHomes, expectOneErrorLine, runCli, type CliResult} from '../helpers/cli.js'
import {FaultServer, streamingAnswer} from './fault-server.js'

/**
 * What the cloud client does with answers that are not the Atlas API: a redirect is reported, never followed (the
 * credentials would go along), and an answer over MAX_RESPONSE_BYTES stops being read at the limit. Each case runs
 * the built CLI against a loopback server and checks the one stderr line, the exit code and an empty stdout.
 */

const GROUP = '5e2211c17a3e5a48f5497de3'
const PRIVATE = 'guards-private-key-0000'
const SECRET = 'mdb_sa_sk_guards_secret_0000'
const describeArgs = ['backups', 'snapshots', 'describe', '6a7944f22c88faeba59d3572', '--clusterName', 'Cluster0', '-o', 'json']

let server: FaultServer
/** Where the redirects point: it must never be asked anything. */
let elsewhere: FaultServer

function apiKeyEnv(baseUrl: string): Record<string, string> {
  return {
    MONGODB_ATLAS_BASE_URL: baseUrl,
    MONGODB_ATLAS_PUBLIC_API_KEY: 'guardspub',
    MONGODB_ATLAS_PRIVATE_API_KEY: PRIVATE,
    MONGODB_ATLAS_PROJECT_ID: GROUP,
    ATLAS_BACKUPS_RETRY_BASE_MS: '10',
  }
}

function serviceAccountEnv(baseUrl: string): Record<string, string> {
  return {MONGODB_ATLAS_BASE_URL: baseUrl, MONGODB_ATLAS_CLIENT_ID: 'mdb_sa_id_guards', MONGODB_ATLAS_CLIENT_SECRET: SECRET, MONGODB_ATLAS_PROJECT_ID: GROUP, ATLAS_BACKUPS_RETRY_BASE_MS: '10'}
}

/** Exit 1, nothing on stdout, exactly one stderr line starting with Error:, no secret. */
function expectRefused(result: CliResult, pattern: RegExp): void {
  expectOneErrorLine(result, 1, pattern, [PRIVATE, SECRET])
}

beforeEach(async () => {
  server = await new FaultServer().start()
  elsewhere = await new FaultServer().start()
})

afterEach(async () => {
  await server.stop()
  await elsewhere.stop()
})

afterAll(cleanupHomes)

describe('a redirect from the server', () => {
  it('302 on an API call: one line naming the target and the base URL, nothing followed', async () => {
    server.handler = (_r, res) => {
      res.writeHead(302, {Location: `${elsewhere.url}/account/login?next=%2Fapi`})
      res.end()
    }
    const result = await runCli(describeArgs, {env: apiKeyEnv(server.url)})
    expectRefused(result, new RegExp(`redirected GET /api/atlas/v2/groups/${GROUP}/clusters/Cluster0/backup/snapshots/\\S+ \\(HTTP 302\\) to ${elsewhere.url.replaceAll('.', '\\.')}/account/login\\?next=%2Fapi.*base URL is probably wrong.*MONGODB_ATLAS_BASE_URL`))
    expect(server.count()).toBe(1)
    expect(elsewhere.count()).toBe(0)
  })

  it('301 to https (the usual http:// base URL mistake), with a relative Location resolved', async () => {
    server.handler = (_r, res) => {
      res.writeHead(301, {Location: '/api/atlas/v2/moved'})
      res.end()
    }
    const result = await runCli(describeArgs, {env: apiKeyEnv(server.url)})
    expectRefused(result, new RegExp(`\\(HTTP 301\\) to ${server.url.replaceAll('.', '\\.')}/api/atlas/v2/moved, and atlas-backups does not follow redirects`))
    expect(server.count()).toBe(1)
  })

  it('a redirect of the service account token request: the secret goes nowhere else', async () => {
    server.handler = (_r, res) => {
      res.writeHead(307, {Location: `${elsewhere.url}/api/oauth/token`})
      res.end()
    }
    const result = await runCli(describeArgs, {env: serviceAccountEnv(server.url)})
    expectRefused(result, /redirected POST \/api\/oauth\/token \(HTTP 307\) to http:\/\/127\.0\.0\.1:\d+\/api\/oauth\/token.*base URL is probably wrong/)
    expect(server.count('POST')).toBe(1)
    expect(elsewhere.count()).toBe(0)
  })
})

describe('the response size cap', () => {
  it('is documented as 32 MiB, comfortably above a 500-item page', () => {
    expect(MAX_RESPONSE_BYTES).toBe(32 * 1024 * 1024)
  })

  it('a body far over the cap: one line naming the limit, and the client hangs up early', async () => {
    const {handler, progress} = streamingAnswer(4 * MAX_RESPONSE_BYTES)
    server.handler = handler
    const result = await runCli(describeArgs, {env: apiKeyEnv(server.url)})
    expectRefused(result, /the answer of http:\/\/127\.0\.0\.1:\d+ to GET \/api\/atlas\/v2\/groups\/\S+ is larger than 32 MiB, the most atlas-backups reads.*--limit/)
    // Stopped reading at the cap: the server never got to write the whole body.
    await expect.poll(() => progress.closedEarly).toBe(true)
    expect(progress.finished).toBe(false)
    expect(progress.sent).toBeLessThan(4 * MAX_RESPONSE_BYTES)
  })

  it('a service account token answer over the cap: the same line, for the token request', async () => {
    const {handler, progress} = streamingAnswer(2 * MAX_RESPONSE_BYTES)
    server.handler = handler
    const result = await runCli(describeArgs, {env: serviceAccountEnv(server.url)})
    expectRefused(result, /the answer of http:\/\/127\.0\.0\.1:\d+ to POST \/api\/oauth\/token is larger than 32 MiB/)
    await expect.poll(() => progress.closedEarly).toBe(true)
    expect(progress.finished).toBe(false)
  })
})
