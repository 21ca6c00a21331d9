import {describe, expect, test} from 'vitest'

import {updateCluster} from '../../../src/lib/backends/local/cluster-changes.js'
import {clusterRestoreWindow} from '../../../src/lib/backends/local/restore-jobs.js'
import type {SnapshotRecord} from '../../../src/lib/backends/local/records.js'
import type {LocalBackend} from '../../../src/lib/backends/local/local-backend.js'
import type {PolicyInForce} from '../../../src/lib/compliance/enforcement.js'
import {DAY_MS, toIso} from '../../../src/lib/domain/time.js'
import type {PolicyItem} from '../../../src/lib/domain/types.js'
import {putPolicy as putPolicyAt} from '../../helpers/compliance-store.js'
import {failure} from '../../helpers/rejection.js'
import {atlasError, GROUP, localWorld, type LocalWorld} from './harness.js'

/**
 * What a Backup Compliance Policy forbids, enforced by the local backend (rules 36, 45, 67, 89): each refusal with
 * Atlas's status and code, the store unchanged after it, and the same action accepted without a policy (or above the
 * policy's minimum). The policy is put in the store directly, as the compliance-policy resource would leave it.
 */

function putPolicy(world: LocalWorld, settings: Partial<PolicyInForce> = {}): void {
  putPolicyAt(world.backend, world.now(), settings)
}

/** A snapshot as the store holds it, or undefined once it is gone. */
function stored(backend: LocalBackend, clusterName: string, snapshotId: string): SnapshotRecord | undefined {
  return backend.transact((s) => s.repo.findSnapshot(s.repo.findCluster(GROUP, clusterName)!.id, snapshotId))
}

async function newestOf(world: LocalWorld, frequencyType: string, clusterName = 'Cluster0'): Promise<{id: string; expiresAt: string}> {
  const page = await world.backend.listSnapshots(GROUP, clusterName, {itemsPerPage: 500})
  const found = page.results.find((snapshot) => snapshot.frequencyType === frequencyType && snapshot.status === 'completed')
  expect(found, `a completed ${frequencyType} snapshot of ${clusterName}`).toBeDefined()
  return {id: found!.id, expiresAt: found!.expiresAt!}
}

async function itemOf(world: LocalWorld, frequencyType: string): Promise<{items: PolicyItem[]; item: PolicyItem}> {
  const schedule = await world.backend.getSchedule(GROUP, 'Cluster0')
  const items = schedule.policies[0]!.policyItems
  return {items, item: items.find((i) => i.frequencyType === frequencyType)!}
}

const COMPLIANCE_TAIL = "The project's Backup Compliance Policy forbids it; only MongoDB Support can make an exception."

describe('deleting a snapshot under a compliance policy', () => {
  test('rule 89: refused with CANNOT_DELETE_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY (400); the snapshot stays, its expiry unchanged', async () => {
    const world = localWorld()
    const daily = await newestOf(world, 'daily')
    const before = stored(world.backend, 'Cluster0', daily.id)!
    putPolicy(world)
    const error = await atlasError(world.backend.deleteSnapshot(GROUP, 'Cluster0', daily.id))
    expect(error).toMatchObject({status: 400, errorCode: 'CANNOT_DELETE_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY', parameters: [daily.id]})
    expect(error.detail).toBe(`Snapshot ${daily.id} cannot be deleted before it expires. ${COMPLIANCE_TAIL}`)
    expect(stored(world.backend, 'Cluster0', daily.id)).toEqual(before)
    await world.backend.close()
  })

  test('rule 89: accepted without a policy', async () => {
    const world = localWorld()
    const daily = await newestOf(world, 'daily')
    await world.backend.deleteSnapshot(GROUP, 'Cluster0', daily.id)
    expect(stored(world.backend, 'Cluster0', daily.id)).toBeUndefined()
    await world.backend.close()
  })
})

describe("changing a snapshot's retention under a compliance policy", () => {
  test('rules 45, 89: lowering it is refused with CANNOT_DECREASE_SNAPSHOT_RETENTION_WITH_BACKUP_COMPLIANCE_POLICY (400), the expiry unchanged', async () => {
    const world = localWorld()
    const daily = await newestOf(world, 'daily')
    putPolicy(world)
    const error = await atlasError(world.backend.updateSnapshotRetention(GROUP, 'Cluster0', daily.id, {retentionUnit: 'DAYS', retentionValue: 3}))
    expect(error).toMatchObject({status: 400, errorCode: 'CANNOT_DECREASE_SNAPSHOT_RETENTION_WITH_BACKUP_COMPLIANCE_POLICY', parameters: [daily.id]})
    expect(error.detail).toContain(`it expires at ${daily.expiresAt}`)
    const after = stored(world.backend, 'Cluster0', daily.id)!
    expect(toIso(after.expiresAt)).toBe(daily.expiresAt)
    expect(after.retentionEdited).toBeUndefined()
    await world.backend.close()
  })

  test('rules 45, 89: raising it is accepted under the policy', async () => {
    const world = localWorld()
    const daily = await newestOf(world, 'daily')
    putPolicy(world)
    const answer = await world.backend.updateSnapshotRetention(GROUP, 'Cluster0', daily.id, {retentionUnit: 'DAYS', retentionValue: 30})
    expect(Date.parse(answer.expiresAt!)).toBeGreaterThan(Date.parse(daily.expiresAt))
    expect(toIso(stored(world.backend, 'Cluster0', daily.id)!.expiresAt)).toBe(answer.expiresAt)
    await world.backend.close()
  })

  test('rules 45, 89: lowering it is accepted without a policy', async () => {
    const world = localWorld()
    const daily = await newestOf(world, 'daily')
    const answer = await world.backend.updateSnapshotRetention(GROUP, 'Cluster0', daily.id, {retentionUnit: 'DAYS', retentionValue: 3})
    expect(Date.parse(answer.expiresAt!)).toBeLessThan(Date.parse(daily.expiresAt))
    await world.backend.close()
  })
})

describe('on-demand snapshots under a compliance policy with an on-demand item', () => {
  const weekly = {onDemandPolicyItem: {frequencyType: 'ondemand', frequencyInterval: 0, retentionUnit: 'weeks', retentionValue: 1} as PolicyItem}

  test('rule 45: a retention below the item is refused with SNAPSHOT_RETENTION_LESS_THAN_BACKUP_COMPLIANCE_POLICY (400), no snapshot taken', async () => {
    const world = localWorld()
    putPolicy(world, weekly)
    const count = (await world.backend.listSnapshots(GROUP, 'Cluster0')).totalCount
    const error = await atlasError(world.backend.takeSnapshot(GROUP, 'Cluster0', {description: 'short', retentionInDays: 6}))
    expect(error).toMatchObject({status: 400, errorCode: 'SNAPSHOT_RETENTION_LESS_THAN_BACKUP_COMPLIANCE_POLICY'})
    expect(error.detail).toContain('kept 6 days is below the policy\'s on-demand minimum of 1 weeks (7 days from now)')
    expect((await world.backend.listSnapshots(GROUP, 'Cluster0')).totalCount).toBe(count)
    await world.backend.close()
  })

  test('rule 45: the minimum itself is accepted, and an omitted retention takes it', async () => {
    const world = localWorld()
    putPolicy(world, weekly)
    const asked = await world.backend.takeSnapshot(GROUP, 'Cluster0', {retentionInDays: 7})
    expect(stored(world.backend, 'Cluster0', asked.id)!.retentionValue).toBe(7)
    const other = localWorld()
    putPolicy(other, weekly)
    const omitted = await other.backend.takeSnapshot(GROUP, 'Cluster0', {description: 'no retention given'})
    expect(stored(other.backend, 'Cluster0', omitted.id)).toMatchObject({retentionUnit: 'days', retentionValue: 7})
    await world.backend.close()
    await other.backend.close()
  })

  test('rule 45: a short retention is accepted without a policy, and under a policy without an on-demand item', async () => {
    const world = localWorld()
    const taken = await world.backend.takeSnapshot(GROUP, 'Cluster0', {retentionInDays: 1})
    expect(stored(world.backend, 'Cluster0', taken.id)!.retentionValue).toBe(1)
    const other = localWorld()
    putPolicy(other)
    const also = await other.backend.takeSnapshot(GROUP, 'Cluster0', {retentionInDays: 1})
    expect(stored(other.backend, 'Cluster0', also.id)!.retentionValue).toBe(1)
    await world.backend.close()
    await other.backend.close()
  })
})

describe('the schedule under a compliance policy', () => {
  test('rule 89: DELETE is refused with BACKUP_POLICY_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS (400), the items kept', async () => {
    const world = localWorld()
    const {items} = await itemOf(world, 'daily')
    putPolicy(world)
    const error = await atlasError(world.backend.deleteSchedule(GROUP, 'Cluster0'))
    expect(error).toMatchObject({status: 400, errorCode: 'BACKUP_POLICY_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS', parameters: ['Cluster0']})
    expect((await world.backend.getSchedule(GROUP, 'Cluster0')).policies[0]!.policyItems).toEqual(items)
    await world.backend.close()
  })

  test('rule 89: DELETE is accepted without a policy', async () => {
    const world = localWorld()
    const answer = await world.backend.deleteSchedule(GROUP, 'Cluster0')
    expect(answer.policies[0]!.policyItems).toEqual([])
    await world.backend.close()
  })

  test('rule 67: with pitEnabled, shrinking restoreWindowDays below the policy is refused with CANNOT_DECREASE_PIT_WINDOW_WITH_BACKUP_COMPLIANCE_POLICY (400)', async () => {
    const world = localWorld()
    putPolicy(world, {pitEnabled: true, restoreWindowDays: 2})
    const error = await atlasError(world.backend.updateSchedule(GROUP, 'Cluster0', {restoreWindowDays: 1}))
    expect(error).toMatchObject({status: 400, errorCode: 'CANNOT_DECREASE_PIT_WINDOW_WITH_BACKUP_COMPLIANCE_POLICY', parameters: ['Cluster0']})
    expect(error.detail).toContain('cannot go down to 1 days: the policy requires 2 days')
    expect((await world.backend.getSchedule(GROUP, 'Cluster0')).restoreWindowDays).toBe(2)
    await world.backend.close()
  })

  test('rule 67: the window may grow, and come back down to the policy; without pitEnabled or a policy it may shrink', async () => {
    const world = localWorld()
    putPolicy(world, {pitEnabled: true, restoreWindowDays: 2})
    expect((await world.backend.updateSchedule(GROUP, 'Cluster0', {restoreWindowDays: 3, policies: [{policyItems: (await itemOf(world, 'hourly')).items.map((i) => (i.frequencyType === 'hourly' ? {...i, retentionValue: 3} : i))}]})).restoreWindowDays).toBe(3)
    expect((await world.backend.updateSchedule(GROUP, 'Cluster0', {restoreWindowDays: 2})).restoreWindowDays).toBe(2)
    const noPit = localWorld()
    putPolicy(noPit, {pitEnabled: false, restoreWindowDays: 0})
    expect((await noPit.backend.updateSchedule(GROUP, 'Cluster0', {restoreWindowDays: 1})).restoreWindowDays).toBe(1)
    const none = localWorld()
    expect((await none.backend.updateSchedule(GROUP, 'Cluster0', {restoreWindowDays: 1})).restoreWindowDays).toBe(1)
    for (const w of [world, noPit, none]) await w.backend.close()
  })

  test('rule 36: under the policy, updateSnapshots with a lower retention leaves existing snapshots their expiry; a higher one extends them', async () => {
    const world = localWorld()
    const daily = await newestOf(world, 'daily')
    putPolicy(world)
    const {items} = await itemOf(world, 'daily')
    const lower = items.map((i) => (i.frequencyType === 'daily' ? {...i, retentionValue: 5} : i))
    await world.backend.updateSchedule(GROUP, 'Cluster0', {policies: [{policyItems: lower}], updateSnapshots: true})
    expect(stored(world.backend, 'Cluster0', daily.id)).toMatchObject({expiresAt: Date.parse(daily.expiresAt), retentionValue: 7})
    const higher = items.map((i) => (i.frequencyType === 'daily' ? {...i, retentionValue: 10} : i))
    await world.backend.updateSchedule(GROUP, 'Cluster0', {policies: [{policyItems: higher}], updateSnapshots: true})
    expect(stored(world.backend, 'Cluster0', daily.id)).toMatchObject({expiresAt: Date.parse(daily.expiresAt) + 3 * DAY_MS, retentionValue: 10})
    await world.backend.close()
  })

  test('rule 36: without a policy, updateSnapshots with a lower retention shortens existing snapshots (rule 34)', async () => {
    const world = localWorld()
    const daily = await newestOf(world, 'daily')
    const {items} = await itemOf(world, 'daily')
    const lower = items.map((i) => (i.frequencyType === 'daily' ? {...i, retentionValue: 5} : i))
    await world.backend.updateSchedule(GROUP, 'Cluster0', {policies: [{policyItems: lower}], updateSnapshots: true})
    expect(stored(world.backend, 'Cluster0', daily.id)).toMatchObject({expiresAt: Date.parse(daily.expiresAt) - 2 * DAY_MS, retentionValue: 5})
    await world.backend.close()
  })

  test('rule 89: deleteSnapshots on a removed item is refused with CANNOT_DELETE_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY; schedule and snapshots unchanged', async () => {
    const world = localWorld()
    const weekly = await newestOf(world, 'weekly')
    const {items} = await itemOf(world, 'weekly')
    putPolicy(world)
    const error = await atlasError(world.backend.updateSchedule(GROUP, 'Cluster0', {policies: [{policyItems: items.filter((i) => i.frequencyType !== 'weekly')}], deleteSnapshots: true}))
    expect(error).toMatchObject({status: 400, errorCode: 'CANNOT_DELETE_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY'})
    expect(stored(world.backend, 'Cluster0', weekly.id)).toBeDefined()
    expect((await world.backend.getSchedule(GROUP, 'Cluster0')).policies[0]!.policyItems).toEqual(items)
    await world.backend.close()
  })

  test('rule 89: deleteSnapshots on a removed item is accepted without a policy, and removing it without deleteSnapshots under one', async () => {
    const world = localWorld()
    const weekly = await newestOf(world, 'weekly')
    const {items} = await itemOf(world, 'weekly')
    await world.backend.updateSchedule(GROUP, 'Cluster0', {policies: [{policyItems: items.filter((i) => i.frequencyType !== 'weekly')}], deleteSnapshots: true})
    expect(stored(world.backend, 'Cluster0', weekly.id)).toBeUndefined()
    const other = localWorld()
    const kept = await newestOf(other, 'weekly')
    putPolicy(other)
    await other.backend.updateSchedule(GROUP, 'Cluster0', {policies: [{policyItems: items.filter((i) => i.frequencyType !== 'weekly')}]})
    expect(stored(other.backend, 'Cluster0', kept.id)).toBeDefined()
    await world.backend.close()
    await other.backend.close()
  })
})

describe('changing the schedule under a compliance policy (rule 89)', () => {
  const dailyWeek = {scheduledPolicyItems: [{frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7} as PolicyItem]}
  const withDaily = (items: PolicyItem[], retentionValue: number) => items.map((i) => (i.frequencyType === 'daily' ? {...i, retentionValue} : i))

  test('rule 89: lowering a required item below the minimum is refused with BACKUP_POLICY_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS (400), every gap listed', async () => {
    const world = localWorld()
    const {items} = await itemOf(world, 'daily')
    putPolicy(world, dailyWeek)
    const error = await atlasError(world.backend.updateSchedule(GROUP, 'Cluster0', {policies: [{policyItems: withDaily(items, 5)}]}))
    expect(error).toMatchObject({status: 400, errorCode: 'BACKUP_POLICY_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS', parameters: ['Cluster0']})
    expect(error.detail).toContain('the daily item keeps its snapshots 5 days, less than the 7 days the compliance policy requires')
    expect(error.fields).toEqual([{field: 'policies[0].policyItems[1].retentionValue', description: expect.stringContaining('requires kept at least 7 days, would have kept 5 days')}])
    expect((await world.backend.getSchedule(GROUP, 'Cluster0')).policies[0]!.policyItems).toEqual(items)
    await world.backend.close()
  })

  test('rule 89: deleting an item the policy requires is refused with the same code', async () => {
    const world = localWorld()
    const {items} = await itemOf(world, 'daily')
    putPolicy(world, dailyWeek)
    const error = await atlasError(world.backend.updateSchedule(GROUP, 'Cluster0', {policies: [{policyItems: items.filter((i) => i.frequencyType !== 'daily')}]}))
    expect(error).toMatchObject({status: 400, errorCode: 'BACKUP_POLICY_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS'})
    expect(error.detail).toContain('the policy has no daily item')
    expect((await world.backend.getSchedule(GROUP, 'Cluster0')).policies[0]!.policyItems).toEqual(items)
    await world.backend.close()
  })

  test('rule 89: a lower hourly frequency than the policy requires is refused', async () => {
    const world = localWorld()
    const {items} = await itemOf(world, 'hourly')
    putPolicy(world, {scheduledPolicyItems: [{frequencyType: 'hourly', frequencyInterval: 6, retentionUnit: 'days', retentionValue: 2} as PolicyItem]})
    const error = await atlasError(world.backend.updateSchedule(GROUP, 'Cluster0', {policies: [{policyItems: items.map((i) => (i.frequencyType === 'hourly' ? {...i, frequencyInterval: 12} : i))}]}))
    expect(error).toMatchObject({status: 400, errorCode: 'BACKUP_POLICY_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS'})
    expect(error.detail).toContain('requires one every 6 hours or more often')
    await world.backend.close()
  })

  test('rule 89: accepted at or above the minimum, and below it without a policy', async () => {
    const world = localWorld()
    const {items} = await itemOf(world, 'daily')
    putPolicy(world, dailyWeek)
    await world.backend.updateSchedule(GROUP, 'Cluster0', {policies: [{policyItems: withDaily(items, 10)}]})
    const back = await world.backend.updateSchedule(GROUP, 'Cluster0', {policies: [{policyItems: withDaily(items, 7)}]})
    expect(back.policies[0]!.policyItems.find((i) => i.frequencyType === 'daily')!.retentionValue).toBe(7)
    const none = localWorld()
    const lowered = await none.backend.updateSchedule(GROUP, 'Cluster0', {policies: [{policyItems: withDaily(items, 5)}]})
    expect(lowered.policies[0]!.policyItems.find((i) => i.frequencyType === 'daily')!.retentionValue).toBe(5)
    await world.backend.close()
    await none.backend.close()
  })

  test('rule 89: a cluster already short of the minimum may still change, and move towards it', async () => {
    const world = localWorld()
    const {items} = await itemOf(world, 'daily')
    putPolicy(world, {scheduledPolicyItems: [{frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 14} as PolicyItem]})
    expect((await world.backend.updateSchedule(GROUP, 'Cluster0', {referenceHourOfDay: 3, referenceMinuteOfHour: 0})).referenceHourOfDay).toBe(3)
    const closer = await world.backend.updateSchedule(GROUP, 'Cluster0', {policies: [{policyItems: withDaily(items, 10)}]})
    expect(closer.policies[0]!.policyItems.find((i) => i.frequencyType === 'daily')!.retentionValue).toBe(10)
    await world.backend.close()
  })

  test('rule 36: a lower frequency above the minimum is accepted and reaches only future snapshots: existing hourly ones keep their expiry', async () => {
    const world = localWorld()
    const hourly = await newestOf(world, 'hourly')
    const {items} = await itemOf(world, 'hourly')
    putPolicy(world, {scheduledPolicyItems: [{frequencyType: 'hourly', frequencyInterval: 12, retentionUnit: 'days', retentionValue: 2} as PolicyItem]})
    const answer = await world.backend.updateSchedule(GROUP, 'Cluster0', {policies: [{policyItems: items.map((i) => (i.frequencyType === 'hourly' ? {...i, frequencyInterval: 12} : i))}], updateSnapshots: true})
    expect(answer.policies[0]!.policyItems.find((i) => i.frequencyType === 'hourly')!.frequencyInterval).toBe(12)
    expect(toIso(stored(world.backend, 'Cluster0', hourly.id)!.expiresAt)).toBe(hourly.expiresAt)
    await world.backend.close()
  })
})

describe('local clusters update under a compliance policy', () => {
  test('rule 67: turning continuous backup off is refused with CANNOT_DISABLE_PIT_WITH_BACKUUP_COMPLIANCE_POLICY (400) when the policy has pitEnabled', async () => {
    const world = localWorld()
    putPolicy(world, {pitEnabled: true, restoreWindowDays: 2})
    const error = failure(() => updateCluster(world.backend, GROUP, 'Cluster0', {continuousBackup: false}))
    expect(error).toMatchObject({status: 400, errorCode: 'CANNOT_DISABLE_PIT_WITH_BACKUUP_COMPLIANCE_POLICY', parameters: ['Cluster0']})
    expect(world.backend.transact((s) => s.repo.findCluster(GROUP, 'Cluster0')!.spec.continuousBackup)).toBe(true)
    await world.backend.close()
  })

  test('rule 67: accepted without a policy, and under a policy without pitEnabled', async () => {
    for (const settings of [undefined, {pitEnabled: false}]) {
      const world = localWorld()
      if (settings) putPolicy(world, settings)
      const result = updateCluster(world.backend, GROUP, 'Cluster0', {continuousBackup: false})
      expect(result.changes.map((c) => [c.setting, c.to])).toEqual([['continuousBackup', false]])
      await world.backend.close()
    }
  })

  test('rule 89: turning customer-key encryption off is refused with CANNOT_DISABLE_ENCRYPTION_AT_REST_WITH_BACKUP_COMPLIANCE_POLICY when the policy requires it', async () => {
    const world = localWorld()
    updateCluster(world.backend, GROUP, 'Cluster0', {encryptionAtRestProvider: 'AWS'})
    putPolicy(world, {encryptionAtRestEnabled: true})
    const error = failure(() => updateCluster(world.backend, GROUP, 'Cluster0', {encryptionAtRestProvider: 'NONE'}))
    expect(error).toMatchObject({status: 400, errorCode: 'CANNOT_DISABLE_ENCRYPTION_AT_REST_WITH_BACKUP_COMPLIANCE_POLICY', parameters: ['Cluster0']})
    expect(world.backend.transact((s) => s.repo.findCluster(GROUP, 'Cluster0')!.spec.encryptionAtRestProvider)).toBe('AWS')
    await world.backend.close()
  })

  test('rule 89: turning it off is accepted without a policy, and under a policy without encryptionAtRestEnabled', async () => {
    for (const settings of [undefined, {encryptionAtRestEnabled: false}]) {
      const world = localWorld()
      updateCluster(world.backend, GROUP, 'Cluster0', {encryptionAtRestProvider: 'AWS'})
      if (settings) putPolicy(world, settings)
      const result = updateCluster(world.backend, GROUP, 'Cluster0', {encryptionAtRestProvider: 'NONE'})
      expect(result.changes.map((c) => [c.setting, c.to])).toEqual([['encryptionAtRestProvider', 'NONE']])
      await world.backend.close()
    }
  })
})

describe('extra snapshot retention (rule 92)', () => {
  const dailyFive = {extraRetentionSettings: [{frequencyType: 'DAILY' as const, retentionDays: 5}]}

  test('rule 92: without a policy, extraRetentionSettings is refused (400 INVALID_ATTRIBUTE) rather than stored to no effect; an empty list is accepted', async () => {
    const world = localWorld()
    const error = await atlasError(world.backend.updateSchedule(GROUP, 'Cluster0', dailyFive))
    expect(error).toMatchObject({status: 400, errorCode: 'INVALID_ATTRIBUTE', parameters: ['extraRetentionSettings']})
    expect(error.detail).toContain('applies only under a Backup Compliance Policy (rule 92)')
    expect((await world.backend.getSchedule(GROUP, 'Cluster0')).extraRetentionSettings).toBeUndefined()
    expect((await world.backend.updateSchedule(GROUP, 'Cluster0', {extraRetentionSettings: []})).extraRetentionSettings).toEqual([])
    await world.backend.close()
  })

  test('rule 92: under a policy, a frequency outside the enum or a retention below one day is refused', async () => {
    const world = localWorld()
    putPolicy(world)
    const badFrequency = await atlasError(world.backend.updateSchedule(GROUP, 'Cluster0', {extraRetentionSettings: [{frequencyType: 'BIWEEKLY' as never, retentionDays: 3}]}))
    expect(badFrequency).toMatchObject({status: 400, errorCode: 'INVALID_ENUM_VALUE', parameters: ['extraRetentionSettings[0].frequencyType']})
    const badDays = await atlasError(world.backend.updateSchedule(GROUP, 'Cluster0', {extraRetentionSettings: [{frequencyType: 'DAILY', retentionDays: 0}]}))
    expect(badDays).toMatchObject({status: 400, errorCode: 'INVALID_ATTRIBUTE', parameters: ['extraRetentionSettings[0].retentionDays']})
    await world.backend.close()
  })

  test('rule 92: under a policy, existing snapshots of the frequency are protected for their retention, deletable during the extra days, then deleted', async () => {
    const world = localWorld()
    const daily = await newestOf(world, 'daily')
    const weekly = await newestOf(world, 'weekly')
    const base = Date.parse(daily.expiresAt)
    putPolicy(world)
    const answer = await world.backend.updateSchedule(GROUP, 'Cluster0', dailyFive)
    expect(answer.extraRetentionSettings).toEqual([{frequencyType: 'DAILY', retentionDays: 5}])
    expect(stored(world.backend, 'Cluster0', daily.id)).toMatchObject({protectedUntil: base, expiresAt: base + 5 * DAY_MS})
    expect(toIso(stored(world.backend, 'Cluster0', weekly.id)!.expiresAt), 'other frequencies keep their expiry').toBe(weekly.expiresAt)
    expect((await atlasError(world.backend.deleteSnapshot(GROUP, 'Cluster0', daily.id))).errorCode).toBe('CANNOT_DELETE_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY')
    world.setNow(base + DAY_MS)
    expect((await world.backend.getSnapshot(GROUP, 'Cluster0', daily.id)).expiresAt, 'still kept after its retention').toBe(toIso(base + 5 * DAY_MS))
    const second = localWorld()
    putPolicy(second)
    await second.backend.updateSchedule(GROUP, 'Cluster0', dailyFive)
    second.setNow(base + 5 * DAY_MS)
    expect(stored(second.backend, 'Cluster0', daily.id), 'not looked at since: still stored').toBeDefined()
    await second.backend.listSnapshots(GROUP, 'Cluster0')
    expect(stored(second.backend, 'Cluster0', daily.id)).toBeUndefined()
    await world.backend.deleteSnapshot(GROUP, 'Cluster0', daily.id)
    expect(stored(world.backend, 'Cluster0', daily.id), 'deletable during the extra days').toBeUndefined()
    await world.backend.close()
    await second.backend.close()
  })

  test('rule 92: future snapshots get it too, even when the clock jumps past their retention in one step; on-demand ones under ON_DEMAND', async () => {
    const world = localWorld()
    putPolicy(world)
    await world.backend.updateSchedule(GROUP, 'Cluster0', {extraRetentionSettings: [{frequencyType: 'DAILY', retentionDays: 5}, {frequencyType: 'ON_DEMAND', retentionDays: 3}]})
    const onDemand = await world.backend.takeSnapshot(GROUP, 'Cluster0', {retentionInDays: 1})
    const record = stored(world.backend, 'Cluster0', onDemand.id)!
    expect(record).toMatchObject({protectedUntil: record.finishesAt + DAY_MS, expiresAt: record.finishesAt + 4 * DAY_MS})
    // The 2026-06-15T18:00Z daily snapshot is kept 7 days (to the 22nd) and 5 more: on the 24th it is alive.
    world.setNow(Date.parse('2026-06-24T12:00:00Z'))
    const page = await world.backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 500})
    const firing = page.results.find((snapshot) => snapshot.createdAt === '2026-06-15T18:00:12Z')
    expect(firing, 'the first daily snapshot after the change, kept by its extra days').toMatchObject({frequencyType: 'daily', expiresAt: '2026-06-27T18:00:00Z'})
    expect(stored(world.backend, 'Cluster0', firing!.id)!.protectedUntil).toBe(Date.parse('2026-06-22T18:00:00Z'))
    await world.backend.close()
  })

  test('rule 92: without a policy in force, a schedule holding extra retention from an older store gives it no effect', async () => {
    const world = localWorld()
    world.backend.transact((s) => {
      const cluster = s.repo.findCluster(GROUP, 'Cluster0')!
      cluster.schedule!.extraRetentionSettings = [{frequencyType: 'DAILY', retentionDays: 5}]
      s.repo.saveCluster(cluster)
    })
    world.setNow(Date.parse('2026-06-24T12:00:00Z'))
    const page = await world.backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 500})
    expect(page.results.find((snapshot) => snapshot.createdAt === '2026-06-15T18:00:12Z')).toBeUndefined()
    await world.backend.close()
  })
})

describe('a shorter restore window under a compliance policy (rule 36)', () => {
  /** Cluster0 with a 5-day window (hourly snapshots kept 5 days), six days on, so 5 days of oplog are collected. */
  async function fiveDayWindow(): Promise<LocalWorld> {
    const world = localWorld()
    const {items} = await itemOf(world, 'hourly')
    await world.backend.updateSchedule(GROUP, 'Cluster0', {restoreWindowDays: 5, policies: [{policyItems: items.map((i) => (i.frequencyType === 'hourly' ? {...i, retentionValue: 5} : i))}]})
    world.setNow(world.now() + 6 * DAY_MS)
    return world
  }

  const windowFrom = (world: LocalWorld) => world.backend.transact((s) => clusterRestoreWindow(s, s.cluster(GROUP, 'Cluster0')).from)

  test('rule 36: under a policy the oplog already collected keeps the old window until it has aged out under it', async () => {
    const world = await fiveDayWindow()
    putPolicy(world, {pitEnabled: true, restoreWindowDays: 2})
    const changedAt = world.now()
    await world.backend.updateSchedule(GROUP, 'Cluster0', {restoreWindowDays: 3})
    expect(windowFrom(world)).toBe(changedAt - 5 * DAY_MS)
    world.setNow(changedAt + DAY_MS)
    expect(windowFrom(world), 'a day later the old window still reaches back').toBe(world.now() - 5 * DAY_MS)
    world.setNow(changedAt + 5 * DAY_MS)
    expect(windowFrom(world), 'once the old oplog has aged out, the new window').toBe(world.now() - 3 * DAY_MS)
    await world.backend.close()
  })

  test('rule 36: without a policy the shorter window applies at once (oplog before it is trimmed)', async () => {
    const world = await fiveDayWindow()
    await world.backend.updateSchedule(GROUP, 'Cluster0', {restoreWindowDays: 3})
    expect(windowFrom(world)).toBe(world.now() - 3 * DAY_MS)
    await world.backend.close()
  })
})

describe('a policy set through the compliance-policy resource', () => {
  test('rules 45, 89: after PUT (raising the schedules to the minimum), the snapshot delete, on-demand and schedule refusals apply', async () => {
    const world = localWorld()
    const daily = await newestOf(world, 'daily')
    await world.backend.updateCompliancePolicy(GROUP, {
      authorizedEmail: 'dpo@example.com',
      authorizedUserFirstName: 'Dana',
      authorizedUserLastName: 'Officer',
      onDemandPolicyItem: {frequencyType: 'ondemand', frequencyInterval: 0, retentionUnit: 'days', retentionValue: 3} as PolicyItem,
      scheduledPolicyItems: [{frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7} as PolicyItem],
    })
    expect((await atlasError(world.backend.deleteSnapshot(GROUP, 'Cluster0', daily.id))).errorCode).toBe('CANNOT_DELETE_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY')
    expect((await atlasError(world.backend.takeSnapshot(GROUP, 'Cluster0', {retentionInDays: 2}))).errorCode).toBe('SNAPSHOT_RETENTION_LESS_THAN_BACKUP_COMPLIANCE_POLICY')
    expect((await atlasError(world.backend.deleteSchedule(GROUP, 'Cluster0'))).errorCode).toBe('BACKUP_POLICY_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS')
    expect(stored(world.backend, 'Cluster0', daily.id)).toBeDefined()
    await world.backend.close()
  })
})
