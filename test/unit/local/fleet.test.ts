import {createHash} from 'node:crypto'

import {describe, expect, test} from 'vitest'

import {
  buildClusterSpec,
  clusterIdFor,
  DEFAULT_MONGODB_VERSION,
  DEMO_HISTORY_MS,
  DEMO_PROJECT_ID,
  DEMO_PROJECT_NAME,
  demoCreationTime,
  isValidClusterName,
} from '../../../src/lib/backends/local/fleet.js'
import {deterministicObjectId} from '../../../src/lib/domain/ids.js'
import {iso} from '../../helpers/values.js'

const GIB = 1024 ** 3
/** The host suffix Atlas-like hostnames carry: the first 5 hex digits of the cluster name's SHA-1. */
const suffix = (name: string): string => createHash('sha1').update(name).digest('hex').slice(0, 5)

describe('cluster names', () => {
  test.each([
    ['a', true],
    ['Cluster0', true],
    ['0-a-b', true],
    ['a'.repeat(64), true],
    ['a'.repeat(65), false],
    ['', false],
    ['-a', false],
    ['a_b', false],
    ['a b', false],
    ['ab\n', false],
  ])('isValidClusterName(%j) is %s', (name, valid) => {
    expect(isValidClusterName(name)).toBe(valid)
  })
})

describe('a cluster spec from a creation request', () => {
  test('defaults: M10 on AWS, 3 nodes in US_EAST_1 at priority 7, the first one primary', () => {
    const s = suffix('Orders')
    expect(buildClusterSpec({name: 'Orders'})).toEqual({
      kind: 'dedicated',
      tier: 'M10',
      provider: 'AWS',
      mongoDBVersion: DEFAULT_MONGODB_VERSION,
      continuousBackup: false,
      nvme: false,
      clusterType: 'REPLICASET',
      regions: [{regionName: 'US_EAST_1', nodeCount: 3, priority: 7}],
      replicaSets: [
        {
          name: 'Orders',
          nodes: [0, 1, 2].map((n) => ({
            hostname: `orders-shard-00-0${n}.${s}.mongodb.net`,
            regionName: 'US_EAST_1',
            regionPriority: 7,
            memberPriority: 7,
            state: n === 0 ? 'PRIMARY' : 'SECONDARY',
            healthy: true,
          })),
        },
      ],
      configServer: undefined,
      dataSizeBytes: Math.round(2.5 * GIB),
      diskSizeGB: 40,
    })
    expect(DEFAULT_MONGODB_VERSION).toBe('8.0.29')
  })

  test.each([
    ['AZURE', 'US_EAST_2'],
    ['GCP', 'CENTRAL_US'],
  ] as const)('the default region of %s is %s', (provider, region) => {
    expect(buildClusterSpec({name: 'x', provider}).regions).toEqual([{regionName: region, nodeCount: 3, priority: 7}])
  })

  test('an empty region list means the default region', () => {
    expect(buildClusterSpec({name: 'x', regions: []}).regions).toEqual([{regionName: 'US_EAST_1', nodeCount: 3, priority: 7}])
  })

  test('several regions: 2 nodes each by default, priorities 7, 6, 5 …, names upper-cased, node numbers run on', () => {
    const spec = buildClusterSpec({name: 'Geo', tier: 'm30', regions: [{regionName: 'us_east_1'}, {regionName: 'EU_WEST_1', nodeCount: 1}, {regionName: 'AP_SOUTH_1', priority: 2}]})
    expect(spec.tier).toBe('M30')
    expect(spec.regions).toEqual([
      {regionName: 'US_EAST_1', nodeCount: 2, priority: 7},
      {regionName: 'EU_WEST_1', nodeCount: 1, priority: 6},
      {regionName: 'AP_SOUTH_1', nodeCount: 2, priority: 2},
    ])
    expect(spec.replicaSets[0]!.nodes.map((n) => [n.hostname.split('.')[0], n.regionName, n.regionPriority, n.memberPriority, n.state])).toEqual([
      ['geo-shard-00-00', 'US_EAST_1', 7, 7, 'PRIMARY'],
      ['geo-shard-00-01', 'US_EAST_1', 7, 7, 'SECONDARY'],
      ['geo-shard-00-02', 'EU_WEST_1', 6, 6, 'SECONDARY'],
      ['geo-shard-00-03', 'AP_SOUTH_1', 2, 2, 'SECONDARY'],
      ['geo-shard-00-04', 'AP_SOUTH_1', 2, 2, 'SECONDARY'],
    ])
  })

  test('a single region given without a node count gets 3 nodes', () => {
    expect(buildClusterSpec({name: 'x', regions: [{regionName: 'EU_WEST_1', priority: 5}]}).regions).toEqual([{regionName: 'EU_WEST_1', nodeCount: 3, priority: 5}])
  })

  test('a sharded cluster: one replica set per shard and a config server, each named and numbered', () => {
    const s = suffix('Big')
    const spec = buildClusterSpec({name: 'Big', tier: 'M30', shards: 2, regions: [{regionName: 'US_EAST_1', nodeCount: 1}]})
    expect(spec.clusterType).toBe('SHARDED')
    expect(spec.replicaSets.map((set) => [set.name, set.nodes.map((n) => n.hostname)])).toEqual([
      ['Big-shard-0', [`big-shard-00-00.${s}.mongodb.net`]],
      ['Big-shard-1', [`big-shard-01-00.${s}.mongodb.net`]],
    ])
    expect(spec.configServer).toEqual({
      name: 'Big-config-0',
      nodes: [{hostname: `big-config-00-00.${s}.mongodb.net`, regionName: 'US_EAST_1', regionPriority: 7, memberPriority: 7, state: 'PRIMARY', healthy: true}],
    })
  })

  test('a negative shard count is a replica set', () => {
    const spec = buildClusterSpec({name: 'x', shards: -3})
    expect(spec.clusterType).toBe('REPLICASET')
    expect(spec.replicaSets.map((set) => set.name)).toEqual(['x'])
    expect(spec.configServer).toBeUndefined()
  })

  test('shared, flex and serverless tiers: one region of 3 nodes, no shards, no NVMe, no PIT (serverless keeps its continuous backup)', () => {
    const request = {
      name: 'T',
      regions: [{regionName: 'EU_WEST_1', nodeCount: 1, priority: 3}, {regionName: 'US_EAST_1'}],
      shards: 2,
      nvme: true,
      continuousBackup: true,
      mongoDBVersion: '7.0.1',
    }
    const shared = buildClusterSpec({...request, tier: 'M2'})
    expect(shared).toMatchObject({kind: 'shared', tier: 'M2', clusterType: 'REPLICASET', nvme: false, continuousBackup: false, mongoDBVersion: '7.0.1'})
    expect(shared.regions).toEqual([{regionName: 'EU_WEST_1', nodeCount: 3, priority: 3}])
    expect(shared.replicaSets).toHaveLength(1)
    expect(shared.configServer).toBeUndefined()
    expect(buildClusterSpec({...request, tier: 'FLEX'})).toMatchObject({kind: 'flex', continuousBackup: false, nvme: false})
    expect(buildClusterSpec({...request, tier: 'SERVERLESS'})).toMatchObject({kind: 'serverless', continuousBackup: true, nvme: false, clusterType: 'REPLICASET'})
    expect(buildClusterSpec({...request, tier: 'M0'})).toMatchObject({kind: 'free', continuousBackup: false})
  })

  test('continuous backup on a dedicated cluster only when asked', () => {
    expect(buildClusterSpec({name: 'x', continuousBackup: true}).continuousBackup).toBe(true)
    expect(buildClusterSpec({name: 'x', tier: 'SERVERLESS'}).continuousBackup).toBe(false)
  })

  test('NVMe: an _NVME tier, or a dedicated tier with nvme asked for', () => {
    expect(buildClusterSpec({name: 'x', tier: 'M40_NVME'}).nvme).toBe(true)
    expect(buildClusterSpec({name: 'x', tier: 'M40', nvme: true}).nvme).toBe(true)
    expect(buildClusterSpec({name: 'x', tier: 'M40'}).nvme).toBe(false)
  })

  test.each([
    ['M0', Math.round(0.2 * GIB), 10],
    ['M2', Math.round(1.5 * GIB), 10],
    ['M5', Math.round(1.5 * GIB), 20],
    ['FLEX', Math.round(1.5 * GIB), 5],
    ['SERVERLESS', 2 * GIB, 5],
    ['M10', Math.round(2.5 * GIB), 40],
    ['M30', Math.round(7.5 * GIB), 120],
    ['R40', 10 * GIB, 160],
    ['M40_NVME', 10 * GIB, 160],
  ])('tier %s holds %d bytes of data on a %d GB disk', (tier, data, disk) => {
    const spec = buildClusterSpec({name: 'x', tier})
    expect(spec.dataSizeBytes).toBe(data)
    expect(spec.diskSizeGB).toBe(disk)
  })
})

describe('the demo project', () => {
  test('is named and identified the same in every home', () => {
    expect(DEMO_PROJECT_NAME).toBe('Demo Project')
    expect(DEMO_PROJECT_ID).toBe(deterministicObjectId(Date.UTC(2026, 0, 1), 'atlas-backups demo project'))
    expect(DEMO_PROJECT_ID).toBe('6955b9008f154ac780ce4a7d')
  })

  test('its clusters were created at midnight UTC 400 days before the store', () => {
    expect(DEMO_HISTORY_MS).toBe(400 * 86_400_000)
    expect(demoCreationTime(iso('2026-06-10T23:59:59.999Z'))).toBe(iso('2025-05-06T00:00:00Z'))
    expect(demoCreationTime(iso('2026-06-10T00:00:00Z'))).toBe(iso('2025-05-06T00:00:00Z'))
  })

  test('a cluster id is derived from its project, name and creation time', () => {
    expect(clusterIdFor('p', 'c', 1000)).toBe(deterministicObjectId(1000, 'p/c'))
  })
})
