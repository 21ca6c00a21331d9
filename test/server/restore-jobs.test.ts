import {describe, expect, it} from 'vitest'

import {iso} from '../helpers/values.js'
import {type Answer, call, CLUSTER0, frozenServer, GROUP, V20230101, V20240805} from './helpers.js'

const START = iso('2026-06-15T10:30:00Z')
const JOBS = `${CLUSTER0}/backup/restoreJobs`
const SERVERLESS_JOBS = `${GROUP}/serverless/Serverless1/backup/restoreJobs`
const UNKNOWN_JOB = '0123456789abcdef01234567'

const served = frozenServer(START)

function expectError(answer: Answer, status: number, errorCode: string): void {
  expect(answer.status, answer.text).toBe(status)
  expect(answer.type).toBe('application/json')
  expect(answer.body).toMatchObject({error: status, errorCode})
  expect(Object.keys(answer.body as object)).toEqual(expect.arrayContaining(['detail', 'error', 'errorCode', 'parameters', 'reason']))
}

const post = (path: string, body: unknown, accept = V20230101): Promise<Answer> => call(served.url, path, {method: 'POST', accept, body: typeof body === 'string' ? body : JSON.stringify(body)})

/** The newest completed snapshot of a cluster, as the API lists it. */
async function completedSnapshot(clusterPath: string): Promise<string> {
  const page = await call(served.url, `${clusterPath}/backup/snapshots?itemsPerPage=20`)
  return (page.body.results as Array<{id: string; status: string}>).find((s) => s.status === 'completed')!.id
}

describe('serve: restore jobs of a cluster', () => {
  it('lists, creates (200, not 201), gets and cancels (204) a download job', async () => {
    const empty = await call(served.url, JOBS)
    expect(empty.status).toBe(200)
    expect(empty.type).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8')
    expect(empty.body).toMatchObject({results: [], totalCount: 0})

    const snapshotId = await completedSnapshot(CLUSTER0)
    const created = await post(JOBS, {deliveryType: 'download', snapshotId})
    expect(created.status, created.text).toBe(200)
    expect(created.type).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8')
    expect(created.body).toMatchObject({deliveryType: 'download', snapshotId, deliveryUrl: [], cancelled: false, expired: false, failed: false})
    const id = created.body.id as string
    expect(id).toMatch(/^[0-9a-f]{24}$/)
    // Links point at serve itself, so a client can follow them.
    expect(created.body.links).toContainEqual({href: `${served.url}${JOBS}/${id}`, rel: 'self'})

    const got = await call(served.url, `${JOBS}/${id}`)
    expect(got.status).toBe(200)
    expect(got.body).toMatchObject({id, deliveryType: 'download', snapshotId})
    const listed = await call(served.url, JOBS)
    expect(listed.body.totalCount).toBe(1)
    expect(listed.body.results.map((job: {id: string}) => job.id)).toEqual([id])

    const cancelled = await call(served.url, `${JOBS}/${id}`, {method: 'DELETE'})
    expect(cancelled.status).toBe(204)
    expect(cancelled.text).toBe('')
    expect(cancelled.type).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8')
    expect((await call(served.url, `${JOBS}/${id}`)).body).toMatchObject({id, cancelled: true})
  })

  it('starts an automated restore into another cluster, which cannot be cancelled (400) nor restored into twice (409)', async () => {
    const snapshotId = await completedSnapshot(CLUSTER0)
    const body = {deliveryType: 'automated', snapshotId, targetClusterName: 'MultiRegion0', targetGroupId: GROUP.split('/').pop()}
    const created = await post(JOBS, body)
    expect(created.status, created.text).toBe(200)
    expect(created.body).toMatchObject({deliveryType: 'automated', snapshotId, targetClusterName: 'MultiRegion0', deliveryUrl: []})

    expectError(await call(served.url, `${JOBS}/${created.body.id}`, {method: 'DELETE'}), 400, 'CANNOT_CANCEL_AUTOMATED_RESTORE')
    expectError(await post(JOBS, body), 409, 'ATLAS_CLUSTER_RESTORE_IN_PROGRESS')
  })

  it('answers a sharded cluster\'s job with one component per replica set', async () => {
    const sharded = `${GROUP}/clusters/Sharded0`
    const page = await call(served.url, `${sharded}/backup/snapshots/shardedClusters`)
    const snapshot = (page.body.results as Array<{id: string; status: string; members: Array<{replicaSetName: string}>}>).find((s) => s.status === 'completed')!
    const created = await post(`${sharded}/backup/restoreJobs`, {deliveryType: 'download', snapshotId: snapshot.id})
    expect(created.status, created.text).toBe(200)
    const names = (created.body.components as Array<{replicaSetName: string}>).map((c) => c.replicaSetName)
    expect(names).toEqual(snapshot.members.map((m) => m.replicaSetName))
    expect(names.length).toBeGreaterThanOrEqual(2)
  })

  it('refuses a bad body with the restore rules\' errors, as the commands do', async () => {
    expectError(await post(JOBS, {}), 400, 'MISSING_ATTRIBUTE')
    expectError(await post(JOBS, {deliveryType: 'teleport'}), 400, 'INVALID_ENUM_VALUE')
    expectError(await post(JOBS, {deliveryType: 'automated', snapshotId: await completedSnapshot(CLUSTER0)}), 400, 'MISSING_ATTRIBUTE')
    expectError(await post(JOBS, '{"deliveryType": '), 400, 'MALFORMED_JSON')
    expectError(await post(JOBS, '["download"]'), 400, 'INVALID_JSON')
  })

  it('answers unknown jobs and clusters 404, malformed ids 404 INVALID_JOB_ID, other versions 406 and other methods 405', async () => {
    expectError(await call(served.url, `${JOBS}/${UNKNOWN_JOB}`), 404, 'RESTORE_JOB_NOT_FOUND')
    expectError(await call(served.url, `${JOBS}/${UNKNOWN_JOB}`, {method: 'DELETE'}), 404, 'RESTORE_JOB_NOT_FOUND')
    expectError(await call(served.url, `${JOBS}/not-an-id`), 404, 'INVALID_JOB_ID')
    expectError(await call(served.url, `${GROUP}/clusters/Nope0/backup/restoreJobs`), 404, 'CLUSTER_NOT_FOUND')
    // Only 2023-01-01 is listed for restore jobs.
    expectError(await call(served.url, JOBS, {accept: V20240805}), 406, 'INVALID_VERSION_DATE')
    expectError(await post(JOBS, {deliveryType: 'download'}, V20240805), 406, 'INVALID_VERSION_DATE')
    const patch = await call(served.url, `${JOBS}/${UNKNOWN_JOB}`, {method: 'PATCH', body: '{}'})
    expectError(patch, 405, 'METHOD_NOT_ALLOWED')
    expect(patch.headers.get('allow')).toBe('DELETE, GET')
    const put = await call(served.url, JOBS, {method: 'PUT', body: '{}'})
    expectError(put, 405, 'METHOD_NOT_ALLOWED')
    expect(put.headers.get('allow')).toBe('GET, POST')
  })

  it('wraps answers in the envelope on request, as the other routes do', async () => {
    const enveloped = await call(served.url, `${JOBS}?envelope=true&itemsPerPage=1`)
    expect(enveloped.status).toBe(200)
    expect(enveloped.body).toMatchObject({status: 200})
    expect(enveloped.body.results).toHaveLength(1)
    const id = enveloped.body.results[0].id as string
    expect((await call(served.url, `${JOBS}/${id}?envelope=true`)).body).toMatchObject({status: 200, content: {id}})
  })
})

describe('serve: restore jobs of a serverless instance', () => {
  it('lists and gets them with the deprecated media type and its Sunset, and refuses what serverless cannot do', async () => {
    const empty = await call(served.url, SERVERLESS_JOBS)
    expect(empty.status, empty.text).toBe(200)
    expect(empty.type).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8')
    expect(empty.headers.get('sunset')).toBe('Thu, 22 Jan 2026 00:00:00 GMT')
    expect(empty.body).toMatchObject({results: [], totalCount: 0})

    // No download of a serverless snapshot (rule 83); no cancel route at all.
    const snapshotId = await completedSnapshot(`${GROUP}/serverless/Serverless1`)
    const groupId = GROUP.split('/').pop()
    expectError(await post(SERVERLESS_JOBS, {deliveryType: 'download', snapshotId, targetClusterName: 'Serverless0', targetGroupId: groupId}), 403, 'FEATURE_UNSUPPORTED')
    const cancel = await call(served.url, `${SERVERLESS_JOBS}/${UNKNOWN_JOB}`, {method: 'DELETE'})
    expectError(cancel, 405, 'METHOD_NOT_ALLOWED')
    expect(cancel.headers.get('allow')).toBe('GET')

    const created = await post(SERVERLESS_JOBS, {deliveryType: 'automated', snapshotId, targetClusterName: 'Serverless0', targetGroupId: groupId})
    expect(created.status, created.text).toBe(200)
    expect(created.headers.get('sunset')).toBe('Thu, 22 Jan 2026 00:00:00 GMT')
    expect(created.body).toMatchObject({deliveryType: 'automated', snapshotId, targetClusterName: 'Serverless0'})
    const got = await call(served.url, `${SERVERLESS_JOBS}/${created.body.id}`)
    expect(got.status).toBe(200)
    expect(got.body.id).toBe(created.body.id)
    expect((await call(served.url, SERVERLESS_JOBS)).body.totalCount).toBe(1)
  })

  it('keeps clusters and serverless instances apart: each path answers 404 for the other kind', async () => {
    expectError(await call(served.url, `${GROUP}/serverless/Cluster0/backup/restoreJobs`), 404, 'SERVERLESS_INSTANCE_NOT_FOUND')
    expectError(await call(served.url, `${GROUP}/clusters/Serverless1/backup/restoreJobs`), 404, 'CLUSTER_NOT_FOUND')
  })
})
