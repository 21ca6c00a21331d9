import {describe, expect, test} from 'vitest'

import {createCluster, listFleet} from '../../../src/lib/backends/local/admin.js'
import {updateCluster} from '../../../src/lib/backends/local/cluster-changes.js'
import {DAY_MS, SECOND_MS} from '../../../src/lib/domain/time.js'
import type {CompliancePolicyRequest, CopySetting, PolicyItem, ReplicaSetSnapshot} from '../../../src/lib/domain/types.js'
import {putPolicy} from '../../helpers/compliance-store.js'
import {failure} from '../../helpers/rejection.js'
import {atlasError, GROUP, localWorld, type LocalWorld, START} from './harness.js'

/**
 * A cluster's life under a Backup Compliance Policy (rules 88, 89, 91) and Cloud Backup turned off and on (issue 17
 * item 3, the seed's "Important" note: rule 55): in-process on a fresh demo world at START, with new clusters so each
 * test looks at a few days of snapshots, not the demo's year.
 */

const item = (frequencyType: PolicyItem['frequencyType'], frequencyInterval: number, retentionValue: number, retentionUnit: PolicyItem['retentionUnit'] = 'days'): PolicyItem => ({
  frequencyInterval,
  frequencyType,
  retentionUnit,
  retentionValue,
})

const PERSON = {authorizedEmail: 'dpo@example.com', authorizedUserFirstName: 'Dana', authorizedUserLastName: 'Officer'}

/** PIT with a 3-day window, hourly every 12 hours (what NVMe0 takes) kept 3 days, daily kept 10 days. */
const PIT_MINIMUM = {pitEnabled: true, restoreWindowDays: 3, scheduledPolicyItems: [item('hourly', 12, 3), item('daily', 1, 10)]}
const PIT_POLICY: CompliancePolicyRequest = {...PERSON, ...PIT_MINIMUM}

async function scheduleItems(world: LocalWorld, name: string): Promise<{items: PolicyItem[]; window: number | undefined}> {
  const schedule = await world.backend.getSchedule(GROUP, name)
  return {items: schedule.policies[0]!.policyItems.map(({id: _id, ...rest}) => rest as PolicyItem), window: schedule.restoreWindowDays}
}

async function snapshotCount(world: LocalWorld, name: string): Promise<number> {
  return (await world.backend.listSnapshots(GROUP, name, {itemsPerPage: 500})).results.length
}

function westCopy(zoneId: string): CopySetting {
  return {cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId, frequencies: ['DAILY', 'ON_DEMAND'], shouldCopyOplogs: false}
}

/** A new M10 with continuous backup, copies of its daily and on-demand snapshots to US_WEST_2, three days old. */
async function busyCluster(world: LocalWorld, name = 'Orders'): Promise<void> {
  createCluster(world.backend, GROUP, {name, tier: 'M10', continuousBackup: true})
  const zoneId = (await world.backend.getCluster(GROUP, name)).replicationSpecs![0]!.zoneId!
  await world.backend.updateSchedule(GROUP, name, {copySettings: [westCopy(zoneId)]})
  world.setNow(START + 3 * DAY_MS)
  await world.backend.takeSnapshot(GROUP, name, {retentionInDays: 5})
  world.setNow(START + 3 * DAY_MS + 20 * SECOND_MS)
}

describe('turning Cloud Backup off and on (issue 17 item 3, rules 55, 89)', () => {
  test('rule 89 accepted without a policy: every snapshot (on-demand and copies too), the schedule and the oplog go at once', async () => {
    const world = localWorld()
    await busyCluster(world)
    const page = (await world.backend.listSnapshots(GROUP, 'Orders', {itemsPerPage: 500})).results as ReplicaSetSnapshot[]
    const onDemand = page.filter((snapshot) => snapshot.snapshotType === 'onDemand').length
    const copies = page.reduce((n, snapshot) => n + (snapshot.copyRegions?.length ?? 0), 0)
    expect(onDemand).toBe(1)
    expect(copies).toBeGreaterThan(1)
    const result = updateCluster(world.backend, GROUP, 'Orders', {cloudBackup: false})
    expect(result.changes).toHaveLength(1)
    expect(result.changes[0]).toMatchObject({setting: 'cloudBackup', from: true, to: false})
    const details = result.changes[0]!.effects.map((effect) => effect.kind)
    expect(details).toEqual(['snapshotsDeleted', 'scheduleDeleted', 'coverageDeleted'])
    expect(result.changes[0]!.effects[0]!.detail).toBe(`${page.length} snapshots deleted at once (${page.length - 1} scheduled, 1 on-demand), with ${copies} copies in other regions (rule 55)`)
    expect(await world.backend.getCluster(GROUP, 'Orders')).toMatchObject({backupEnabled: false, pitEnabled: false})
    expect(listFleet(world.backend, GROUP).find((c) => c.name === 'Orders')).toMatchObject({backupEnabled: false, continuousBackup: false, snapshots: 0})
    // The backup API has no configuration to answer from: Atlas's BACKUP_CONFIG_NOT_FOUND (404).
    const refusals = [
      world.backend.getSchedule(GROUP, 'Orders'),
      world.backend.listSnapshots(GROUP, 'Orders'),
      world.backend.takeSnapshot(GROUP, 'Orders', {retentionInDays: 1}),
      world.backend.createRestoreJob(GROUP, 'Orders', {deliveryType: 'download', snapshotId: page[0]!.id}),
      world.backend.restoreWindow(GROUP, 'Orders'),
    ]
    for (const refusal of refusals) expect(await atlasError(refusal)).toMatchObject({status: 404, errorCode: 'BACKUP_CONFIG_NOT_FOUND', parameters: ['Orders', GROUP]})
    // Time passing takes no snapshot.
    world.setNow(START + 6 * DAY_MS)
    expect(listFleet(world.backend, GROUP).find((c) => c.name === 'Orders')!.snapshots).toBe(0)
    await world.backend.close()
  })

  test('rule 89 refused under a policy: CANNOT_DISABLE_CLOUD_BACKUP_WITH_BACKUP_COMPLIANCE_POLICY (400), nothing deleted', async () => {
    const world = localWorld()
    await busyCluster(world)
    const before = await snapshotCount(world, 'Orders')
    putPolicy(world.backend, world.now())
    const error = failure(() => updateCluster(world.backend, GROUP, 'Orders', {cloudBackup: false}))
    expect(error).toMatchObject({status: 400, errorCode: 'CANNOT_DISABLE_CLOUD_BACKUP_WITH_BACKUP_COMPLIANCE_POLICY', parameters: ['Orders']})
    expect(error.detail).toContain('Cloud Backup cannot be turned off on Orders')
    expect(await snapshotCount(world, 'Orders')).toBe(before)
    expect((await world.backend.getCluster(GROUP, 'Orders')).backupEnabled).toBe(true)
    await world.backend.close()
  })

  test('turning it back on starts a fresh default schedule, as a new cluster gets; its first snapshot is a full copy', async () => {
    const world = localWorld()
    createCluster(world.backend, GROUP, {name: 'Orders', tier: 'M10'})
    const original = await world.backend.getSchedule(GROUP, 'Orders')
    await world.backend.updateSchedule(GROUP, 'Orders', {policies: [{id: original.policies[0]!.id, policyItems: [{...original.policies[0]!.policyItems[0]!, retentionValue: 3}]}]})
    world.setNow(START + DAY_MS)
    updateCluster(world.backend, GROUP, 'Orders', {cloudBackup: false})
    world.setNow(START + 2 * DAY_MS)
    const on = updateCluster(world.backend, GROUP, 'Orders', {cloudBackup: true})
    expect(on.changes[0]).toMatchObject({setting: 'cloudBackup', from: false, to: true})
    expect(on.changes[0]!.effects[0]!.detail).toMatch(/^the default backup policy starts, as on a new cluster: the first scheduled snapshot at 2026-06-17T18:00:00Z, a full copy$/)
    const fresh = await world.backend.getSchedule(GROUP, 'Orders')
    const strip = (schedule: typeof fresh) => schedule.policies[0]!.policyItems.map(({id: _id, ...rest}) => rest)
    expect(strip(fresh)).toEqual(strip(original))
    expect(fresh.policies[0]!.id).not.toBe(original.policies[0]!.id)
    world.setNow(START + 3 * DAY_MS)
    const page = (await world.backend.listSnapshots(GROUP, 'Orders')).results
    expect(page).toHaveLength(1)
    expect((await world.backend.getCluster(GROUP, 'Orders')).backupEnabled).toBe(true)
    await world.backend.close()
  })

  test('rule 85: an NVMe cluster keeps Cloud Backup (409 NVME_STORAGE_PROVIDER_BACKUP_REQUIRED); shared tiers and M0 have nothing to turn off', async () => {
    const world = localWorld()
    expect(failure(() => updateCluster(world.backend, GROUP, 'NVMe0', {cloudBackup: false}))).toMatchObject({status: 409, errorCode: 'NVME_STORAGE_PROVIDER_BACKUP_REQUIRED'})
    expect(failure(() => updateCluster(world.backend, GROUP, 'Shared0', {cloudBackup: false}))).toMatchObject({status: 400, errorCode: 'TENANT_CLUSTER_UPDATE_UNSUPPORTED'})
    expect(failure(() => updateCluster(world.backend, GROUP, 'Free0', {cloudBackup: true}))).toMatchObject({status: 400, errorCode: 'PROVIDER_BACKUP_NOT_SUPPORTED'})
    expect(updateCluster(world.backend, GROUP, 'Shared0', {cloudBackup: true}).unchanged).toEqual(['cloudBackup'])
    await world.backend.close()
  })

  test('with Cloud Backup off, Continuous Cloud Backup and an NVMe tier are refused until it is back on', async () => {
    const world = localWorld()
    createCluster(world.backend, GROUP, {name: 'Orders', tier: 'M10'})
    updateCluster(world.backend, GROUP, 'Orders', {cloudBackup: false})
    expect(failure(() => updateCluster(world.backend, GROUP, 'Orders', {continuousBackup: true}))).toMatchObject({status: 400, errorCode: 'INVALID_ATTRIBUTE'})
    expect(failure(() => updateCluster(world.backend, GROUP, 'Orders', {tier: 'M40_NVME'}))).toMatchObject({status: 409, errorCode: 'NVME_STORAGE_PROVIDER_BACKUP_REQUIRED'})
    const both = updateCluster(world.backend, GROUP, 'Orders', {cloudBackup: true, continuousBackup: true})
    expect(both.changes.map((c) => c.setting)).toEqual(['cloudBackup', 'continuousBackup'])
    expect((await scheduleItems(world, 'Orders')).items[0]!.frequencyType, 'the default policy with continuous backup has the hourly item').toBe('hourly')
    await world.backend.close()
  })
})

describe('a cluster created under a policy (rule 88)', () => {
  test('rule 88 accepted: it starts at the minimum: continuous backup on, the schedule raised, the window the policy\'s; effects told', async () => {
    const world = localWorld()
    putPolicy(world.backend, world.now(), PIT_MINIMUM)
    const created = createCluster(world.backend, GROUP, {name: 'Orders', tier: 'M10'})
    expect(created).toMatchObject({continuousBackup: true, backupEnabled: true})
    expect(created.compliancePolicyEffects!.map((e) => e.detail)).toEqual([
      'Backup Compliance Policy: Continuous Cloud Backup on, as the policy requires point-in-time restore (rule 88)',
      "Backup Compliance Policy: backup policy raised to the policy's minimum: hourly every 6 hours kept 3 days, daily kept 10 days, restore window 3 days (rule 88)",
    ])
    expect(await scheduleItems(world, 'Orders')).toEqual({items: [item('hourly', 6, 3), item('daily', 1, 10), item('weekly', 6, 4, 'weeks'), item('monthly', 40, 12, 'months')], window: 3})
    expect((await world.backend.getCluster(GROUP, 'Orders')).pitEnabled).toBe(true)
    await world.backend.close()
  })

  test('rule 88: without a policy a new cluster keeps the plain default; a shared cluster under a policy is left alone', async () => {
    const world = localWorld()
    const plain = createCluster(world.backend, GROUP, {name: 'Plain', tier: 'M10'})
    expect(plain.compliancePolicyEffects).toBeUndefined()
    expect(plain.continuousBackup).toBe(false)
    putPolicy(world.backend, world.now(), PIT_MINIMUM)
    const shared = createCluster(world.backend, GROUP, {name: 'Small', tier: 'M5'})
    expect(shared.compliancePolicyEffects).toBeUndefined()
    expect(shared.continuousBackup).toBe(false)
    await world.backend.close()
  })

  test('rule 88 refused: with encryption at rest required, a cluster without a customer key is refused as the PUT refuses one (400)', async () => {
    const world = localWorld()
    putPolicy(world.backend, world.now(), {encryptionAtRestEnabled: true})
    const error = failure(() => createCluster(world.backend, GROUP, {name: 'Orders', tier: 'M10'}))
    expect(error).toMatchObject({status: 400, errorCode: 'BACKUP_POLICIES_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS', parameters: ['Orders']})
    expect(error.detail).toContain('the cluster does not encrypt at rest with a customer key; the compliance policy requires it')
    expect(listFleet(world.backend, GROUP).find((c) => c.name === 'Orders')).toBeUndefined()
    expect(createCluster(world.backend, GROUP, {name: 'Orders', tier: 'M10', encryptionAtRestProvider: 'AWS'}).name).toBe('Orders')
    await world.backend.close()
  })

  test('rule 88: the policy\'s PUT turns Cloud Backup back on for a cluster that has it off, raised to the minimum', async () => {
    const world = localWorld()
    createCluster(world.backend, GROUP, {name: 'Orders', tier: 'M10'})
    updateCluster(world.backend, GROUP, 'Orders', {cloudBackup: false})
    await world.backend.updateCompliancePolicy(GROUP, PIT_POLICY)
    expect(await world.backend.getCluster(GROUP, 'Orders')).toMatchObject({backupEnabled: true, pitEnabled: true})
    expect(await scheduleItems(world, 'Orders')).toMatchObject({items: expect.arrayContaining([item('hourly', 6, 3), item('daily', 1, 10)]), window: 3})
    await world.backend.close()
  })
})

describe('Cloud Backup off as a gap (rule 88)', () => {
  test('rule 88 refused: with overwriteBackupPolicies=false, a cluster whose only gap is Cloud Backup off refuses the PUT, naming it', async () => {
    const world = localWorld()
    createCluster(world.backend, GROUP, {name: 'Orders', tier: 'M10'})
    updateCluster(world.backend, GROUP, 'Orders', {cloudBackup: false})
    // Every cluster's default schedule keeps dailies 7 days: Cloud Backup off is the one thing Orders lacks.
    const error = await atlasError(world.backend.updateCompliancePolicy(GROUP, {...PERSON, scheduledPolicyItems: [item('daily', 1, 7)]}, {overwriteBackupPolicies: false}))
    expect(error).toMatchObject({status: 400, errorCode: 'BACKUP_POLICIES_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS', parameters: ['Orders']})
    expect(error.fields).toEqual([{field: 'Orders.backupEnabled', description: 'Orders: Cloud Backup is off; the compliance policy turns it on'}])
    expect((await world.backend.getCluster(GROUP, 'Orders')).backupEnabled).toBe(false)
    await world.backend.close()
  })
})

describe('a cluster resumed under a policy (rule 91)', () => {
  test('rule 91 accepted: paused with Cloud Backup off when the policy came, it gets Cloud Backup, PIT and the window on resume', async () => {
    const world = localWorld()
    createCluster(world.backend, GROUP, {name: 'Orders', tier: 'M10'})
    updateCluster(world.backend, GROUP, 'Orders', {cloudBackup: false, paused: true})
    await world.backend.updateCompliancePolicy(GROUP, PIT_POLICY)
    expect((await world.backend.getCluster(GROUP, 'Orders')).backupEnabled, 'a paused cluster waits for its resume').toBe(false)
    world.setNow(START + DAY_MS)
    const resumed = updateCluster(world.backend, GROUP, 'Orders', {paused: false})
    expect(resumed.changes.map((c) => c.setting)).toEqual(['paused'])
    const told = resumed.changes[0]!.effects.map((e) => e.detail)
    expect(told[0]).toMatch(/^scheduled snapshots resume/)
    expect(told.slice(1).map((d) => d.split(';')[0])).toEqual([
      'Backup Compliance Policy: Cloud Backup turned on (rule 88)',
      'Backup Compliance Policy: Continuous Cloud Backup turned on, as the policy requires point-in-time restore: oplog is collected from 2026-06-16T10:30:00Z on',
      "Backup Compliance Policy: backup policy raised to the policy's minimum: hourly every 6 hours kept 3 days, daily kept 10 days, restore window 3 days (rule 88)",
    ])
    expect(await world.backend.getCluster(GROUP, 'Orders')).toMatchObject({backupEnabled: true, pitEnabled: true})
    expect((await scheduleItems(world, 'Orders')).window).toBe(3)
    await world.backend.close()
  })

  test('rule 91: Cloud Backup turned back on by hand under the policy, even while paused, is brought up to it as well', async () => {
    const world = localWorld()
    createCluster(world.backend, GROUP, {name: 'Orders', tier: 'M10'})
    updateCluster(world.backend, GROUP, 'Orders', {cloudBackup: false, paused: true})
    await world.backend.updateCompliancePolicy(GROUP, PIT_POLICY)
    const on = updateCluster(world.backend, GROUP, 'Orders', {cloudBackup: true})
    expect(on.changes.map((c) => c.setting)).toEqual(['cloudBackup'])
    expect(on.changes[0]!.effects.map((e) => e.kind)).toEqual(['scheduleStarts', 'compliancePolicy', 'compliancePolicy'])
    expect(await world.backend.getCluster(GROUP, 'Orders')).toMatchObject({backupEnabled: true, pitEnabled: true})
    expect(await scheduleItems(world, 'Orders')).toEqual({items: [item('hourly', 6, 3), item('daily', 1, 10), item('weekly', 6, 4, 'weeks'), item('monthly', 40, 12, 'months')], window: 3})
    await world.backend.close()
  })

  test('rule 91 refused: under the policy a resumed cluster cannot drop back below it (Cloud Backup off refused)', async () => {
    const world = localWorld()
    createCluster(world.backend, GROUP, {name: 'Orders', tier: 'M10'})
    updateCluster(world.backend, GROUP, 'Orders', {paused: true})
    await world.backend.updateCompliancePolicy(GROUP, PIT_POLICY)
    const resumed = updateCluster(world.backend, GROUP, 'Orders', {paused: false})
    expect(resumed.changes[0]!.effects.map((e) => e.kind), 'raised when the policy came: nothing left to do').toEqual(['scheduledSnapshotsResume'])
    expect(failure(() => updateCluster(world.backend, GROUP, 'Orders', {cloudBackup: false})).errorCode).toBe('CANNOT_DISABLE_CLOUD_BACKUP_WITH_BACKUP_COMPLIANCE_POLICY')
    expect(failure(() => updateCluster(world.backend, GROUP, 'Orders', {continuousBackup: false})).errorCode).toBe('CANNOT_DISABLE_PIT_WITH_BACKUUP_COMPLIANCE_POLICY')
    await world.backend.close()
  })

  test('rule 91: without a policy a resume changes nothing about backups', async () => {
    const world = localWorld()
    createCluster(world.backend, GROUP, {name: 'Orders', tier: 'M10'})
    updateCluster(world.backend, GROUP, 'Orders', {cloudBackup: false, paused: true})
    const resumed = updateCluster(world.backend, GROUP, 'Orders', {paused: false})
    expect(resumed.changes[0]!.effects.map((e) => e.kind)).toEqual(['scheduledSnapshotsResume'])
    expect((await world.backend.getCluster(GROUP, 'Orders')).backupEnabled).toBe(false)
    await world.backend.close()
  })
})
