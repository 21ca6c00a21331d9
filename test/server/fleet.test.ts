import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {Backend} from '../../src/lib/backends/backend.js'
import {listAll} from '../../src/lib/backends/all-pages.js'
import {createCloudBackend} from '../../src/lib/backends/cloud/index.js'
import {createCluster} from '../../src/lib/backends/local/admin.js'
import {DEMO_PROJECT_ID} from '../../src/lib/backends/local/fleet.js'
import {LocalBackend} from '../../src/lib/backends/local/local-backend.js'
import {createProject} from '../../src/lib/backends/local/projects.js'
import {readFleet} from '../../src/lib/audit/fleet.js'
import {AtlasApiError} from '../../src/lib/domain/errors.js'
import {startServer, type RunningServer} from '../../src/lib/server/index.js'
import {cloudSettings} from '../helpers/cloud-settings.js'
import {iso} from '../helpers/values.js'
import {call, freezeClock, tempHome} from './helpers.js'

/**
 * The fleet reads behind `backups audit` (GET /groups, GET /groups/{groupId}/serverless, and the clusters list), the
 * cloud backend over serve against the local backend on the same store: three projects, read in pages of 2 so that
 * every list takes several pages.
 */

const START = iso('2026-06-15T10:30:00Z')
let server: RunningServer
let cloud: Backend
let local: LocalBackend
let home: string
let payments = ''
let empty = ''

beforeAll(async () => {
  home = tempHome()
  await freezeClock(home, START, (backend) => {
    payments = createProject(backend, 'Payments').id
    for (const name of ['Pay2', 'Pay0', 'Pay1']) createCluster(backend, payments, {name, tier: 'M10'})
    createCluster(backend, payments, {name: 'PaySrv', tier: 'SERVERLESS', continuousBackup: true})
  })
  await freezeClock(home, START + 60_000, (backend) => {
    empty = createProject(backend, 'Empty').id
  })
  server = await startServer({home, port: 0, log: () => {}})
  cloud = await createCloudBackend(cloudSettings(server.url, {kind: 'apiKey', publicKey: 'p', privateKey: 'k', source: 'env'}), {debug: () => {}, warn: () => {}})
  local = new LocalBackend({home, wallClock: () => START + 60_000})
})

afterAll(async () => {
  await cloud?.close()
  await local?.close()
  await server?.close()
})

/** The same document without its links, whose base differs between serve's address and the in-process default. */
function withoutLinks<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, inner: unknown) => (key === 'links' ? undefined : inner))) as T
}

describe('listProjects and listServerlessInstances, over serve and locally', () => {
  it('GET /groups lists the three projects in creation order, page by page, as the local backend does', async () => {
    const second = await cloud.listProjects({pageNum: 2, itemsPerPage: 2})
    expect(second.totalCount).toBe(3)
    expect(second.results.map((p) => p.name)).toEqual(['Empty'])
    expect(withoutLinks(second)).toEqual(withoutLinks(await local.listProjects({pageNum: 2, itemsPerPage: 2})))
    const all = await listAll((page) => cloud.listProjects(page), 2)
    expect(all.results.map(({id, name, clusterCount}) => ({id, name, clusterCount}))).toEqual([
      {id: DEMO_PROJECT_ID, name: 'Demo Project', clusterCount: 8},
      {id: payments, name: 'Payments', clusterCount: 4},
      {id: empty, name: 'Empty', clusterCount: 0},
    ])
    expect(all.results[2]).toMatchObject({created: '2026-06-15T10:31:00Z', orgId: expect.stringMatching(/^[0-9a-f]{24}$/) as unknown as string, withDefaultAlertsSettings: true})
    expect(all.results[2]!.links![0]).toEqual({href: `${server.url}/api/atlas/v2/groups/${empty}`, rel: 'self'})
  })

  it('GET /groups/{groupId}/serverless lists the serverless instances, which the clusters list leaves out', async () => {
    const instances = await listAll((page) => cloud.listServerlessInstances(DEMO_PROJECT_ID, page), 1)
    expect(instances.results.map((i) => [i.name, i.serverlessBackupOptions?.serverlessContinuousBackupEnabled, i.providerSettings?.providerName])).toEqual([
      ['Serverless0', false, 'SERVERLESS'],
      ['Serverless1', true, 'SERVERLESS'],
    ])
    expect(withoutLinks(await cloud.listServerlessInstances(payments))).toEqual(withoutLinks(await local.listServerlessInstances(payments)))
    const clusters = await listAll((page) => cloud.listClusters(DEMO_PROJECT_ID, page), 2)
    expect(clusters.results.map((c) => c.name)).toEqual(['Cluster0', 'Free0', 'MultiRegion0', 'NVMe0', 'Sharded0', 'Shared0'])
    expect((await cloud.listServerlessInstances(empty)).results).toEqual([])
  })

  it('an unknown project is 404 GROUP_NOT_FOUND for serverless instances, as for clusters', async () => {
    const unknown = '0123456789abcdef01234567'
    await expect(cloud.listServerlessInstances(unknown)).rejects.toMatchObject({status: 404, errorCode: 'GROUP_NOT_FOUND'})
    await expect(local.listServerlessInstances(unknown)).rejects.toBeInstanceOf(AtlasApiError)
  })

  it('serves both with the 2023-01-01 media type only (406 otherwise)', async () => {
    const groups = await call(server.url, '/api/atlas/v2/groups?itemsPerPage=1')
    expect(groups.status).toBe(200)
    expect(groups.type).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8')
    expect(groups.body).toMatchObject({totalCount: 3, results: [{id: DEMO_PROJECT_ID}]})
    expect((await call(server.url, `/api/atlas/v2/groups/${payments}/serverless`, {accept: 'application/vnd.atlas.2024-08-05+json'})).status).toBe(406)
  })
})

describe('readFleet, over serve and locally', () => {
  it('reads every page of every project: the same fleet both ways, projects as listed, clusters by name', async () => {
    const progress: Array<[number, number]> = []
    const options = {concurrency: 2, itemsPerPage: 2}
    const remote = await readFleet(cloud, {allProjects: true}, {...options, onProgress: (done, total) => progress.push([done, total])})
    const here = await readFleet(local, {allProjects: true}, options)
    expect(remote.failures).toEqual([])
    expect(withoutLinks(remote)).toEqual(withoutLinks(here))
    expect(remote.projects.map((p) => [p.name, p.clusters.map((c) => c.name), p.serverlessInstances.map((i) => i.name)])).toEqual([
      ['Demo Project', ['Cluster0', 'Free0', 'MultiRegion0', 'NVMe0', 'Sharded0', 'Shared0'], ['Serverless0', 'Serverless1']],
      ['Payments', ['Pay0', 'Pay1', 'Pay2'], ['PaySrv']],
      ['Empty', [], []],
    ])
    expect(progress).toEqual([[0, 3], [1, 3], [2, 3], [3, 3]])
  })

  it('one project: its clusters, named by its id; an unknown one is a failure with Atlas\'s code, not a throw', async () => {
    const one = await readFleet(cloud, {groupId: payments}, {concurrency: 4, itemsPerPage: 2})
    expect(one.projects.map((p) => [p.groupId, p.name, p.clusters.length, p.serverlessInstances.length])).toEqual([[payments, payments, 3, 1]])
    const unknown = '0123456789abcdef01234567'
    const missing = await readFleet(cloud, {groupId: unknown}, {concurrency: 4})
    expect(missing).toEqual({projects: [], failures: [{groupId: unknown, reason: `404 GROUP_NOT_FOUND: No group with ID ${unknown} exists.`}]})
  })
})
