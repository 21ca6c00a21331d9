import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {Backend} from '../../src/lib/backends/backend.js'
import {createCloudBackend} from '../../src/lib/backends/cloud/index.js'
import {createCluster} from '../../src/lib/backends/local/admin.js'
import {DEMO_PROJECT_ID} from '../../src/lib/backends/local/fleet.js'
import {DAY_MS} from '../../src/lib/domain/time.js'
import {startServer, type RunningServer} from '../../src/lib/server/index.js'
import {cloudSettings} from '../helpers/cloud-settings.js'
import {iso} from '../helpers/values.js'
import {call, expectAtlasError, freezeClock, GROUP, tempHome} from './helpers.js'
import {tarGzEntries} from './tarball.js'

const START = iso('2026-06-15T10:30:00Z')
const V_FLEX = 'application/vnd.atlas.2024-11-13+json'
const FLEX = `${GROUP}/flexClusters/Flex0`

let server: RunningServer
/** The cloud backend over serve: the Flex API end to end, as the commands call it. */
let cloud: Backend

beforeAll(async () => {
  const home = tempHome()
  await freezeClock(home, START, (backend) => createCluster(backend, DEMO_PROJECT_ID, {name: 'Flex0', tier: 'FLEX'}))
  await freezeClock(home, START + 3 * DAY_MS)
  server = await startServer({home, port: 0, log: () => {}})
  cloud = await createCloudBackend(cloudSettings(server.url, {kind: 'apiKey', publicKey: 'p', privateKey: 'k', source: 'env'}), {debug: () => {}, warn: () => {}})
})

afterAll(async () => {
  await cloud?.close()
  await server?.close()
})

describe('serve: the Flex API (rule 82)', () => {
  it('answers a Flex cluster and its snapshots with the 2024-11-13 media type', async () => {
    const cluster = await call(server.url, FLEX, {accept: V_FLEX})
    expect(cluster.status).toBe(200)
    expect(cluster.type).toBe(`${V_FLEX};charset=utf-8`)
    expect(cluster.body).toMatchObject({name: 'Flex0', providerSettings: {providerName: 'FLEX'}})
    const page = await cloud.listFlexSnapshots(DEMO_PROJECT_ID, 'Flex0')
    expect(page.results.length).toBeGreaterThan(0)
    expect(page.results.every((s) => Date.parse(s.expiration!) - Date.parse(s.scheduledTime!) === 8 * DAY_MS)).toBe(true)
    expect((await cloud.getFlexSnapshot(DEMO_PROJECT_ID, 'Flex0', page.results[0]!.id)).id).toBe(page.results[0]!.id)
  })

  it('refuses the wrong API both ways, with Atlas\'s codes', async () => {
    expectAtlasError(await call(server.url, `${GROUP}/clusters/Flex0`, {accept: 'application/vnd.atlas.2024-08-05+json'}), 400, 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API')
    expectAtlasError(await call(server.url, `${GROUP}/clusters/Flex0/backup/snapshots`), 400, 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API')
    expectAtlasError(await call(server.url, `${GROUP}/clusters/Flex0/backup/restoreJobs`), 400, 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API')
    expectAtlasError(await call(server.url, `${GROUP}/flexClusters/Cluster0/backup/snapshots`, {accept: V_FLEX}), 400, 'CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API')
    await expect(cloud.getFlexCluster(DEMO_PROJECT_ID, 'Cluster0')).rejects.toMatchObject({status: 400, errorCode: 'CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API'})
  })

  it('backup/download answers a DOWNLOAD job whose snapshotUrl is a real .tar.gz served without Digest', async () => {
    const [snapshot] = (await cloud.listFlexSnapshots(DEMO_PROJECT_ID, 'Flex0')).results.filter((s) => s.status === 'COMPLETED')
    const job = await cloud.downloadFlexSnapshot(DEMO_PROJECT_ID, 'Flex0', {snapshotId: snapshot!.id})
    expect(job).toMatchObject({deliveryType: 'DOWNLOAD', status: 'COMPLETED', snapshotId: snapshot!.id})
    expect(job.snapshotUrl!.startsWith(`${server.url}/local/downloads/${job.id}/`)).toBe(true)
    const file = await fetch(job.snapshotUrl!)
    expect(file.status).toBe(200)
    const manifest = JSON.parse((await tarGzEntries(Buffer.from(await file.arrayBuffer()))).get('manifest.json')!.toString('utf8')) as Record<string, unknown>
    expect(manifest).toMatchObject({snapshotId: snapshot!.id, clusterName: 'Flex0'})
  })

  it('creates, lists and reads a Flex restore job', async () => {
    const [snapshot] = (await cloud.listFlexSnapshots(DEMO_PROJECT_ID, 'Flex0')).results.filter((s) => s.status === 'COMPLETED')
    const job = await cloud.createFlexRestoreJob(DEMO_PROJECT_ID, 'Flex0', {instanceName: 'Flex0', snapshotId: snapshot!.id, targetDeploymentItemName: 'Flex0', targetProjectId: DEMO_PROJECT_ID})
    expect(job).toMatchObject({deliveryType: 'RESTORE', status: 'PENDING', instanceName: 'Flex0', targetDeploymentItemName: 'Flex0'})
    expect((await cloud.getFlexRestoreJob(DEMO_PROJECT_ID, 'Flex0', job.id)).id).toBe(job.id)
    const page = await cloud.listFlexRestoreJobs(DEMO_PROJECT_ID, 'Flex0')
    expect(page.results.map((one) => one.deliveryType).sort()).toEqual(['DOWNLOAD', 'RESTORE'])
  })
})
