import {describe, expect, test} from 'vitest'

import {explainSnapshot} from '../../../src/lib/backends/local/admin.js'
import {clusterIdFor, demoCreationTime} from '../../../src/lib/backends/local/fleet.js'
import {deterministicObjectId} from '../../../src/lib/domain/ids.js'
import {DAY_MS} from '../../../src/lib/domain/time.js'
import {snapshotSizeBytes} from '../../../src/lib/snapshots/index.js'
import type {ReplicaSetSnapshot, ShardedClusterSnapshot, Snapshot} from '../../../src/lib/domain/types.js'
import {iso, isoText} from '../../helpers/values.js'
import {atlasError, GROUP, localWorld, type LocalWorld, snapshotIds, START} from './harness.js'

/**
 * The local backend's snapshot operations (list, get, take on demand, change retention, delete; sharded and
 * serverless), in-process on a fresh demo world at START (2026-06-15T10:30Z), asserting the stored result.
 */

const BASE = 'http://127.0.0.1:8080'
const idOf = (name: string) => clusterIdFor(GROUP, name, demoCreationTime(START))
/** A well-formed id that names no snapshot. */
const UNKNOWN_ID = 'aaaaaaaaaaaaaaaaaaaaaaaa'
/** A scheduled snapshot goes queued → inProgress after 3 s → completed after 12 s. */
const DONE_MS = 12_000

async function newestDaily(world: LocalWorld, clusterName = 'Cluster0'): Promise<Snapshot> {
  const page = await world.backend.listSnapshots(GROUP, clusterName, {itemsPerPage: 500})
  const daily = page.results.find((snapshot) => snapshot.frequencyType === 'daily')
  expect(daily).toBeDefined()
  return daily!
}

describe('GET one snapshot', () => {
  test('answers the replica-set snapshot the list shows, with its links', async () => {
    const world = localWorld()
    const daily = (await newestDaily(world)) as ReplicaSetSnapshot
    expect(daily.createdAt).toBe('2026-06-14T18:00:12Z')
    expect(daily.expiresAt).toBe('2026-06-21T18:00:00Z')
    const read = await world.backend.getSnapshot(GROUP, 'Cluster0', daily.id)
    expect(read).toEqual(daily)
    expect(read.links).toEqual([
      {href: `${BASE}/api/atlas/v2/groups/${GROUP}/clusters/Cluster0/backup/snapshots/${daily.id}`, rel: 'self'},
      {href: `${BASE}/api/atlas/v2/groups/${GROUP}/clusters/Cluster0`, rel: 'https://cloud.mongodb.com/cluster'},
    ])
    expect(Object.keys(read), 'keys in alphabetical order, as Atlas writes them').toEqual([...Object.keys(read)].sort())
    expect(read).toMatchObject({type: 'replicaSet', replicaSetName: 'Cluster0', copyRegions: [], cloudProvider: 'AWS', snapshotType: 'scheduled', status: 'completed', mongodVersion: '8.0.29'})
    expect('description' in read, 'scheduled snapshots have no description (rule 42)').toBe(false)
    await world.backend.close()
  })

  test.each([
    ['not-an-id', 404, 'INVALID_SNAPSHOT_ID', 'Invalid snapshot ID not-an-id: snapshot IDs are 24 hexadecimal characters.', ['not-an-id']],
    [UNKNOWN_ID, 404, 'SNAPSHOT_NOT_FOUND', `No snapshot with ID ${UNKNOWN_ID} exists for cluster Cluster0.`, [UNKNOWN_ID, 'Cluster0']],
  ])('%s: get, retention change and delete all refuse it (rule 53)', async (id, status, errorCode, detail, parameters) => {
    const world = localWorld()
    const expected = {status, errorCode, detail, parameters}
    expect(await atlasError(world.backend.getSnapshot(GROUP, 'Cluster0', id))).toMatchObject(expected)
    expect(await atlasError(world.backend.updateSnapshotRetention(GROUP, 'Cluster0', id, {retentionUnit: 'DAYS', retentionValue: 3}))).toMatchObject(expected)
    expect(await atlasError(world.backend.deleteSnapshot(GROUP, 'Cluster0', id))).toMatchObject(expected)
    await world.backend.close()
  })

  test('a snapshot of another cluster is not found under this one', async () => {
    const world = localWorld()
    const other = await newestDaily(world, 'MultiRegion0')
    expect(await atlasError(world.backend.getSnapshot(GROUP, 'Cluster0', other.id))).toMatchObject({errorCode: 'SNAPSHOT_NOT_FOUND', parameters: [other.id, 'Cluster0']})
    await world.backend.close()
  })

  test('Free0 has no Cloud Backup: every snapshot operation says so before looking for the snapshot (rule 80)', async () => {
    const world = localWorld()
    const expected = {status: 400, errorCode: 'PROVIDER_BACKUP_NOT_SUPPORTED', parameters: ['Free0']}
    expect(await atlasError(world.backend.listSnapshots(GROUP, 'Free0'))).toMatchObject(expected)
    expect(await atlasError(world.backend.getSnapshot(GROUP, 'Free0', UNKNOWN_ID))).toMatchObject(expected)
    expect(await atlasError(world.backend.updateSnapshotRetention(GROUP, 'Free0', UNKNOWN_ID, {retentionUnit: 'DAYS', retentionValue: 3}))).toMatchObject(expected)
    expect(await atlasError(world.backend.deleteSnapshot(GROUP, 'Free0', UNKNOWN_ID))).toMatchObject(expected)
    expect(await atlasError(world.backend.listShardedSnapshots(GROUP, 'Free0'))).toMatchObject(expected)
    expect(await atlasError(world.backend.getShardedSnapshot(GROUP, 'Free0', UNKNOWN_ID))).toMatchObject(expected)
    expect(await atlasError(world.backend.takeSnapshot(GROUP, 'Free0', {}))).toMatchObject({status: 400, errorCode: 'PROVIDER_BACKUP_NOT_SUPPORTED'})
    await world.backend.close()
  })
})

describe('on-demand snapshots', () => {
  test('queued at once, then completed, kept the requested days from completion (rules 40, 41, 46)', async () => {
    const world = localWorld()
    const taken = await world.backend.takeSnapshot(GROUP, 'Cluster0', {retentionInDays: 3, description: 'before the migration'})
    expect(taken).toMatchObject({
      id: deterministicObjectId(START, `${idOf('Cluster0')}/on-demand/1`),
      status: 'queued',
      snapshotType: 'onDemand',
      frequencyType: 'ondemand',
      description: 'before the migration',
      policyItems: [],
      storageSizeBytes: 0,
      // While unfinished, the expiry shown counts from the request.
      expiresAt: isoText(START + 3 * DAY_MS),
    })
    expect('createdAt' in taken).toBe(false)
    expect(world.backend.transact((s) => s.repo.findSnapshot(idOf('Cluster0'), taken.id))).toMatchObject({retentionUnit: 'days', retentionValue: 3, requestedAt: START})
    expect(await world.backend.getSnapshot(GROUP, 'Cluster0', taken.id)).toEqual(taken)
    expect((await snapshotIds(world, 'Cluster0'))[0], 'the newest is listed first').toBe(taken.id)
    world.setNow(START + DONE_MS)
    const done = await world.backend.getSnapshot(GROUP, 'Cluster0', taken.id)
    expect(done).toMatchObject({status: 'completed', createdAt: isoText(START + DONE_MS), expiresAt: isoText(START + DONE_MS + 3 * DAY_MS)})
    expect(done.storageSizeBytes).toBeGreaterThan(0)
    await world.backend.close()
  })

  test('what an on-demand snapshot shows while it runs: mongodVersion once started, cloudProvider from half-way (rule 46)', async () => {
    const world = localWorld()
    const taken = await world.backend.takeSnapshot(GROUP, 'Cluster0', {retentionInDays: 1})
    expect('mongodVersion' in taken || 'cloudProvider' in taken).toBe(false)
    // Queued 3 s, in progress 9 s: half-way is 7.5 s after the request.
    const shown = async (at: number) => {
      world.setNow(START + at)
      return world.backend.getSnapshot(GROUP, 'Cluster0', taken.id)
    }
    const started = await shown(3_000)
    expect(started).toMatchObject({status: 'inProgress', mongodVersion: '8.0.29', storageSizeBytes: 0})
    expect('cloudProvider' in started).toBe(false)
    expect(await shown(7_500)).toMatchObject({status: 'inProgress', cloudProvider: 'AWS'})
    await world.backend.close()
  })

  test('a completed snapshot\'s size is the sum of what each member stored', async () => {
    const world = localWorld()
    const sharded = await newestDaily(world, 'Sharded0')
    const members = explainSnapshot(world.backend, sharded.id).members
    expect(members).toHaveLength(3)
    expect(sharded.storageSizeBytes).toBe(members.reduce((sum, member) => sum + member.sizeBytes, 0))
    await world.backend.close()
  })

  test('an on-demand copy is sized by the hours since the schedule last fired (4.5 h before 10:30)', async () => {
    const world = localWorld()
    const taken = await world.backend.takeSnapshot(GROUP, 'Cluster0', {retentionInDays: 1})
    world.setNow(START + DONE_MS)
    const done = await world.backend.getSnapshot(GROUP, 'Cluster0', taken.id)
    const [member] = explainSnapshot(world.backend, taken.id).members
    // Cluster0 is an M10: 2.5 GiB of data.
    const sized = (hoursSincePrevious: number) => snapshotSizeBytes({kind: member!.copy as 'full' | 'incremental', dataSizeBytes: Math.round(2.5 * 1024 ** 3), hoursSincePrevious})
    expect(done.storageSizeBytes).toBe(sized(4.5))
    expect(sized(4.5), 'the default of 24 h would differ').not.toBe(sized(24))
    await world.backend.close()
  })

  test('without a description the answer has an empty one; without a retention it is kept 1 day (rules 41, 42)', async () => {
    const world = localWorld()
    const taken = await world.backend.takeSnapshot(GROUP, 'Cluster0', {})
    expect(taken.description).toBe('')
    world.setNow(START + DONE_MS)
    expect((await world.backend.getSnapshot(GROUP, 'Cluster0', taken.id)).expiresAt).toBe(isoText(START + DONE_MS + DAY_MS))
    await world.backend.close()
  })

  test('a second one while the first is unfinished is refused; once it completed, the next gets the next id (rule 40)', async () => {
    const world = localWorld()
    await world.backend.takeSnapshot(GROUP, 'Cluster0', {retentionInDays: 1})
    world.setNow(START + 5_000)
    expect(await atlasError(world.backend.takeSnapshot(GROUP, 'Cluster0', {retentionInDays: 1}))).toMatchObject({status: 400, errorCode: 'UNFINISHED_ON_DEMAND_SNAPSHOT'})
    world.setNow(START + DONE_MS)
    const second = await world.backend.takeSnapshot(GROUP, 'Cluster0', {retentionInDays: 1})
    expect(second.id).toBe(deterministicObjectId(START + DONE_MS, `${idOf('Cluster0')}/on-demand/2`))
    await world.backend.close()
  })

  test.each([
    ['Shared0', 'TENANT_CLUSTER_UPDATE_UNSUPPORTED'],
    ['Serverless0', 'CLUSTER_NOT_FOUND'],
  ])('%s takes none (rule 44)', async (name, errorCode) => {
    const world = localWorld()
    expect(await atlasError(world.backend.takeSnapshot(GROUP, name, {retentionInDays: 1}))).toMatchObject({errorCode})
    await world.backend.close()
  })

  test('a retention of 0 days is refused and nothing is stored (rule 41)', async () => {
    const world = localWorld()
    const before = await snapshotIds(world, 'Cluster0')
    expect(await atlasError(world.backend.takeSnapshot(GROUP, 'Cluster0', {retentionInDays: 0}))).toMatchObject({status: 400, errorCode: 'BACKUP_SNAPSHOT_RETENTION_VALUE_INVALID'})
    expect(await snapshotIds(world, 'Cluster0')).toEqual(before)
    await world.backend.close()
  })
})

describe('retention of one snapshot', () => {
  // The newest daily snapshot was created 2026-06-14T18:00:12Z.
  test.each([
    ['DAYS', 3, '2026-06-17T18:00:12Z'],
    ['WEEKS', 2, '2026-06-28T18:00:12Z'],
    ['MONTHS', 1, '2026-07-14T18:00:12Z'],
    ['YEARS', 1, '2027-06-14T18:00:12Z'],
  ] as const)('%s %i counts from the snapshot\'s creation, not from the request (rule 49)', async (retentionUnit, retentionValue, expiresAt) => {
    const world = localWorld()
    const daily = await newestDaily(world)
    const answer = await world.backend.updateSnapshotRetention(GROUP, 'Cluster0', daily.id, {retentionUnit, retentionValue})
    expect(answer).toEqual({...daily, expiresAt})
    expect(await world.backend.getSnapshot(GROUP, 'Cluster0', daily.id)).toEqual(answer)
    await world.backend.close()
  })

  test('the stored record carries the new unit, value and the edited mark (rules 34, 49)', async () => {
    const world = localWorld()
    const daily = await newestDaily(world)
    await world.backend.updateSnapshotRetention(GROUP, 'Cluster0', daily.id, {retentionUnit: 'WEEKS', retentionValue: 2})
    const stored = world.backend.transact((s) => s.repo.findSnapshot(idOf('Cluster0'), daily.id))
    expect(stored).toMatchObject({retentionUnit: 'weeks', retentionValue: 2, retentionEdited: true, expiresAt: iso('2026-06-28T18:00:12Z')})
    await world.backend.close()
  })

  test('a body without a unit is refused as an invalid unit, not a crash (rule 14)', async () => {
    const world = localWorld()
    const daily = await newestDaily(world)
    const body = undefined as unknown as {retentionUnit: 'DAYS'; retentionValue: number}
    expect(await atlasError(world.backend.updateSnapshotRetention(GROUP, 'Cluster0', daily.id, body))).toMatchObject({status: 400, errorCode: 'INVALID_ENUM_VALUE'})
    await world.backend.close()
  })

  test('a retention that ends before now deletes the snapshot at once (rules 49, 54)', async () => {
    const world = localWorld()
    const daily = (await world.backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 500})).results.filter((s) => s.frequencyType === 'daily').at(-1)!
    expect(daily.createdAt).toBe('2026-06-08T18:00:12Z')
    await world.backend.updateSnapshotRetention(GROUP, 'Cluster0', daily.id, {retentionUnit: 'DAYS', retentionValue: 1})
    expect(await atlasError(world.backend.getSnapshot(GROUP, 'Cluster0', daily.id))).toMatchObject({errorCode: 'SNAPSHOT_NOT_FOUND'})
    expect(await snapshotIds(world, 'Cluster0')).not.toContain(daily.id)
    await world.backend.close()
  })

  test('an unfinished snapshot keeps its retention (rule 49)', async () => {
    const world = localWorld()
    const taken = await world.backend.takeSnapshot(GROUP, 'Cluster0', {retentionInDays: 2})
    expect(await atlasError(world.backend.updateSnapshotRetention(GROUP, 'Cluster0', taken.id, {retentionUnit: 'DAYS', retentionValue: 9}))).toMatchObject({
      status: 400,
      errorCode: 'CANNOT_MODIFY_IN_PROGRESS_SNAPSHOT_RETENTION',
    })
    expect((await world.backend.getSnapshot(GROUP, 'Cluster0', taken.id)).expiresAt).toBe(isoText(START + 2 * DAY_MS))
    await world.backend.close()
  })

  test('a retention ending after the year 9999 is refused and the stored one kept', async () => {
    const world = localWorld()
    const daily = await newestDaily(world)
    expect(await atlasError(world.backend.updateSnapshotRetention(GROUP, 'Cluster0', daily.id, {retentionUnit: 'YEARS', retentionValue: 8000}))).toMatchObject({
      status: 400,
      errorCode: 'BACKUP_SNAPSHOT_RETENTION_VALUE_INVALID',
      parameters: [8000],
    })
    expect(await world.backend.getSnapshot(GROUP, 'Cluster0', daily.id)).toEqual(daily)
    await world.backend.close()
  })

  test('Shared0\'s snapshots are Atlas\'s to keep and delete (rule 81)', async () => {
    const world = localWorld()
    const [id] = await snapshotIds(world, 'Shared0')
    expect(await atlasError(world.backend.updateSnapshotRetention(GROUP, 'Shared0', id!, {retentionUnit: 'DAYS', retentionValue: 30}))).toMatchObject({
      status: 400,
      errorCode: 'TENANT_CLUSTER_UPDATE_UNSUPPORTED',
      detail: 'Cluster Shared0 is on the M2 tier: Atlas manages its snapshots (one a day, the last 8 kept), so they cannot be given another retention.',
    })
    expect(await atlasError(world.backend.deleteSnapshot(GROUP, 'Shared0', id!))).toMatchObject({
      errorCode: 'TENANT_CLUSTER_UPDATE_UNSUPPORTED',
      detail: 'Cluster Shared0 is on the M2 tier: Atlas manages its snapshots (one a day, the last 8 kept), so they cannot be deleted.',
    })
    expect(await snapshotIds(world, 'Shared0')).toContain(id)
    await world.backend.close()
  })
})

describe('DELETE one snapshot', () => {
  test('deletes that snapshot and no other (rule 53)', async () => {
    const world = localWorld()
    const before = await snapshotIds(world, 'Cluster0')
    const daily = await newestDaily(world)
    await world.backend.deleteSnapshot(GROUP, 'Cluster0', daily.id)
    expect(await snapshotIds(world, 'Cluster0')).toEqual(before.filter((id) => id !== daily.id))
    expect(await atlasError(world.backend.getSnapshot(GROUP, 'Cluster0', daily.id))).toMatchObject({errorCode: 'SNAPSHOT_NOT_FOUND'})
    await world.backend.close()
  })

  test('an unfinished snapshot cannot be deleted, a completed one can (rule 53)', async () => {
    const world = localWorld()
    const taken = await world.backend.takeSnapshot(GROUP, 'Cluster0', {retentionInDays: 1})
    expect(await atlasError(world.backend.deleteSnapshot(GROUP, 'Cluster0', taken.id))).toMatchObject({status: 400, errorCode: 'CANNOT_DELETE_IN_PROGRESS_SNAPSHOT'})
    expect(await snapshotIds(world, 'Cluster0')).toContain(taken.id)
    world.setNow(START + DONE_MS)
    await world.backend.deleteSnapshot(GROUP, 'Cluster0', taken.id)
    expect(await snapshotIds(world, 'Cluster0')).not.toContain(taken.id)
    await world.backend.close()
  })
})

describe('sharded clusters', () => {
  test('Sharded0 lists every snapshot on one page of the sharded endpoint, each one its shards\' members (rule 51)', async () => {
    const world = localWorld()
    const all = await snapshotIds(world, 'Sharded0')
    const page = await world.backend.listShardedSnapshots(GROUP, 'Sharded0')
    const path = `/api/atlas/v2/groups/${GROUP}/clusters/Sharded0/backup/snapshots/shardedClusters`
    expect(page.totalCount).toBe(all.length)
    expect(page.results.map((s) => s.id)).toEqual(all)
    expect(page.links).toEqual([{href: `${BASE}${path}?includeCount=true&pageNum=1&itemsPerPage=${all.length}`, rel: 'self'}])
    const first = page.results[0]!
    expect(first.type).toBe('shardedCluster')
    expect(first.configServerType).toBe('DEDICATED')
    expect(first.members!.map((m) => m.replicaSetName)).toEqual(['Sharded0-shard-0', 'Sharded0-shard-1', 'Sharded0-config-0'])
    expect(first.members!.every((m) => m.cloudProvider === 'AWS')).toBe(true)
    expect(first.snapshotIds).toEqual(first.members!.map((m) => m.id))
    expect('replicaSetName' in first || 'copyRegions' in first || 'cloudProvider' in first).toBe(false)
    const one: ShardedClusterSnapshot = await world.backend.getShardedSnapshot(GROUP, 'Sharded0', first.id)
    expect(one).toEqual(first)
    expect(await world.backend.getSnapshot(GROUP, 'Sharded0', first.id)).toEqual(first)
    await world.backend.close()
  })

  test('a replica set has no sharded snapshots: an empty list, and its snapshots are not found there (rule 51)', async () => {
    const world = localWorld()
    const page = await world.backend.listShardedSnapshots(GROUP, 'Cluster0')
    const path = `/api/atlas/v2/groups/${GROUP}/clusters/Cluster0/backup/snapshots/shardedClusters`
    expect(page).toEqual({links: [{href: `${BASE}${path}?includeCount=true&pageNum=1&itemsPerPage=1`, rel: 'self'}], results: [], totalCount: 0})
    const daily = await newestDaily(world)
    expect(await atlasError(world.backend.getShardedSnapshot(GROUP, 'Cluster0', daily.id))).toMatchObject({
      status: 404,
      errorCode: 'SNAPSHOT_NOT_FOUND',
      parameters: [daily.id, 'Cluster0'],
    })
    await world.backend.close()
  })
})

describe('serverless instances', () => {
  test('Serverless0 keeps its 2 most recent snapshots, every 6 h (rule 83)', async () => {
    const world = localWorld()
    const page = await world.backend.listServerlessSnapshots(GROUP, 'Serverless0')
    const owner = `/api/atlas/v2/groups/${GROUP}/serverless/Serverless0`
    expect(page.totalCount).toBe(2)
    expect(page.links).toEqual([{href: `${BASE}${owner}/backup/snapshots?includeCount=true&pageNum=1&itemsPerPage=100`, rel: 'self'}])
    const [newest] = page.results
    expect(newest).toEqual({
      createdAt: '2026-06-15T06:00:12Z',
      expiresAt: '2026-06-15T18:00:00Z',
      frequencyType: 'hourly',
      id: newest!.id,
      links: [
        {href: `${BASE}${owner}/backup/snapshots/${newest!.id}`, rel: 'self'},
        {href: `${BASE}${owner}`, rel: 'https://cloud.mongodb.com/serverless'},
      ],
      mongodVersion: '8.0.29',
      serverlessInstanceName: 'Serverless0',
      snapshotType: 'scheduled',
      status: 'completed',
      storageSizeBytes: 64424509,
    })
    expect(await world.backend.getServerlessSnapshot(GROUP, 'Serverless0', newest!.id)).toEqual(newest)
    await world.backend.close()
  })

  test('a serverless snapshot still running has no createdAt and no size yet (rule 46)', async () => {
    const world = localWorld()
    // Serverless0 fires every 6 h from its creation at midnight: 12:00 is running at 12:00:05.
    world.setNow(iso('2026-06-15T12:00:05Z'))
    const [running] = (await world.backend.listServerlessSnapshots(GROUP, 'Serverless0')).results
    expect(running).toMatchObject({status: 'inProgress', storageSizeBytes: 0})
    expect('createdAt' in running!).toBe(false)
    await world.backend.close()
  })

  test('Serverless1 (continuous backup) also keeps daily snapshots, shown as daily (rule 83)', async () => {
    const world = localWorld()
    const page = await world.backend.listServerlessSnapshots(GROUP, 'Serverless1', {itemsPerPage: 500})
    const kinds = new Set(page.results.map((s) => s.frequencyType))
    expect(kinds).toEqual(new Set(['hourly', 'daily']))
    await world.backend.close()
  })

  test('cluster and serverless operations refuse each other\'s kind, saying which to use', async () => {
    const world = localWorld()
    expect(await atlasError(world.backend.listServerlessSnapshots(GROUP, 'Cluster0'))).toMatchObject({
      status: 404,
      errorCode: 'SERVERLESS_INSTANCE_NOT_FOUND',
      detail: `No serverless instance named Cluster0 exists in group ${GROUP}. Cluster0 is a cluster: use the cluster backup commands.`,
      parameters: ['Cluster0', GROUP],
    })
    expect(await atlasError(world.backend.getServerlessSnapshot(GROUP, 'Nowhere0', UNKNOWN_ID))).toMatchObject({
      errorCode: 'SERVERLESS_INSTANCE_NOT_FOUND',
      detail: `No serverless instance named Nowhere0 exists in group ${GROUP}.`,
    })
    expect(await atlasError(world.backend.getServerlessSnapshot(GROUP, 'Serverless0', UNKNOWN_ID))).toMatchObject({
      errorCode: 'SNAPSHOT_NOT_FOUND',
      parameters: [UNKNOWN_ID, 'Serverless0'],
    })
    expect(await atlasError(world.backend.listSnapshots(GROUP, 'Serverless0'))).toMatchObject({errorCode: 'CLUSTER_NOT_FOUND'})
    await world.backend.close()
  })
})

describe('the world moves with the clock', () => {
  test('snapshots fire as time passes and expire at their expiresAt (rules 27, 54)', async () => {
    const world = localWorld()
    const before = (await world.backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 500})).results
    // 12:00:12 the next hourly snapshot completes; hourly snapshots of 2 days ago at 06:00 and 12:00 have expired.
    world.setNow(iso('2026-06-15T12:00:12Z'))
    const after = (await world.backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 500})).results
    expect(after[0]).toMatchObject({createdAt: '2026-06-15T12:00:12Z', frequencyType: 'hourly', status: 'completed', expiresAt: '2026-06-17T12:00:00Z'})
    expect(after.slice(1).map((s) => s.id)).toEqual(before.filter((s) => iso(s.expiresAt!) > iso('2026-06-15T12:00:12Z')).map((s) => s.id))
    expect(before.some((s) => s.expiresAt === '2026-06-15T12:00:00Z')).toBe(true)
    await world.backend.close()
  })

  test('moving the clock back deletes the snapshots taken after the new now, and they come back going forward', async () => {
    const world = localWorld()
    const before = await snapshotIds(world, 'Cluster0')
    const back = iso('2026-06-14T12:00:05Z')
    world.setNow(back)
    const then = (await world.backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 500})).results
    // The snapshot that fired at 12:00 is kept, still in progress (created at 12:00:12); every later one is gone.
    expect(then[0]).toMatchObject({status: 'inProgress'})
    expect(then.every((s) => iso(s.createdAt ?? '1970-01-01T00:00:00Z') <= back)).toBe(true)
    expect(then.length).toBeLessThan(before.length)
    world.setNow(START)
    expect(await snapshotIds(world, 'Cluster0')).toEqual(before)
    await world.backend.close()
  })

  test('moving the clock back keeps a snapshot requested up to the new now and deletes one requested after it', async () => {
    const world = localWorld()
    const taken = await world.backend.takeSnapshot(GROUP, 'Cluster0', {retentionInDays: 1})
    world.setNow(START + 2_000)
    expect(await snapshotIds(world, 'Cluster0')).toContain(taken.id)
    world.setNow(START + 1_000)
    expect(await snapshotIds(world, 'Cluster0')).toContain(taken.id)
    world.setNow(START - 1)
    expect(await snapshotIds(world, 'Cluster0')).not.toContain(taken.id)
    await world.backend.close()
  })
})
