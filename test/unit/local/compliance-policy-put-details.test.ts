import {describe, expect, test} from 'vitest'

import {createCluster, deleteCluster} from '../../../src/lib/backends/local/admin.js'
import {COMPLIANCE_SETTLE_MS} from '../../../src/lib/backends/local/compliance-policies.js'
import {CompliancePolicyRepository} from '../../../src/lib/backends/local/compliance-policy-repository.js'
import type {CompliancePolicyRequest, PolicyItem} from '../../../src/lib/domain/types.js'
import {atlasError, GROUP, localWorld, type LocalWorld} from './harness.js'

/**
 * The details of PUT …/backupCompliancePolicy (rules 86–88) that the broader tests leave open: which stored item an
 * item's id comes from, the names a 2023-01-01 body leaves out of the first PUT, the refusal's detail and fields
 * (cluster by cluster), what makes a gap unraisable, and the read-modify-write change of the policy.
 */

const PERSON = {authorizedEmail: 'dpo@example.com', authorizedUserFirstName: 'Dana', authorizedUserLastName: 'Officer'}

const item = (frequencyType: PolicyItem['frequencyType'], frequencyInterval: number, retentionValue: number, retentionUnit: PolicyItem['retentionUnit'] = 'days'): PolicyItem => ({
  frequencyInterval,
  frequencyType,
  retentionUnit,
  retentionValue,
})

function settle(world: LocalWorld): void {
  world.setNow(world.now() + COMPLIANCE_SETTLE_MS)
}

function storedPolicy(world: LocalWorld) {
  return world.backend.transact((s) => new CompliancePolicyRepository(s.repo.db).find(GROUP))
}

describe('item ids across PUTs (rule 87)', () => {
  test('rule 87: an item keeps the id of the stored item of its own frequency type, not of the first stored item', async () => {
    const world = localWorld()
    const first = await world.backend.updateCompliancePolicy(GROUP, {...PERSON, scheduledPolicyItems: [item('hourly', 12, 1), item('daily', 1, 1)]})
    const [hourlyId, dailyId] = first.scheduledPolicyItems.map((i) => i.id)
    expect(hourlyId).not.toBe(dailyId)
    settle(world)
    const second = await world.backend.updateCompliancePolicy(GROUP, {...PERSON, scheduledPolicyItems: [item('daily', 1, 2)]})
    expect(second.scheduledPolicyItems).toEqual([{...item('daily', 1, 2), id: dailyId}])
    expect(storedPolicy(world)!.settings.scheduledPolicyItems).toEqual([{...item('daily', 1, 2), id: dailyId}])
    await world.backend.close()
  })
})

describe('names in a 2023-01-01 body (rule 86)', () => {
  test('rule 86: a first 2023-01-01 PUT without names stores and answers them empty', async () => {
    const world = localWorld()
    const body: CompliancePolicyRequest = {authorizedEmail: 'dpo@example.com', scheduledPolicyItems: []}
    const put = await world.backend.updateCompliancePolicy(GROUP, body, {version: '2023-01-01'})
    expect(put).toMatchObject({authorizedEmail: 'dpo@example.com', authorizedUserFirstName: '', authorizedUserLastName: '', state: 'ENABLING'})
    expect(storedPolicy(world)!.settings).toMatchObject({authorizedUserFirstName: '', authorizedUserLastName: ''})
    await world.backend.close()
  })
})

describe('refusing a project below the minimum (rule 88)', () => {
  test('rules 88, 85: a cluster with one unraisable gap among raisable ones refuses the PUT; detail and fields name it, nothing changes', async () => {
    const world = localWorld()
    const before = await world.backend.getSchedule(GROUP, 'NVMe0')
    // NVMe0 takes hourly snapshots every 12 hours only (unraisable) and keeps its daily ones less than 30 days (raisable).
    const error = await atlasError(world.backend.updateCompliancePolicy(GROUP, {...PERSON, scheduledPolicyItems: [item('hourly', 4, 2), item('daily', 1, 30)]}))
    expect(error).toMatchObject({status: 400, errorCode: 'BACKUP_POLICIES_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS', parameters: ['NVMe0']})
    expect(error.detail).toBe(
      'The backup policies of NVMe0 do not meet the Backup Compliance Policy: they fall short in ways overwriteBackupPolicies cannot raise (see the fields).',
    )
    const fields = error.fields as Array<{field: string; description: string}>
    expect(fields.length).toBeGreaterThanOrEqual(2)
    for (const field of fields) {
      expect(field.field).toMatch(/^NVMe0\./)
      expect(field.description).toMatch(/^NVMe0: the /)
    }
    expect(fields.map((f) => f.description)).toContainEqual(expect.stringContaining('an NVMe cluster takes them every 12 hours only (rule 85)'))
    expect(await world.backend.getSchedule(GROUP, 'NVMe0')).toEqual(before)
    expect(storedPolicy(world)).toBeUndefined()
    await world.backend.close()
  })

  test('rules 88, 85: a cluster asked for NVMe on a tier without it counts as NVMe: its hourly interval cannot be raised', async () => {
    const world = localWorld()
    deleteCluster(world.backend, GROUP, 'NVMe0')
    createCluster(world.backend, GROUP, {name: 'Fast0', tier: 'M40', nvme: true})
    const items = (await world.backend.getSchedule(GROUP, 'Fast0')).policies[0]!.policyItems
    await world.backend.updateSchedule(GROUP, 'Fast0', {policies: [{policyItems: [item('hourly', 12, 2), ...items]}]})
    const error = await atlasError(world.backend.updateCompliancePolicy(GROUP, {...PERSON, scheduledPolicyItems: [item('hourly', 4, 2)]}))
    expect(error).toMatchObject({errorCode: 'BACKUP_POLICIES_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS', parameters: ['Fast0']})
    expect(storedPolicy(world)).toBeUndefined()
    await world.backend.close()
  })

  test('rule 88: overwriteBackupPolicies=false names why in the detail and describes each gap under its cluster', async () => {
    const world = localWorld()
    const error = await atlasError(world.backend.updateCompliancePolicy(GROUP, {...PERSON, scheduledPolicyItems: [item('daily', 1, 30)]}, {overwriteBackupPolicies: false}))
    expect(error.detail).toBe(
      'The backup policies of Cluster0, MultiRegion0, NVMe0, Sharded0 do not meet the Backup Compliance Policy: overwriteBackupPolicies is false: raise them first, or send true to let Atlas raise them.',
    )
    const fields = error.fields as Array<{field: string; description: string}>
    for (const name of ['Cluster0', 'MultiRegion0', 'NVMe0', 'Sharded0']) {
      const own = fields.filter((f) => f.field.startsWith(`${name}.`))
      expect(own.length, name).toBeGreaterThan(0)
      for (const field of own) expect(field.description).toMatch(new RegExp(`^${name}: the daily item keeps its snapshots`))
    }
    await world.backend.close()
  })
})

describe('changing the policy in one transaction', () => {
  test('rule 87: changeCompliancePolicy applies the change to the stored policy and stores it UPDATING', async () => {
    const world = localWorld()
    await world.backend.updateCompliancePolicy(GROUP, {...PERSON, scheduledPolicyItems: [item('daily', 1, 1)]})
    settle(world)
    const changed = await world.backend.changeCompliancePolicy(GROUP, (policy) => ({...policy, copyProtectionEnabled: true}))
    expect(changed).toMatchObject({copyProtectionEnabled: true, state: 'UPDATING', scheduledPolicyItems: [expect.objectContaining(item('daily', 1, 1))]})
    expect(storedPolicy(world)).toMatchObject({pendingState: 'UPDATING', settings: {copyProtectionEnabled: true}})
    expect((await world.backend.getCompliancePolicy(GROUP)).copyProtectionEnabled).toBe(true)
    await world.backend.close()
  })
})
