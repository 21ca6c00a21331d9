import {describe, expect, test} from 'vitest'

import {createCluster, deleteCluster, listFleet} from '../../../src/lib/backends/local/admin.js'
import {updateCluster} from '../../../src/lib/backends/local/cluster-changes.js'
import {COMPLIANCE_SETTLE_MS} from '../../../src/lib/backends/local/compliance-policies.js'
import {CompliancePolicyRepository} from '../../../src/lib/backends/local/compliance-policy-repository.js'
import {deterministicObjectId} from '../../../src/lib/domain/ids.js'
import {DAY_MS, toIso} from '../../../src/lib/domain/time.js'
import type {CompliancePolicyRequest, PolicyItem} from '../../../src/lib/domain/types.js'
import {atlasError, GROUP, localWorld, type LocalWorld, START} from './harness.js'

/**
 * The emulator's Backup Compliance Policy resource (rules 86–88, 90), in-process on a fresh demo world at START with
 * the clock standing still unless a test moves it: what each call answers, what the store holds after it (the
 * policy, the clusters' raised schedules, continuous backup), and the states over virtual time.
 */

const PERSON = {authorizedEmail: 'dpo@example.com', authorizedUserFirstName: 'Dana', authorizedUserLastName: 'Officer'}
const RECORDED_MINIMAL: CompliancePolicyRequest = {...PERSON, scheduledPolicyItems: []}

const item = (frequencyType: PolicyItem['frequencyType'], frequencyInterval: number, retentionValue: number, retentionUnit: PolicyItem['retentionUnit'] = 'days'): PolicyItem => ({
  frequencyInterval,
  frequencyType,
  retentionUnit,
  retentionValue,
})

/** Requires PIT with a 3-day window, hourly snapshots every 12 hours kept 3 days and daily ones kept 10 days. */
const PIT_POLICY: CompliancePolicyRequest = {
  ...PERSON,
  pitEnabled: true,
  restoreWindowDays: 3,
  scheduledPolicyItems: [item('hourly', 12, 3), item('daily', 1, 10)],
}

function settle(world: LocalWorld): void {
  world.setNow(world.now() + COMPLIANCE_SETTLE_MS)
}

async function scheduleOf(world: LocalWorld, clusterName: string): Promise<{items: PolicyItem[]; window: number | undefined}> {
  const schedule = await world.backend.getSchedule(GROUP, clusterName)
  return {items: schedule.policies[0]!.policyItems.map(({id: _id, ...rest}) => rest as PolicyItem), window: schedule.restoreWindowDays}
}

function storedPolicy(world: LocalWorld) {
  return world.backend.transact((s) => new CompliancePolicyRepository(s.repo.db).find(GROUP))
}

describe('GET and the state flow (rule 87)', () => {
  test('rule 87: without a policy GET answers 404 RESOURCE_NOT_FOUND; an unknown project GROUP_NOT_FOUND', async () => {
    const world = localWorld()
    expect(await atlasError(world.backend.getCompliancePolicy(GROUP))).toMatchObject({status: 404, errorCode: 'RESOURCE_NOT_FOUND'})
    expect(await atlasError(world.backend.getCompliancePolicy('0123456789abcdef01234567'))).toMatchObject({status: 404, errorCode: 'GROUP_NOT_FOUND'})
  })

  test('rule 87: the first PUT answers ENABLING with the recorded shape, ACTIVE once settled; later PUTs UPDATING', async () => {
    const world = localWorld()
    const put = await world.backend.updateCompliancePolicy(GROUP, RECORDED_MINIMAL)
    expect(put).toEqual({
      ...PERSON,
      copyProtectionEnabled: false,
      deletable: false,
      encryptionAtRestEnabled: false,
      onDemandPolicyItem: null,
      pitEnabled: false,
      projectId: GROUP,
      restoreWindowDays: 0,
      scheduledPolicyItems: [],
      state: 'ENABLING',
      updatedDate: toIso(START),
      updatedUser: 'emulator@atlas-backups.invalid',
    })
    expect(Object.keys(put)).toEqual([...Object.keys(put)].sort())
    world.setNow(START + COMPLIANCE_SETTLE_MS - 1)
    expect((await world.backend.getCompliancePolicy(GROUP)).state).toBe('ENABLING')
    world.setNow(START + COMPLIANCE_SETTLE_MS)
    expect(await world.backend.getCompliancePolicy(GROUP)).toEqual({...put, state: 'ACTIVE'})

    const second = await world.backend.updateCompliancePolicy(GROUP, {...RECORDED_MINIMAL, copyProtectionEnabled: true})
    expect(second).toMatchObject({copyProtectionEnabled: true, state: 'UPDATING', updatedDate: toIso(START + COMPLIANCE_SETTLE_MS)})
    settle(world)
    expect((await world.backend.getCompliancePolicy(GROUP)).state).toBe('ACTIVE')
    expect(storedPolicy(world)).toMatchObject({enabledAt: START, changedAt: START + COMPLIANCE_SETTLE_MS, pendingState: 'UPDATING'})
  })

  test('rule 87: items get ids, reproducible under a frozen clock, and keep them across PUTs', async () => {
    const body = {...RECORDED_MINIMAL, scheduledPolicyItems: [item('daily', 1, 1)], onDemandPolicyItem: item('ondemand', 0, 3)}
    const [first, other] = [localWorld(), localWorld()]
    const put = await first.backend.updateCompliancePolicy(GROUP, body)
    expect(await other.backend.updateCompliancePolicy(GROUP, body)).toEqual(put)
    const dailyId = put.scheduledPolicyItems[0]!.id
    expect(dailyId).toBe(deterministicObjectId(START, `${GROUP}/compliance-policy/scheduled/0`))
    expect(put.onDemandPolicyItem).toEqual({...item('ondemand', 0, 3), id: deterministicObjectId(START, `${GROUP}/compliance-policy/on-demand/0`)})
    settle(first)
    const again = await first.backend.updateCompliancePolicy(GROUP, {...body, scheduledPolicyItems: [item('daily', 1, 2), item('weekly', 1, 1, 'weeks')]})
    expect(again.scheduledPolicyItems.map((i) => i.id)).toEqual([dailyId, deterministicObjectId(first.now(), `${GROUP}/compliance-policy/scheduled/1`)])
    expect(again.onDemandPolicyItem!.id).toBe(put.onDemandPolicyItem!.id)
  })
})

describe('PUT (rules 86, 87, 88)', () => {
  test('rule 86: an invalid body is refused with 400 BACKUP_COMPLIANCE_POLICY_SETTINGS_INVALID and nothing is stored', async () => {
    const world = localWorld()
    const error = await atlasError(world.backend.updateCompliancePolicy(GROUP, {authorizedEmail: 'nobody'}))
    expect(error).toMatchObject({status: 400, errorCode: 'BACKUP_COMPLIANCE_POLICY_SETTINGS_INVALID'})
    expect(error.fields).toHaveLength(3)
    expect(storedPolicy(world)).toBeUndefined()
  })

  test('rule 86: a 2023-01-01 body may leave the names out (the stored ones stay); 2023-10-01 may not', async () => {
    const world = localWorld()
    await world.backend.updateCompliancePolicy(GROUP, RECORDED_MINIMAL)
    settle(world)
    const body = {authorizedEmail: 'other@example.com'}
    expect(await atlasError(world.backend.updateCompliancePolicy(GROUP, body))).toMatchObject({errorCode: 'BACKUP_COMPLIANCE_POLICY_SETTINGS_INVALID'})
    const put = await world.backend.updateCompliancePolicy(GROUP, body, {version: '2023-01-01'})
    expect(put).toMatchObject({authorizedEmail: 'other@example.com', authorizedUserFirstName: 'Dana', authorizedUserLastName: 'Officer'})
  })

  test('rule 87: a PUT while ENABLING or UPDATING is refused with CANNOT_UPDATE_…_WITH_PENDING_ACTION, and accepted once ACTIVE', async () => {
    const world = localWorld()
    await world.backend.updateCompliancePolicy(GROUP, RECORDED_MINIMAL)
    const refused = await atlasError(world.backend.updateCompliancePolicy(GROUP, {...RECORDED_MINIMAL, pitEnabled: false, copyProtectionEnabled: true}))
    expect(refused).toMatchObject({status: 400, errorCode: 'CANNOT_UPDATE_BACKUP_COMPLIANCE_POLICY_SETTINGS_WITH_PENDING_ACTION'})
    expect(storedPolicy(world)!.settings.copyProtectionEnabled).toBe(false)
    settle(world)
    expect((await world.backend.updateCompliancePolicy(GROUP, {...RECORDED_MINIMAL, copyProtectionEnabled: true})).state).toBe('UPDATING')
  })

  test('rule 88: overwriteBackupPolicies (the default) raises every dedicated cluster to the minimum and turns PIT on', async () => {
    const world = localWorld()
    expect(await scheduleOf(world, 'MultiRegion0')).toEqual({items: [item('daily', 1, 7), item('weekly', 6, 4, 'weeks'), item('monthly', 40, 12, 'months')], window: 2})
    await world.backend.updateCompliancePolicy(GROUP, PIT_POLICY)
    // Cluster0 keeps its more frequent hourly interval (6 h) and what was above the minimum (weekly, monthly).
    expect(await scheduleOf(world, 'Cluster0')).toEqual({items: [item('hourly', 6, 3), item('daily', 1, 10), item('weekly', 6, 4, 'weeks'), item('monthly', 40, 12, 'months')], window: 3})
    // MultiRegion0 had no continuous backup and no hourly item: both arrive.
    expect(await scheduleOf(world, 'MultiRegion0')).toEqual({items: [item('daily', 1, 10), item('weekly', 6, 4, 'weeks'), item('monthly', 40, 12, 'months'), item('hourly', 12, 3)], window: 3})
    expect((await world.backend.getCluster(GROUP, 'MultiRegion0')).pitEnabled).toBe(true)
    expect((await scheduleOf(world, 'NVMe0')).items[0]).toEqual(item('hourly', 12, 3))
    // Shared and serverless clusters have no schedule to raise.
    expect(await atlasError(world.backend.getSchedule(GROUP, 'Shared0'))).toMatchObject({errorCode: 'TENANT_CLUSTER_UPDATE_UNSUPPORTED'})
  })

  test('rule 88: each cluster is brought up to now before it is raised: snapshots taken before keep their retention', async () => {
    const world = localWorld()
    world.setNow(START + 2 * DAY_MS)
    await world.backend.updateCompliancePolicy(GROUP, PIT_POLICY)
    const page = await world.backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 500})
    const daily = page.results.filter((snapshot) => snapshot.frequencyType === 'daily' && Date.parse(snapshot.createdAt!) > START)
    expect(daily.length).toBeGreaterThan(0)
    for (const snapshot of daily) expect(Date.parse(snapshot.expiresAt!) - Date.parse(snapshot.createdAt!)).toBeLessThanOrEqual(7 * DAY_MS)
    world.setNow(START + 3 * DAY_MS)
    const later = (await world.backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 500})).results.filter(
      (snapshot) => snapshot.frequencyType === 'daily' && Date.parse(snapshot.createdAt!) > START + 2 * DAY_MS,
    )
    expect(later.length).toBeGreaterThan(0)
    for (const snapshot of later) expect(Date.parse(snapshot.expiresAt!) - Date.parse(snapshot.createdAt!)).toBeGreaterThan(9 * DAY_MS)
  })

  test('rule 88: an hourly item less frequent than required gets the interval (NVMe0 removed, as it cannot)', async () => {
    const world = localWorld()
    deleteCluster(world.backend, GROUP, 'NVMe0')
    await world.backend.updateCompliancePolicy(GROUP, {...PERSON, scheduledPolicyItems: [item('hourly', 4, 2)]})
    expect((await scheduleOf(world, 'Cluster0')).items[0]).toEqual(item('hourly', 4, 2))
  })

  test('rules 88, 85: an NVMe cluster with no hourly item cannot be given one every 4 h either: the PUT is refused as a gap, not as a bad schedule', async () => {
    const world = localWorld()
    deleteCluster(world.backend, GROUP, 'NVMe0')
    createCluster(world.backend, GROUP, {name: 'Nvme1', tier: 'M40_NVME'})
    const schedule = await world.backend.getSchedule(GROUP, 'Nvme1')
    expect(schedule.policies[0]!.policyItems.some((one) => one.frequencyType === 'hourly')).toBe(false)
    const error = await atlasError(world.backend.updateCompliancePolicy(GROUP, {...PERSON, scheduledPolicyItems: [item('hourly', 4, 2)]}))
    expect(error).toMatchObject({status: 400, errorCode: 'BACKUP_POLICIES_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS', parameters: ['Nvme1']})
    expect(await world.backend.getSchedule(GROUP, 'Nvme1')).toEqual(schedule)
    expect(storedPolicy(world)).toBeUndefined()
    await world.backend.close()
  })

  test('rules 88, 85: a gap no overwrite can close (NVMe0 hourly every 12 h) refuses the PUT, naming the cluster, store untouched', async () => {
    const world = localWorld()
    const before = await scheduleOf(world, 'Cluster0')
    const error = await atlasError(world.backend.updateCompliancePolicy(GROUP, {...PERSON, scheduledPolicyItems: [item('hourly', 4, 2)]}))
    expect(error).toMatchObject({status: 400, errorCode: 'BACKUP_POLICIES_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS', parameters: ['NVMe0']})
    expect(await scheduleOf(world, 'Cluster0')).toEqual(before)
    expect(storedPolicy(world)).toBeUndefined()
  })

  test('rule 88: encryption at rest required is refused while a dedicated cluster has no customer key, and accepted once all have one', async () => {
    const world = localWorld()
    const body = {...RECORDED_MINIMAL, encryptionAtRestEnabled: true}
    const error = await atlasError(world.backend.updateCompliancePolicy(GROUP, body))
    expect(error).toMatchObject({status: 400, errorCode: 'BACKUP_POLICIES_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS', parameters: ['Cluster0', 'MultiRegion0', 'NVMe0', 'Sharded0']})
    expect(error.fields).toContainEqual(expect.objectContaining({field: 'Cluster0.encryptionAtRestProvider'}))
    for (const name of ['Cluster0', 'MultiRegion0', 'NVMe0', 'Sharded0']) updateCluster(world.backend, GROUP, name, {encryptionAtRestProvider: 'AWS'})
    expect((await world.backend.updateCompliancePolicy(GROUP, body)).encryptionAtRestEnabled).toBe(true)
  })

  test('rule 88: overwriteBackupPolicies=false refuses a project below the minimum, naming every such cluster, and changes nothing', async () => {
    const world = localWorld()
    const before = await scheduleOf(world, 'MultiRegion0')
    const error = await atlasError(world.backend.updateCompliancePolicy(GROUP, PIT_POLICY, {overwriteBackupPolicies: false}))
    expect(error).toMatchObject({status: 400, errorCode: 'BACKUP_POLICIES_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS'})
    expect(error.parameters).toEqual(['Cluster0', 'MultiRegion0', 'NVMe0', 'Sharded0'])
    expect(error.fields).toContainEqual(expect.objectContaining({field: 'MultiRegion0.pitEnabled'}))
    expect(await scheduleOf(world, 'MultiRegion0')).toEqual(before)
    expect((await world.backend.getCluster(GROUP, 'MultiRegion0')).pitEnabled).toBe(false)
    expect(storedPolicy(world)).toBeUndefined()
  })

  test('rule 88: overwriteBackupPolicies=false is accepted when every cluster already meets the minimum', async () => {
    const world = localWorld()
    const put = await world.backend.updateCompliancePolicy(GROUP, {...PERSON, scheduledPolicyItems: [item('daily', 1, 7)]}, {overwriteBackupPolicies: false})
    expect(put.state).toBe('ENABLING')
  })
})

describe('DELETE (rule 90)', () => {
  const EMPTY = '0123456789abcdef01234567'

  function emptyProject(world: LocalWorld): void {
    world.backend.transact((s) => s.repo.insertProject(EMPTY, 'Empty', s.now))
  }

  test('rule 90: refused with CANNOT_DISABLE_BACKUP_COMPLIANCE_POLICY in a project with clusters, the policy kept', async () => {
    const world = localWorld()
    await world.backend.updateCompliancePolicy(GROUP, RECORDED_MINIMAL)
    settle(world)
    expect(await atlasError(world.backend.deleteCompliancePolicy(GROUP))).toMatchObject({status: 400, errorCode: 'CANNOT_DISABLE_BACKUP_COMPLIANCE_POLICY'})
    expect((await world.backend.getCompliancePolicy(GROUP)).state).toBe('ACTIVE')
  })

  test('rule 90: accepted in an empty project, after which GET answers 404', async () => {
    const world = localWorld()
    emptyProject(world)
    await world.backend.updateCompliancePolicy(EMPTY, RECORDED_MINIMAL)
    settle(world)
    await world.backend.deleteCompliancePolicy(EMPTY)
    expect(await atlasError(world.backend.getCompliancePolicy(EMPTY))).toMatchObject({status: 404, errorCode: 'RESOURCE_NOT_FOUND'})
  })

  test('rule 90: terminated clusters keep the project from being empty until their retained snapshots expire', async () => {
    const world = localWorld()
    await world.backend.updateCompliancePolicy(GROUP, RECORDED_MINIMAL)
    settle(world)
    for (const cluster of listFleet(world.backend, GROUP)) deleteCluster(world.backend, GROUP, cluster.name)
    expect(world.backend.transact((s) => [s.repo.clusters(GROUP).length, s.repo.terminatedClusters(GROUP).length])).toEqual([0, 8])
    expect(await atlasError(world.backend.deleteCompliancePolicy(GROUP))).toMatchObject({status: 400, errorCode: 'CANNOT_DISABLE_BACKUP_COMPLIANCE_POLICY'})
    world.setNow(world.now() + 800 * DAY_MS)
    await world.backend.deleteCompliancePolicy(GROUP)
    expect(storedPolicy(world)).toBeUndefined()
  })

  test('rule 90: accepted once Support made the policy deletable, even with clusters', async () => {
    const world = localWorld()
    await world.backend.updateCompliancePolicy(GROUP, RECORDED_MINIMAL)
    settle(world)
    world.backend.transact((s) => {
      const repository = new CompliancePolicyRepository(s.repo.db)
      const record = repository.find(GROUP)!
      repository.save(GROUP, {...record, settings: {...record.settings, deletable: true}})
    })
    expect((await world.backend.getCompliancePolicy(GROUP)).deletable).toBe(true)
    await world.backend.deleteCompliancePolicy(GROUP)
    expect(storedPolicy(world)).toBeUndefined()
  })

  test('rule 90: refused while a change is pending, and 404 without a policy', async () => {
    const world = localWorld()
    emptyProject(world)
    expect(await atlasError(world.backend.deleteCompliancePolicy(EMPTY))).toMatchObject({status: 404, errorCode: 'RESOURCE_NOT_FOUND'})
    await world.backend.updateCompliancePolicy(EMPTY, RECORDED_MINIMAL)
    expect(await atlasError(world.backend.deleteCompliancePolicy(EMPTY))).toMatchObject({errorCode: 'CANNOT_UPDATE_BACKUP_COMPLIANCE_POLICY_SETTINGS_WITH_PENDING_ACTION'})
  })
})
