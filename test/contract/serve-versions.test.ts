import {existsSync, readFileSync} from 'node:fs'
import {dirname, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {changeClock} from '../../src/lib/backends/local/admin.js'
import {COMPLIANCE_SETTLE_MS} from '../../src/lib/backends/local/compliance-policies.js'
import {LocalBackend} from '../../src/lib/backends/local/local-backend.js'
import {API_PREFIX, OPERATIONS, startServer, type RunningServer} from '../../src/lib/server/index.js'
import {call, GROUP, tempHome} from '../server/helpers.js'
import {SpecValidator} from './spec-validator.js'

const SPEC = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/atlas-api/atlas-backup-openapi.json')
const present = existsSync(SPEC)
// The default reporter hides describe titles of skipped files: say it where `npm test` shows it.
if (!present) console.warn('serve-versions test skipped: ../shared/atlas-api/atlas-backup-openapi.json is absent (a user clone has no ../shared)')
const title = present ? 'serve against the Admin API spec (../shared/atlas-api/atlas-backup-openapi.json)' : 'serve against the Admin API spec: SKIPPED, ../shared/atlas-api/atlas-backup-openapi.json is absent (a user clone has no ../shared)'

interface Exchange {
  method: string
  template: string
  path: string
  status: number
  contentType: string
  body: unknown
}

/** Moves the emulator clock of `home` ahead (it keeps running), doing `work` on the store first, as `local clock` would. */
async function moveClockAhead(home: string, ms: number, work?: (backend: LocalBackend) => void): Promise<void> {
  const backend = new LocalBackend({home})
  try {
    work?.(backend)
    changeClock(backend, (state) => ({offsetMs: state.offsetMs + ms, frozenAt: state.frozenAt === null ? null : state.frozenAt + ms}))
  } finally {
    await backend.close()
  }
}

describe.skipIf(!present)(title, () => {
  let server: RunningServer
  const exchanges: Exchange[] = []

  async function exchange(method: string, template: string, path: string, version: string | null, body?: unknown): Promise<Exchange> {
    const answer = await call(server.url, path, {method, accept: version === null ? null : `application/vnd.atlas.${version}+json`, body: body === undefined ? undefined : JSON.stringify(body)})
    const recorded = {method, template: `${API_PREFIX}${template}`, path, status: answer.status, contentType: answer.type, body: answer.body}
    exchanges.push(recorded)
    return recorded
  }

  beforeAll(async () => {
    const home = tempHome()
    server = await startServer({home, port: 0, log: () => {}})
    const cluster = '/groups/{groupId}/clusters/{clusterName}'
    // Every listed version of every operation, on the clusters that show each case.
    for (const op of OPERATIONS.filter((o) => o.method === 'GET' && !/\{(snapshotId|restoreJobId|exportBucketId|exportId)\}|backupCompliancePolicy/.test(o.template))) {
      for (const {version} of op.versions) {
        const name = op.template.includes('serverless') ? 'Serverless1' : op.template.includes('sharded') ? 'Sharded0' : 'MultiRegion0'
        await exchange('GET', op.template, op.template.replace('/groups/{groupId}', GROUP).replace('{clusterName}', name), version)
      }
    }
    const c0 = `${GROUP}/clusters/Cluster0`
    for (const version of ['2023-01-01', '2024-08-05']) {
      await exchange('PATCH', `${cluster}/backup/schedule`, `${c0}/backup/schedule`, version, {referenceHourOfDay: 5, referenceMinuteOfHour: 10, restoreWindowDays: 2})
    }
    await exchange('DELETE', `${cluster}/backup/schedule`, `${GROUP}/clusters/NVMe0/backup/schedule`, '2023-01-01')
    await exchange('DELETE', `${cluster}/backup/schedule`, `${GROUP}/clusters/NVMe0/backup/schedule`, '2024-08-05')
    const list = await exchange('GET', `${cluster}/backup/snapshots`, `${c0}/backup/snapshots?itemsPerPage=3&includeCount=false`, '2023-01-01')
    const completed = (list.body as {results: Array<{id: string; status: string}>}).results.find((s) => s.status === 'completed')!
    await exchange('GET', `${cluster}/backup/snapshots/{snapshotId}`, `${c0}/backup/snapshots/${completed.id}`, '2023-01-01')
    await exchange('PATCH', `${cluster}/backup/snapshots/{snapshotId}`, `${c0}/backup/snapshots/${completed.id}`, '2023-01-01', {retentionUnit: 'DAYS', retentionValue: 9})
    await exchange('DELETE', `${cluster}/backup/snapshots/{snapshotId}`, `${c0}/backup/snapshots/${completed.id}`, '2023-01-01')
    const taken = await exchange('POST', `${cluster}/backup/snapshots`, `${c0}/backup/snapshots`, '2023-01-01', {description: 'contract', retentionInDays: 2})
    await exchange('GET', `${cluster}/backup/snapshots/{snapshotId}`, `${c0}/backup/snapshots/${(taken.body as {id: string}).id}`, '2023-01-01')
    await exchange('POST', `${cluster}/backup/snapshots`, `${c0}/backup/snapshots`, '2023-01-01', {})
    await exchange('POST', `${cluster}/backup/snapshots`, `${GROUP}/clusters/Sharded0/backup/snapshots`, '2023-01-01', {retentionInDays: 1})
    const sharded = await exchange('GET', `${cluster}/backup/snapshots/shardedClusters`, `${GROUP}/clusters/Sharded0/backup/snapshots/shardedClusters`, '2023-01-01')
    const shardedId = (sharded.body as {results: Array<{id: string; status: string}>}).results.find((s) => s.status === 'completed')!.id
    await exchange('GET', `${cluster}/backup/snapshots/shardedCluster/{snapshotId}`, `${GROUP}/clusters/Sharded0/backup/snapshots/shardedCluster/${shardedId}`, '2023-01-01')
    await exchange('DELETE', `${cluster}/backup/snapshots/shardedCluster/{snapshotId}`, `${GROUP}/clusters/Sharded0/backup/snapshots/shardedCluster/${shardedId}`, '2023-01-01')
    const serverless = await exchange('GET', '/groups/{groupId}/serverless/{clusterName}/backup/snapshots', `${GROUP}/serverless/Serverless0/backup/snapshots`, '2023-01-01')
    const serverlessId = (serverless.body as {results: Array<{id: string}>}).results[0]!.id
    await exchange('GET', '/groups/{groupId}/serverless/{clusterName}/backup/snapshots/{snapshotId}', `${GROUP}/serverless/Serverless0/backup/snapshots/${serverlessId}`, '2023-01-01')
    const restorable = ((await exchange('GET', `${cluster}/backup/snapshots`, `${c0}/backup/snapshots?itemsPerPage=10`, '2023-01-01')).body as {results: Array<{id: string; status: string}>}).results.find((s) => s.status === 'completed')!.id
    const jobs = `${c0}/backup/restoreJobs`
    await exchange('GET', `${cluster}/backup/restoreJobs`, jobs, '2023-01-01')
    const download = await exchange('POST', `${cluster}/backup/restoreJobs`, jobs, '2023-01-01', {deliveryType: 'download', snapshotId: restorable})
    const downloadId = (download.body as {id: string}).id
    await exchange('GET', `${cluster}/backup/restoreJobs/{restoreJobId}`, `${jobs}/${downloadId}`, '2023-01-01')
    await exchange('DELETE', `${cluster}/backup/restoreJobs/{restoreJobId}`, `${jobs}/${downloadId}`, '2023-01-01')
    const serverlessJobs = `${GROUP}/serverless/Serverless1/backup/restoreJobs`
    const serverlessTemplate = '/groups/{groupId}/serverless/{clusterName}/backup/restoreJobs'
    const serverlessSnapshot = ((await exchange('GET', '/groups/{groupId}/serverless/{clusterName}/backup/snapshots', `${GROUP}/serverless/Serverless1/backup/snapshots`, '2023-01-01')).body as {results: Array<{id: string}>}).results[0]!.id
    await exchange('GET', serverlessTemplate, serverlessJobs, '2023-01-01')
    const groupId = GROUP.split('/').pop()
    const serverlessJob = await exchange('POST', serverlessTemplate, serverlessJobs, '2023-01-01', {deliveryType: 'automated', snapshotId: serverlessSnapshot, targetClusterName: 'Serverless0', targetGroupId: groupId})
    await exchange('GET', `${serverlessTemplate}/{restoreJobId}`, `${serverlessJobs}/${(serverlessJob.body as {id: string}).id}`, '2023-01-01')
    // A sharded cluster's job carries one component per replica set.
    const shardedRestorable = (sharded.body as {results: Array<{id: string; status: string}>}).results.find((s) => s.status === 'completed' && s.id !== shardedId)!.id
    await exchange('POST', `${cluster}/backup/restoreJobs`, `${GROUP}/clusters/Sharded0/backup/restoreJobs`, '2023-01-01', {deliveryType: 'download', snapshotId: shardedRestorable})
    // Export buckets in each version each operation lists (the AWS body in both), and export jobs.
    const buckets = '/groups/{groupId}/backup/exportBuckets'
    const role = 'c0123456789abcdef012345c'
    const bucketIds: string[] = []
    for (const version of ['2023-01-01', '2024-05-30']) {
      const created = await exchange('POST', buckets, `${GROUP}/backup/exportBuckets`, version, {cloudProvider: 'AWS', bucketName: `bucket-${version}`, iamRoleId: role})
      bucketIds.push((created.body as {_id: string})._id)
      await exchange('GET', `${buckets}/{exportBucketId}`, `${GROUP}/backup/exportBuckets/${bucketIds[0]}`, version)
    }
    await exchange('PATCH', `${buckets}/{exportBucketId}`, `${GROUP}/backup/exportBuckets/${bucketIds[1]}`, '2024-05-30', {requirePrivateNetworking: true})
    await exchange('DELETE', `${buckets}/{exportBucketId}`, `${GROUP}/backup/exportBuckets/${bucketIds[1]}`, '2023-01-01')
    const exportable = ((await exchange('GET', `${cluster}/backup/snapshots`, `${c0}/backup/snapshots?itemsPerPage=10`, '2023-01-01')).body as {results: Array<{id: string; status: string}>}).results.find((s) => s.status === 'completed')!.id
    const exported = await exchange('POST', `${cluster}/backup/exports`, `${c0}/backup/exports`, '2023-01-01', {exportBucketId: bucketIds[0], snapshotId: exportable, customData: [{key: 'k', value: 'v'}]})
    await exchange('GET', `${cluster}/backup/exports/{exportId}`, `${c0}/backup/exports/${(exported.body as {id: string}).id}`, '2023-01-01')
    await exchange('GET', `${cluster}/backup/exports`, `${c0}/backup/exports`, '2023-01-01')
    // The compliance policy last, as it forbids deleting snapshots and schedules; the clock moves past each PUT's
    // ENABLING and UPDATING state.
    const compliance = '/groups/{groupId}/backupCompliancePolicy'
    const person = {authorizedEmail: 'dpo@example.com', authorizedUserFirstName: 'Dana', authorizedUserLastName: 'Officer'}
    await exchange('PUT', compliance, `${GROUP}/backupCompliancePolicy`, '2023-10-01', {...person, scheduledPolicyItems: [{frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 1}]})
    const empty = '0123456789abcdef01234567'
    await moveClockAhead(home, COMPLIANCE_SETTLE_MS, (backend) => backend.transact((s) => s.repo.insertProject(empty, 'Empty', s.now)))
    await exchange('PUT', compliance, `${GROUP}/backupCompliancePolicy`, '2023-01-01', {authorizedEmail: person.authorizedEmail, onDemandPolicyItem: {frequencyType: 'ondemand', frequencyInterval: 0, retentionUnit: 'days', retentionValue: 3}})
    await exchange('PUT', compliance, `/api/atlas/v2/groups/${empty}/backupCompliancePolicy`, '2023-10-01', person)
    await moveClockAhead(home, COMPLIANCE_SETTLE_MS)
    for (const version of ['2023-01-01', '2023-10-01']) await exchange('GET', compliance, `${GROUP}/backupCompliancePolicy`, version)
    await exchange('DELETE', compliance, `/api/atlas/v2/groups/${empty}/backupCompliancePolicy`, '2024-11-13')
    // Errors: from the backend, and from serve itself.
    await exchange('GET', `${cluster}/backup/schedule`, `${GROUP}/clusters/Nope0/backup/schedule`, '2024-08-05')
    await exchange('PATCH', `${cluster}/backup/schedule`, `${c0}/backup/schedule`, '2024-08-05', {referenceHourOfDay: 31})
    await exchange('GET', `${cluster}/backup/snapshots`, `${c0}/backup/snapshots`, '2024-08-05')
    await exchange('GET', `${cluster}/backup/snapshots`, `${c0}/backup/snapshots`, null)
    await exchange('PUT', `${cluster}/backup/schedule`, `${c0}/backup/schedule`, '2024-08-05', {})
  })

  afterAll(async () => {
    await server?.close()
  })

  it('every operation of the table is an operation of the spec, with the same versions and sunsets', () => {
    const spec = JSON.parse(readFileSync(SPEC, 'utf8')) as {paths: Record<string, Record<string, {operationId: string; responses: Record<string, {content?: Record<string, {'x-sunset'?: string}>}>}>>}
    for (const op of OPERATIONS) {
      const operation = spec.paths[`${API_PREFIX}${op.template}`]?.[op.method.toLowerCase()]
      expect(operation, `${op.method} ${op.template}`).toBeDefined()
      expect(operation!.operationId).toBe(op.operationId)
      const listed = new Map<string, string | undefined>()
      for (const response of Object.values(operation!.responses)) {
        for (const [type, entry] of Object.entries(response.content ?? {})) {
          const version = /^application\/vnd\.atlas\.(\d{4}-\d\d-\d\d)\+json$/.exec(type)?.[1]
          if (version) listed.set(version, entry['x-sunset'])
        }
      }
      const expected = [...listed].sort(([a], [b]) => a.localeCompare(b)).map(([version, sunset]) => (sunset ? {version, sunset} : {version}))
      expect(op.versions, `${op.method} ${op.template}`).toEqual(expected)
    }
  })

  it('exercised every operation serve has, in every version it lists', () => {
    const seen = new Set(exchanges.filter((e) => e.status < 300).map((e) => `${e.method} ${e.template} ${e.contentType}`))
    for (const op of OPERATIONS) {
      for (const {version} of op.versions) expect(seen, `${op.method} ${op.template} ${version}`).toContain(`${op.method} ${API_PREFIX}${op.template} application/vnd.atlas.${version}+json;charset=utf-8`)
    }
  })

  it('every answer fits the schema the spec declares for its status and media type', () => {
    const validator = new SpecValidator(SPEC)
    const failures: string[] = []
    for (const e of exchanges) {
      const problems = validator.problems({method: e.method === 'PUT' && e.status === 405 ? 'PATCH' : e.method, template: e.template, status: e.status, contentType: e.contentType, body: e.body})
      if (problems.length > 0) failures.push(`${e.method} ${e.path} → ${e.status} ${e.contentType}: ${problems.slice(0, 5).join('; ')}`)
    }
    expect(failures).toEqual([])
    // The check has teeth: a snapshot with an unknown status does not fit.
    const snapshot = exchanges.find((e) => e.method === 'GET' && e.template.endsWith('/backup/snapshots/{snapshotId}') && e.status === 200)!
    expect(validator.problems({...snapshot, body: {...(snapshot.body as object), status: 'sleeping'}})).not.toEqual([])
    expect(exchanges.filter((e) => e.status >= 400).map((e) => e.status).sort()).toEqual([400, 400, 404, 405, 406, 406])
  })
})
