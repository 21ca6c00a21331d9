import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {describe, expect, test} from 'vitest'

import type {Snapshot} from '../../../src/lib/domain/types.js'
import {makeTempDir} from '../../helpers/temp-dirs.js'
import {atlasError, GROUP, localWorld, START, type LocalWorld} from './harness.js'

/**
 * The local backend's snapshot export buckets and export jobs, in-process on a fresh demo world at START with a
 * hand-moved clock: what each operation answers, what it refuses (status and code), and the files a finished export
 * leaves in its bucket's folder.
 */

const SECOND = 1000
const ROLE = 'c0123456789abcdef012345c'
const AZURE_URL = 'https://examplestorage.blob.core.windows.net/exports'

const aws = (bucketName = 'test-bucket') => ({cloudProvider: 'AWS' as const, bucketName, iamRoleId: ROLE})

async function completedSnapshot(world: LocalWorld, clusterName = 'Cluster0'): Promise<Snapshot> {
  const page = await world.backend.listSnapshots(GROUP, clusterName, {itemsPerPage: 500})
  return page.results.find((snapshot) => snapshot.status === 'completed')!
}

describe('export buckets', () => {
  test('AWS: create answers Atlas\'s fields, list and describe show it, the folder is under the home', async () => {
    const world = localWorld()
    const bucket = await world.backend.createExportBucket(GROUP, aws())
    expect(bucket).toEqual({_id: expect.stringMatching(/^[0-9a-f]{24}$/), bucketName: 'test-bucket', cloudProvider: 'AWS', iamRoleId: ROLE, requirePrivateNetworking: false})
    expect(await world.backend.getExportBucket(GROUP, bucket._id)).toEqual(bucket)
    const page = await world.backend.listExportBuckets(GROUP)
    expect(page.results).toEqual([bucket])
    expect(page.totalCount).toBe(1)
    const patched = await world.backend.updateExportBucket(GROUP, bucket._id, {requirePrivateNetworking: true})
    expect(patched.requirePrivateNetworking).toBe(true)
  })

  test('Azure: a service URL and role id; the container names the bucket and a tenant id is given', async () => {
    const world = localWorld()
    const bucket = await world.backend.createExportBucket(GROUP, {cloudProvider: 'AZURE', roleId: ROLE, serviceUrl: AZURE_URL})
    expect(bucket).toMatchObject({bucketName: 'exports', cloudProvider: 'AZURE', roleId: ROLE, serviceUrl: AZURE_URL, tenantId: expect.stringMatching(/^[0-9a-f-]{36}$/)})
    expect(bucket.iamRoleId).toBeUndefined()
  })

  test('ids stay unique under a frozen clock, deletions in between included', async () => {
    const world = localWorld()
    const first = await world.backend.createExportBucket(GROUP, aws('bucket-a'))
    const second = await world.backend.createExportBucket(GROUP, aws('bucket-b'))
    await world.backend.deleteExportBucket(GROUP, first._id)
    const third = await world.backend.createExportBucket(GROUP, aws('bucket-b'))
    expect(new Set([first._id, second._id, third._id]).size).toBe(3)
    expect((await world.backend.listExportBuckets(GROUP)).results.map((b) => b._id)).toEqual([second._id, third._id])
  })

  test('refused: bad names (EXPORT_BUCKET_NAME_INVALID), a missing role, an unknown provider, an unknown bucket (404)', async () => {
    const world = localWorld()
    expect(await atlasError(world.backend.createExportBucket(GROUP, aws('Bad_Name')))).toMatchObject({status: 400, errorCode: 'EXPORT_BUCKET_NAME_INVALID'})
    expect(await atlasError(world.backend.createExportBucket(GROUP, {cloudProvider: 'AWS', bucketName: 'ok-bucket'}))).toMatchObject({status: 400, errorCode: 'INVALID_ATTRIBUTE'})
    expect(await atlasError(world.backend.createExportBucket(GROUP, {cloudProvider: 'AZURE', roleId: ROLE, serviceUrl: 'http://short'}))).toMatchObject({status: 400, errorCode: 'INVALID_ATTRIBUTE'})
    expect(await atlasError(world.backend.createExportBucket(GROUP, {cloudProvider: 'OCI' as never, bucketName: 'x', iamRoleId: ROLE}))).toMatchObject({status: 400, errorCode: 'INVALID_ENUM_VALUE'})
    expect(await atlasError(world.backend.getExportBucket(GROUP, '0123456789abcdef01234567'))).toMatchObject({status: 404, errorCode: 'EXPORT_BUCKET_NOT_FOUND'})
    expect(await atlasError(world.backend.listExportBuckets('0123456789abcdef01234567'))).toMatchObject({status: 404, errorCode: 'GROUP_NOT_FOUND'})
  })

  test('delete: an unused bucket goes (then 404); one an export job uses is refused, EXPORT_BUCKET_DELETE_FAILED_BUCKET_IN_USE', async () => {
    const world = localWorld()
    const unused = await world.backend.createExportBucket(GROUP, aws('unused-bucket'))
    await world.backend.deleteExportBucket(GROUP, unused._id)
    expect(await atlasError(world.backend.getExportBucket(GROUP, unused._id))).toMatchObject({status: 404, errorCode: 'EXPORT_BUCKET_NOT_FOUND'})
    const used = await world.backend.createExportBucket(GROUP, aws())
    const snapshot = await completedSnapshot(world)
    const job = await world.backend.createExportJob(GROUP, 'Cluster0', {exportBucketId: used._id, snapshotId: snapshot.id})
    const refused = await atlasError(world.backend.deleteExportBucket(GROUP, used._id))
    expect(refused).toMatchObject({status: 400, errorCode: 'EXPORT_BUCKET_DELETE_FAILED_BUCKET_IN_USE', parameters: [used._id]})
    expect(refused.detail).toContain(job.id)
  })

  test('delete: a bucket a cluster\'s auto-export policy names is refused, and goes once the policy names another', async () => {
    const world = localWorld()
    const bucket = await world.backend.createExportBucket(GROUP, aws())
    await world.backend.updateSchedule(GROUP, 'Cluster0', {autoExportEnabled: true, export: {exportBucketId: bucket._id, frequencyType: 'monthly'}})
    const refused = await atlasError(world.backend.deleteExportBucket(GROUP, bucket._id))
    expect(refused).toMatchObject({status: 400, errorCode: 'EXPORT_BUCKET_DELETE_FAILED_BUCKET_IN_USE'})
    expect(refused.detail).toContain('auto-export policy of cluster Cluster0')
    const other = await world.backend.createExportBucket(GROUP, aws('other-bucket'))
    await world.backend.updateSchedule(GROUP, 'Cluster0', {autoExportEnabled: false, export: {exportBucketId: other._id, frequencyType: 'monthly'}})
    await world.backend.deleteExportBucket(GROUP, bucket._id)
  })
})

describe('export jobs', () => {
  test('Queued, then InProgress after 5 s, then Successful after 20 s with finishedAt; listed newest first', async () => {
    const world = localWorld()
    const bucket = await world.backend.createExportBucket(GROUP, aws())
    const snapshot = await completedSnapshot(world)
    const customData = [{key: 'name', value: 'test'}]
    const job = await world.backend.createExportJob(GROUP, 'Cluster0', {exportBucketId: bucket._id, snapshotId: snapshot.id, customData})
    expect(job).toEqual({
      createdAt: new Date(START).toISOString().replace('.000Z', 'Z'),
      customData,
      exportBucketId: bucket._id,
      exportStatus: {exportedCollections: 0, totalCollections: 0},
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      prefix: expect.stringMatching(new RegExp(`^exported_snapshots/[0-9a-f]{24}/${GROUP}/Cluster0/\\d{4}-\\d\\d-\\d\\dT\\d{4}/${START / 1000}$`)),
      snapshotId: snapshot.id,
      state: 'Queued',
    })
    world.setNow(START + 5 * SECOND)
    expect((await world.backend.getExportJob(GROUP, 'Cluster0', job.id)).state).toBe('InProgress')
    world.setNow(START + 20 * SECOND)
    const done = await world.backend.getExportJob(GROUP, 'Cluster0', job.id)
    expect(done).toMatchObject({state: 'Successful', finishedAt: new Date(START + 20 * SECOND).toISOString().replace('.000Z', 'Z')})
    const page = await world.backend.listExportJobs(GROUP, 'Cluster0')
    expect(page.results).toEqual([done])
    expect(page.totalCount).toBe(1)
  })

  test('a sharded cluster\'s job has one component per replica set', async () => {
    const world = localWorld()
    const bucket = await world.backend.createExportBucket(GROUP, aws())
    const snapshot = await completedSnapshot(world, 'Sharded0')
    const job = await world.backend.createExportJob(GROUP, 'Sharded0', {exportBucketId: bucket._id, snapshotId: snapshot.id})
    expect(job.components?.map((c) => c.replicaSetName)).toEqual(expect.arrayContaining(['Sharded0-shard-0', 'Sharded0-shard-1']))
    expect(job.components!.length).toBeGreaterThanOrEqual(2)
    for (const component of job.components!) expect(component.exportId).toMatch(/^[0-9a-f]{24}$/)
  })

  test('refused: an unknown bucket (404), an unknown snapshot (404), a bad id (400), a shared-tier cluster, an unknown job (404)', async () => {
    const world = localWorld()
    const bucket = await world.backend.createExportBucket(GROUP, aws())
    const snapshot = await completedSnapshot(world)
    expect(await atlasError(world.backend.createExportJob(GROUP, 'Cluster0', {exportBucketId: '0123456789abcdef01234567', snapshotId: snapshot.id}))).toMatchObject({status: 404, errorCode: 'EXPORT_BUCKET_NOT_FOUND'})
    expect(await atlasError(world.backend.createExportJob(GROUP, 'Cluster0', {exportBucketId: bucket._id, snapshotId: '0123456789abcdef01234567'}))).toMatchObject({status: 404, errorCode: 'SNAPSHOT_NOT_FOUND'})
    expect(await atlasError(world.backend.createExportJob(GROUP, 'Cluster0', {exportBucketId: bucket._id, snapshotId: 'nope'}))).toMatchObject({status: 400, errorCode: 'INVALID_ATTRIBUTE'})
    expect(await atlasError(world.backend.createExportJob(GROUP, 'Shared0', {exportBucketId: bucket._id, snapshotId: snapshot.id}))).toMatchObject({status: 400, errorCode: 'EXPORT_NOT_SUPPORTED_FOR_TENANT_CLUSTER'})
    expect(await atlasError(world.backend.getExportJob(GROUP, 'Cluster0', '0123456789abcdef01234567'))).toMatchObject({status: 404, errorCode: 'EXPORT_JOB_NOT_FOUND'})
  })

  test('an on-demand snapshot still running cannot be exported (409), and can once completed', async () => {
    const world = localWorld()
    const bucket = await world.backend.createExportBucket(GROUP, aws())
    const running = await world.backend.takeSnapshot(GROUP, 'Cluster0', {description: 'x', retentionInDays: 1})
    const refused = await atlasError(world.backend.createExportJob(GROUP, 'Cluster0', {exportBucketId: bucket._id, snapshotId: running.id}))
    expect(refused).toMatchObject({status: 409, errorCode: 'EXPORT_SNAPSHOT_NOT_COMPLETED'})
    world.setNow(START + 3600 * SECOND)
    const job = await world.backend.createExportJob(GROUP, 'Cluster0', {exportBucketId: bucket._id, snapshotId: running.id})
    expect(job.state).toBe('Queued')
  })
})

describe('export jobs that do not succeed', () => {
  test('Cancelled from the instant its snapshot is deleted while it runs, and no files are written', async () => {
    const world = localWorld()
    const bucket = await world.backend.createExportBucket(GROUP, aws())
    const snapshot = await completedSnapshot(world)
    const job = await world.backend.createExportJob(GROUP, 'Cluster0', {exportBucketId: bucket._id, snapshotId: snapshot.id})
    world.setNow(START + 10 * SECOND)
    await world.backend.deleteSnapshot(GROUP, 'Cluster0', snapshot.id)
    world.setNow(START + 60 * SECOND)
    const cancelled = await world.backend.getExportJob(GROUP, 'Cluster0', job.id)
    expect(cancelled).toMatchObject({state: 'Cancelled', finishedAt: new Date(START + 10 * SECOND).toISOString().replace('.000Z', 'Z')})
    expect(existsSync(join(world.home, 'export-buckets'))).toBe(false)
  })

  test('Failed, with a stateReason, when its files cannot be written into the bucket\'s folder', async () => {
    const world = localWorld()
    const notAFolder = join(makeTempDir('atlas-backups-bucket-'), 'a-file')
    writeFileSync(notAFolder, 'x')
    const bucket = await world.backend.createExportBucket(GROUP, aws(), {folder: notAFolder})
    const snapshot = await completedSnapshot(world)
    const job = await world.backend.createExportJob(GROUP, 'Cluster0', {exportBucketId: bucket._id, snapshotId: snapshot.id})
    world.setNow(START + 20 * SECOND)
    const failed = await world.backend.getExportJob(GROUP, 'Cluster0', job.id)
    expect(failed).toMatchObject({state: 'Failed', finishedAt: expect.any(String), stateReason: {errorCode: 'EXPORT_BUCKET_WRITE_FAILED', message: expect.stringContaining(notAFolder)}})
    // Not tried again: it stays Failed.
    world.setNow(START + 40 * SECOND)
    expect((await world.backend.listExportJobs(GROUP, 'Cluster0')).results[0]).toMatchObject({id: job.id, state: 'Failed'})
  })
})

describe('the bucket folder', () => {
  test('a successful export writes manifest.json and .complete under its prefix, in a folder given at creation', async () => {
    const world = localWorld()
    const folder = makeTempDir('atlas-backups-bucket-')
    const bucket = await world.backend.createExportBucket(GROUP, aws(), {folder})
    const snapshot = await completedSnapshot(world)
    const job = await world.backend.createExportJob(GROUP, 'Cluster0', {exportBucketId: bucket._id, snapshotId: snapshot.id, customData: [{key: 'team', value: 'dba'}]})
    const dir = join(folder, ...job.prefix!.split('/'))
    expect(existsSync(dir)).toBe(false)
    world.setNow(START + 20 * SECOND)
    await world.backend.getExportJob(GROUP, 'Cluster0', job.id)
    const complete = JSON.parse(readFileSync(join(dir, '.complete'), 'utf8'))
    expect(complete).toMatchObject({groupId: GROUP, clusterName: 'Cluster0', snapshotId: snapshot.id, exportId: job.id, customData: [{key: 'team', value: 'dba'}]})
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))
    expect(manifest).toMatchObject({exportId: job.id, snapshotId: snapshot.id, clusterName: 'Cluster0', members: [expect.objectContaining({replicaSetName: expect.any(String)})]})
  })

  test('by default the folder is <home>/export-buckets/<provider>/<bucketName>', async () => {
    const world = localWorld()
    const bucket = await world.backend.createExportBucket(GROUP, aws('my-bucket'))
    const snapshot = await completedSnapshot(world)
    const job = await world.backend.createExportJob(GROUP, 'Cluster0', {exportBucketId: bucket._id, snapshotId: snapshot.id})
    world.setNow(START + 30 * SECOND)
    await world.backend.listExportJobs(GROUP, 'Cluster0')
    expect(existsSync(join(world.home, 'export-buckets', 'aws', 'my-bucket', ...job.prefix!.split('/'), '.complete'))).toBe(true)
  })
})

describe('auto-export on the schedule', () => {
  const DAY = 86_400 * SECOND

  test('the schedule refuses an unknown bucket (404), a frequency the API does not take, and auto-export with no policy', async () => {
    const world = localWorld()
    const bucket = await world.backend.createExportBucket(GROUP, aws())
    expect(await atlasError(world.backend.updateSchedule(GROUP, 'Cluster0', {autoExportEnabled: true, export: {exportBucketId: '0123456789abcdef01234567', frequencyType: 'monthly'}}))).toMatchObject({status: 404, errorCode: 'EXPORT_BUCKET_NOT_FOUND'})
    expect(await atlasError(world.backend.updateSchedule(GROUP, 'Cluster0', {export: {exportBucketId: bucket._id, frequencyType: 'weekly' as never}}))).toMatchObject({status: 400, errorCode: 'INVALID_ENUM_VALUE'})
    expect(await atlasError(world.backend.updateSchedule(GROUP, 'Cluster0', {autoExportEnabled: true}))).toMatchObject({status: 400, errorCode: 'INVALID_ATTRIBUTE'})
    const accepted = await world.backend.updateSchedule(GROUP, 'Cluster0', {autoExportEnabled: true, export: {exportBucketId: bucket._id, frequencyType: 'yearly'}})
    expect(accepted).toMatchObject({autoExportEnabled: true, export: {exportBucketId: bucket._id, frequencyType: 'yearly'}})
  })

  test('each monthly snapshot completed while it is on gets an export, dated at its completion, with its files', async () => {
    const world = localWorld()
    const bucket = await world.backend.createExportBucket(GROUP, aws())
    await world.backend.updateSchedule(GROUP, 'Cluster0', {autoExportEnabled: true, export: {exportBucketId: bucket._id, frequencyType: 'monthly'}})
    expect((await world.backend.listExportJobs(GROUP, 'Cluster0')).results).toEqual([])
    world.setNow(START + 50 * DAY)
    const monthly = (await world.backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 500})).results.filter((s) => s.frequencyType === 'monthly' && s.status === 'completed' && Date.parse(s.createdAt!) > START)
    expect(monthly.length).toBeGreaterThanOrEqual(1)
    const jobs = (await world.backend.listExportJobs(GROUP, 'Cluster0')).results
    expect(jobs.map((j) => j.snapshotId).sort()).toEqual(monthly.map((s) => s.id).sort())
    for (const job of jobs) {
      const snapshot = monthly.find((s) => s.id === job.snapshotId)!
      expect(job).toMatchObject({state: 'Successful', exportBucketId: bucket._id, createdAt: snapshot.createdAt, customData: []})
      expect(existsSync(join(world.home, 'export-buckets', 'aws', 'test-bucket', ...job.prefix!.split('/'), '.complete'))).toBe(true)
    }
    // Turned off at day 80 without a look in between: the month-end snapshot before is still exported, later ones not.
    world.setNow(START + 80 * DAY)
    await world.backend.updateSchedule(GROUP, 'Cluster0', {autoExportEnabled: false})
    world.setNow(START + 140 * DAY)
    const monthlyBy80 = (await world.backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 500})).results.filter((s) => s.frequencyType === 'monthly' && Date.parse(s.createdAt ?? '') > START && Date.parse(s.createdAt ?? '') <= START + 80 * DAY)
    const after = (await world.backend.listExportJobs(GROUP, 'Cluster0')).results
    expect(after.length).toBe(monthlyBy80.length)
    expect(after.length).toBeGreaterThan(jobs.length)
  })
})

describe('the clock moved back', () => {
  test('an export created later never was; a cancellation later did not happen', async () => {
    const world = localWorld()
    const bucket = await world.backend.createExportBucket(GROUP, aws())
    const snapshot = await completedSnapshot(world)
    const early = await world.backend.createExportJob(GROUP, 'Cluster0', {exportBucketId: bucket._id, snapshotId: snapshot.id})
    world.setNow(START + 3 * SECOND)
    await world.backend.deleteSnapshot(GROUP, 'Cluster0', snapshot.id)
    const other = await completedSnapshot(world)
    const late = await world.backend.createExportJob(GROUP, 'Cluster0', {exportBucketId: bucket._id, snapshotId: other.id})
    expect((await world.backend.getExportJob(GROUP, 'Cluster0', early.id)).state).toBe('Cancelled')
    world.setNow(START + 1 * SECOND)
    expect(await atlasError(world.backend.getExportJob(GROUP, 'Cluster0', late.id))).toMatchObject({status: 404, errorCode: 'EXPORT_JOB_NOT_FOUND'})
    expect((await world.backend.getExportJob(GROUP, 'Cluster0', early.id)).state).toBe('Queued')
  })
})
