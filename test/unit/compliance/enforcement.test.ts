import {describe, expect, test} from 'vitest'

import {
  checkNameReusable,
  checkRestoreWindowChange,
  checkSnapshotDeletion,
  checkSnapshotRetentionChange,
  expiryAfterScheduleChange,
  minimumOnDemandDays,
  onDemandDaysUnderPolicy,
  oplogKeptAfterWindowChange,
  oplogWindowDays,
  retentionOnTermination,
} from '../../../src/lib/compliance/enforcement.js'
import {checkExtraRetentionSettings, extraRetentionDays, withExtraRetention} from '../../../src/lib/compliance/extra-retention.js'
import {DAY_MS} from '../../../src/lib/domain/time.js'
import type {PolicyItem} from '../../../src/lib/domain/types.js'
import {BASE_POLICY} from '../../helpers/compliance-store.js'
import {refusal} from '../../helpers/rejection.js'
import {iso} from '../../helpers/values.js'

/** The pure decisions of compliance enforcement (rules 36, 45, 55, 67, 89, 91, 92), without a store. */

const AT = iso('2026-02-01T00:00:00Z')
const monthly = {...BASE_POLICY, onDemandPolicyItem: {frequencyType: 'ondemand', frequencyInterval: 0, retentionUnit: 'months', retentionValue: 1} as PolicyItem}

describe('on-demand retention (rule 45)', () => {
  test('rule 45: a month counts on the calendar from the request: 28 days from February 1st, 31 from March 1st', () => {
    expect(minimumOnDemandDays(monthly, AT)).toBe(28)
    expect(minimumOnDemandDays(monthly, iso('2026-03-01T00:00:00Z'))).toBe(31)
    expect(minimumOnDemandDays(BASE_POLICY, AT)).toBeUndefined()
    expect(minimumOnDemandDays(undefined, AT)).toBeUndefined()
  })

  test('rule 45: below the minimum is refused, at it accepted; omitted takes the larger of the default and the minimum', () => {
    expect(refusal(() => onDemandDaysUnderPolicy(monthly, AT, 27, 1))?.errorCode).toBe('SNAPSHOT_RETENTION_LESS_THAN_BACKUP_COMPLIANCE_POLICY')
    expect(onDemandDaysUnderPolicy(monthly, AT, 28, 1)).toBe(28)
    expect(onDemandDaysUnderPolicy(monthly, AT, undefined, 1)).toBe(28)
    expect(onDemandDaysUnderPolicy(undefined, AT, 2, 1)).toBe(2)
    expect(onDemandDaysUnderPolicy(undefined, AT, undefined, 1)).toBe(1)
  })
})

describe('snapshots (rules 89, 92)', () => {
  test('rule 89: deletion refused under a policy, unless extra retention has made it deletable', () => {
    expect(refusal(() => checkSnapshotDeletion(BASE_POLICY, {id: 'a'}, AT))?.errorCode).toBe('CANNOT_DELETE_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY')
    expect(refusal(() => checkSnapshotDeletion(BASE_POLICY, {id: 'a', protectedUntil: AT + 1}, AT))?.errorCode).toBe('CANNOT_DELETE_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY')
    expect(refusal(() => checkSnapshotDeletion(BASE_POLICY, {id: 'a', protectedUntil: AT}, AT))).toBeUndefined()
    expect(refusal(() => checkSnapshotDeletion(undefined, {id: 'a'}, AT))).toBeUndefined()
  })

  test('rule 89: retention compared by expiry: earlier refused, same or later accepted', () => {
    expect(refusal(() => checkSnapshotRetentionChange(BASE_POLICY, {id: 'a', expiresAt: AT}, AT - 1))?.errorCode).toBe('CANNOT_DECREASE_SNAPSHOT_RETENTION_WITH_BACKUP_COMPLIANCE_POLICY')
    expect(refusal(() => checkSnapshotRetentionChange(BASE_POLICY, {id: 'a', expiresAt: AT}, AT))).toBeUndefined()
    expect(refusal(() => checkSnapshotRetentionChange(undefined, {id: 'a', expiresAt: AT}, AT - 1))).toBeUndefined()
  })

  test('rule 36: updateSnapshots never shortens under a policy', () => {
    expect(expiryAfterScheduleChange(BASE_POLICY, AT, AT - DAY_MS)).toBe(AT)
    expect(expiryAfterScheduleChange(BASE_POLICY, AT, AT + DAY_MS)).toBe(AT + DAY_MS)
    expect(expiryAfterScheduleChange(undefined, AT, AT - DAY_MS)).toBe(AT - DAY_MS)
  })

  test('rule 92: extra days follow the retention, are counted from the protected expiry, and never shorten', () => {
    expect(withExtraRetention({expiresAt: AT}, 5)).toEqual({protectedUntil: AT, expiresAt: AT + 5 * DAY_MS})
    expect(withExtraRetention({expiresAt: AT + 5 * DAY_MS, protectedUntil: AT}, 2)).toEqual({protectedUntil: AT, expiresAt: AT + 5 * DAY_MS})
    expect(withExtraRetention({expiresAt: AT + 2 * DAY_MS, protectedUntil: AT}, 5)).toEqual({protectedUntil: AT, expiresAt: AT + 5 * DAY_MS})
    expect(withExtraRetention({expiresAt: AT}, 0)).toEqual({expiresAt: AT, protectedUntil: undefined})
    const settings = [{frequencyType: 'ON_DEMAND' as const, retentionDays: 4}, {frequencyType: 'HOURLY' as const, retentionDays: 1}]
    expect([extraRetentionDays(settings, 'ondemand'), extraRetentionDays(settings, 'hourly'), extraRetentionDays(settings, 'daily')]).toEqual([4, 1, 0])
  })

  test('rule 92: settings refused without a policy, checked with one; an empty list always accepted', () => {
    expect(refusal(() => checkExtraRetentionSettings(undefined, [{frequencyType: 'DAILY', retentionDays: 1}]))?.errorCode).toBe('INVALID_ATTRIBUTE')
    expect(refusal(() => checkExtraRetentionSettings(undefined, []))).toBeUndefined()
    expect(refusal(() => checkExtraRetentionSettings(BASE_POLICY, [{frequencyType: 'DAILY', retentionDays: 1}]))).toBeUndefined()
    const twice = refusal(() => checkExtraRetentionSettings(BASE_POLICY, [{frequencyType: 'DAILY', retentionDays: 1}, {frequencyType: 'DAILY', retentionDays: 2}]))
    expect(twice).toMatchObject({errorCode: 'INVALID_ATTRIBUTE', parameters: ['extraRetentionSettings[1].frequencyType']})
  })
})

describe('restore window (rules 36, 67)', () => {
  const pit = {...BASE_POLICY, pitEnabled: true, restoreWindowDays: 3}

  test('rule 67: below the policy and lower than now refused; growing towards it, or shrinking above it, accepted', () => {
    expect(refusal(() => checkRestoreWindowChange(pit, 'C', 5, 2))?.errorCode).toBe('CANNOT_DECREASE_PIT_WINDOW_WITH_BACKUP_COMPLIANCE_POLICY')
    expect(refusal(() => checkRestoreWindowChange(pit, 'C', 1, 2))).toBeUndefined()
    expect(refusal(() => checkRestoreWindowChange(pit, 'C', 5, 3))).toBeUndefined()
    expect(refusal(() => checkRestoreWindowChange({...pit, pitEnabled: false}, 'C', 5, 1))).toBeUndefined()
  })

  test('rule 36: a shorter window keeps the old one until the oplog collected under it has aged out', () => {
    const kept = oplogKeptAfterWindowChange(pit, 7, 3, AT)
    expect(kept).toEqual({days: 7, until: AT + 7 * DAY_MS})
    expect(oplogWindowDays(3, kept, AT + 6 * DAY_MS)).toBe(7)
    expect(oplogWindowDays(3, kept, AT + 7 * DAY_MS)).toBe(3)
    expect(oplogKeptAfterWindowChange(pit, 3, 5, AT + DAY_MS, kept), 'growing again keeps what is kept').toEqual(kept)
    expect(oplogKeptAfterWindowChange(pit, 5, 4, AT + DAY_MS, kept), 'a second shrink keeps the longer of the two').toEqual({days: 7, until: AT + 7 * DAY_MS})
    expect(oplogKeptAfterWindowChange(pit, 5, 4, AT + 3 * DAY_MS, kept), 'and the later end').toEqual({days: 7, until: AT + 8 * DAY_MS})
    expect(oplogKeptAfterWindowChange(undefined, 7, 3, AT)).toBeUndefined()
    expect(oplogKeptAfterWindowChange(pit, 3, 7, AT)).toBeUndefined()
  })
})

describe('termination (rules 55, 91)', () => {
  test('rules 55, 91: a policy always keeps the snapshots; without one only retainBackups does; the name is reserved only under a policy', () => {
    expect(retentionOnTermination(BASE_POLICY, false)).toBe('compliancePolicy')
    expect(retentionOnTermination(undefined, true)).toBe('retainBackups')
    expect(retentionOnTermination(undefined, undefined)).toBeUndefined()
    expect(refusal(() => checkNameReusable(BASE_POLICY, 'Old0', ['Old0']))?.errorCode).toBe('DUPLICATE_CLUSTER_NAME')
    expect(refusal(() => checkNameReusable(undefined, 'Old0', ['Old0']))).toBeUndefined()
    expect(refusal(() => checkNameReusable(BASE_POLICY, 'New0', ['Old0']))).toBeUndefined()
  })
})
