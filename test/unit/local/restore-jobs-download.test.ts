import {createRequire} from 'node:module'
import {gunzipSync} from 'node:zlib'

import type BetterSqlite3 from 'better-sqlite3'
import {extract} from 'tar-stream'
import {describe, expect, test} from 'vitest'

import {LocalBackend} from '../../../src/lib/backends/local/local-backend.js'
import {storePath} from '../../../src/lib/backends/local/store.js'
import type {ReplicaSetSnapshot} from '../../../src/lib/domain/types.js'
import {atlasError, GROUP, localWorld, START, snapshotIds, type LocalWorld} from './harness.js'

/**
 * The archive behind a download job's deliveryUrl (LocalBackend.readDownload, which `serve` sends), and the store's
 * migration from schema version 1, which had no restore jobs. Demo world at START (2026-06-15T10:30Z).
 */

const READY = 10_000
const HOUR = 3_600_000

async function archiveEntries(bytes: Buffer): Promise<Array<{name: string; mtime?: Date; text: string}>> {
  const entries: Array<{name: string; mtime?: Date; text: string}> = []
  const reader = extract()
  const done = (async () => {
    for await (const entry of reader) {
      const chunks: Buffer[] = []
      for await (const chunk of entry) chunks.push(chunk as Buffer)
      entries.push({name: entry.header.name, mtime: entry.header.mtime, text: Buffer.concat(chunks).toString('utf8')})
    }
  })()
  reader.end(gunzipSync(bytes))
  await done
  return entries
}

async function downloadJob(world: LocalWorld): Promise<{jobId: string; snapshot: ReplicaSetSnapshot}> {
  const page = await world.backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 500})
  const snapshot = page.results.find((s) => s.status === 'completed') as ReplicaSetSnapshot
  const job = await world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'download', snapshotId: snapshot.id})
  return {jobId: job.id, snapshot}
}

describe('the download archive', () => {
  test('is a .tar.gz holding manifest.json about the snapshot, once the download is ready', async () => {
    const world = localWorld()
    const {jobId, snapshot} = await downloadJob(world)
    world.setNow(START + READY)
    const {fileName, bytes} = await world.backend.readDownload(jobId)
    expect(fileName).toBe(`restore-${snapshot.id}.tar.gz`)
    const job = await world.backend.getRestoreJob(GROUP, 'Cluster0', jobId)
    expect(job.deliveryUrl?.[0]?.endsWith(`/local/downloads/${jobId}/${fileName}`)).toBe(true)
    const entries = await archiveEntries(bytes)
    expect(entries.map((entry) => entry.name)).toEqual(['manifest.json'])
    expect(entries[0]!.mtime?.getTime()).toBe(Date.parse(snapshot.createdAt!))
    const manifest = JSON.parse(entries[0]!.text) as Record<string, unknown>
    expect(manifest).toEqual({
      restoreJobId: jobId,
      snapshotId: snapshot.id,
      clusterName: 'Cluster0',
      groupId: GROUP,
      projectName: 'Demo Project',
      snapshotTakenAt: snapshot.createdAt,
      mongodVersion: '8.0.29',
      cloudProvider: 'AWS',
      members: [{replicaSetName: 'Cluster0', hostname: expect.stringMatching(/^cluster0-shard-00-0\d\.[a-f0-9]{5}\.mongodb\.net$/), sizeBytes: snapshot.storageSizeBytes}],
    })
    // The same job gives the same bytes.
    expect((await world.backend.readDownload(jobId)).bytes.equals(bytes)).toBe(true)
    await world.backend.close()
  })

  test('is refused before it is ready (409), once expired or cancelled (410), and for unknown or non-download jobs (404)', async () => {
    const world = localWorld()
    const {jobId, snapshot} = await downloadJob(world)
    expect(await atlasError(world.backend.readDownload(jobId))).toMatchObject({status: 409, errorCode: 'DOWNLOAD_NOT_READY', parameters: [jobId]})
    world.setNow(START + READY + HOUR)
    expect(await atlasError(world.backend.readDownload(jobId))).toMatchObject({status: 410, errorCode: 'DOWNLOAD_EXPIRED'})

    const second = await world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'download', snapshotId: snapshot.id})
    world.setNow(START + READY + HOUR + READY)
    await world.backend.cancelRestoreJob(GROUP, 'Cluster0', second.id)
    expect(await atlasError(world.backend.readDownload(second.id))).toMatchObject({status: 410, errorCode: 'DOWNLOAD_CANCELLED'})

    const automated = await world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'automated', snapshotId: snapshot.id, targetClusterName: 'MultiRegion0', targetGroupId: GROUP})
    expect(await atlasError(world.backend.readDownload(automated.id))).toMatchObject({status: 404, errorCode: 'RESTORE_JOB_NOT_FOUND'})
    expect(await atlasError(world.backend.readDownload('aaaaaaaaaaaaaaaaaaaaaaaa'))).toMatchObject({status: 404, errorCode: 'RESTORE_JOB_NOT_FOUND'})
    expect(await atlasError(world.backend.readDownload('../etc/passwd'))).toMatchObject({status: 404, errorCode: 'INVALID_JOB_ID'})
    await world.backend.close()
  })

  test('still holds the snapshot after the snapshot itself was deleted', async () => {
    const world = localWorld()
    const taken = await world.backend.takeSnapshot(GROUP, 'Cluster0', {retentionInDays: 1})
    world.setNow(START + 12_000)
    const job = await world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'download', snapshotId: taken.id})
    // The restore copied the snapshot when it started: deleting the snapshot does not empty the download.
    world.setNow(START + 12_000 + READY)
    await world.backend.deleteSnapshot(GROUP, 'Cluster0', taken.id)
    const {bytes} = await world.backend.readDownload(job.id)
    const [entry] = await archiveEntries(bytes)
    expect(JSON.parse(entry!.text)).toMatchObject({snapshotId: taken.id, restoreJobId: job.id})
    await world.backend.close()
  })
})

describe('a store of schema version 1', () => {
  test('is migrated in place: the restore_jobs and compliance_policies tables appear, the version is 5, and the data is kept', async () => {
    const world = localWorld()
    const before = await snapshotIds(world, 'Cluster0')
    await world.backend.close()
    // Back to what an atlas-backups without restores wrote.
    const Sqlite = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3
    const db = new Sqlite(storePath(world.home))
    db.exec('DROP TABLE restore_jobs; DROP INDEX snapshots_by_completion; DROP TABLE compliance_policies;')
    db.pragma('user_version = 1')
    db.close()

    const reopened = new LocalBackend({home: world.home, wallClock: () => START})
    expect(reopened.database().pragma('user_version', {simple: true})).toBe(6)
    const tables = reopened.database().prepare("SELECT name FROM sqlite_master WHERE name LIKE 'restore_jobs%' OR name IN ('snapshots_by_completion', 'compliance_policies') ORDER BY name").all()
    expect(tables).toEqual([{name: 'compliance_policies'}, {name: 'restore_jobs'}, {name: 'restore_jobs_by_expiry'}, {name: 'restore_jobs_by_list_order'}, {name: 'snapshots_by_completion'}])
    const page = await reopened.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 500})
    expect(page.results.map((s) => s.id)).toEqual(before)
    expect(reopened.seeded, 'the demo world was not created again').toBe(false)
    const job = await reopened.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'download', snapshotId: page.results.find((s) => s.status === 'completed')!.id})
    expect((await reopened.listRestoreJobs(GROUP, 'Cluster0')).results.map((j) => j.id)).toEqual([job.id])
    await reopened.close()
  })
})

describe('a store of schema version 2', () => {
  test('is migrated in place: the compliance_policies table appears, the version is 5, and snapshots are kept', async () => {
    const world = localWorld()
    const before = await snapshotIds(world, 'Cluster0')
    await world.backend.close()
    // Back to what an atlas-backups without the compliance policy wrote.
    const Sqlite = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3
    const db = new Sqlite(storePath(world.home))
    db.exec('DROP TABLE compliance_policies;')
    db.pragma('user_version = 2')
    db.close()

    const reopened = new LocalBackend({home: world.home, wallClock: () => START})
    expect(reopened.database().pragma('user_version', {simple: true})).toBe(6)
    expect(reopened.database().prepare("SELECT name FROM sqlite_master WHERE name = 'compliance_policies'").all()).toEqual([{name: 'compliance_policies'}])
    const page = await reopened.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 500})
    expect(page.results.map((s) => s.id)).toEqual(before)
    await reopened.close()
  })
})
