import {spawn} from 'node:child_process'
import {createHash} from 'node:crypto'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {DEMO_PROJECT_ID} from '../../src/lib/backends/local/fleet.js'
import {startServer, type RunningServer} from '../../src/lib/server/index.js'
import {REPO_ROOT} from '../helpers/cli.js'

const V2023 = 'application/vnd.atlas.2023-01-01+json'
const V2024 = 'application/vnd.atlas.2024-08-05+json'
const CLUSTER = `/api/atlas/v2/groups/${DEMO_PROJECT_ID}/clusters/Cluster0`

let open: RunningServer
let secured: RunningServer

const home = (): string => mkdtempSync(join(tmpdir(), 'atlas-backups-serve-'))

beforeAll(async () => {
  open = await startServer({home: home(), port: 0})
  secured = await startServer({home: home(), port: 0, publicKey: 'pub', privateKey: 'sekret'})
})

afterAll(async () => {
  await open?.close()
  await secured?.close()
})

// Response bodies are read loosely: each test asserts the fields it cares about.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(path: string, init: RequestInit & {accept?: string} = {}): Promise<{status: number; type: string; body: any; headers: Headers}> {
  const response = await fetch(`${open.url}${path}`, {...init, headers: {Accept: init.accept ?? V2023, ...(init.body ? {'Content-Type': init.accept ?? V2023} : {}), ...(init.headers as Record<string, string> | undefined)}})
  const text = await response.text()
  return {status: response.status, type: response.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : undefined, headers: response.headers}
}

describe('serve: the Atlas Admin API v2 over HTTP', () => {
  it('serves the schedule in the requested version and echoes it', async () => {
    const latest = await call(`${CLUSTER}/backup/schedule`, {accept: V2024})
    expect(latest.status).toBe(200)
    expect(latest.type).toBe('application/vnd.atlas.2024-08-05+json;charset=utf-8')
    expect(latest.headers.get('deprecation')).toBeNull()
    const older = await call(`${CLUSTER}/backup/schedule`, {accept: V2023})
    expect(older.type).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8')
    expect(older.headers.get('deprecation')).toBe('Mon, 05 Aug 2024 00:00:00 GMT')
    expect(older.headers.get('sunset')).toBe('Thu, 01 Jul 2027 00:00:00 GMT')
  })

  it('answers 406 with the Atlas envelope for an unlisted or missing version', async () => {
    for (const accept of ['application/vnd.atlas.2024-08-05+json', 'application/json']) {
      const result = await call(`${CLUSTER}/backup/snapshots`, {accept})
      expect(result.status).toBe(406)
      expect(result.body).toMatchObject({error: 406, errorCode: 'INVALID_VERSION_DATE', reason: 'Not Acceptable'})
      expect(result.type).toBe('application/json')
    }
  })

  it('answers unknown routes 404, wrong methods 405, broken JSON 400 and big bodies 413, always in the envelope', async () => {
    expect((await call('/api/atlas/v2/nope')).body).toMatchObject({error: 404, errorCode: 'RESOURCE_NOT_FOUND'})
    expect((await call('/elsewhere')).status).toBe(404)
    expect((await call(`${CLUSTER}/backup/schedule`, {method: 'POST', body: '{}'})).body).toMatchObject({error: 405})
    const broken = await call(`${CLUSTER}/backup/schedule`, {method: 'PATCH', body: '{"policies": [', accept: V2024})
    expect(broken.body).toMatchObject({error: 400, errorCode: 'MALFORMED_JSON'})
    const big = await call(`${CLUSTER}/backup/snapshots`, {method: 'POST', body: JSON.stringify({description: 'x'.repeat(2 * 1024 * 1024)})})
    expect(big.status).toBe(413)
    expect(big.body.error).toBe(413)
  })

  it('keeps Atlas status codes: POST snapshot 200 queued, DELETE in progress 400, DELETE done 204, schedule DELETE 200 with body', async () => {
    const taken = await call(`${CLUSTER}/backup/snapshots`, {method: 'POST', body: JSON.stringify({description: 'http', retentionInDays: 1})})
    expect(taken.status).toBe(200)
    expect(taken.body).toMatchObject({status: 'queued', snapshotType: 'onDemand', type: 'replicaSet'})
    const busy = await call(`${CLUSTER}/backup/snapshots/${taken.body.id}`, {method: 'DELETE'})
    expect(busy.body).toMatchObject({error: 400, errorCode: 'CANNOT_DELETE_IN_PROGRESS_SNAPSHOT'})
    const list = await call(`${CLUSTER}/backup/snapshots?itemsPerPage=500`)
    const done = list.body.results.find((s: {status: string}) => s.status === 'completed')
    const deleted = await call(`${CLUSTER}/backup/snapshots/${done.id}`, {method: 'DELETE'})
    expect(deleted.status).toBe(204)
    expect(deleted.type).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8')
    const schedule = await call(`/api/atlas/v2/groups/${DEMO_PROJECT_ID}/clusters/NVMe0/backup/schedule`, {method: 'DELETE', accept: V2024})
    expect(schedule.status).toBe(200)
    expect(schedule.body.policies[0].policyItems).toEqual([])
  })

  it('pages with self and next links on its own address, and rejects itemsPerPage over 500', async () => {
    const page = await call(`${CLUSTER}/backup/snapshots?pageNum=1&itemsPerPage=5`)
    expect(page.body.results).toHaveLength(5)
    const rels = page.body.links.map((l: {rel: string}) => l.rel)
    expect(rels).toEqual(['self', 'next'])
    expect(page.body.links[1].href).toBe(`${open.url}${CLUSTER}/backup/snapshots?includeCount=true&pageNum=2&itemsPerPage=5`)
    expect((await call(`${CLUSTER}/backup/snapshots?itemsPerPage=501`)).body).toMatchObject({error: 400, errorCode: 'INVALID_ATTRIBUTE'})
  })

  it('envelope=true wraps the answer as Atlas does', async () => {
    const wrapped = await call(`${CLUSTER}/backup/schedule?envelope=true`, {accept: V2024})
    expect(wrapped.status).toBe(200)
    expect(wrapped.body.status).toBe(200)
    expect(wrapped.body.content.clusterName).toBe('Cluster0')
  })

  it('20 concurrent on-demand requests on one cluster: exactly one 200, the rest UNFINISHED_ON_DEMAND_SNAPSHOT', async () => {
    const path = `/api/atlas/v2/groups/${DEMO_PROJECT_ID}/clusters/MultiRegion0/backup/snapshots`
    const results = await Promise.all(Array.from({length: 20}, () => call(path, {method: 'POST', body: '{}'})))
    expect(results.filter((r) => r.status === 200)).toHaveLength(1)
    expect(results.filter((r) => r.body.errorCode === 'UNFINISHED_ON_DEMAND_SNAPSHOT')).toHaveLength(19)
  })

  it('with keys, requires HTTP Digest: a challenge first, then the right answer passes and a wrong key does not', async () => {
    const path = `${CLUSTER}/backup/schedule`
    const first = await fetch(`${secured.url}${path}`, {headers: {Accept: V2024}})
    expect(first.status).toBe(401)
    const challenge = first.headers.get('www-authenticate')!
    const nonce = /nonce="([^"]+)"/.exec(challenge)![1]!
    const md5 = (t: string): string => createHash('md5').update(t).digest('hex')
    const answer = (password: string): string => {
      const ha1 = md5(`pub:MMS Public API:${password}`)
      const response = md5(`${ha1}:${nonce}:00000001:abc:auth:${md5(`GET:${path}`)}`)
      return `Digest username="pub", realm="MMS Public API", nonce="${nonce}", uri="${path}", algorithm=MD5, response="${response}", qop=auth, nc=00000001, cnonce="abc"`
    }
    expect((await fetch(`${secured.url}${path}`, {headers: {Accept: V2024, Authorization: answer('sekret')}})).status).toBe(200)
    expect((await fetch(`${secured.url}${path}`, {headers: {Accept: V2024, Authorization: answer('wrong')}})).status).toBe(401)
  })
})

describe('serve as a process', () => {
  it('prints its URL, refuses a port in use with one line, and stops with exit 0 on SIGTERM', async () => {
    const dir = home()
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'run.js'), 'serve', '--port', '0'], {env: {...process.env, ATLAS_BACKUPS_HOME: dir}, stdio: ['ignore', 'pipe', 'pipe']})
    const url = await new Promise<string>((resolve, reject) => {
      let out = ''
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk
        if (out.includes('\n')) resolve(out.trim())
      })
      child.on('exit', (code) => reject(new Error(`exited ${code}`)))
    })
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const port = url.split(':').pop()!
    const clash = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'run.js'), 'serve', '--port', port], {env: {...process.env, ATLAS_BACKUPS_HOME: dir}, stdio: ['ignore', 'pipe', 'pipe']})
    let clashErr = ''
    clash.stderr.setEncoding('utf8').on('data', (chunk: string) => (clashErr += chunk))
    const clashCode = await new Promise<number | null>((resolve) => clash.on('exit', resolve))
    expect(clashCode).toBe(1)
    expect(clashErr.trim().split('\n')).toHaveLength(1)
    expect(clashErr).toContain(`port ${port}`)
    const ok = await fetch(`${url}${CLUSTER}/backup/schedule`, {headers: {Accept: V2024}})
    expect(ok.status).toBe(200)
    child.kill('SIGTERM')
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    expect(code).toBe(0)
  })
})
