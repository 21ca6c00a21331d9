import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {Backend} from '../../src/lib/backends/backend.js'
import {createCloudBackend} from '../../src/lib/backends/cloud/index.js'
import {DEMO_PROJECT_ID} from '../../src/lib/backends/local/fleet.js'
import {AtlasApiError} from '../../src/lib/domain/errors.js'
import {API_PREFIX, OPERATIONS, startServer, type RunningServer} from '../../src/lib/server/index.js'
import {makeHome} from '../helpers/cli.js'
import {cloudSettings} from '../helpers/cloud-settings.js'
import {hasShared, SHARED_ABSENT, sharedPath} from '../helpers/shared.js'
import {freezeClock} from '../server/helpers.js'
import {SpecValidator} from './spec-validator.js'

interface Exchange {
  method: string
  path: string
  accept: string
  contentType?: string
  requestBody?: unknown
  status: number
  responseType: string
  responseBody?: unknown
}

const ready = hasShared('atlas-api', 'atlas-backup-openapi.json')
// The default reporter hides describe titles of skipped files: say it where `npm test` shows it.
if (!ready) console.warn(`contract test (cloud requests and serve responses against the spec): ${SHARED_ABSENT}`)
const exchanges: Exchange[] = []
let serve: RunningServer
let proxy: Server
let cloud: Backend
let home: string

const parse = (text: string): unknown => (text.trim() === '' ? undefined : JSON.parse(text))

/** Sits between the cloud backend and serve, recording every request and response for the contract checks. */
async function startRecordingProxy(target: string): Promise<string> {
  proxy = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const headers: Record<string, string> = {}
      for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string' && name !== 'host' && name !== 'content-length') headers[name] = value
      void fetch(`${target}${request.url}`, {method: request.method, headers, body: body === '' ? undefined : body}).then(async (answer) => {
        const text = await answer.text()
        exchanges.push({
          method: request.method!,
          path: new URL(request.url!, 'http://x').pathname,
          accept: headers.accept ?? '',
          contentType: headers['content-type'],
          requestBody: parse(body),
          status: answer.status,
          responseType: answer.headers.get('content-type') ?? '',
          responseBody: parse(text),
        })
        const out: Record<string, string> = {}
        answer.headers.forEach((value, name) => {
          if (name !== 'content-length' && name !== 'transfer-encoding' && name !== 'connection' && name !== 'keep-alive') out[name] = value
        })
        response.writeHead(answer.status, out)
        response.end(text)
      })
    })
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
}

/** How each call that is meant to fail failed: the error is checked in its own test, not swallowed. */
const refusals: Record<string, unknown> = {}

async function refused(name: string, promise: Promise<unknown>): Promise<void> {
  refusals[name] = await promise.then(
    (value) => ({resolvedWith: value}),
    (error: unknown) => error,
  )
}

beforeAll(async () => {
  if (!ready) return
  home = makeHome()
  serve = await startServer({home, port: 0, publicKey: 'contractpub', privateKey: 'contract-private'})
  const url = await startRecordingProxy(serve.url)
  cloud = await createCloudBackend(
    cloudSettings(url, {kind: 'apiKey', publicKey: 'contractpub', privateKey: 'contract-private', source: 'env'}),
    {debug: () => {}, warn: () => {}},
  )
  const g = DEMO_PROJECT_ID
  await cloud.listClusters(g)
  await cloud.getCluster(g, 'MultiRegion0')
  await cloud.getSchedule(g, 'Cluster0')
  await cloud.updateSchedule(g, 'Cluster0', {referenceHourOfDay: 3, referenceMinuteOfHour: 15, restoreWindowDays: 1, updateSnapshots: true})
  // What `backups schedule update --policy` sends: the item list, worked out from a GET just before.
  await cloud.changeSchedule(g, 'Cluster0', (current) => ({policies: [{id: current.policies[0]!.id, policyItems: current.policies[0]!.policyItems.slice(0, 2)}]}))
  await cloud.deleteSchedule(g, 'NVMe0')
  const page = await cloud.listSnapshots(g, 'Cluster0', {pageNum: 1, itemsPerPage: 3})
  const completed = page.results.find((s) => s.status === 'completed')!
  await cloud.getSnapshot(g, 'Cluster0', completed.id)
  await cloud.updateSnapshotRetention(g, 'Cluster0', completed.id, {retentionUnit: 'WEEKS', retentionValue: 2})
  await cloud.deleteSnapshot(g, 'Cluster0', completed.id)
  await cloud.takeSnapshot(g, 'Cluster0', {description: 'contract', retentionInDays: 2})
  await refused('second on-demand snapshot', cloud.takeSnapshot(g, 'Cluster0', {description: 'again'}))
  await refused('unknown snapshot', cloud.getSnapshot(g, 'Cluster0', '0123456789abcdef01234567'))
  await refused('hour out of range', cloud.updateSchedule(g, 'Cluster0', {referenceHourOfDay: 30, referenceMinuteOfHour: 0}))
  const sharded = await cloud.listShardedSnapshots(g, 'Sharded0')
  await cloud.getShardedSnapshot(g, 'Sharded0', sharded.results[0]!.id)
  const serverless = await cloud.listServerlessSnapshots(g, 'Serverless1', {itemsPerPage: 2})
  await cloud.getServerlessSnapshot(g, 'Serverless1', serverless.results[0]!.id)

  // Restore jobs: what `backups restores start|describe|list|cancel` send.
  const restorable = (await cloud.listSnapshots(g, 'Cluster0', {itemsPerPage: 10})).results.find((s) => s.status === 'completed' && s.id !== completed.id)!
  const download = await cloud.createRestoreJob(g, 'Cluster0', {deliveryType: 'download', snapshotId: restorable.id})
  await cloud.getRestoreJob(g, 'Cluster0', download.id)
  await cloud.cancelRestoreJob(g, 'Cluster0', download.id)
  const automated = {deliveryType: 'automated', snapshotId: restorable.id, targetClusterName: 'MultiRegion0', targetGroupId: g} as const
  const restore = await cloud.createRestoreJob(g, 'Cluster0', automated)
  await cloud.listRestoreJobs(g, 'Cluster0', {itemsPerPage: 5})
  await refused('cancel an automated restore', cloud.cancelRestoreJob(g, 'Cluster0', restore.id))
  await refused('restore into a cluster being restored', cloud.createRestoreJob(g, 'Cluster0', automated))
  await refused('unknown restore job', cloud.getRestoreJob(g, 'Cluster0', '0123456789abcdef01234567'))
  // 2008-01-02: a valid time by the spec, long before any oplog the cluster kept.
  await refused('point in time outside the window', cloud.createRestoreJob(g, 'Cluster0', {deliveryType: 'pointInTime', pointInTimeUTCSeconds: 1199232000, targetClusterName: 'NVMe0', targetGroupId: g}))
  const serverlessJob = await cloud.createServerlessRestoreJob(g, 'Serverless1', {deliveryType: 'automated', snapshotId: serverless.results[0]!.id, targetClusterName: 'Serverless0', targetGroupId: g})
  await cloud.getServerlessRestoreJob(g, 'Serverless1', serverlessJob.id)
  await cloud.listServerlessRestoreJobs(g, 'Serverless1', {itemsPerPage: 5})
  await refused('download a serverless snapshot', cloud.createServerlessRestoreJob(g, 'Serverless1', {deliveryType: 'download', snapshotId: serverless.results[0]!.id, targetClusterName: 'Serverless0', targetGroupId: g}))

  // The Backup Compliance Policy: what `backups compliancePolicy …` send. The clock stands still from here, so the
  // policy is ENABLING on the second PUT whatever the machine's speed, and settles only when moved.
  const role = 'c0123456789abcdef012345c'
  const bucket = await cloud.createExportBucket(g, {cloudProvider: 'AWS', bucketName: 'contract-bucket', iamRoleId: role})
  await cloud.listExportBuckets(g, {itemsPerPage: 5})
  await cloud.getExportBucket(g, bucket._id)
  const azure = await cloud.createExportBucket(g, {cloudProvider: 'AZURE', roleId: role, serviceUrl: 'https://examplestorage.blob.core.windows.net/exports'})
  await cloud.updateExportBucket(g, bucket._id, {requirePrivateNetworking: true})
  await cloud.deleteExportBucket(g, azure._id)
  const exportJob = await cloud.createExportJob(g, 'Cluster0', {exportBucketId: bucket._id, snapshotId: restorable.id, customData: [{key: 'k', value: 'v'}]})
  await cloud.getExportJob(g, 'Cluster0', exportJob.id)
  await cloud.listExportJobs(g, 'Cluster0', {itemsPerPage: 5})
  await cloud.createExportJob(g, 'Sharded0', {exportBucketId: bucket._id, snapshotId: sharded.results.find((s) => s.status === 'completed')!.id})
  await refused('delete an export bucket in use', cloud.deleteExportBucket(g, bucket._id))

  const at = Date.now()
  const empty = '0123456789abcdef01234567'
  await freezeClock(home, at, (backend) => backend.transact((s) => s.repo.insertProject(empty, 'Empty', s.now)))
  const person = {authorizedEmail: 'dpo@example.com', authorizedUserFirstName: 'Dana', authorizedUserLastName: 'Officer'}
  await refused('no compliance policy yet', cloud.getCompliancePolicy(g))
  await cloud.updateCompliancePolicy(g, {...person, scheduledPolicyItems: [{frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 1}]})
  await cloud.getCompliancePolicy(g)
  await refused('compliance policy change while enabling', cloud.updateCompliancePolicy(g, {...person, copyProtectionEnabled: true}, {overwriteBackupPolicies: false}))
  await cloud.updateCompliancePolicy(empty, person)
  await freezeClock(home, at + 60_000)
  await refused('disable the compliance policy of a project with clusters', cloud.deleteCompliancePolicy(g))
  await cloud.deleteCompliancePolicy(empty)
})

afterAll(async () => {
  proxy?.close()
  await serve?.close()
})

describe.skipIf(!ready)(`the Admin API contract (atlas-backup-openapi.json)${ready ? '' : ` — ${SHARED_ABSENT}`}`, () => {
  const contract = ready ? new SpecValidator(sharedPath('atlas-api', 'atlas-backup-openapi.json')) : undefined

  it('covers every operation serve supports', () => {
    const seen = new Set(exchanges.map((e) => `${e.method} ${contract!.template(e.method, e.path)}`))
    // All 33 routes of serve but DELETE …/shardedCluster/{id}, which the cloud backend never sends.
    const served = OPERATIONS.filter((op) => op.operationId !== 'deleteGroupClusterBackupSnapshotShardedCluster').map((op) => `${op.method} ${API_PREFIX}${op.template}`)
    expect(served).toHaveLength(32)
    expect([...seen].sort()).toEqual(served.sort())
  })

  it('the calls meant to fail are refused as Atlas refuses them, and their error responses are recorded', () => {
    const expected = {
      'second on-demand snapshot': {status: 400, errorCode: 'UNFINISHED_ON_DEMAND_SNAPSHOT', method: 'POST', path: /\/clusters\/Cluster0\/backup\/snapshots$/},
      'unknown snapshot': {status: 404, errorCode: 'SNAPSHOT_NOT_FOUND', method: 'GET', path: /\/backup\/snapshots\/0123456789abcdef01234567$/},
      'hour out of range': {status: 400, errorCode: 'INVALID_REFERENCE_HOUR_OF_DAY', method: 'PATCH', path: /\/clusters\/Cluster0\/backup\/schedule$/},
      'cancel an automated restore': {status: 400, errorCode: 'CANNOT_CANCEL_AUTOMATED_RESTORE', method: 'DELETE', path: /\/clusters\/Cluster0\/backup\/restoreJobs\/[0-9a-f]{24}$/},
      'restore into a cluster being restored': {status: 409, errorCode: 'ATLAS_CLUSTER_RESTORE_IN_PROGRESS', method: 'POST', path: /\/clusters\/Cluster0\/backup\/restoreJobs$/},
      'unknown restore job': {status: 404, errorCode: 'RESTORE_JOB_NOT_FOUND', method: 'GET', path: /\/backup\/restoreJobs\/0123456789abcdef01234567$/},
      'point in time outside the window': {status: 400, errorCode: 'INVALID_PIT_RESTORE_TIME', method: 'POST', path: /\/clusters\/Cluster0\/backup\/restoreJobs$/},
      'download a serverless snapshot': {status: 403, errorCode: 'FEATURE_UNSUPPORTED', method: 'POST', path: /\/serverless\/Serverless1\/backup\/restoreJobs$/},
      'no compliance policy yet': {status: 404, errorCode: 'RESOURCE_NOT_FOUND', method: 'GET', path: /\/backupCompliancePolicy$/},
      'compliance policy change while enabling': {status: 400, errorCode: 'CANNOT_UPDATE_BACKUP_COMPLIANCE_POLICY_SETTINGS_WITH_PENDING_ACTION', method: 'PUT', path: /\/backupCompliancePolicy$/},
      'disable the compliance policy of a project with clusters': {status: 400, errorCode: 'CANNOT_DISABLE_BACKUP_COMPLIANCE_POLICY', method: 'DELETE', path: /\/backupCompliancePolicy$/},
      'delete an export bucket in use': {status: 400, errorCode: 'EXPORT_BUCKET_DELETE_FAILED_BUCKET_IN_USE', method: 'DELETE', path: /\/backup\/exportBuckets\/[0-9a-f]{24}$/},
    }
    expect(Object.keys(refusals).sort()).toEqual(Object.keys(expected).sort())
    for (const [name, {status, errorCode, method, path}] of Object.entries(expected)) {
      const error = refusals[name]
      expect(error, `${name} should have failed`).toBeInstanceOf(AtlasApiError)
      expect(error, name).toMatchObject({status, errorCode})
      // serve answered it (the refusal is not the client's own), so the contract checks below see the error response.
      expect(exchanges.some((e) => e.method === method && path.test(e.path) && e.status === status && (e.responseBody as {errorCode?: string} | undefined)?.errorCode === errorCode), name).toBe(true)
    }
  })

  it('every request the cloud backend sends fits the spec', () => {
    for (const e of exchanges.filter((x) => x.status !== 401)) {
      const template = contract!.template(e.method, e.path)
      expect(template, `${e.method} ${e.path} is not an operation of the spec`).toBeDefined()
      expect(e.accept).toMatch(/^application\/vnd\.atlas\.\d{4}-\d\d-\d\d\+json$/)
      if (e.requestBody !== undefined) expect(contract!.requestProblems(e.method, template!, e.contentType!, e.requestBody), `${e.method} ${e.path} ${JSON.stringify(e.requestBody)}`).toEqual([])
    }
  })

  it('every response serve returns fits the spec: status, media type and body', () => {
    let checked = 0
    for (const e of exchanges) {
      const template = contract!.template(e.method, e.path)!
      expect(contract!.problems({method: e.method, template, status: e.status, contentType: e.responseType, body: e.responseBody}).join(' | '), `${e.method} ${e.path} → ${e.status}`).toBe('')
      checked += 1
    }
    expect(checked).toBeGreaterThanOrEqual(20)
  })

  it('the digest challenge of serve is an Atlas error envelope the spec allows', async () => {
    const path = `/api/atlas/v2/groups/${DEMO_PROJECT_ID}/clusters/Cluster0/backup/schedule`
    const challenge = await fetch(`${serve.url}${path}`, {headers: {Accept: 'application/vnd.atlas.2023-01-01+json'}})
    expect(challenge.status).toBe(401)
    expect(challenge.headers.get('www-authenticate')).toMatch(/^Digest realm="MMS Public API".*qop="auth"/)
    expect(contract!.problems({method: 'GET', template: contract!.template('GET', path)!, status: 401, contentType: challenge.headers.get('content-type')!, body: await challenge.json()})).toEqual([])
  })
})
