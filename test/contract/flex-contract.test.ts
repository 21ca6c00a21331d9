import {join} from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {createCluster} from '../../src/lib/backends/local/admin.js'
import {DEMO_PROJECT_ID} from '../../src/lib/backends/local/fleet.js'
import {DAY_MS} from '../../src/lib/domain/time.js'
import {startServer, type RunningServer} from '../../src/lib/server/index.js'
import {parseRecording, RECORDINGS_DIR} from '../helpers/recordings.js'
import {hasShared, SHARED_ABSENT, sharedPath} from '../helpers/shared.js'
import {iso} from '../helpers/values.js'
import {call, freezeClock, GROUP, tempHome, type Answer} from '../server/helpers.js'
import {SpecValidator} from './spec-validator.js'

/**
 * serve's Flex API against what Atlas defines and answered: the download, the one Flex operation of the spec file,
 * request and response against its schemas; the others (not in the spec file) against the fields of the recorded
 * answers (recordings/backup_flex), so the emulator's documents have Atlas's shape field for field.
 */

const ready = hasShared('atlas-api', 'atlas-backup-openapi.json') && hasShared('atlas-api', 'recordings', 'backup_flex')
if (!ready) console.warn(`flex contract test: ${SHARED_ABSENT}`)
const V_FLEX = 'application/vnd.atlas.2024-11-13+json'
const FLOWS = join(RECORDINGS_DIR, 'backup_flex', 'TestFlexBackup')
const ATLAS_GROUP = 'b0123456789abcdef012345b'

let server: RunningServer
let home: string

function recordedKeys(file: string): string[] {
  return Object.keys(JSON.parse(parseRecording(join(FLOWS, file)).body) as object).sort()
}

function ok(answer: Answer): Record<string, unknown> {
  expect(answer.status, answer.text).toBe(200)
  expect(answer.type).toBe(`${V_FLEX};charset=utf-8`)
  return answer.body as Record<string, unknown>
}

beforeAll(async () => {
  if (!ready) return
  home = tempHome()
  const start = iso('2026-06-15T10:30:00Z')
  await freezeClock(home, start, (backend) => createCluster(backend, DEMO_PROJECT_ID, {name: 'Flex0', tier: 'FLEX'}))
  await freezeClock(home, start + 9 * DAY_MS)
  server = await startServer({home, port: 0, log: () => {}})
})

afterAll(async () => server?.close())

describe.skipIf(!ready)(`serve's Flex API against the spec and the recordings${ready ? '' : ` — ${SHARED_ABSENT}`}`, () => {
  it('POST …/backup/download: the request and the DOWNLOAD job answered fit the spec', async () => {
    const spec = new SpecValidator(sharedPath('atlas-api', 'atlas-backup-openapi.json'))
    const snapshots = ok(await call(server.url, `${GROUP}/flexClusters/Flex0/backup/snapshots`, {accept: V_FLEX})) as {results: Array<{id: string}>}
    const body = {snapshotId: snapshots.results[1]!.id}
    const template = '/api/atlas/v2/groups/{groupId}/flexClusters/{name}/backup/download'
    expect(spec.requestProblems('POST', template, V_FLEX, body)).toEqual([])
    const answer = await call(server.url, `${GROUP}/flexClusters/Flex0/backup/download`, {method: 'POST', accept: V_FLEX, body: JSON.stringify(body)})
    expect(spec.problems({method: 'POST', template, status: answer.status, contentType: answer.type, body: answer.body})).toEqual([])
    expect(ok(answer)).toMatchObject({deliveryType: 'DOWNLOAD', snapshotId: body.snapshotId})
    const refused = await call(server.url, `${GROUP}/flexClusters/Cluster0/backup/download`, {method: 'POST', accept: V_FLEX, body: JSON.stringify(body)})
    expect(spec.problems({method: 'POST', template, status: refused.status, contentType: refused.type, body: refused.body})).toEqual([])
    expect(refused.body).toMatchObject({error: 400, errorCode: 'CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API', parameters: ['Cluster0'], reason: 'Bad Request'})
  })

  it('the cluster, a snapshot, the pages and a finished restore have the recorded fields', async () => {
    const cluster = ok(await call(server.url, `${GROUP}/flexClusters/Flex0`, {accept: V_FLEX}))
    expect(Object.keys(cluster).sort()).toEqual(recordedKeys(`GET_api_atlas_v2_groups_${ATLAS_GROUP}_flexClusters_cluster-833_1.snaphost`))
    const page = ok(await call(server.url, `${GROUP}/flexClusters/Flex0/backup/snapshots`, {accept: V_FLEX})) as {results: Array<Record<string, string>>}
    expect(Object.keys(page).sort()).toEqual(['links', 'results', 'totalCount'])
    expect(Object.keys(page.results[1]!).sort()).toEqual(recordedKeys(`Snapshot_Describe/GET_api_atlas_v2_groups_${ATLAS_GROUP}_flexClusters_snapshotCluster0_backup_snapshots_6a6f78e0cab84da5c4476b25_1.snaphost`))
    const job = ok(await call(server.url, `${GROUP}/flexClusters/Flex0/backup/restoreJobs`, {method: 'POST', accept: V_FLEX, body: JSON.stringify({instanceName: 'Flex0', snapshotId: page.results[1]!.id, targetDeploymentItemName: 'Flex0', targetProjectId: DEMO_PROJECT_ID})}))
    expect(Object.keys(job).sort()).toEqual(recordedKeys(`Restores_Create_-_Automated/POST_api_atlas_v2_groups_${ATLAS_GROUP}_flexClusters_snapshotCluster0_backup_restoreJobs_1.snaphost`))
    await freezeClock(home, iso('2026-06-24T11:30:00Z'))
    const done = ok(await call(server.url, `${GROUP}/flexClusters/Flex0/backup/restoreJobs/${String(job.id)}`, {accept: V_FLEX}))
    expect(Object.keys(done).sort()).toEqual(recordedKeys(`Restores_Describe/GET_api_atlas_v2_groups_${ATLAS_GROUP}_flexClusters_snapshotCluster0_backup_restoreJobs_6a793f812c88faeba59bc399_1.snaphost`))
  })
})
