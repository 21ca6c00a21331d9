import {execFile, spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {request as httpRequest} from 'node:http'
import {join} from 'node:path'
import {promisify} from 'node:util'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {Backend} from '../../src/lib/backends/backend.js'
import {createCloudBackend} from '../../src/lib/backends/cloud/index.js'
import {DEMO_PROJECT_ID} from '../../src/lib/backends/local/fleet.js'
import type {RestoreJob} from '../../src/lib/domain/types.js'
import {startServer, type RunningServer} from '../../src/lib/server/index.js'
import {cloudSettings} from '../helpers/cloud-settings.js'
import {makeTempDir} from '../helpers/temp-dirs.js'
import {iso} from '../helpers/values.js'
import {call, CLUSTER0, freezeClock, tempHome} from './helpers.js'
import {tarGzEntries} from './tarball.js'

const START = iso('2026-06-15T10:30:00Z')
const MINUTE = 60_000
const UNKNOWN_JOB = '0123456789abcdef01234567'
// Looked up before any server runs: a synchronous child would block the server of this process.
const hasCurl = spawnSync('curl', ['--version']).error === undefined
if (!hasCurl) console.warn('curl is not installed: the curl end-to-end check of the delivery URL is skipped (the bare GET covers the route)')

let home: string
let server: RunningServer
/** The cloud backend over serve: jobs are made and watched as `backups restores start|watch` would, with Digest. */
let cloud: Backend
let now = START

beforeAll(async () => {
  home = tempHome()
  await freezeClock(home, START)
  // Keys on: the API needs Digest, so the delivery URL's answers show it does not.
  server = await startServer({home, port: 0, publicKey: 'dlpub', privateKey: 'dl-private', log: () => {}})
  cloud = await createCloudBackend(cloudSettings(server.url, {kind: 'apiKey', publicKey: 'dlpub', privateKey: 'dl-private', source: 'env'}), {debug: () => {}, warn: () => {}})
})

afterAll(async () => {
  await cloud?.close()
  await server?.close()
})

interface Fetched {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

/** One bare request, as curl sends it: no Accept, no Authorization. */
function fetchRaw(url: string, method = 'GET'): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {method}, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks)}))
    })
    req.on('error', reject)
    req.end()
  })
}

function errorOf(answer: Fetched): {error: number; errorCode: string; detail: string} {
  expect(answer.headers['content-type']).toBe('application/json')
  return JSON.parse(answer.body.toString('utf8')) as {error: number; errorCode: string; detail: string}
}

async function completedSnapshotIds(): Promise<string[]> {
  const page = await cloud.listSnapshots(DEMO_PROJECT_ID, 'Cluster0', {itemsPerPage: 20})
  return page.results.filter((s) => s.status === 'completed').map((s) => s.id)
}

/** Moves the emulator's frozen clock a minute at a time until the job's download is ready (at most a day). */
async function untilReady(jobId: string): Promise<RestoreJob> {
  for (let i = 0; i < 24 * 60; i++) {
    const job = await cloud.getRestoreJob(DEMO_PROJECT_ID, 'Cluster0', jobId)
    if ((job.deliveryUrl ?? []).length > 0) return job
    now += MINUTE
    await freezeClock(home, now)
  }
  throw new Error(`restore job ${jobId} never became ready`)
}

describe('serve: the delivery URL of a download job', () => {
  let job: RestoreJob
  let deliveryUrl: string

  it('is refused 409 while the download is being prepared, then served once the job lists it', async () => {
    const [snapshotId] = await completedSnapshotIds()
    const started = await cloud.createRestoreJob(DEMO_PROJECT_ID, 'Cluster0', {deliveryType: 'download', snapshotId})
    expect(started.deliveryUrl).toEqual([])
    const early = await fetchRaw(`${server.url}/local/downloads/${started.id}/restore.tar.gz`)
    expect(early.status).toBe(409)
    expect(errorOf(early)).toMatchObject({error: 409, errorCode: 'DOWNLOAD_NOT_READY'})

    job = await untilReady(started.id)
    expect(job.deliveryUrl).toHaveLength(1)
    deliveryUrl = job.deliveryUrl![0]!
    // The link base serve gave the backend is its own address: the URL points back at this server.
    expect(deliveryUrl.startsWith(`${server.url}/local/downloads/${job.id}/`)).toBe(true)
    expect(deliveryUrl).toMatch(/\.tar\.gz$/)
  })

  it('answers a bare GET (no Digest, no Accept) with the .tar.gz holding manifest.json', async () => {
    const answer = await fetchRaw(deliveryUrl)
    expect(answer.status).toBe(200)
    expect(answer.headers['content-type']).toBe('application/gzip')
    expect(Number(answer.headers['content-length'])).toBe(answer.body.length)
    const fileName = decodeURIComponent(new URL(deliveryUrl).pathname.split('/').pop()!)
    expect(answer.headers['content-disposition']).toBe(`attachment; filename="${fileName}"`)

    const entries = await tarGzEntries(answer.body)
    expect([...entries.keys()]).toEqual(['manifest.json'])
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as Record<string, unknown>
    expect(manifest).toMatchObject({restoreJobId: job.id, snapshotId: job.snapshotId, clusterName: 'Cluster0', groupId: DEMO_PROJECT_ID})
    // The same job gives the same bytes every time.
    expect((await fetchRaw(deliveryUrl)).body.equals(answer.body)).toBe(true)
    // While the API itself still asks for Digest.
    expect((await call(server.url, `${CLUSTER0}/backup/restoreJobs`)).status).toBe(401)
  })

  it.skipIf(!hasCurl)('works with curl itself, end to end', async () => {
    // Asynchronously: the server answering curl runs in this very process.
    const run = promisify(execFile)
    const out = join(makeTempDir('atlas-backups-download-'), 'restore.tar.gz')
    await run('curl', ['--silent', '--show-error', '--fail', '--max-time', '20', '--output', out, deliveryUrl])
    const manifest = JSON.parse((await tarGzEntries(readFileSync(out))).get('manifest.json')!.toString('utf8')) as {restoreJobId: string}
    expect(manifest.restoreJobId).toBe(job.id)
  })

  it('answers HEAD with the headers alone, and other methods 405 with Allow', async () => {
    const head = await fetchRaw(deliveryUrl, 'HEAD')
    expect(head.status).toBe(200)
    expect(head.headers['content-type']).toBe('application/gzip')
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0)
    expect(head.body.length).toBe(0)
    for (const method of ['POST', 'DELETE', 'PUT']) {
      const refused = await fetchRaw(deliveryUrl, method)
      expect(refused.status, method).toBe(405)
      expect(refused.headers.allow).toBe('GET, HEAD')
      expect(errorOf(refused)).toMatchObject({error: 405, errorCode: 'METHOD_NOT_ALLOWED'})
    }
  })

  it('answers a wrong link 404, as a wrong pre-signed URL would', async () => {
    const base = `${server.url}/local/downloads`
    const cases: Array<[string, string]> = [
      [`${base}/${job.id}/someone-else.tar.gz`, 'RESOURCE_NOT_FOUND'],
      [`${base}/${job.id}`, 'RESOURCE_NOT_FOUND'],
      [`${base}/${job.id}/a/b.tar.gz`, 'RESOURCE_NOT_FOUND'],
      [`${base}/${UNKNOWN_JOB}/restore.tar.gz`, 'RESTORE_JOB_NOT_FOUND'],
      [`${base}/not-a-job/restore.tar.gz`, 'INVALID_JOB_ID'],
    ]
    for (const [url, errorCode] of cases) {
      const answer = await fetchRaw(url)
      expect(answer.status, url).toBe(404)
      expect(errorOf(answer), url).toMatchObject({error: 404, errorCode})
    }
    // An automated job has no download.
    const [snapshotId] = await completedSnapshotIds()
    const automated = await cloud.createRestoreJob(DEMO_PROJECT_ID, 'Cluster0', {deliveryType: 'automated', snapshotId, targetClusterName: 'MultiRegion0', targetGroupId: DEMO_PROJECT_ID})
    expect(errorOf(await fetchRaw(`${base}/${automated.id}/restore.tar.gz`))).toMatchObject({error: 404, errorCode: 'RESTORE_JOB_NOT_FOUND'})
  })

  it('is gone (410) once the job is cancelled, and once its link expires', async () => {
    await cloud.cancelRestoreJob(DEMO_PROJECT_ID, 'Cluster0', job.id)
    const cancelled = await fetchRaw(deliveryUrl)
    expect(cancelled.status).toBe(410)
    expect(errorOf(cancelled)).toMatchObject({error: 410, errorCode: 'DOWNLOAD_CANCELLED'})

    // The snapshot is free again: a second download of it runs to its expiry.
    const second = await cloud.createRestoreJob(DEMO_PROJECT_ID, 'Cluster0', {deliveryType: 'download', snapshotId: job.snapshotId})
    const ready = await untilReady(second.id)
    expect((await fetchRaw(ready.deliveryUrl![0]!)).status).toBe(200)
    now = Date.parse(ready.expiresAt!) + 1000
    await freezeClock(home, now)
    const expired = await fetchRaw(ready.deliveryUrl![0]!)
    expect(expired.status).toBe(410)
    expect(errorOf(expired)).toMatchObject({error: 410, errorCode: 'DOWNLOAD_EXPIRED'})
    expect(await cloud.getRestoreJob(DEMO_PROJECT_ID, 'Cluster0', second.id)).toMatchObject({expired: true})
  })
})
