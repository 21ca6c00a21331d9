import {describe, expect, test} from 'vitest'

import {clusterIdFor, demoCreationTime} from '../../../src/lib/backends/local/fleet.js'
import {iso} from '../../helpers/values.js'
import {atlasError, GROUP, localWorld, START} from './harness.js'

/**
 * Pages of the local backend's lists (snapshots, serverless snapshots, clusters): which items each page holds, in
 * what order, its links and totalCount, as Atlas pages them (newest snapshot first, `previous`/`self`/`next` links).
 */

const BASE = 'http://127.0.0.1:8080'
const SNAPSHOTS = `/api/atlas/v2/groups/${GROUP}/clusters/Cluster0/backup/snapshots`
const CLUSTERS = `/api/atlas/v2/groups/${GROUP}/clusters`
const query = (includeCount: boolean, pageNum: number, itemsPerPage: number) => `?includeCount=${includeCount}&pageNum=${pageNum}&itemsPerPage=${itemsPerPage}`
const self = (path: string, q: string) => ({href: `${BASE}${path}${q}`, rel: 'self'})
const previous = (path: string, q: string) => ({href: `${BASE}${path}${q}`, rel: 'previous'})
const next = (path: string, q: string) => ({href: `${BASE}${path}${q}`, rel: 'next'})

describe('snapshot pages', () => {
  test('without a page request: every snapshot, newest first, on one page of 100', async () => {
    const world = localWorld()
    const page = await world.backend.listSnapshots(GROUP, 'Cluster0')
    // 2 days of hourly (8), 6 dailies, 4 weeklies, 10 month ends still kept (June 15 back to the first month end kept).
    expect(page.totalCount).toBe(28)
    expect(page.results).toHaveLength(28)
    expect(page.links).toEqual([self(SNAPSHOTS, query(true, 1, 100))])
    const created = page.results.map((s) => iso(s.createdAt!))
    expect(created).toEqual([...created].sort((a, b) => b - a))
    expect(new Set(page.results.map((s) => s.id)).size).toBe(28)
    await world.backend.close()
  })

  test('pages of 10: 10, 10 and 8 snapshots in list order, with previous and next links where they exist', async () => {
    const world = localWorld()
    const all = (await world.backend.listSnapshots(GROUP, 'Cluster0')).results.map((s) => s.id)
    const pages = []
    for (const pageNum of [1, 2, 3]) pages.push(await world.backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 10, pageNum}))
    expect(pages.map((p) => p.results.map((s) => s.id))).toEqual([all.slice(0, 10), all.slice(10, 20), all.slice(20)])
    expect(pages.map((p) => p.totalCount)).toEqual([28, 28, 28])
    expect(pages[0]!.links).toEqual([self(SNAPSHOTS, query(true, 1, 10)), next(SNAPSHOTS, query(true, 2, 10))])
    expect(pages[1]!.links).toEqual([previous(SNAPSHOTS, query(true, 1, 10)), self(SNAPSHOTS, query(true, 2, 10)), next(SNAPSHOTS, query(true, 3, 10))])
    expect(pages[2]!.links).toEqual([previous(SNAPSHOTS, query(true, 2, 10)), self(SNAPSHOTS, query(true, 3, 10))])
    await world.backend.close()
  })

  test('a last page that ends exactly at the total has no next link', async () => {
    const world = localWorld()
    const page = await world.backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 14, pageNum: 2})
    expect(page.results).toHaveLength(14)
    expect(page.links).toEqual([previous(SNAPSHOTS, query(true, 1, 14)), self(SNAPSHOTS, query(true, 2, 14))])
    await world.backend.close()
  })

  test('a page past the end is empty but still counts the whole list, even far past it', async () => {
    const world = localWorld()
    const past = await world.backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 10, pageNum: 4})
    expect(past).toEqual({links: [previous(SNAPSHOTS, query(true, 3, 10)), self(SNAPSHOTS, query(true, 4, 10))], results: [], totalCount: 28})
    const far = await world.backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 500, pageNum: 2 ** 50})
    expect(far.results).toEqual([])
    expect(far.totalCount).toBe(28)
    // An offset past 2^63 cannot be bound as an SQLite integer: the page is known empty without asking.
    const beyond = await world.backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 2 ** 40, pageNum: 2 ** 40})
    expect(beyond.results).toEqual([])
    expect(beyond.totalCount).toBe(28)
    await world.backend.close()
  })

  test('includeCount=false leaves totalCount out, says so in the links, and still pages', async () => {
    const world = localWorld()
    const page = await world.backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 5, pageNum: 2, includeCount: false})
    expect('totalCount' in page).toBe(false)
    expect(page.results).toHaveLength(5)
    expect(page.links).toEqual([previous(SNAPSHOTS, query(false, 1, 5)), self(SNAPSHOTS, query(false, 2, 5)), next(SNAPSHOTS, query(false, 3, 5))])
    await world.backend.close()
  })

  test('includeCount=true is the same as leaving it out', async () => {
    const world = localWorld()
    expect(await world.backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 3, includeCount: true})).toEqual(await world.backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 3}))
    await world.backend.close()
  })

  test('snapshots fired at the same instant are listed by id, highest first', async () => {
    const world = localWorld()
    const page = await world.backend.listSnapshots(GROUP, 'Sharded0', {itemsPerPage: 500})
    const keys = page.results.map((s) => [iso(s.createdAt!), s.id] as const)
    const sorted = [...keys].sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? 1 : -1))
    expect(keys).toEqual(sorted)
    await world.backend.close()
  })

  test('serverless snapshots page the same way, under the serverless path', async () => {
    const world = localWorld()
    const path = `/api/atlas/v2/groups/${GROUP}/serverless/Serverless1/backup/snapshots`
    const all = (await world.backend.listServerlessSnapshots(GROUP, 'Serverless1', {itemsPerPage: 500})).results.map((s) => s.id)
    const page = await world.backend.listServerlessSnapshots(GROUP, 'Serverless1', {itemsPerPage: 4, pageNum: 3})
    expect(page.results.map((s) => s.id)).toEqual(all.slice(8, 12))
    expect(page.totalCount).toBe(all.length)
    expect(page.links).toEqual([previous(path, query(true, 2, 4)), self(path, query(true, 3, 4)), next(path, query(true, 4, 4))])
    await world.backend.close()
  })
})

describe('cluster pages', () => {
  // Serverless instances are not clusters; names sort as SQLite compares bytes (Sharded0 before Shared0).
  const NAMES = ['Cluster0', 'Free0', 'MultiRegion0', 'NVMe0', 'Sharded0', 'Shared0']

  test('lists the project\'s clusters by name, without the serverless instances', async () => {
    const world = localWorld()
    const page = await world.backend.listClusters(GROUP)
    expect(page.results.map((c) => c.name)).toEqual(NAMES)
    expect(page.totalCount).toBe(6)
    expect(page.links).toEqual([self(CLUSTERS, query(true, 1, 100))])
    await world.backend.close()
  })

  test('pages of 4: the last 2 on page 2, and includeCount=false drops the count', async () => {
    const world = localWorld()
    const second = await world.backend.listClusters(GROUP, {itemsPerPage: 4, pageNum: 2, includeCount: false})
    expect(second.results.map((c) => c.name)).toEqual(NAMES.slice(4))
    expect(second.links).toEqual([previous(CLUSTERS, query(false, 1, 4)), self(CLUSTERS, query(false, 2, 4))])
    expect('totalCount' in second).toBe(false)
    const first = await world.backend.listClusters(GROUP, {itemsPerPage: 4})
    expect(first.results.map((c) => c.name)).toEqual(NAMES.slice(0, 4))
    expect(first.links).toEqual([self(CLUSTERS, query(true, 1, 4)), next(CLUSTERS, query(true, 2, 4))])
    await world.backend.close()
  })

  test('an unknown project is GROUP_NOT_FOUND', async () => {
    const world = localWorld()
    const missing = 'bbbbbbbbbbbbbbbbbbbbbbbb'
    expect(await atlasError(world.backend.listClusters(missing))).toMatchObject({status: 404, errorCode: 'GROUP_NOT_FOUND', parameters: [missing]})
    expect(await atlasError(world.backend.listSnapshots(missing, 'Cluster0'))).toMatchObject({status: 404, errorCode: 'GROUP_NOT_FOUND'})
    await world.backend.close()
  })
})

describe('cluster descriptions', () => {
  const createDate = new Date(demoCreationTime(START)).toISOString().replace('.000Z', 'Z')

  test('Cluster0: a dedicated replica set in one region, with its links and PIT on', async () => {
    const world = localWorld()
    const id = clusterIdFor(GROUP, 'Cluster0', demoCreationTime(START))
    const path = `${CLUSTERS}/Cluster0`
    expect(await world.backend.getCluster(GROUP, 'Cluster0')).toEqual({
      backupEnabled: true,
      clusterType: 'REPLICASET',
      createDate,
      encryptionAtRestProvider: 'NONE',
      groupId: GROUP,
      id,
      links: [
        {href: `${BASE}${path}`, rel: 'self'},
        {href: `${BASE}${path}/backup/restoreJobs`, rel: 'https://cloud.mongodb.com/restoreJobs'},
        {href: `${BASE}${path}/backup/snapshots`, rel: 'https://cloud.mongodb.com/snapshots'},
      ],
      mongoDBMajorVersion: '8.0',
      mongoDBVersion: '8.0.29',
      name: 'Cluster0',
      paused: false,
      pitEnabled: true,
      replicationSpecs: [
        {
          id: `${id.slice(0, 20)}0000`,
          regionConfigs: [{electableSpecs: {diskSizeGB: 40, instanceSize: 'M10', nodeCount: 3}, priority: 7, providerName: 'AWS', regionName: 'US_EAST_1'}],
          zoneId: `${id.slice(0, 20)}ffff`,
          zoneName: 'Zone 1',
        },
      ],
      stateName: 'IDLE',
    })
    await world.backend.close()
  })

  test('Shared0 and Free0 are tenants of their provider; only Free0 has no backup and neither has PIT', async () => {
    const world = localWorld()
    const shared = await world.backend.getCluster(GROUP, 'Shared0')
    expect(shared.backupEnabled).toBe(true)
    expect(shared.pitEnabled).toBe(false)
    expect(shared.replicationSpecs![0]!.regionConfigs).toEqual([
      {backingProviderName: 'AWS', electableSpecs: {diskSizeGB: expect.any(Number), instanceSize: 'M2'}, priority: 7, providerName: 'TENANT', regionName: 'US_EAST_1'},
    ])
    const free = await world.backend.getCluster(GROUP, 'Free0')
    expect(free.backupEnabled).toBe(false)
    expect(free.replicationSpecs![0]!.regionConfigs).toEqual([
      {backingProviderName: 'AWS', electableSpecs: {diskSizeGB: expect.any(Number), instanceSize: 'M0'}, priority: 7, providerName: 'TENANT', regionName: 'US_EAST_1'},
    ])
    await world.backend.close()
  })

  test('Sharded0 has one replication spec per shard; MultiRegion0 one region config per region', async () => {
    const world = localWorld()
    const sharded = await world.backend.getCluster(GROUP, 'Sharded0')
    const id = sharded.id!
    expect(sharded.clusterType).toBe('SHARDED')
    expect(sharded.pitEnabled).toBe(false)
    expect(sharded.replicationSpecs!.map((spec) => [spec.id, spec.zoneId])).toEqual([
      [`${id.slice(0, 20)}0000`, `${id.slice(0, 20)}ffff`],
      [`${id.slice(0, 20)}0001`, `${id.slice(0, 20)}ffff`],
    ])
    const multi = await world.backend.getCluster(GROUP, 'MultiRegion0')
    expect(multi.replicationSpecs![0]!.regionConfigs!.map((r) => [r.regionName, r.priority, r.electableSpecs?.nodeCount])).toEqual([
      ['US_EAST_1', 7, 2],
      ['US_EAST_2', 6, 2],
      ['US_WEST_2', 5, 1],
    ])
    await world.backend.close()
  })
})
