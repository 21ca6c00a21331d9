import {createHash} from 'node:crypto'
import {rmSync} from 'node:fs'

import {afterAll, afterEach, beforeEach, describe, expect, it} from 'vitest'

import {createCloudBackend} from '../../src/lib/backends/cloud/index.js'
import {CliError} from '../../src/lib/cli/errors.js'
import type {Credentials} from '../../src/lib/config/settings.js'
import type {AtlasApiError} from '../../src/lib/domain/errors.js'
import {digestResponse} from '../../src/lib/http/digest.js'
import {cleanupHomes, runCli} from '../helpers/cli.js'
import {cloudSettings} from '../helpers/cloud-settings.js'
import {rejectionOf} from '../helpers/rejection.js'
import {atlasError, FaultServer, json, type Seen} from './fault-server.js'

/**
 * HTTP Digest as RFC 7616 defines it, against a loopback server that challenges with each algorithm and checks the
 * answer with a verifier written here from the RFC (not the client's code): MD5, MD5-sess, SHA-256, SHA-256-sess,
 * SHA-512-256; qop auth, auth-int and none; several challenges in one 401; stale=true; an algorithm the client
 * cannot answer.
 */

const GROUP = '5e2211c17a3e5a48f5497de3'
const PUBLIC = 'digestpub'
const PRIVATE = 'digest-private-key-0000'
const REALM = 'MMS Public API'
const SNAPSHOT = {id: '6a7944f22c88faeba59d3572', status: 'completed', snapshotType: 'onDemand', type: 'replicaSet'}

const apiKey: Credentials = {kind: 'apiKey', publicKey: PUBLIC, privateKey: PRIVATE, source: 'env'}

const HASHES: Record<string, string> = {'MD5': 'md5', 'MD5-SESS': 'md5', 'SHA-256': 'sha256', 'SHA-256-SESS': 'sha256', 'SHA-512-256': 'sha512-256', 'SHA-512-256-SESS': 'sha512-256'}

/** The parameters of an Authorization: Digest header (values unquoted). */
function fieldsOf(header: string | undefined): Record<string, string> | undefined {
  if (!header?.startsWith('Digest ')) return undefined
  return Object.fromEntries([...header.slice(7).matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)].map((m) => [m[1]!, m[2] ?? m[3] ?? '']))
}

/**
 * RFC 7616 §3.4: the server's check of a response for the challenge it sent (algorithm, qop), independent of the
 * client: A1 = user:realm:password (then H(A1):nonce:cnonce for -sess), A2 = method:uri (plus :H(body) for
 * auth-int), response = H(H(A1):nonce:nc:cnonce:qop:H(A2)), or H(H(A1):nonce:H(A2)) without qop.
 */
function verify(seen: Seen, nonce: string, algorithm: string, qop: 'auth' | 'auth-int' | undefined): boolean {
  const f = fieldsOf(seen.headers.authorization)
  if (!f) return false
  const name = HASHES[algorithm.toUpperCase()]!
  const h = (text: string): string => createHash(name).update(text).digest('hex')
  if (f.username !== PUBLIC || f.realm !== REALM || f.nonce !== nonce || f.uri !== seen.url) return false
  if ((f.algorithm ?? 'MD5').toUpperCase() !== algorithm.toUpperCase()) return false
  if (qop !== undefined && (f.qop !== qop || !/^[0-9a-f]{8}$/.test(f.nc ?? '') || !f.cnonce)) return false
  if (qop === undefined && f.qop !== undefined) return false
  let ha1 = h(`${PUBLIC}:${REALM}:${PRIVATE}`)
  if (algorithm.toUpperCase().endsWith('-SESS')) ha1 = h(`${ha1}:${nonce}:${f.cnonce}`)
  const ha2 = qop === 'auth-int' ? h(`${seen.method}:${f.uri}:${h(seen.body)}`) : h(`${seen.method}:${f.uri}`)
  const expected = qop ? h(`${ha1}:${nonce}:${f.nc}:${f.cnonce}:${qop}:${ha2}`) : h(`${ha1}:${nonce}:${ha2}`)
  return f.response === expected
}

let server: FaultServer
let debug: string[]

/** The homes cloudSettings() made, removed after each test. */
const homes: string[] = []

function backend() {
  const settings = cloudSettings(server.url, apiKey)
  homes.push(settings.home)
  return createCloudBackend(settings, {debug: (line) => debug.push(line), warn: () => {}})
}

/** A server that challenges with `challenge` and answers SNAPSHOT to a request `verify` accepts. */
function challenging(nonce: string, algorithm: string, qop: 'auth' | 'auth-int' | undefined, challenge: string): void {
  server.handler = (r, res) => {
    if (!verify(r, nonce, algorithm, qop)) return atlasError(res, 401, '', 'You are not authorized for this resource.', {'WWW-Authenticate': challenge})
    json(res, 200, SNAPSHOT)
  }
}

beforeEach(async () => {
  process.env.ATLAS_BACKUPS_RETRY_BASE_MS = '10'
  debug = []
  server = await new FaultServer().start()
})

afterEach(async () => {
  delete process.env.ATLAS_BACKUPS_RETRY_BASE_MS
  await server.stop()
  for (const home of homes.splice(0)) rmSync(home, {recursive: true, force: true})
})

afterAll(cleanupHomes)

describe('RFC 7616 §3.9.1 example', () => {
  const example = {username: 'Mufasa', password: 'Circle of Life', realm: 'http-auth@example.org', method: 'GET', uri: '/dir/index.html', nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v', nc: '00000001', cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ', qop: 'auth'}

  it('gives the RFC responses for MD5 and SHA-256', () => {
    expect(digestResponse({...example, algorithm: 'MD5'})).toBe('8ca523f5e9506fed4657c9700eebdbec')
    expect(digestResponse({...example, algorithm: 'SHA-256'})).toBe('753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1')
  })
})

describe('algorithms', () => {
  for (const algorithm of ['MD5', 'MD5-sess', 'SHA-256', 'SHA-256-sess', 'SHA-512-256', 'SHA-512-256-sess']) {
    it(`answers ${algorithm} with qop=auth and reuses the nonce`, async () => {
      const nonce = `nonce-${algorithm}`
      challenging(nonce, algorithm, 'auth', `Digest realm="${REALM}", domain="", nonce="${nonce}", algorithm=${algorithm}, qop="auth", stale=false`)
      const cloud = await backend()
      expect((await cloud.getSnapshot(GROUP, 'Cluster0', SNAPSHOT.id)).id).toBe(SNAPSHOT.id)
      expect((await cloud.getSnapshot(GROUP, 'Cluster0', SNAPSHOT.id)).id).toBe(SNAPSHOT.id)
      expect(server.count()).toBe(3)
      expect(fieldsOf(server.seen[2]!.headers.authorization)).toMatchObject({algorithm, nc: '00000002'})
    })
  }

  it('several challenges in one 401: the first one it supports, in the server\'s order', async () => {
    const nonce = 'multi-nonce'
    challenging(nonce, 'SHA-256', 'auth', `Digest realm="${REALM}", nonce="${nonce}", algorithm=SHA3-512, qop="auth", Digest realm="${REALM}", nonce="${nonce}", algorithm=SHA-256, qop="auth", Digest realm="${REALM}", nonce="${nonce}", algorithm=MD5, qop="auth"`)
    expect((await (await backend()).getSnapshot(GROUP, 'Cluster0', SNAPSHOT.id)).id).toBe(SNAPSHOT.id)
    expect(server.count()).toBe(2)
  })

  it('userhash=true: the username travels as H(username:realm), the response is unchanged', async () => {
    const nonce = 'userhash-nonce'
    server.handler = (r, res) => {
      const hashed = createHash('sha256').update(`${PUBLIC}:${REALM}`).digest('hex')
      const f = fieldsOf(r.headers.authorization)
      // Swap the hashed name back for the real one, then check the answer as for any request.
      const unhashed = f?.username === hashed && f.userhash === 'true' ? {...r, headers: {...r.headers, authorization: r.headers.authorization!.replace(hashed, PUBLIC)}} : r
      if (!verify(unhashed, nonce, 'SHA-256', 'auth')) return atlasError(res, 401, '', 'Unauthorized.', {'WWW-Authenticate': `Digest realm="${REALM}", nonce="${nonce}", algorithm=SHA-256, qop="auth", userhash=true`})
      json(res, 200, SNAPSHOT)
    }
    expect((await (await backend()).getSnapshot(GROUP, 'Cluster0', SNAPSHOT.id)).id).toBe(SNAPSHOT.id)
    expect(server.seen[1]!.headers.authorization).not.toContain(PUBLIC)
  })

  it('an algorithm it cannot answer: one error naming it, after the one request that drew the challenge', async () => {
    server.handler = (_r, res) => atlasError(res, 401, '', 'You are not authorized for this resource.', {'WWW-Authenticate': `Digest realm="${REALM}", nonce="n", algorithm=SHA3-512, qop="auth"`})
    const error = await rejectionOf((await backend()).getSnapshot(GROUP, 'Cluster0', SNAPSHOT.id))
    expect(error).toBeInstanceOf(CliError)
    expect(error.message).toBe('Atlas asked for HTTP Digest with algorithm SHA3-512 (qop auth), which atlas-backups cannot answer (it answers MD5, MD5-sess, SHA-256, SHA-256-sess, SHA-512-256, SHA-512-256-sess with qop auth or auth-int)')
    expect(error.message).not.toMatch(/refused the credentials/)
    expect(server.count()).toBe(1)
  })
})

describe('qop', () => {
  it('prefers auth when auth-int is offered too', async () => {
    challenging('both', 'SHA-256', 'auth', `Digest realm="${REALM}", nonce="both", algorithm=SHA-256, qop="auth-int, auth"`)
    expect((await (await backend()).getSnapshot(GROUP, 'Cluster0', SNAPSHOT.id)).id).toBe(SNAPSHOT.id)
  })

  it('auth-int alone: the body is part of the answer (a POST with a body, a GET without)', async () => {
    challenging('int', 'MD5', 'auth-int', `Digest realm="${REALM}", nonce="int", algorithm=MD5, qop="auth-int"`)
    const cloud = await backend()
    expect((await cloud.takeSnapshot(GROUP, 'Cluster0', {description: 'digest auth-int', retentionInDays: 1})).id).toBe(SNAPSHOT.id)
    expect((await cloud.getSnapshot(GROUP, 'Cluster0', SNAPSHOT.id)).id).toBe(SNAPSHOT.id)
    const posts = server.seen.filter((s) => s.method === 'POST')
    expect(posts).toHaveLength(2) // the unauthenticated one that drew the challenge, then the answer
    expect(JSON.parse(posts[1]!.body)).toEqual({description: 'digest auth-int', retentionInDays: 1})
  })

  it('no qop (RFC 2069): the short form, without nc and cnonce', async () => {
    challenging('legacy', 'MD5', undefined, `Digest realm="${REALM}", nonce="legacy"`)
    expect((await (await backend()).getSnapshot(GROUP, 'Cluster0', SNAPSHOT.id)).id).toBe(SNAPSHOT.id)
    expect(fieldsOf(server.seen[1]!.headers.authorization)).not.toHaveProperty('nc')
  })
})

describe('stale nonces', () => {
  it('stale=true on a nonce it already answered once: answered again with the new nonce, nc from 1', async () => {
    let nonce = 'old'
    server.handler = (r, res, i) => {
      if (i === 2) nonce = 'renewed' // the old nonce expired between two calls
      if (!verify(r, nonce, 'SHA-256', 'auth')) {
        const stale = r.headers.authorization !== undefined && fieldsOf(r.headers.authorization)?.nonce !== nonce
        return atlasError(res, 401, '', 'Unauthorized.', {'WWW-Authenticate': `Digest realm="${REALM}", nonce="${nonce}", algorithm=SHA-256, qop="auth", stale=${stale}`})
      }
      json(res, 200, SNAPSHOT)
    }
    const cloud = await backend()
    await cloud.getSnapshot(GROUP, 'Cluster0', SNAPSHOT.id) // 401, 200
    await cloud.getSnapshot(GROUP, 'Cluster0', SNAPSHOT.id) // 401 stale=true, 200
    expect(server.seen.map((s) => fieldsOf(s.headers.authorization)?.nc ?? '-')).toEqual(['-', '00000001', '00000002', '00000001'])
    expect(fieldsOf(server.seen[3]!.headers.authorization)?.nonce).toBe('renewed')
  })

  it('stale=true right after answering a fresh challenge is answered too (the first answer was right)', async () => {
    let issued = 0
    server.handler = (r, res) => {
      const current = `nonce-${issued}`
      if (verify(r, current, 'MD5', 'auth') && issued >= 2) return json(res, 200, SNAPSHOT)
      issued += 1
      const stale = r.headers.authorization !== undefined
      atlasError(res, 401, '', 'Unauthorized.', {'WWW-Authenticate': `Digest realm="${REALM}", nonce="nonce-${issued}", algorithm=MD5, qop="auth", stale=${stale}`})
    }
    expect((await (await backend()).getSnapshot(GROUP, 'Cluster0', SNAPSHOT.id)).id).toBe(SNAPSHOT.id)
    expect(server.count()).toBe(3)
  })

  it('stale=true forever: bounded, then one 401 error', async () => {
    let n = 0
    server.handler = (r, res) => atlasError(res, 401, '', 'Unauthorized.', {'WWW-Authenticate': `Digest realm="${REALM}", nonce="s${n++}", algorithm=MD5, qop="auth", stale=${r.headers.authorization !== undefined}`})
    const error = await rejectionOf((await backend()).getSnapshot(GROUP, 'Cluster0', SNAPSHOT.id))
    expect((error as AtlasApiError).status).toBe(401)
    expect(server.count()).toBe(4)
  })

  it('a wrong key (stale=false after an answer) is still refused after two requests', async () => {
    let n = 0
    server.handler = (_r, res) => atlasError(res, 401, '', 'Unauthorized.', {'WWW-Authenticate': `Digest realm="${REALM}", nonce="w${n++}", algorithm=SHA-256, qop="auth", stale=false`})
    const error = await rejectionOf((await backend()).getSnapshot(GROUP, 'Cluster0', SNAPSHOT.id))
    expect(error.message).toMatch(/refused the credentials \(API key digestpub\)/)
    expect(server.count()).toBe(2)
  })
})

describe('through the CLI', () => {
  const env = () => ({MONGODB_ATLAS_BASE_URL: server.url, MONGODB_ATLAS_PUBLIC_API_KEY: PUBLIC, MONGODB_ATLAS_PRIVATE_API_KEY: PRIVATE, MONGODB_ATLAS_PROJECT_ID: GROUP})
  const args = ['backups', 'snapshots', 'describe', SNAPSHOT.id, '--clusterName', 'Cluster0', '-o', 'json']

  it('a SHA-256 challenge is answered with SHA-256: the snapshot on stdout, stderr silent', async () => {
    challenging('cli-sha', 'SHA-256', 'auth', `Digest realm="${REALM}", domain="", nonce="cli-sha", algorithm=SHA-256, qop="auth", stale=false`)
    const result = await runCli(args, {env: env()})
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({id: SNAPSHOT.id})
  })

  it('an unsupported algorithm: exit 1, one line naming it', async () => {
    server.handler = (_r, res) => atlasError(res, 401, '', 'You are not authorized for this resource.', {'WWW-Authenticate': `Digest realm="${REALM}", nonce="n", algorithm=SHA3-512, qop="auth"`})
    const result = await runCli(args, {env: env()})
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(result.stderr).toMatch(/^Error: Atlas asked for HTTP Digest with algorithm SHA3-512 \(qop auth\), which atlas-backups cannot answer .*service account/)
    expect(result.stderr).not.toContain(PRIVATE)
  })
})
