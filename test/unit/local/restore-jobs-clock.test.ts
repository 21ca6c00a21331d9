import {gunzipSync} from 'node:zlib'

import {describe, expect, test} from 'vitest'

import {createCluster} from '../../../src/lib/backends/local/admin.js'

import {type CompliancePolicyRecord, CompliancePolicyRepository, compliancePolicyInForce} from '../../../src/lib/backends/local/compliance-policy-repository.js'
import type {ClusterWithSchedule} from '../../../src/lib/backends/local/repository.js'
import type {Snapshot} from '../../../src/lib/domain/types.js'
import {toIso} from '../../../src/lib/domain/time.js'
import {rejectionOf} from '../../helpers/rejection.js'
import {atlasError, GROUP, localWorld, START, type LocalWorld} from './harness.js'

/**
 * Restore jobs at the edges of time, in-process on a fresh demo world at START (2026-06-15T10:30Z): what the download
 * URL answers in each phase (details included), a cancel that comes too late, and the clock moved back over a
 * cancellation or over a restore's start, asserting what the store and the job's JSON hold at exact instants.
 */

const SECOND = 1000
const HOUR = 3600 * SECOND
const DOWNLOAD_READY = 10 * SECOND

async function completedSnapshot(world: LocalWorld): Promise<Snapshot> {
  const page = await world.backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 500})
  return page.results.find((snapshot) => snapshot.status === 'completed')!
}

function storedCluster(world: LocalWorld, name: string): ClusterWithSchedule {
  return world.backend.transact((s) => s.repo.findCluster(GROUP, name)!)
}

describe('the download URL of a restore job', () => {
  test('each refusal names the job and says why: not ready yet, link expired, job cancelled', async () => {
    const world = localWorld()
    const snapshot = await completedSnapshot(world)
    const job = await world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'download', snapshotId: snapshot.id})
    expect(await atlasError(world.backend.readDownload(job.id))).toEqual({
      status: 409,
      errorCode: 'DOWNLOAD_NOT_READY',
      detail: `The download of restore job ${job.id} is not ready yet: watch the job until its deliveryUrl is set.`,
      parameters: [job.id],
      fields: [],
    })
    world.setNow(START + DOWNLOAD_READY + HOUR)
    expect(await atlasError(world.backend.readDownload(job.id))).toMatchObject({
      status: 410,
      errorCode: 'DOWNLOAD_EXPIRED',
      detail: `The download of restore job ${job.id} is no longer available: its link expired. Start a new download job.`,
    })
    const second = await world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'download', snapshotId: snapshot.id})
    await world.backend.cancelRestoreJob(GROUP, 'Cluster0', second.id)
    expect(await atlasError(world.backend.readDownload(second.id))).toMatchObject({
      status: 410,
      errorCode: 'DOWNLOAD_CANCELLED',
      detail: `The download of restore job ${second.id} is no longer available: the job was cancelled. Start a new download job.`,
    })
    expect(await atlasError(world.backend.readDownload('aaaaaaaaaaaaaaaaaaaaaaaa'))).toMatchObject({
      status: 404,
      detail: 'No download restore job with ID aaaaaaaaaaaaaaaaaaaaaaaa exists.',
    })
    await world.backend.close()
  })

  test('rule 71: cancelling a download whose link already expired changes nothing: it stays expired, not cancelled', async () => {
    const world = localWorld()
    const snapshot = await completedSnapshot(world)
    const job = await world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'download', snapshotId: snapshot.id})
    world.setNow(START + DOWNLOAD_READY + HOUR + SECOND)
    await world.backend.cancelRestoreJob(GROUP, 'Cluster0', job.id)
    const after = await world.backend.getRestoreJob(GROUP, 'Cluster0', job.id)
    expect(after).toMatchObject({expired: true, cancelled: false, deliveryUrl: []})
    expect(world.backend.transact((s) => s.repo.db.prepare('SELECT body FROM restore_jobs WHERE id = ?').get(job.id) as {body: string}).body).not.toContain('cancelledAt')
    await world.backend.close()
  })
})

describe('the clock moved back', () => {
  test('a download cancelled later than now still serves its archive, and a cancellation at or before the instant moved back to stays', async () => {
    const world = localWorld()
    const snapshot = await completedSnapshot(world)
    const job = await world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'download', snapshotId: snapshot.id})
    const cancelAt = START + 20 * SECOND
    world.setNow(cancelAt)
    await world.backend.cancelRestoreJob(GROUP, 'Cluster0', job.id)
    // Read by its URL alone, before the cancellation happened: the link still worked then.
    world.setNow(START + 15 * SECOND)
    expect((await world.backend.readDownload(job.id)).fileName).toBe(`restore-${snapshot.id}.tar.gz`)

    world.setNow(cancelAt + 10 * SECOND)
    expect(await world.backend.getRestoreJob(GROUP, 'Cluster0', job.id)).toMatchObject({cancelled: true})
    // Back to the very instant of the cancellation: it had happened by then.
    world.setNow(cancelAt)
    expect(await world.backend.getRestoreJob(GROUP, 'Cluster0', job.id)).toMatchObject({cancelled: true, deliveryUrl: []})
    // Back before it: it never happened, and the store no longer holds it.
    world.setNow(cancelAt - SECOND)
    expect(await world.backend.getRestoreJob(GROUP, 'Cluster0', job.id)).toMatchObject({cancelled: false, expired: false})
    world.setNow(cancelAt + SECOND)
    expect(await world.backend.getRestoreJob(GROUP, 'Cluster0', job.id)).toMatchObject({cancelled: false})
    await world.backend.close()
  })

  test('a restore into another cluster is stored on that cluster, and survives the clock moved back to its very start', async () => {
    const world = localWorld()
    const snapshot = await completedSnapshot(world)
    const request = {deliveryType: 'automated' as const, snapshotId: snapshot.id, targetClusterName: 'MultiRegion0', targetGroupId: GROUP}
    const job = await world.backend.createRestoreJob(GROUP, 'Cluster0', request)
    expect(job.targetClusterName).toBe('MultiRegion0')
    expect(storedCluster(world, 'MultiRegion0').state.restoredFrom).toMatchObject({restoreJobId: job.id, clusterName: 'Cluster0', startedAt: START})
    expect(storedCluster(world, 'Cluster0').state.restoredFrom).toBeUndefined()

    world.setNow(START + SECOND)
    await world.backend.getCluster(GROUP, 'MultiRegion0')
    world.setNow(START)
    await world.backend.getCluster(GROUP, 'MultiRegion0')
    const target = storedCluster(world, 'MultiRegion0')
    expect(target.state.restoredFrom).toMatchObject({restoreJobId: job.id, startedAt: START})
    expect(target.state.restoringUntil).toBe(START + 15 * SECOND)
    await world.backend.close()
  })
})

describe('what a restore job reads from the store and keeps there', () => {
  test('a sharded snapshot restores into its own cluster, every member restored, and is refused into a replica set (rule 72)', async () => {
    const world = localWorld()
    const page = await world.backend.listSnapshots(GROUP, 'Sharded0', {itemsPerPage: 500})
    const snapshot = page.results.find((one) => one.status === 'completed')!
    const request = (target: string) => ({deliveryType: 'automated' as const, snapshotId: snapshot.id, targetClusterName: target, targetGroupId: GROUP})
    expect(await atlasError(world.backend.createRestoreJob(GROUP, 'Sharded0', request('Cluster0')))).toMatchObject({status: 403, detail: expect.stringContaining('is of a sharded cluster, and Cluster0 is a replica set')})
    const job = await world.backend.createRestoreJob(GROUP, 'Sharded0', request('Sharded0'))
    expect(job.targetClusterName).toBe('Sharded0')
    expect(job.components?.length).toBe(3)
    await world.backend.close()
  })

  test('each job takes the next number of its cluster, and its row names the target cluster', async () => {
    const world = localWorld()
    const snapshot = await completedSnapshot(world)
    const before = storedCluster(world, 'Cluster0').state.sequence
    const job = await world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'automated', snapshotId: snapshot.id, targetClusterName: 'MultiRegion0', targetGroupId: GROUP})
    expect(storedCluster(world, 'Cluster0').state.sequence).toBe(before + 1)
    const row = world.backend.transact((s) => s.repo.db.prepare('SELECT target_cluster_id AS target FROM restore_jobs WHERE id = ?').get(job.id) as {target: string | null})
    expect(row.target).toBe(storedCluster(world, 'MultiRegion0').id)
    // A finished automated restore has no link and so no expiry.
    world.setNow(START + HOUR)
    const finished = await world.backend.getRestoreJob(GROUP, 'Cluster0', job.id)
    expect(finished).toMatchObject({finishedAt: toIso(START + 15 * SECOND)})
    expect(finished.expiresAt).toBeUndefined()
    await world.backend.close()
  })

  test('a shared-tier download link works four hours, a dedicated one one hour (rule 73)', async () => {
    const world = localWorld()
    const shared = (await world.backend.listSnapshots(GROUP, 'Shared0', {itemsPerPage: 500})).results.find((one) => one.status === 'completed')!
    const job = await world.backend.createRestoreJob(GROUP, 'Shared0', {deliveryType: 'download', snapshotId: shared.id})
    world.setNow(START + DOWNLOAD_READY)
    expect(await world.backend.getRestoreJob(GROUP, 'Shared0', job.id)).toMatchObject({expiresAt: toIso(START + DOWNLOAD_READY + 4 * HOUR)})
    await world.backend.close()
  })

  test('a download cancelled the instant it became ready keeps the expiry it had reached', async () => {
    const world = localWorld()
    const snapshot = await completedSnapshot(world)
    const job = await world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'download', snapshotId: snapshot.id})
    world.setNow(START + DOWNLOAD_READY)
    await world.backend.cancelRestoreJob(GROUP, 'Cluster0', job.id)
    expect(await world.backend.getRestoreJob(GROUP, 'Cluster0', job.id)).toMatchObject({
      cancelled: true,
      deliveryUrl: [],
      expiresAt: toIso(START + DOWNLOAD_READY + HOUR),
      finishedAt: toIso(START + DOWNLOAD_READY),
    })
    await world.backend.close()
  })

  test('the archive of a download names the project the job belongs to', async () => {
    const world = localWorld()
    const other = '0123456789abcdef01234567'
    world.backend.transact((s) => s.repo.insertProject(other, 'Other Project', START))
    createCluster(world.backend, other, {name: 'Cluster0', tier: 'M10'})
    const taken = await world.backend.takeSnapshot(other, 'Cluster0', {retentionInDays: 1})
    world.setNow(START + HOUR)
    const job = await world.backend.createRestoreJob(other, 'Cluster0', {deliveryType: 'download', snapshotId: taken.id})
    world.setNow(START + HOUR + DOWNLOAD_READY)
    const {bytes} = await world.backend.readDownload(job.id)
    expect(gunzipSync(bytes).toString('utf8')).toContain('"projectName": "Other Project"')
    await world.backend.close()
  })

  test('a damaged job row is reported as that job of the restore_jobs table', async () => {
    const world = localWorld()
    const snapshot = await completedSnapshot(world)
    const job = await world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'download', snapshotId: snapshot.id})
    world.backend.transact((s) => s.repo.db.prepare('UPDATE restore_jobs SET body = ? WHERE id = ?').run('[]', job.id))
    expect((await rejectionOf(world.backend.getRestoreJob(GROUP, 'Cluster0', job.id))).message).toContain(`the body of restore job ${job.id} (restore_jobs table) is not a JSON object`)
    await world.backend.close()
  })
})

describe('restore requests refused by their rules before anything is looked up', () => {
  test('a serverless download is refused as unsupported (rule 83) even when the target it names does not exist', async () => {
    const world = localWorld()
    const snapshot = (await world.backend.listServerlessSnapshots(GROUP, 'Serverless1', {itemsPerPage: 500})).results.find((one) => one.status === 'completed')!
    const request = {deliveryType: 'download', snapshotId: snapshot.id, targetClusterName: 'Nowhere0', targetGroupId: GROUP} as unknown as Parameters<typeof world.backend.createServerlessRestoreJob>[2]
    expect(await atlasError(world.backend.createServerlessRestoreJob(GROUP, 'Serverless1', request))).toMatchObject({status: 403, errorCode: 'FEATURE_UNSUPPORTED'})
    await world.backend.close()
  })

  test('a point in time older than the schedule restoreWindowDays is refused (rule 63)', async () => {
    const world = localWorld()
    await world.backend.updateSchedule(GROUP, 'Cluster0', {restoreWindowDays: 2})
    const at = START - 3 * 24 * HOUR
    const request = {deliveryType: 'pointInTime' as const, pointInTimeUTCSeconds: at / 1000, targetClusterName: 'MultiRegion0', targetGroupId: GROUP}
    const refused = await atlasError(world.backend.createRestoreJob(GROUP, 'Cluster0', request))
    expect(refused).toMatchObject({status: 400, errorCode: 'INVALID_PIT_RESTORE_TIME', detail: expect.stringContaining('(window 2026-06-13T10:30:00Z to 2026-06-15T10:30:00Z)')})
    await world.backend.close()
  })
})

describe('a restore window longer than the default', () => {
  test('a point in time eight days back is restored when the schedule keeps ten days of oplog (rule 63)', async () => {
    const world = localWorld()
    const policy = (await world.backend.getSchedule(GROUP, 'Cluster0')).policies[0]!
    const policyItems = policy.policyItems.map((item) => (item.retentionUnit === 'days' && item.retentionValue < 10 ? {...item, retentionValue: 10} : item))
    await world.backend.updateSchedule(GROUP, 'Cluster0', {restoreWindowDays: 10, policies: [{id: policy.id, policyItems}]})
    world.setNow(START + 9 * 24 * HOUR)
    const at = START + 24 * HOUR
    const request = {deliveryType: 'pointInTime' as const, pointInTimeUTCSeconds: at / 1000, targetClusterName: 'MultiRegion0', targetGroupId: GROUP}
    const job = await world.backend.createRestoreJob(GROUP, 'Cluster0', request)
    expect(job).toMatchObject({deliveryType: 'pointInTime', pointInTimeUTCSeconds: at / 1000})
    await world.backend.close()
  })
})

describe('serverless restore jobs by the serverless operations', () => {
  test('are refused for a cluster name (use the cluster operations), and their page links under the instance', async () => {
    const world = localWorld()
    const refused = {status: 404, errorCode: 'SERVERLESS_INSTANCE_NOT_FOUND'}
    expect(await atlasError(world.backend.listServerlessRestoreJobs(GROUP, 'Cluster0'))).toMatchObject(refused)
    expect(await atlasError(world.backend.getServerlessRestoreJob(GROUP, 'Cluster0', 'aaaaaaaaaaaaaaaaaaaaaaaa'))).toMatchObject(refused)
    const snapshot = await completedSnapshot(world)
    const request = {deliveryType: 'automated' as const, snapshotId: snapshot.id, targetClusterName: 'MultiRegion0', targetGroupId: GROUP}
    expect(await atlasError(world.backend.createServerlessRestoreJob(GROUP, 'Cluster0', request))).toMatchObject(refused)
    expect(world.backend.transact((s) => s.repo.db.prepare('SELECT COUNT(*) AS n FROM restore_jobs').get() as {n: number}).n).toBe(0)
    const serverless = (await world.backend.listServerlessSnapshots(GROUP, 'Serverless1', {itemsPerPage: 500})).results.find((one) => one.status === 'completed')!
    const job = await world.backend.createServerlessRestoreJob(GROUP, 'Serverless1', {deliveryType: 'automated', snapshotId: serverless.id, targetClusterName: 'Serverless0', targetGroupId: GROUP})
    expect(job.links?.map((link) => link.rel)).toEqual(['self', 'https://cloud.mongodb.com/snapshot', 'https://cloud.mongodb.com/serverless', 'https://cloud.mongodb.com/group'])
    const page = await world.backend.listServerlessRestoreJobs(GROUP, 'Serverless1')
    expect(page.links?.map((link) => link.href)).toEqual([expect.stringMatching(new RegExp(`/groups/${GROUP}/serverless/Serverless1/backup/restoreJobs`))])
    await world.backend.close()
  })
})

describe('the compliance_policies table', () => {
  const settings: CompliancePolicyRecord['settings'] = {
    authorizedEmail: 'dpo@example.com',
    authorizedUserFirstName: 'Dana',
    authorizedUserLastName: 'Officer',
    copyProtectionEnabled: false,
    deletable: false,
    encryptionAtRestEnabled: false,
    onDemandPolicyItem: null,
    pitEnabled: false,
    projectId: GROUP,
    restoreWindowDays: 0,
    scheduledPolicyItems: [],
  }
  const record = (email: string): CompliancePolicyRecord => ({
    settings: {...settings, authorizedEmail: email},
    enabledAt: START,
    changedAt: START,
    pendingState: 'ENABLING' as const,
    settlesAt: START + HOUR,
  })

  test('holds one policy per project: saved, overwritten, found, and gone once deleted; the policy in force is its settings', async () => {
    const world = localWorld()
    world.backend.transact((s) => {
      const policies = new CompliancePolicyRepository(s.repo.db)
      expect(policies.find(GROUP)).toBeUndefined()
      expect(compliancePolicyInForce(s.repo.db, GROUP)).toBeUndefined()
      policies.save(GROUP, record('first@example.com'))
      policies.save(GROUP, record('second@example.com'))
      expect(policies.find(GROUP)).toEqual(record('second@example.com'))
      expect(compliancePolicyInForce(s.repo.db, GROUP)).toEqual(record('second@example.com').settings)
      expect(policies.find('0123456789abcdef01234567')).toBeUndefined()
      expect((s.repo.db.prepare('SELECT COUNT(*) AS n FROM compliance_policies').get() as {n: number}).n).toBe(1)
      policies.delete(GROUP)
      expect(policies.find(GROUP)).toBeUndefined()
    })
    await world.backend.close()
  })

  test('a damaged row is reported as the compliance policy of its project', async () => {
    const world = localWorld()
    world.backend.transact((s) => s.repo.db.prepare('INSERT INTO compliance_policies (project_id, body) VALUES (?, ?)').run(GROUP, '{not json'))
    expect(() => world.backend.transact((s) => new CompliancePolicyRepository(s.repo.db).find(GROUP))).toThrow(
      `the compliance policy of project ${GROUP} (compliance_policies table) is not valid JSON`,
    )
    await world.backend.close()
  })
})
