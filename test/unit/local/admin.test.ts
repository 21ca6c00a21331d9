import {existsSync, writeFileSync} from 'node:fs'

import {describe, expect, test} from 'vitest'

import {
  changeClock,
  createCluster,
  deleteCluster,
  explainSnapshot,
  listFleet,
  listNodes,
  requireProjectExists,
  resetStore,
  setNodeHealth,
  storageEvent,
  storeStatus,
} from '../../../src/lib/backends/local/admin.js'
import {freezeClockAt, setClock} from '../../../src/lib/backends/local/clock.js'
import type {LocalBackend} from '../../../src/lib/backends/local/local-backend.js'
import {storePath} from '../../../src/lib/backends/local/store.js'
import {failure} from '../../helpers/rejection.js'
import {iso} from '../../helpers/values.js'
import {GROUP, localWorld, WALL} from './harness.js'

const HOUR = 3_600_000
const OTHER_PROJECT = '0123456789abcdef01234567'


function frozen(at: number = WALL): {backend: LocalBackend; home: string; wall: number} {
  const h = localWorld(WALL)
  changeClock(h.backend, (state) => freezeClockAt(state, at))
  return h
}

function moveClock(backend: LocalBackend, to: number): void {
  changeClock(backend, (state, wall) => setClock(state, to, wall))
}

async function newestMember(backend: LocalBackend, cluster: string) {
  const page = await backend.listSnapshots(GROUP, cluster)
  return explainSnapshot(backend, page.results[0]!.id as string)
}

describe('local clusters (listFleet, createCluster, deleteCluster)', () => {
  test('an unknown project is GROUP_NOT_FOUND for every project-scoped operation', () => {
    const {backend} = frozen()
    for (const work of [
      () => listFleet(backend, OTHER_PROJECT),
      () => createCluster(backend, OTHER_PROJECT, {name: 'x'}),
      () => deleteCluster(backend, OTHER_PROJECT, 'Cluster0'),
      () => listNodes(backend, OTHER_PROJECT),
      () => setNodeHealth(backend, OTHER_PROJECT, 'h', false),
      () => requireProjectExists(backend, OTHER_PROJECT),
    ]) {
      const error = failure(work)
      expect([error.status, error.errorCode, error.detail]).toEqual([404, 'GROUP_NOT_FOUND', `No group with ID ${OTHER_PROJECT} exists.`])
    }
    expect(() => requireProjectExists(backend, GROUP)).not.toThrow()
    expect(listFleet(backend, GROUP).map((c) => c.name)).toEqual(listFleet(backend).map((c) => c.name))
  })

  test('a new cluster is created at the virtual now with the default policy, and listed with no snapshot yet', async () => {
    const {backend} = frozen()
    const created = createCluster(backend, GROUP, {name: 'Orders', tier: 'M30', shards: 3, regions: [{regionName: 'US_EAST_1', nodeCount: 2}, {regionName: 'EU_WEST_1', nodeCount: 1}]})
    expect(created).toEqual({
      name: 'Orders',
      projectId: GROUP,
      kind: 'dedicated',
      tier: 'M30',
      provider: 'AWS',
      clusterType: 'SHARDED',
      regions: 'US_EAST_1:2:7,EU_WEST_1:1:6',
      shards: 3,
      nvme: false,
      backupEnabled: true,
      continuousBackup: false,
      paused: false,
      mongoDBVersion: '8.0.29',
      createdAt: '2026-06-10T10:00:00Z',
      snapshots: 0,
    })
    expect(listFleet(backend).find((c) => c.name === 'Orders')).toEqual(created)
    // Its first scheduled snapshot falls due at the next 18:00 UTC firing (rule table 1.3).
    moveClock(backend, iso('2026-06-10T17:59:59Z'))
    expect(listFleet(backend).find((c) => c.name === 'Orders')!.snapshots).toBe(0)
    moveClock(backend, iso('2026-06-10T18:00:00Z'))
    expect(listFleet(backend).find((c) => c.name === 'Orders')!.snapshots).toBe(1)
    const schedule = await backend.getSchedule(GROUP, 'Orders')
    expect(schedule.policies[0]!.policyItems.map((i) => i.frequencyType)).toEqual(['daily', 'weekly', 'monthly'])
  })

  test('a serverless instance is listed with cluster type SERVERLESS', () => {
    const {backend} = frozen()
    expect(createCluster(backend, GROUP, {name: 'Sv', tier: 'SERVERLESS'})).toMatchObject({kind: 'serverless', clusterType: 'SERVERLESS', shards: 0})
  })

  test('an invalid or taken name is refused with the Atlas error, and nothing is created', () => {
    const {backend} = frozen()
    const invalid = failure(() => createCluster(backend, GROUP, {name: '-bad'}))
    expect([invalid.status, invalid.errorCode, invalid.detail, invalid.parameters]).toEqual([
      400,
      'INVALID_CLUSTER_NAME',
      'Cluster name -bad is invalid: use letters, digits and hyphens, starting with a letter or digit.',
      ['-bad'],
    ])
    const taken = failure(() => createCluster(backend, GROUP, {name: 'Cluster0', tier: 'M30'}))
    expect([taken.status, taken.errorCode, taken.detail, taken.parameters]).toEqual([
      400,
      'DUPLICATE_CLUSTER_NAME',
      `A cluster named Cluster0 already exists in group ${GROUP}.`,
      ['Cluster0', GROUP],
    ])
    expect(listFleet(backend)).toHaveLength(8)
    expect(listFleet(backend).find((c) => c.name === 'Cluster0')!.tier).toBe('M10')
  })

  test('deleting a cluster deletes its snapshots at once (rule 55); an unknown one is CLUSTER_NOT_FOUND', async () => {
    const {backend} = frozen()
    const page = await backend.listSnapshots(GROUP, 'Cluster0')
    const id = page.results[0]!.id as string
    deleteCluster(backend, GROUP, 'Cluster0')
    expect(listFleet(backend).map((c) => c.name)).not.toContain('Cluster0')
    expect(backend.database().prepare('SELECT COUNT(*) AS n FROM snapshots WHERE id = ?').get(id)).toEqual({n: 0})
    const error = failure(() => deleteCluster(backend, GROUP, 'Cluster0'))
    expect([error.status, error.errorCode, error.detail]).toEqual([404, 'CLUSTER_NOT_FOUND', `No cluster named Cluster0 exists in group ${GROUP}.`])
  })
})

describe('local nodes (listNodes, setNodeHealth)', () => {
  test('lists every node of the project but serverless ones; a sharded cluster includes its config server', () => {
    const {backend} = frozen()
    const all = listNodes(backend, GROUP)
    expect([...new Set(all.map((n) => n.cluster))]).toEqual(['Cluster0', 'Free0', 'MultiRegion0', 'NVMe0', 'Sharded0', 'Shared0'])
    expect(all).toHaveLength(3 + 3 + 5 + 3 + 9 + 3)
    const sharded = listNodes(backend, GROUP, 'Sharded0')
    expect(sharded.map((n) => n.replicaSet)).toEqual([...Array(3).fill('Sharded0-shard-0'), ...Array(3).fill('Sharded0-shard-1'), ...Array(3).fill('Sharded0-config-0')])
    expect(sharded[6]).toEqual({
      cluster: 'Sharded0',
      replicaSet: 'Sharded0-config-0',
      hostname: 'sharded0-config-00-00.1afc1.mongodb.net',
      region: 'US_EAST_1',
      regionPriority: 7,
      memberPriority: 7,
      state: 'PRIMARY',
      healthy: true,
    })
    expect(listNodes(backend, GROUP, 'MultiRegion0').map((n) => `${n.region}:${n.regionPriority}:${n.state}`)).toEqual([
      'US_EAST_1:7:PRIMARY',
      'US_EAST_1:7:SECONDARY',
      'US_EAST_2:6:SECONDARY',
      'US_EAST_2:6:SECONDARY',
      'US_WEST_2:5:SECONDARY',
    ])
    expect(failure(() => listNodes(backend, GROUP, 'Serverless0')).errorCode).toBe('CLUSTER_NOT_FOUND')
  })

  test('an unknown host is HOST_NOT_FOUND', () => {
    const {backend} = frozen()
    const error = failure(() => setNodeHealth(backend, GROUP, 'nowhere.mongodb.net', false))
    expect([error.status, error.errorCode, error.detail, error.parameters]).toEqual([
      404,
      'HOST_NOT_FOUND',
      `No host named nowhere.mongodb.net exists in group ${GROUP}.`,
      ['nowhere.mongodb.net', GROUP],
    ])
  })

  test('a config server node can be marked unhealthy, and is listed so', () => {
    const {backend} = frozen()
    const host = 'sharded0-config-00-01.1afc1.mongodb.net'
    expect(setNodeHealth(backend, GROUP, host, false)).toMatchObject({cluster: 'Sharded0', replicaSet: 'Sharded0-config-0', hostname: host, healthy: false})
    expect(listNodes(backend, GROUP, 'Sharded0').filter((n) => !n.healthy).map((n) => n.hostname)).toEqual([host])
  })

  test('an unhealthy node is skipped from the next snapshot on; snapshots already fired keep their node (rule table 1.7)', async () => {
    const {backend} = frozen()
    const before = await newestMember(backend, 'Cluster0')
    const holder = 'cluster0-shard-00-01.ed0fe.mongodb.net'
    expect([before.requestedAt, before.members[0]!.hostname, before.members[0]!.copy]).toEqual(['2026-06-10T06:00:00Z', holder, 'incremental'])
    // The 12:00 firing happens before the node goes down: the cluster is brought up to now first.
    moveClock(backend, iso('2026-06-10T12:30:00Z'))
    expect(setNodeHealth(backend, GROUP, holder, false)).toMatchObject({hostname: holder, healthy: false, state: 'SECONDARY'})
    const noon = await newestMember(backend, 'Cluster0')
    expect([noon.requestedAt, noon.members[0]!.hostname, noon.members[0]!.copy]).toEqual(['2026-06-10T12:00:00Z', holder, 'incremental'])
    moveClock(backend, iso('2026-06-10T18:30:00Z'))
    const evening = await newestMember(backend, 'Cluster0')
    expect(evening.requestedAt).toBe('2026-06-10T18:00:00Z')
    expect(evening.members[0]!.hostname).toBe('cluster0-shard-00-02.ed0fe.mongodb.net')
    expect(evening.members[0]!.copy).toBe('full')
    expect(evening.members[0]!.skipped).toContainEqual(expect.objectContaining({hostname: holder}))
    // Healthy again: the node is a candidate again.
    expect(setNodeHealth(backend, GROUP, holder, true).healthy).toBe(true)
  })

  test('with every node down the next snapshot fails with no member host', async () => {
    const {backend} = frozen()
    for (const n of [0, 1, 2]) setNodeHealth(backend, GROUP, `cluster0-shard-00-0${n}.ed0fe.mongodb.net`, false)
    moveClock(backend, iso('2026-06-10T12:30:00Z'))
    const noon = await newestMember(backend, 'Cluster0')
    expect(noon.requestedAt).toBe('2026-06-10T12:00:00Z')
    expect(noon.status).toBe('failed')
    expect(noon.members[0]).toMatchObject({hostname: undefined, sizeBytes: 0})
  })
})

describe('local clusters storage-event', () => {
  test('every volume of the cluster becomes invalid, and the next snapshot is a full copy in the primary region', async () => {
    const {backend} = frozen()
    await backend.listSnapshots(GROUP, 'Sharded0')
    const result = storageEvent(backend, GROUP, 'Sharded0', 'maintenance')
    expect(result.cluster).toBe('Sharded0')
    expect(result.event).toBe('maintenance')
    expect(result.volumes.map((v) => [v.replicaSet, v.valid])).toEqual([
      ['Sharded0-shard-0', false],
      ['Sharded0-shard-1', false],
      ['Sharded0-config-0', false],
    ])
    expect(result.volumes.every((v) => typeof v.hostname === 'string' && v.hostname.startsWith('sharded0-'))).toBe(true)
    moveClock(backend, iso('2026-06-10T18:30:00Z'))
    const next = await newestMember(backend, 'Sharded0')
    expect(next.requestedAt).toBe('2026-06-10T18:00:00Z')
    expect(next.members.map((m) => m.copy)).toEqual(['full', 'full', 'full'])
  })

  test('a cluster that never snapshotted has no volume to invalidate', () => {
    const {backend} = frozen()
    createCluster(backend, GROUP, {name: 'Fresh'})
    expect(storageEvent(backend, GROUP, 'Fresh', 'tierChange').volumes).toEqual([])
  })

  test('a free cluster has no backup, so however long it runs it never has a volume', () => {
    const {backend} = frozen()
    moveClock(backend, WALL + 3 * 24 * HOUR)
    expect(storageEvent(backend, GROUP, 'Free0', 'maintenance').volumes).toEqual([])
  })
})

describe('local snapshots explain', () => {
  test('gives the timeline, expiry and member of a scheduled snapshot', async () => {
    const {backend} = frozen()
    const explained = await newestMember(backend, 'Cluster0')
    expect(explained).toMatchObject({
      cluster: 'Cluster0',
      snapshotType: 'scheduled',
      frequencyType: 'hourly',
      status: 'completed',
      requestedAt: '2026-06-10T06:00:00Z',
      startedAt: '2026-06-10T06:00:03Z',
      finishesAt: '2026-06-10T06:00:12Z',
      expiresAt: '2026-06-12T06:00:00Z',
    })
    expect(explained.policyItemId).toMatch(/^[0-9a-f]{24}$/)
    expect(explained.members).toEqual([
      {
        replicaSetName: 'Cluster0',
        hostname: 'cluster0-shard-00-01.ed0fe.mongodb.net',
        copy: 'incremental',
        sizeBytes: 80530637,
        reasons: [
          'single-region cluster: secondary, member priority, incremental, hostname',
          'cluster0-shard-00-01.ed0fe.mongodb.net is favoured over cluster0-shard-00-02.ed0fe.mongodb.net: it holds the snapshot volume, so the copy is incremental',
        ],
        skipped: [],
      },
    ])
  })

  test('an unknown snapshot id is SNAPSHOT_NOT_FOUND', () => {
    const {backend} = frozen()
    const error = failure(() => explainSnapshot(backend, 'ffffffffffffffffffffffff'))
    expect([error.status, error.errorCode, error.detail]).toEqual([404, 'SNAPSHOT_NOT_FOUND', 'No snapshot with ID ffffffffffffffffffffffff exists in the local emulator.'])
    expect(error.parameters).toEqual(['ffffffffffffffffffffffff'])
  })

  test('names the cluster the snapshot belongs to, whichever cluster of the store that is', async () => {
    const {backend} = frozen()
    for (const name of ['Cluster0', 'Shared0', 'Sharded0']) expect((await newestMember(backend, name)).cluster, name).toBe(name)
  })
})

describe('local status and reset', () => {
  test('status names the store, the clock and each project with its counts, after catching every cluster up', () => {
    const h = frozen()
    expect(storeStatus(h.backend)).toEqual({
      store: storePath(h.home),
      now: '2026-06-10T10:00:00Z',
      frozen: true,
      offsetMs: 0,
      projects: [{id: GROUP, name: 'Demo Project', clusters: 8, snapshots: 150}],
    })
  })

  test('status of a running clock shows its offset', () => {
    const h = localWorld(WALL)
    moveClock(h.backend, WALL + HOUR)
    expect(storeStatus(h.backend)).toMatchObject({now: '2026-06-10T11:00:00Z', frozen: false, offsetMs: HOUR})
  })

  test('reset removes the store and its WAL files, even a corrupt one, and says which', async () => {
    const h = frozen()
    await h.backend.close()
    const path = storePath(h.home)
    writeFileSync(`${path}-wal`, 'x')
    writeFileSync(`${path}-shm`, 'x')
    expect(resetStore(h.home)).toBe(path)
    for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(existsSync(file)).toBe(false)
    writeFileSync(path, 'not a database')
    expect(resetStore(h.home)).toBe(path)
    expect(existsSync(path)).toBe(false)
  })
})
