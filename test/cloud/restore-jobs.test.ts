import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {listAll} from '../../src/lib/backends/all-pages.js'
import {type CloudBackend, createCloudBackend} from '../../src/lib/backends/cloud/index.js'
import {CliError} from '../../src/lib/cli/errors.js'
import {AtlasApiError} from '../../src/lib/domain/errors.js'
import {flexRestoreJobSchema, restoreDeliveryTypeSchema, restoreJobComponentSchema, restoreJobSchema, serverlessRestoreJobSchema} from '../../src/lib/domain/schemas.js'
import {cloudSettings} from '../helpers/cloud-settings.js'
import {parseRecording, RECORDINGS_DIR, type Recording} from '../helpers/recordings.js'
import {hasShared, SHARED_ABSENT, sharedPath} from '../helpers/shared.js'
import {atlasError, FaultServer, json, type Seen} from './fault-server.js'

/**
 * The restore-job operations of the cloud backend against a real HTTP server on 127.0.0.1: what each sends (method,
 * path, query, versioned media types, body), what it makes of Atlas's answers (recorded ones included), of Atlas's
 * errors, and which of them are sent again after a 503.
 */

const GROUP = '6a793f6b2c88faeba59bae37'
const TARGET_GROUP = '6a794320c0eb9e7a17728a63'
const CLUSTER = 'backupRestores-305'
const SNAPSHOT_ID = '6a79468a2c88faeba59de489'
const JOB_ID = '6a794733c0eb9e7a17740663'
const MEDIA_TYPE = 'application/vnd.atlas.2023-01-01+json'
const BASE = `/api/atlas/v2/groups/${GROUP}`

const job = (n: number, extra: Record<string, unknown> = {}) => ({
  id: n.toString(16).padStart(24, '0'),
  deliveryType: 'download',
  snapshotId: SNAPSHOT_ID,
  cancelled: false,
  expired: false,
  failed: false,
  deliveryUrl: [],
  ...extra,
})

let server: FaultServer
let warnings: string[]

beforeEach(async () => {
  process.env.ATLAS_BACKUPS_RETRY_BASE_MS = '1'
  warnings = []
  server = await new FaultServer().start()
})

afterEach(async () => {
  delete process.env.ATLAS_BACKUPS_RETRY_BASE_MS
  await server.stop()
})

function cloud(): Promise<CloudBackend> {
  return createCloudBackend(cloudSettings(server.url, {kind: 'apiKey', publicKey: 'p', privateKey: 'k', source: 'env'}), {debug: () => {}, warn: (line) => warnings.push(line)})
}

function only(): Seen {
  expect(server.seen).toHaveLength(1)
  return server.seen[0]!
}

function pathOf(seen: Seen): string {
  return new URL(seen.url, 'http://x').pathname
}

function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail')
    },
    (error: unknown) => error,
  )
}

describe('restore jobs of a cluster: what the cloud backend sends', () => {
  it('list: GET …/backup/restoreJobs with the page, the versioned Accept and no body', async () => {
    server.handler = (_r, res) => json(res, 200, {links: [], results: [job(1)], totalCount: 1})
    const page = await (await cloud()).listRestoreJobs(GROUP, CLUSTER, {pageNum: 2, itemsPerPage: 5, includeCount: false})
    const seen = only()
    expect(seen.method).toBe('GET')
    expect(pathOf(seen)).toBe(`${BASE}/clusters/${CLUSTER}/backup/restoreJobs`)
    expect(Object.fromEntries(new URL(seen.url, 'http://x').searchParams)).toEqual({pageNum: '2', itemsPerPage: '5', includeCount: 'false'})
    expect(seen.headers.accept).toBe(MEDIA_TYPE)
    expect(seen.body).toBe('')
    expect(page.results.map((j) => j.id)).toEqual([job(1).id])
  })

  it('get: GET …/backup/restoreJobs/{id}', async () => {
    server.handler = (_r, res) => json(res, 200, job(7))
    const got = await (await cloud()).getRestoreJob(GROUP, CLUSTER, job(7).id)
    const seen = only()
    expect([seen.method, pathOf(seen), seen.headers.accept]).toEqual(['GET', `${BASE}/clusters/${CLUSTER}/backup/restoreJobs/${job(7).id}`, MEDIA_TYPE])
    expect(got).toEqual(job(7))
  })

  it('create: POST …/backup/restoreJobs with the request as JSON under the versioned media type, answered 200', async () => {
    server.handler = (_r, res) => json(res, 200, job(3, {deliveryType: 'pointInTime', targetClusterName: 'target', targetGroupId: TARGET_GROUP}))
    const request = {deliveryType: 'pointInTime', pointInTimeUTCSeconds: 1_786_334_400, targetClusterName: 'target', targetGroupId: TARGET_GROUP} as const
    const created = await (await cloud()).createRestoreJob(GROUP, CLUSTER, request)
    const seen = only()
    expect([seen.method, pathOf(seen), seen.headers.accept, seen.headers['content-type']]).toEqual(['POST', `${BASE}/clusters/${CLUSTER}/backup/restoreJobs`, MEDIA_TYPE, MEDIA_TYPE])
    expect(JSON.parse(seen.body)).toEqual(request)
    expect(created.id).toBe(job(3).id)
  })

  it('create: the oplog form of a point in time travels as given', async () => {
    server.handler = (_r, res) => json(res, 200, job(4, {deliveryType: 'pointInTime'}))
    const request = {deliveryType: 'pointInTime', oplogInc: 3, oplogTs: 1_786_334_400, targetClusterName: 'target', targetGroupId: TARGET_GROUP} as const
    await (await cloud()).createRestoreJob(GROUP, CLUSTER, request)
    expect(JSON.parse(only().body)).toEqual(request)
  })

  it('cancel: DELETE …/backup/restoreJobs/{id}, answered 204 with no body', async () => {
    server.handler = (_r, res) => {
      res.writeHead(204, {'Content-Type': MEDIA_TYPE})
      res.end()
    }
    await expect((await cloud()).cancelRestoreJob(GROUP, CLUSTER, JOB_ID)).resolves.toBeUndefined()
    const seen = only()
    expect([seen.method, pathOf(seen), seen.headers.accept, seen.body]).toEqual(['DELETE', `${BASE}/clusters/${CLUSTER}/backup/restoreJobs/${JOB_ID}`, MEDIA_TYPE, ''])
  })

  it('percent-encodes the cluster name and job id: each stays one path segment', async () => {
    server.handler = (_r, res) => atlasError(res, 404, 'RESTORE_JOB_NOT_FOUND', 'none')
    await failure((await cloud()).getRestoreJob(GROUP, 'a/b', '../x'))
    expect(only().url).toBe(`${BASE}/clusters/a%2Fb/backup/restoreJobs/..%2Fx`)
  })
})

describe('restore jobs of a cluster: what the cloud backend makes of the answers', () => {
  it('passes a job on as Atlas wrote it: nulls in desiredTimestamp, fields outside the spec, components of a sharded download', async () => {
    const sharded = job(5, {
      desiredTimestamp: {increment: null, time: null, date: null},
      targetDeploymentItemName: 'atlas-72ck1q',
      components: [
        {replicaSetName: 'shard-0', downloadUrl: 'https://restore.example/shard-0.tar.gz', privateDownloadDeliveryUrls: [{deliveryUrl: 'https://pl.example/shard-0.tar.gz', endpointId: 'vpce-3bf78b0ddee411ba1'}]},
        {replicaSetName: 'config', downloadUrl: 'https://restore.example/config.tar.gz'},
      ],
      privateDownloadDeliveryUrls: [],
    })
    server.handler = (_r, res) => json(res, 200, sharded)
    expect(await (await cloud()).getRestoreJob(GROUP, CLUSTER, job(5).id)).toEqual(sharded)
  })

  it('refuses an answer that is not a restore job, naming the field', async () => {
    server.handler = (_r, res) => json(res, 200, job(6, {deliveryType: 'teleport'}))
    const error = await failure((await cloud()).getRestoreJob(GROUP, CLUSTER, job(6).id))
    expect(error).toBeInstanceOf(CliError)
    expect((error as Error).message).toMatch(/GET \/api\/atlas\/v2\/groups\/.*\/restoreJobs\/.* does not have the expected shape: deliveryType/)
  })

  it.each([
    ['get', 404, 'RESTORE_JOB_NOT_FOUND', (b: CloudBackend) => b.getRestoreJob(GROUP, CLUSTER, JOB_ID)],
    ['list', 404, 'CLUSTER_NOT_FOUND', (b: CloudBackend) => b.listRestoreJobs(GROUP, CLUSTER)],
    ['create', 409, 'ATLAS_CLUSTER_RESTORE_IN_PROGRESS', (b: CloudBackend) => b.createRestoreJob(GROUP, CLUSTER, {deliveryType: 'automated', snapshotId: SNAPSHOT_ID, targetClusterName: 't', targetGroupId: TARGET_GROUP})],
    ['create', 403, 'CANNOT_RESTORE_TO_TARGET', (b: CloudBackend) => b.createRestoreJob(GROUP, CLUSTER, {deliveryType: 'automated', snapshotId: SNAPSHOT_ID, targetClusterName: 't', targetGroupId: TARGET_GROUP})],
    ['cancel', 405, 'ATLAS_BACKUP_CANCEL_SHARD_RESTORE_JOB_NOT_ALLOWED', (b: CloudBackend) => b.cancelRestoreJob(GROUP, CLUSTER, JOB_ID)],
    ['cancel', 400, 'CANNOT_CANCEL_AUTOMATED_RESTORE', (b: CloudBackend) => b.cancelRestoreJob(GROUP, CLUSTER, JOB_ID)],
  ] as const)('%s: Atlas\'s %i %s is an AtlasApiError with Atlas\'s status, code and detail, asked once', async (_op, status, errorCode, call) => {
    server.handler = (_r, res) => atlasError(res, status, errorCode, `Atlas says ${errorCode}.`)
    const error = await failure(call(await cloud()))
    expect(error).toBeInstanceOf(AtlasApiError)
    expect(error).toMatchObject({status, errorCode, detail: `Atlas says ${errorCode}.`})
    expect(server.count()).toBe(1)
  })

  it('a 404 without an errorCode (a proxy, a wrong base URL) names the restore job and cluster it was about', async () => {
    server.handler = (_r, res) => {
      res.writeHead(404, {'Content-Type': 'text/html'})
      res.end('<html>not here</html>')
    }
    const error = await failure((await cloud()).getRestoreJob(GROUP, CLUSTER, JOB_ID))
    expect(error).toMatchObject({status: 404, errorCode: 'RESOURCE_NOT_FOUND'})
    expect((error as AtlasApiError).detail).toContain(`(restore job ${JOB_ID} of cluster ${CLUSTER})`)
  })

  it('a missing role names the role restore jobs need, not Read Only', async () => {
    server.handler = (_r, res) => atlasError(res, 403, 'USER_CANNOT_ACCESS', 'Forbidden.')
    const backend = await cloud()
    const read = await failure(backend.listRestoreJobs(GROUP, CLUSTER))
    expect((read as AtlasApiError).detail).toMatch(/needs the Project Backup Manager role \(or Project Owner\) on this project for GET /)
    const download = await failure(backend.createRestoreJob(GROUP, CLUSTER, {deliveryType: 'download', snapshotId: SNAPSHOT_ID}))
    expect((download as AtlasApiError).detail).toMatch(/needs the Project Backup Export Operator role \(or higher\) on this project for POST /)
    const automated = await failure(backend.createRestoreJob(GROUP, CLUSTER, {deliveryType: 'automated', snapshotId: SNAPSHOT_ID, targetClusterName: 't', targetGroupId: TARGET_GROUP}))
    expect((automated as AtlasApiError).detail).toMatch(/needs the Project Backup Recovery Operator role \(or higher\)/)
  })
})

describe('restore jobs: retries after a 503', () => {
  const unavailableThen = (then: Parameters<typeof json>[2] | 'no content') => {
    server.handler = (_r, res, i) => {
      if (i === 0) return atlasError(res, 503, 'SERVICE_UNAVAILABLE', 'Try again.')
      if (then === 'no content') {
        res.writeHead(204, {'Content-Type': MEDIA_TYPE})
        return res.end()
      }
      json(res, 200, then)
    }
  }

  it('get and list are asked again and succeed', async () => {
    const backend = await cloud()
    unavailableThen(job(1))
    expect((await backend.getRestoreJob(GROUP, CLUSTER, job(1).id)).id).toBe(job(1).id)
    expect(server.count('GET')).toBe(2)
    server.seen.length = 0
    unavailableThen({results: [job(1)], totalCount: 1})
    expect((await backend.listRestoreJobs(GROUP, CLUSTER)).totalCount).toBe(1)
    expect(server.count('GET')).toBe(2)
  })

  it('cancel (DELETE) is asked again: cancelling twice cancels once', async () => {
    unavailableThen('no content')
    await (await cloud()).cancelRestoreJob(GROUP, CLUSTER, JOB_ID)
    expect(server.count('DELETE')).toBe(2)
  })

  it('create (POST) is never sent twice, as with on-demand snapshots: the 503 reaches the caller', async () => {
    unavailableThen(job(1))
    const error = await failure((await cloud()).createRestoreJob(GROUP, CLUSTER, {deliveryType: 'download', snapshotId: SNAPSHOT_ID}))
    expect(error).toMatchObject({status: 503, errorCode: 'SERVICE_UNAVAILABLE'})
    expect(server.count()).toBe(1)
  })

  it('serverless create (POST) is not sent twice either', async () => {
    unavailableThen(job(1))
    const error = await failure((await cloud()).createServerlessRestoreJob(GROUP, 'Serverless0', {deliveryType: 'download', snapshotId: SNAPSHOT_ID, targetClusterName: '', targetGroupId: ''}))
    expect(error).toMatchObject({status: 503})
    expect(server.count()).toBe(1)
  })
})

describe('restore jobs: every page (--all)', () => {
  it('walks the pages of a list: page 1 with the count, the rest without, joined in order', async () => {
    const total = 23
    server.handler = (request, res) => {
      const query = new URL(request.url, 'http://x').searchParams
      const pageNum = Number(query.get('pageNum'))
      const itemsPerPage = Number(query.get('itemsPerPage'))
      const start = (pageNum - 1) * itemsPerPage
      const results = Array.from({length: Math.max(0, Math.min(itemsPerPage, total - start))}, (_, i) => job(start + i + 1))
      const links = [{href: `http://x${request.url}`, rel: 'self'}]
      json(res, 200, query.get('includeCount') === 'false' ? {links, results} : {links, results, totalCount: total})
    }
    const backend = await cloud()
    const all = await listAll((page) => backend.listRestoreJobs(GROUP, CLUSTER, page), 10)
    expect(all.results.map((j) => j.id)).toEqual(Array.from({length: total}, (_, i) => job(i + 1).id))
    expect(all.totalCount).toBe(total)
    const pages = server.seen.map((seen) => new URL(seen.url, 'http://x').searchParams).map((q) => `${q.get('pageNum')}:${q.get('includeCount')}`)
    expect(pages.sort()).toEqual(['1:true', '2:false', '3:false'])
    for (const seen of server.seen) expect(pathOf(seen)).toBe(`${BASE}/clusters/${CLUSTER}/backup/restoreJobs`)
  })

  it('walks a serverless instance\'s pages the same way', async () => {
    server.handler = (request, res) => {
      const pageNum = Number(new URL(request.url, 'http://x').searchParams.get('pageNum'))
      json(res, 200, {results: pageNum === 1 ? [job(1), job(2)] : [job(3)], totalCount: 3})
    }
    const backend = await cloud()
    const all = await listAll((page) => backend.listServerlessRestoreJobs(GROUP, 'Serverless0', page), 2)
    expect(all.results.map((j) => j.id)).toEqual([job(1).id, job(2).id, job(3).id])
    expect(server.seen.map(pathOf)).toEqual([`${BASE}/serverless/Serverless0/backup/restoreJobs`, `${BASE}/serverless/Serverless0/backup/restoreJobs`])
  })
})

describe('restore jobs of a serverless instance (deprecated endpoints, sunset 2026-01-22)', () => {
  it('list, get and create go to …/serverless/{name}/backup/restoreJobs with the 2023-01-01 media type', async () => {
    server.handler = (request, res) => json(res, 200, request.method === 'GET' && pathOf(request).endsWith('/restoreJobs') ? {results: [job(1)], totalCount: 1} : job(1))
    const backend = await cloud()
    await backend.listServerlessRestoreJobs(GROUP, 'Serverless0')
    await backend.getServerlessRestoreJob(GROUP, 'Serverless0', job(1).id)
    const request = {deliveryType: 'automated', snapshotId: SNAPSHOT_ID, targetClusterName: 'target', targetGroupId: TARGET_GROUP} as const
    await backend.createServerlessRestoreJob(GROUP, 'Serverless0', request)
    const jobs = `${BASE}/serverless/Serverless0/backup/restoreJobs`
    expect(server.seen.map((s) => [s.method, pathOf(s), s.headers.accept])).toEqual([
      ['GET', jobs, MEDIA_TYPE],
      ['GET', `${jobs}/${job(1).id}`, MEDIA_TYPE],
      ['POST', jobs, MEDIA_TYPE],
    ])
    expect(JSON.parse(server.seen[2]!.body)).toEqual(request)
  })

  it('notes the deprecation once per command, however many calls answered', async () => {
    server.handler = (_r, res) => json(res, 200, job(1), {Deprecation: 'Mon, 1 Sep 2025 00:00:00 GMT', Sunset: 'Thu, 22 Jan 2026 00:00:00 GMT'})
    const backend = await cloud()
    await backend.getServerlessRestoreJob(GROUP, 'Serverless0', job(1).id)
    await backend.getServerlessRestoreJob(GROUP, 'Serverless0', job(1).id)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/^Note: Atlas has deprecated the serverless backup endpoints \(sunset Thu, 22 Jan 2026 00:00:00 GMT\)/)
  })

  it.each([
    ['list', (b: CloudBackend) => b.listServerlessRestoreJobs(GROUP, 'Serverless0')],
    ['get', (b: CloudBackend) => b.getServerlessRestoreJob(GROUP, 'Serverless0', JOB_ID)],
    ['create', (b: CloudBackend) => b.createServerlessRestoreJob(GROUP, 'Serverless0', {deliveryType: 'download', snapshotId: SNAPSHOT_ID, targetClusterName: '', targetGroupId: ''})],
  ] as const)('%s after the sunset: 410 VERSION_GONE says the endpoints are retired and where serverless backups went', async (_op, call) => {
    server.handler = (_r, res) => atlasError(res, 410, 'VERSION_GONE', 'Version 2023-01-01 of api/atlas/v2/groups/x/serverless/Serverless0/backup/restoreJobs is no longer available.')
    const error = await failure(call(await cloud()))
    expect(error).toBeInstanceOf(AtlasApiError)
    expect(error).toMatchObject({status: 410, errorCode: 'VERSION_GONE'})
    expect((error as AtlasApiError).detail).toMatch(/^Atlas has retired the serverless backup endpoints \(sunset 2026-01-22\).*Serverless0.*Atlas said: Version 2023-01-01/)
    expect(warnings).toEqual([])
    expect(server.count()).toBe(1)
  })
})

const recorded = hasShared('atlas-api', 'recordings', 'backup_restores')
const RESTORES = join(RECORDINGS_DIR, 'backup_restores', 'TestRestores')
// The default reporter hides describe titles of skipped files: say it where `npm test` shows it.
if (!recorded) console.warn(`restore-jobs test (recorded Atlas answers): ${SHARED_ABSENT}`)

function recording(folder: string, file: string): Recording {
  return parseRecording(join(RESTORES, folder, file))
}

const replay = (answer: Recording) => {
  server.handler = (_r, res) => {
    res.writeHead(answer.status, {'Content-Type': answer.headers['content-type'] ?? MEDIA_TYPE})
    res.end(answer.body)
  }
}

describe.skipIf(!recorded)(`restore jobs: Atlas's recorded answers (recordings/backup_restores)${recorded ? '' : ` — ${SHARED_ABSENT}`}`, () => {
  const jobs = `POST_api_atlas_v2_groups_${GROUP}_clusters_${CLUSTER}_backup_restoreJobs_1.snaphost`

  it('create automated: the 200 Atlas answered is the job, as written (nulls, targetDeploymentItemName)', async () => {
    const answer = recording('Restores_Create_-_Automated', jobs)
    expect(answer.status).toBe(200)
    replay(answer)
    const created = await (await cloud()).createRestoreJob(GROUP, CLUSTER, {deliveryType: 'automated', snapshotId: SNAPSHOT_ID, targetClusterName: 'backupRestores2-895', targetGroupId: TARGET_GROUP})
    expect(created).toEqual(JSON.parse(answer.body))
    expect(created).toMatchObject({id: JOB_ID, deliveryType: 'automated', deliveryUrl: [], desiredTimestamp: {increment: null, time: null, date: null}, targetDeploymentItemName: 'atlas-72ck1q'})
    expect(created.finishedAt).toBeUndefined()
  })

  it('create download: no target, an empty deliveryUrl', async () => {
    const answer = recording('Restores_Create_-_Download', jobs)
    replay(answer)
    const created = await (await cloud()).createRestoreJob(GROUP, CLUSTER, {deliveryType: 'download', snapshotId: SNAPSHOT_ID})
    expect(created).toEqual(JSON.parse(answer.body))
    expect(created.targetClusterName).toBeUndefined()
  })

  it('list: the recorded page', async () => {
    const answer = recording('Restores_List', `GET_api_atlas_v2_groups_${GROUP}_clusters_${CLUSTER}_backup_restoreJobs_1.snaphost`)
    replay(answer)
    const page = await (await cloud()).listRestoreJobs(GROUP, CLUSTER)
    expect(page).toEqual(JSON.parse(answer.body))
    expect(page.totalCount).toBe(1)
  })

  it('watch: the job before and after it finished', async () => {
    const [running, done] = [1, 2].map((n) => recording('Restores_Watch', `GET_api_atlas_v2_groups_${GROUP}_clusters_${CLUSTER}_backup_restoreJobs_${JOB_ID}_${n}.snaphost`))
    const backend = await cloud()
    replay(running!)
    expect((await backend.getRestoreJob(GROUP, CLUSTER, JOB_ID)).finishedAt).toBeUndefined()
    replay(done!)
    expect((await backend.getRestoreJob(GROUP, CLUSTER, JOB_ID)).finishedAt).toBe('2026-08-10T03:40:10Z')
  })

  it('watch a download: deliveryUrl empty, then filled with expiresAt', async () => {
    const id = '6a7948342c88faeba59eb866'
    const [pending, ready] = [1, 2].map((n) => recording('Restores_Watch_-_Download', `GET_api_atlas_v2_groups_${GROUP}_clusters_${CLUSTER}_backup_restoreJobs_${id}_${n}.snaphost`))
    const backend = await cloud()
    replay(pending!)
    expect((await backend.getRestoreJob(GROUP, CLUSTER, id)).deliveryUrl).toEqual([])
    replay(ready!)
    const job = await backend.getRestoreJob(GROUP, CLUSTER, id)
    expect(job.deliveryUrl).toHaveLength(1)
    expect(job.deliveryUrl![0]).toMatch(/^https:\/\/.*\.tar\.gz$/)
    expect(job.expiresAt).toBe('2026-08-10T04:44:52Z')
  })

  it('the flex endpoint\'s refusal of a dedicated cluster is an AtlasApiError with Atlas\'s code', async () => {
    replay(recording('Restores_Describe', `GET_api_atlas_v2_groups_${GROUP}_flexClusters_${CLUSTER}_backup_restoreJobs_${JOB_ID}_1.snaphost`))
    // Any restore call answered with it: the envelope is parsed whatever the path.
    const error = await failure((await cloud()).getRestoreJob(GROUP, CLUSTER, JOB_ID))
    expect(error).toMatchObject({status: 400, errorCode: 'CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API', parameters: [CLUSTER]})
  })
})

const specPresent = hasShared('atlas-api', 'atlas-backup-openapi.json')

describe.skipIf(!specPresent)(`restore-job schemas against the spec${specPresent ? '' : ` — ${SHARED_ABSENT}`}`, () => {
  type SpecSchema = {properties: Record<string, {enum?: string[]}>}
  const schemas = specPresent ? (JSON.parse(readFileSync(sharedPath('atlas-api', 'atlas-backup-openapi.json'), 'utf8')) as {components: {schemas: Record<string, SpecSchema>}}).components.schemas : {}

  it.each([
    ['DiskBackupSnapshotRestoreJob', restoreJobSchema.shape],
    ['ServerlessBackupRestoreJob', serverlessRestoreJobSchema.shape],
    ['DiskBackupRestoreMember', restoreJobComponentSchema.shape],
    ['FlexBackupRestoreJob20241113', flexRestoreJobSchema.shape],
  ] as const)('%s: every field the spec names is read (none left to pass unchecked)', (name, shape) => {
    expect(Object.keys(shape).sort()).toEqual(expect.arrayContaining(Object.keys(schemas[name]!.properties).sort()))
  })

  it('the delivery types are the spec\'s, for clusters and serverless instances alike', () => {
    for (const name of ['DiskBackupSnapshotRestoreJob', 'ServerlessBackupRestoreJob']) expect(restoreDeliveryTypeSchema.options).toEqual(schemas[name]!.properties.deliveryType!.enum)
  })
})
