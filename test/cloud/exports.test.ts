import {join} from 'node:path'

import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest'

import {type CloudBackend, createCloudBackend} from '../../src/lib/backends/cloud/index.js'
import {DEMO_PROJECT_ID} from '../../src/lib/backends/local/fleet.js'
import {AtlasApiError} from '../../src/lib/domain/errors.js'
import {changeClock} from '../../src/lib/backends/local/admin.js'
import {LocalBackend} from '../../src/lib/backends/local/local-backend.js'
import {startServer, type RunningServer} from '../../src/lib/server/index.js'
import {cloudSettings} from '../helpers/cloud-settings.js'
import {parseRecording, RECORDINGS_DIR, replayFlow} from '../helpers/recordings.js'
import {hasShared, SHARED_ABSENT} from '../helpers/shared.js'
import {freezeClock, tempHome} from '../server/helpers.js'
import {iso} from '../helpers/values.js'
import {FaultServer} from './fault-server.js'

/**
 * Export buckets and export jobs through the cloud backend: against the flows Atlas answered
 * (recordings/backup_exports_*), asserting what each call sends (method, path, media type, body) and that it returns
 * what Atlas said; then against `serve` in-process over the emulator, where Atlas's errors pass through unchanged.
 */

const GROUP = 'b0123456789abcdef012345b'
const CLUSTER = 'cluster-989'
const BUCKET_FLOWS = join(RECORDINGS_DIR, 'backup_exports_buckets', 'TestExportBuckets')
const JOB_FLOWS = join(RECORDINGS_DIR, 'backup_exports_jobs', 'TestExportJobs')
const ROLE = 'c0123456789abcdef012345c'
const ready = hasShared('atlas-api', 'recordings')

function connect(url: string): Promise<CloudBackend> {
  return createCloudBackend(cloudSettings(url, {kind: 'apiKey', publicKey: 'exppub', privateKey: 'exp-private', source: 'env'}), {debug: () => {}, warn: () => {}})
}

function recorded(dir: string, file: string): unknown {
  return JSON.parse(parseRecording(join(dir, file)).body)
}

describe.skipIf(!ready)(`recorded export flows through the cloud backend${ready ? '' : ` — ${SHARED_ABSENT}`}`, () => {
  let server: FaultServer
  let cloud: CloudBackend
  beforeEach(async () => {
    process.env.ATLAS_BACKUPS_RETRY_BASE_MS = '1'
    server = await new FaultServer().start()
    cloud = await connect(server.url)
  })
  afterEach(async () => {
    await cloud.close()
    await server.stop()
  })

  const last = () => server.seen.at(-1)!

  it('buckets: create sends the AWS body in 2024-05-30; list, describe in 2024-05-30; delete in 2023-01-01 (204)', async () => {
    replayFlow(server, join(BUCKET_FLOWS, 'Create'))
    const created = await cloud.createExportBucket(GROUP, {cloudProvider: 'AWS', bucketName: 'test-bucket', iamRoleId: ROLE})
    expect(created).toEqual(recorded(join(BUCKET_FLOWS, 'Create'), `POST_api_atlas_v2_groups_${GROUP}_backup_exportBuckets_1.snaphost`))
    expect(last()).toMatchObject({method: 'POST', url: `/api/atlas/v2/groups/${GROUP}/backup/exportBuckets`})
    expect(last().headers.accept).toBe('application/vnd.atlas.2024-05-30+json')
    expect(JSON.parse(last().body)).toEqual({cloudProvider: 'AWS', bucketName: 'test-bucket', iamRoleId: ROLE})

    replayFlow(server, join(BUCKET_FLOWS, 'List'))
    const page = await cloud.listExportBuckets(GROUP, {itemsPerPage: 100, pageNum: 1, includeCount: true})
    expect(page).toEqual(recorded(join(BUCKET_FLOWS, 'List'), `GET_api_atlas_v2_groups_${GROUP}_backup_exportBuckets_1.snaphost`))
    expect(last().url).toBe(`/api/atlas/v2/groups/${GROUP}/backup/exportBuckets?pageNum=1&itemsPerPage=100&includeCount=true`)

    replayFlow(server, join(BUCKET_FLOWS, 'Describe'))
    const described = await cloud.getExportBucket(GROUP, created._id)
    expect(described).toMatchObject({_id: created._id, region: 'us-east-1'})
    expect(last().headers.accept).toBe('application/vnd.atlas.2024-05-30+json')

    replayFlow(server, join(BUCKET_FLOWS, 'Delete'))
    await expect(cloud.deleteExportBucket(GROUP, created._id)).resolves.toBeUndefined()
    expect(last()).toMatchObject({method: 'DELETE', url: `/api/atlas/v2/groups/${GROUP}/backup/exportBuckets/${created._id}`})
    expect(last().headers.accept).toBe('application/vnd.atlas.2023-01-01+json')
  })

  it('jobs: create sends bucket, snapshot and custom data in 2023-01-01; describe and list return Atlas\'s jobs', async () => {
    replayFlow(server, join(JOB_FLOWS, 'Create_job'))
    const body = {customData: [{key: 'name', value: 'test'}], exportBucketId: '6a794342c0eb9e7a17729455', snapshotId: '6a7943462c88faeba59ccf5f'}
    const job = await cloud.createExportJob(GROUP, CLUSTER, body)
    expect(job).toMatchObject({id: '6a7945592c88faeba59d5e8e', state: 'Queued', exportBucketId: body.exportBucketId})
    expect(last()).toMatchObject({method: 'POST', url: `/api/atlas/v2/groups/${GROUP}/clusters/${CLUSTER}/backup/exports`})
    expect(last().headers.accept).toBe('application/vnd.atlas.2023-01-01+json')
    expect(JSON.parse(last().body)).toEqual(body)

    replayFlow(server, join(JOB_FLOWS, 'Watch_create_job'))
    const states = [] as string[]
    for (let i = 0; i < 3; i += 1) states.push(String((await cloud.getExportJob(GROUP, CLUSTER, job.id)).state))
    expect(states).toEqual(['Queued', 'InProgress', 'Successful'])

    replayFlow(server, join(JOB_FLOWS, 'List_jobs'))
    const page = await cloud.listExportJobs(GROUP, CLUSTER)
    expect(page.results.map((j) => [j.id, j.state, j.finishedAt])).toEqual([[job.id, 'Successful', '2026-08-10T03:43:05Z']])
    expect(page.totalCount).toBe(1)
  })
})

describe('the cloud backend over serve (in-process) on the emulator', () => {
  const START = iso('2026-06-15T10:30:00Z')
  let home: string
  let server: RunningServer
  let cloud: CloudBackend
  beforeAll(async () => {
    home = tempHome()
    await freezeClock(home, START)
    server = await startServer({home, port: 0, log: () => {}})
    cloud = await connect(server.url)
  })
  afterAll(async () => {
    await cloud?.close()
    await server?.close()
  })

  async function moveClock(to: number): Promise<void> {
    const backend = new LocalBackend({home, wallClock: () => to})
    changeClock(backend, () => ({offsetMs: 0, frozenAt: to}))
    await backend.close()
  }

  it('a bucket created, an export run to Successful, the bucket\'s deletion refused while in use (400 passed through)', async () => {
    const bucket = await cloud.createExportBucket(DEMO_PROJECT_ID, {cloudProvider: 'AWS', bucketName: 'serve-bucket', iamRoleId: ROLE})
    expect(await cloud.getExportBucket(DEMO_PROJECT_ID, bucket._id)).toEqual(bucket)
    expect((await cloud.listExportBuckets(DEMO_PROJECT_ID)).results).toEqual([bucket])
    const azure = await cloud.createExportBucket(DEMO_PROJECT_ID, {cloudProvider: 'AZURE', roleId: ROLE, serviceUrl: 'https://examplestorage.blob.core.windows.net/exports'})
    expect(await cloud.updateExportBucket(DEMO_PROJECT_ID, azure._id, {requirePrivateNetworking: true})).toMatchObject({requirePrivateNetworking: true, cloudProvider: 'AZURE'})
    await cloud.deleteExportBucket(DEMO_PROJECT_ID, azure._id)

    const snapshot = (await cloud.listSnapshots(DEMO_PROJECT_ID, 'Cluster0')).results.find((s) => s.status === 'completed')!
    const job = await cloud.createExportJob(DEMO_PROJECT_ID, 'Cluster0', {exportBucketId: bucket._id, snapshotId: snapshot.id, customData: [{key: 'k', value: 'v'}]})
    expect(job).toMatchObject({state: 'Queued', customData: [{key: 'k', value: 'v'}]})
    await moveClock(START + 30_000)
    expect(await cloud.getExportJob(DEMO_PROJECT_ID, 'Cluster0', job.id)).toMatchObject({state: 'Successful'})
    expect((await cloud.listExportJobs(DEMO_PROJECT_ID, 'Cluster0')).results.map((j) => j.id)).toEqual([job.id])

    const refused = await cloud.deleteExportBucket(DEMO_PROJECT_ID, bucket._id).catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(AtlasApiError)
    expect(refused).toMatchObject({status: 400, errorCode: 'EXPORT_BUCKET_DELETE_FAILED_BUCKET_IN_USE'})
    const missing = await cloud.getExportJob(DEMO_PROJECT_ID, 'Cluster0', '0123456789abcdef01234567').catch((error: unknown) => error)
    expect(missing).toMatchObject({status: 404, errorCode: 'EXPORT_JOB_NOT_FOUND'})
  })
})
