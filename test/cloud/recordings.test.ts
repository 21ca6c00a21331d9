import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {ZodType} from 'zod'

import {type CloudBackend, createCloudBackend} from '../../src/lib/backends/cloud/index.js'
import {AtlasApiError} from '../../src/lib/domain/errors.js'
import {
  atlasErrorSchema,
  backupCompliancePolicySchema,
  exportBucketSchema,
  exportJobSchema,
  flexRestoreJobSchema,
  paginatedSchema,
  restoreJobSchema,
} from '../../src/lib/domain/schemas.js'
import {cloudSettings} from '../helpers/cloud-settings.js'
import {backupRecordings, type Recording} from '../helpers/recordings.js'
import {hasShared, SHARED_ABSENT} from '../helpers/shared.js'
import {FaultServer} from './fault-server.js'

const ID = '[0-9a-f]{24}'
const NAME = '[A-Za-z0-9-]+'
const G = `(?:GET|POST|PATCH|DELETE|PUT)_api_atlas_v2_groups_(${ID})`

type Call = (backend: CloudBackend, m: RegExpExecArray) => Promise<unknown>

/** Recorded requests the cloud backend makes, by file name, and the backend call that makes each. */
const BACKEND_CALLS: Array<[RegExp, Call]> = [
  [new RegExp(`^GET_api_atlas_v2_groups_(${ID})_clusters_(${NAME})_backup_snapshots_(${ID})$`), (b, m) => b.getSnapshot(m[1]!, m[2]!, m[3]!)],
  [new RegExp(`^GET_api_atlas_v2_groups_(${ID})_clusters_(${NAME})_backup_snapshots$`), (b, m) => b.listSnapshots(m[1]!, m[2]!)],
  [new RegExp(`^POST_api_atlas_v2_groups_(${ID})_clusters_(${NAME})_backup_snapshots$`), (b, m) => b.takeSnapshot(m[1]!, m[2]!, {description: 'x', retentionInDays: 1})],
  [new RegExp(`^DELETE_api_atlas_v2_groups_(${ID})_clusters_(${NAME})_backup_snapshots_(${ID})$`), (b, m) => b.deleteSnapshot(m[1]!, m[2]!, m[3]!)],
  [new RegExp(`^GET_api_atlas_v2_groups_(${ID})_clusters_(${NAME})_backup_schedule$`), (b, m) => b.getSchedule(m[1]!, m[2]!)],
  [new RegExp(`^PATCH_api_atlas_v2_groups_(${ID})_clusters_(${NAME})_backup_schedule$`), (b, m) => b.updateSchedule(m[1]!, m[2]!, {referenceHourOfDay: 1, referenceMinuteOfHour: 0})],
  [new RegExp(`^DELETE_api_atlas_v2_groups_(${ID})_clusters_(${NAME})_backup_schedule$`), (b, m) => b.deleteSchedule(m[1]!, m[2]!)],
  [new RegExp(`^GET_api_atlas_v2_groups_(${ID})_flexClusters_(${NAME})_backup_snapshots_(${ID})$`), (b, m) => b.getSnapshot(m[1]!, m[2]!, m[3]!)],
  [new RegExp(`^GET_api_atlas_v2_groups_(${ID})_flexClusters_(${NAME})_backup_snapshots$`), (b, m) => b.listSnapshots(m[1]!, m[2]!)],
  [new RegExp(`^GET_api_atlas_v2_groups_(${ID})_clusters_(${NAME})_backup_restoreJobs_(${ID})$`), (b, m) => b.getRestoreJob(m[1]!, m[2]!, m[3]!)],
  [new RegExp(`^GET_api_atlas_v2_groups_(${ID})_clusters_(${NAME})_backup_restoreJobs$`), (b, m) => b.listRestoreJobs(m[1]!, m[2]!)],
  [new RegExp(`^POST_api_atlas_v2_groups_(${ID})_clusters_(${NAME})_backup_restoreJobs$`), (b, m) => b.createRestoreJob(m[1]!, m[2]!, {deliveryType: 'download', snapshotId: '6a79468a2c88faeba59de489'})],
  [new RegExp(`^GET_api_atlas_v2_groups_(${ID})_clusters_(${NAME})$`), (b, m) => b.getCluster(m[1]!, m[2]!)],
  [new RegExp(`^GET_api_atlas_v2_groups_(${ID})_clusters$`), (b, m) => b.listClusters(m[1]!)],
  [new RegExp(`^GET_api_atlas_v2_groups_(${ID})_backup_exportBuckets$`), (b, m) => b.listExportBuckets(m[1]!)],
  [new RegExp(`^POST_api_atlas_v2_groups_(${ID})_backup_exportBuckets$`), (b, m) => b.createExportBucket(m[1]!, {cloudProvider: 'AWS', bucketName: 'test-bucket', iamRoleId: 'c0123456789abcdef012345c'})],
  [new RegExp(`^GET_api_atlas_v2_groups_(${ID})_backup_exportBuckets_(${ID})$`), (b, m) => b.getExportBucket(m[1]!, m[2]!)],
  [new RegExp(`^DELETE_api_atlas_v2_groups_(${ID})_backup_exportBuckets_(${ID})$`), (b, m) => b.deleteExportBucket(m[1]!, m[2]!)],
  [new RegExp(`^GET_api_atlas_v2_groups_(${ID})_clusters_(${NAME})_backup_exports$`), (b, m) => b.listExportJobs(m[1]!, m[2]!)],
  [new RegExp(`^POST_api_atlas_v2_groups_(${ID})_clusters_(${NAME})_backup_exports$`), (b, m) => b.createExportJob(m[1]!, m[2]!, {exportBucketId: '6a794342c0eb9e7a17729455', snapshotId: '6a7943462c88faeba59ccf5f', customData: []})],
  [new RegExp(`^GET_api_atlas_v2_groups_(${ID})_clusters_(${NAME})_backup_exports_(${ID})$`), (b, m) => b.getExportJob(m[1]!, m[2]!, m[3]!)],
]

/** Backup responses checked by their schemas alone: operations the tool does not call yet (flex restores, compliance), and the restore jobs and exports once more. */
const SCHEMA_ONLY: Array<[RegExp, ZodType]> = [
  [new RegExp(`^${G}_clusters_${NAME}_backup_restoreJobs_${ID}$`), restoreJobSchema],
  [new RegExp(`^${G}_clusters_${NAME}_backup_restoreJobs$`), restoreJobSchema.or(paginatedSchema(restoreJobSchema))],
  [new RegExp(`^${G}_flexClusters_${NAME}_backup_restoreJobs_${ID}$`), flexRestoreJobSchema],
  [new RegExp(`^${G}_flexClusters_${NAME}_backup_restoreJobs$`), flexRestoreJobSchema.or(paginatedSchema(flexRestoreJobSchema))],
  [new RegExp(`^${G}_backupCompliancePolicy$`), backupCompliancePolicySchema],
  [new RegExp(`^${G}_backup_exportBuckets(?:_${ID})?$`), exportBucketSchema.or(paginatedSchema(exportBucketSchema))],
  [new RegExp(`^${G}_clusters_${NAME}_backup_exports(?:_${ID})?$`), exportJobSchema.or(paginatedSchema(exportJobSchema))],
]

let server: FaultServer
let replaying: Recording
const ready = hasShared('atlas-api', 'recordings')
const recordings = ready ? backupRecordings() : []
// The default reporter hides describe titles of skipped files: say it where `npm test` shows it.
if (!ready) console.warn(`recordings test (real Atlas responses through the parser): ${SHARED_ABSENT}`)

beforeAll(async () => {
  process.env.ATLAS_BACKUPS_RETRY_BASE_MS = '1'
  server = await new FaultServer().start()
  server.handler = (request, response) => {
    // A flex recording is what Atlas answers on the flex path; on the cluster path Atlas refuses a Flex cluster.
    if (replaying.request.includes('_flexClusters_') && request.url.includes('/clusters/')) {
      response.writeHead(400, {'Content-Type': 'application/json'})
      return response.end(JSON.stringify({detail: 'Flex cluster cannot be used in the Cluster API.', error: 400, errorCode: 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API', parameters: [], reason: 'Bad Request'}))
    }
    const headers = Object.fromEntries(Object.entries(replaying.headers).filter(([name]) => !['content-length', 'transfer-encoding', 'connection'].includes(name)))
    response.writeHead(replaying.status, headers)
    response.end(replaying.body)
  }
})

afterAll(async () => server?.stop())

describe.skipIf(!ready)(`real Atlas responses (recordings) through the cloud backend's parser${ready ? '' : ` — ${SHARED_ABSENT}`}`, () => {
  it('replays every backup response the backend can ask for, and none is rejected', async () => {
    let checked = 0
    let restoreJobs = 0
    let exports = 0
    for (const recording of recordings) {
      const entry = BACKEND_CALLS.map(([pattern, call]) => [pattern.exec(recording.request), call] as const).find(([m]) => m)
      if (!entry) continue
      replaying = recording
      const backend = await createCloudBackend(
        cloudSettings(server.url, {kind: 'apiKey', publicKey: 'p', privateKey: 'k', source: 'env'}),
        {debug: () => {}, warn: () => {}},
      )
      const outcome = await entry[1](backend, entry[0]!).then(
        () => 'ok',
        (error: unknown) => error,
      )
      if (recording.status < 300) {
        expect(outcome, `${recording.file}: ${String(outcome)}`).toBe('ok')
      } else {
        expect(outcome, recording.file).toBeInstanceOf(AtlasApiError)
        expect((outcome as AtlasApiError).errorCode).toBe((JSON.parse(recording.body) as {errorCode: string}).errorCode)
      }
      checked += 1
      if (recording.request.includes('_backup_restoreJobs')) restoreJobs += 1
      if (/_backup_export(Bucket)?s/.test(recording.request)) exports += 1
    }
    expect(checked).toBeGreaterThan(20)
    // backup_restores: 2 creates (automated, download), 1 list, 5 gets (describe, watch, watch download).
    expect(restoreJobs).toBeGreaterThanOrEqual(8)
    // backup_exports_buckets: create, list, describe, delete; backup_exports_jobs: bucket, job, list, 4 gets.
    expect(exports).toBeGreaterThanOrEqual(11)
  })

  it('parses every other backup response (restores, exports, compliance) and every error envelope', () => {
    let checked = 0
    for (const recording of recordings) {
      if (recording.body.trim() === '') continue
      const body: unknown = JSON.parse(recording.body)
      if (recording.status >= 400) {
        expect(atlasErrorSchema.safeParse(body).success, recording.file).toBe(true)
        checked += 1
        continue
      }
      const schema = SCHEMA_ONLY.find(([pattern]) => pattern.test(recording.request))?.[1]
      if (!schema) continue
      const result = schema.safeParse(body)
      expect(result.success, `${recording.file}: ${result.success ? '' : JSON.stringify(result.error.issues[0])}`).toBe(true)
      checked += 1
    }
    expect(checked).toBeGreaterThan(20)
  })
})
