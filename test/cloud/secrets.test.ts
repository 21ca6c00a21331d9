import {afterAll, afterEach, beforeEach, describe, expect, it} from 'vitest'

import {isLoopbackHost, plainHttpWarning} from '../../src/lib/backends/cloud/plain-http.js'
import {cleanupHomes, runCli, type CliResult} from '../helpers/cli.js'
import {atlasError, digestValid, FaultServer, json} from './fault-server.js'

/**
 * Secrets over HTTP: whatever a server echoes back (Atlas's error detail, a proxy's page, a token endpoint's
 * complaint) reaches neither the error line nor the --debug dump; and credentials bound for plain http:// on
 * another machine draw one warning line, while loopback (serve on 127.0.0.1) stays quiet.
 */

const GROUP = '5e2211c17a3e5a48f5497de3'
const PUBLIC = 'secretspub'
const PRIVATE = 'secrets-private-key-7f3a9c'
const CLIENT_ID = 'mdb_sa_id_secrets'
const CLIENT_SECRET = 'mdb_sa_sk_secrets_91b2e4d0'
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.secrets-token.c2lnbmF0dXJl'
const BASIC = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')
const SNAPSHOT = {id: '6a7944f22c88faeba59d3572', status: 'completed', snapshotType: 'onDemand', type: 'replicaSet'}
const CHALLENGE = 'Digest realm="MMS Public API", domain="", nonce="secrets-nonce", algorithm=MD5, qop="auth", stale=false'
const describeArgs = ['backups', 'snapshots', 'describe', SNAPSHOT.id, '--clusterName', 'Cluster0', '-o', 'json']

let server: FaultServer

function apiKeyEnv(baseUrl = server.url): Record<string, string> {
  return {MONGODB_ATLAS_BASE_URL: baseUrl, MONGODB_ATLAS_PUBLIC_API_KEY: PUBLIC, MONGODB_ATLAS_PRIVATE_API_KEY: PRIVATE, MONGODB_ATLAS_PROJECT_ID: GROUP}
}

function serviceAccountEnv(): Record<string, string> {
  return {MONGODB_ATLAS_BASE_URL: server.url, MONGODB_ATLAS_CLIENT_ID: CLIENT_ID, MONGODB_ATLAS_CLIENT_SECRET: CLIENT_SECRET, MONGODB_ATLAS_PROJECT_ID: GROUP}
}

function expectNoSecret(result: CliResult): void {
  for (const secret of [PRIVATE, CLIENT_SECRET, TOKEN, BASIC, encodeURIComponent(CLIENT_SECRET)]) {
    expect(result.stderr).not.toContain(secret)
    expect(result.stdout).not.toContain(secret)
  }
}

/** Answers the digest challenge, then fails with `detail` (a server echoing what it was sent). */
function digestThenError(status: number, detail: string, parameters: unknown[] = []): void {
  server.handler = (r, res) => {
    if (!digestValid(r.headers.authorization, r.method, PUBLIC, PRIVATE, 'secrets-nonce', r.url)) return atlasError(res, 401, '', 'You are not authorized for this resource.', {'WWW-Authenticate': CHALLENGE})
    res.writeHead(status, {'Content-Type': 'application/json'})
    res.end(JSON.stringify({detail, error: status, errorCode: 'INVALID_ATTRIBUTE', parameters, reason: 'Bad Request'}))
  }
}

beforeEach(async () => {
  server = await new FaultServer().start()
})

afterEach(async () => server.stop())

afterAll(cleanupHomes)

describe('secrets a server echoes back', () => {
  it('the private key in an error detail and parameters: masked on the error line', async () => {
    digestThenError(400, `Invalid attribute privateKey ${PRIVATE} for ${PUBLIC}.`, [PRIVATE])
    const result = await runCli(describeArgs, {env: apiKeyEnv()})
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(result.stderr).toContain(`Invalid attribute privateKey ******** for ${PUBLIC}`)
    expectNoSecret(result)
  })

  it('the same with --debug: neither the dump nor the stack trace shows it', async () => {
    digestThenError(400, `Invalid attribute privateKey ${PRIVATE}.`)
    const result = await runCli([...describeArgs, '--debug'], {env: apiKeyEnv()})
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/\[debug\] < 400 GET/)
    expect(result.stderr).toContain('\n    at ')
    expectNoSecret(result)
  })

  it('service account: the secret, its Basic header and the bearer token echoed by the API and the token endpoint', async () => {
    server.handler = (r, res) => {
      if (r.url === '/api/oauth/token') return json(res, 200, {access_token: TOKEN, token_type: 'Bearer', expires_in: 3600})
      atlasError(res, 403, 'FORBIDDEN_BY_PROXY', `Proxy refused Authorization: Bearer ${TOKEN} (token fetched with Basic ${BASIC}, client_secret=${encodeURIComponent(CLIENT_SECRET)})`)
    }
    const result = await runCli([...describeArgs, '--debug'], {env: serviceAccountEnv()})
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^Error: .*Proxy refused Authorization: Bearer \*{8}/m)
    expectNoSecret(result)
  })

  it('a token endpoint that echoes the secret in its refusal: not in the --debug dump', async () => {
    server.handler = (_r, res) => {
      res.writeHead(401, {'Content-Type': 'text/plain'})
      res.end(`bad credentials: ${CLIENT_ID}/${CLIENT_SECRET}`)
    }
    const result = await runCli([...describeArgs, '--debug'], {env: serviceAccountEnv()})
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/\[debug\] < 401 POST .*\/api\/oauth\/token.*bad credentials: mdb_sa_id_secrets\/\*{8}/)
    expectNoSecret(result)
  })
})

describe('credentials over plain http://', () => {
  it('to a host that is not loopback: one warning line, once per run, and the command still answers', async () => {
    server.handler = (r, res) => {
      if (!digestValid(r.headers.authorization, r.method, PUBLIC, PRIVATE, 'secrets-nonce', r.url)) return atlasError(res, 401, '', 'Unauthorized.', {'WWW-Authenticate': CHALLENGE})
      json(res, 200, SNAPSHOT)
    }
    // 0.0.0.0 reaches this machine's listener yet is not a loopback address: what a LAN address looks like here.
    const result = await runCli(describeArgs, {env: apiKeyEnv(server.url.replace('127.0.0.1', '0.0.0.0'))})
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({id: SNAPSHOT.id})
    expect(server.count()).toBe(2)
    const lines = result.stderr.trimEnd().split('\n')
    expect(lines).toEqual([expect.stringMatching(/^Warning: the base URL is plain http:\/\/, so requests signed with API key secretspub go unencrypted to 0\.0\.0\.0:\d+: .*Use https:\/\//)])
    expectNoSecret(result)
  })

  it('to loopback: no warning (serve on 127.0.0.1 is the usual case)', async () => {
    server.handler = (r, res) => {
      if (!digestValid(r.headers.authorization, r.method, PUBLIC, PRIVATE, 'secrets-nonce', r.url)) return atlasError(res, 401, '', 'Unauthorized.', {'WWW-Authenticate': CHALLENGE})
      json(res, 200, SNAPSHOT)
    }
    const result = await runCli(describeArgs, {env: apiKeyEnv()})
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
  })

  it('which hosts count as loopback', () => {
    for (const host of ['127.0.0.1', '127.10.20.30', 'localhost', 'LOCALHOST', '[::1]', '[::ffff:7f00:1]']) expect(isLoopbackHost(host), host).toBe(true)
    for (const host of ['0.0.0.0', '10.0.0.5', '128.0.0.1', 'localhost.example.com', 'cloud.mongodb.com', '[::2]', '[::ffff:a00:5]']) expect(isLoopbackHost(host), host).toBe(false)
  })

  it('names the secret at stake for a service account, and says nothing for https://', () => {
    const account = {kind: 'serviceAccount', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, source: 'env'} as const
    expect(plainHttpWarning('http://atlas.internal:8080', account)).toMatch(/client secret and token go unencrypted to atlas\.internal:8080/)
    expect(plainHttpWarning('https://atlas.internal', account)).toBeUndefined()
    expect(plainHttpWarning('http://[::1]:8080', account)).toBeUndefined()
  })
})
