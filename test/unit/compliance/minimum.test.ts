import {describe, expect, it} from 'vitest'

import {type ComplianceMinimum, raiseToMinimum, scheduleShortfalls} from '../../../src/lib/compliance/index.js'
import type {BackupSchedule, PolicyItem} from '../../../src/lib/domain/types.js'
import {validateSchedule} from '../../../src/lib/policy/index.js'

const item = (frequencyType: PolicyItem['frequencyType'], frequencyInterval: number, retentionValue: number, retentionUnit: PolicyItem['retentionUnit'] = 'days', id?: string): PolicyItem => ({
  frequencyInterval,
  frequencyType,
  retentionUnit,
  retentionValue,
  ...(id ? {id} : {}),
})

const ID = {policy: '6a0000000000000000000001', hourly: '6a0000000000000000000002', daily: '6a0000000000000000000003', weekly: '6a0000000000000000000004'}

/** Atlas's default policy on a new cluster, as recorded. */
const defaults = (): BackupSchedule => ({
  restoreWindowDays: 7,
  policies: [
    {
      id: ID.policy,
      policyItems: [item('hourly', 6, 7, 'days', ID.hourly), item('daily', 1, 7, 'days', ID.daily), item('weekly', 6, 4, 'weeks', ID.weekly), item('monthly', 40, 12, 'months'), item('yearly', 12, 1, 'years')],
    },
  ],
})

const policy = (over: Partial<ComplianceMinimum> = {}): ComplianceMinimum => ({pitEnabled: false, restoreWindowDays: 0, scheduledPolicyItems: [], ...over})

describe('the compliance minimum (rule 88)', () => {
  it('rule 88: a schedule at or above every minimum has no shortfall and needs no raise', () => {
    const minimum = policy({scheduledPolicyItems: [item('hourly', 6, 7), item('daily', 0, 1, 'weeks'), item('monthly', 0, 6, 'months')]})
    expect(scheduleShortfalls(defaults(), {}, minimum)).toEqual([])
    expect(raiseToMinimum(defaults(), minimum)).toEqual({})
  })

  it('rule 88: a missing frequency is a shortfall, and raising adds it (default interval, the policy retention)', () => {
    const schedule: BackupSchedule = {policies: [{id: ID.policy, policyItems: [item('daily', 1, 7, 'days', ID.daily)]}]}
    const minimum = policy({scheduledPolicyItems: [item('weekly', 3, 2, 'weeks')]})
    const [gap] = scheduleShortfalls(schedule, {}, minimum)
    expect(gap).toMatchObject({field: 'policies[0].policyItems', actual: 'no weekly item', required: 'weekly snapshots kept at least 2 weeks', raisable: true, rule: 88})
    expect(raiseToMinimum(schedule, minimum)).toEqual({
      policies: [{id: ID.policy, policyItems: [item('daily', 1, 7, 'days', ID.daily), item('weekly', 6, 2, 'weeks')]}],
    })
  })

  it('rule 88: a retention below the minimum is a shortfall; raising keeps the item id and lifts less frequent items (rule 17)', () => {
    const minimum = policy({scheduledPolicyItems: [item('daily', 1, 2, 'months')]})
    const gaps = scheduleShortfalls(defaults(), {}, minimum)
    expect(gaps).toEqual([expect.objectContaining({field: 'policies[0].policyItems[1].retentionValue', required: 'kept at least 2 months', actual: 'kept 7 days'})])
    const patch = raiseToMinimum(defaults(), minimum)
    const items = patch.policies![0]!.policyItems
    expect(items[1]).toEqual(item('daily', 1, 2, 'months', ID.daily))
    // The weekly item (4 weeks) would now keep less than the daily one: it is lifted too; monthly and yearly already keep longer.
    expect(items[2]).toEqual(item('weekly', 6, 2, 'months', ID.weekly))
    expect(items[3]).toEqual(item('monthly', 40, 12, 'months'))
    const raised: BackupSchedule = {...defaults(), policies: patch.policies!}
    expect(validateSchedule(raised, {cluster: {tier: 'M10', provider: 'AWS'}}).filter((v) => v.severity === 'error')).toEqual([])
    expect(scheduleShortfalls(raised, {}, minimum)).toEqual([])
  })

  it('rule 88: an hourly item firing less often than required is a shortfall; raising lowers its interval only', () => {
    const minimum = policy({scheduledPolicyItems: [item('hourly', 4, 2)]})
    const gaps = scheduleShortfalls(defaults(), {}, minimum)
    expect(gaps).toEqual([expect.objectContaining({field: 'policies[0].policyItems[0].frequencyInterval', required: 'every 4 hours or more often', actual: 'every 6 hours'})])
    expect(raiseToMinimum(defaults(), minimum).policies![0]!.policyItems[0]).toEqual(item('hourly', 4, 7, 'days', ID.hourly))
  })

  it('rules 88, 85: an NVMe cluster cannot take hourly snapshots more often than every 12 hours: not raisable', () => {
    const schedule: BackupSchedule = {policies: [{policyItems: [item('hourly', 12, 7)]}]}
    const [gap] = scheduleShortfalls(schedule, {nvme: true}, policy({scheduledPolicyItems: [item('hourly', 6, 2)]}))
    expect(gap).toMatchObject({field: 'policies[0].policyItems[0].frequencyInterval', raisable: false})
    expect(scheduleShortfalls(schedule, {nvme: true}, policy({scheduledPolicyItems: [item('hourly', 12, 2)]}))).toEqual([])
  })

  it('rule 88: PIT off and a shorter restore window are shortfalls when the policy requires PIT, not otherwise', () => {
    const schedule = {...defaults(), restoreWindowDays: 2}
    const minimum = policy({pitEnabled: true, restoreWindowDays: 5, scheduledPolicyItems: [item('hourly', 6, 7)]})
    expect(scheduleShortfalls(schedule, {pitEnabled: false}, minimum).map((g) => [g.field, g.actual])).toEqual([
      ['pitEnabled', 'off'],
      ['restoreWindowDays', '2 days'],
    ])
    expect(raiseToMinimum(schedule, minimum)).toEqual({restoreWindowDays: 5})
    expect(scheduleShortfalls({...schedule, restoreWindowDays: 5}, {pitEnabled: true}, minimum)).toEqual([])
    expect(scheduleShortfalls(schedule, {pitEnabled: false}, {...minimum, pitEnabled: false})).toEqual([])
  })

  it('rule 88: encryption at rest required and missing is a shortfall raising cannot close', () => {
    const minimum = policy({encryptionAtRestEnabled: true})
    expect(scheduleShortfalls(defaults(), {encryptionAtRestProvider: 'AWS'}, minimum)).toEqual([])
    expect(scheduleShortfalls(defaults(), {encryptionAtRestProvider: 'NONE'}, minimum)).toEqual([expect.objectContaining({field: 'encryptionAtRestProvider', raisable: false})])
    expect(raiseToMinimum(defaults(), minimum)).toEqual({})
  })

  it('rule 88: every item of a type must meet the minimum; items above it are kept as they are', () => {
    const schedule: BackupSchedule = {policies: [{policyItems: [item('weekly', 1, 8, 'weeks'), item('weekly', 5, 1, 'weeks')]}]}
    const minimum = policy({scheduledPolicyItems: [item('weekly', 0, 3, 'weeks')]})
    expect(scheduleShortfalls(schedule, {}, minimum).map((g) => g.field)).toEqual(['policies[0].policyItems[1].retentionValue'])
    expect(raiseToMinimum(schedule, minimum)).toEqual({policies: [{policyItems: [item('weekly', 1, 8, 'weeks'), item('weekly', 5, 3, 'weeks')]}]})
  })
})

describe('raising to the minimum, the edges (rule 88)', () => {
  it('rules 88, 20: when the policy brings PIT, the hourly item is made to cover the restore window the cluster keeps', () => {
    const schedule: BackupSchedule = {...defaults(), restoreWindowDays: 7}
    schedule.policies[0]!.policyItems[0] = item('hourly', 6, 2, 'days', ID.hourly)
    const minimum = policy({pitEnabled: true, restoreWindowDays: 1, scheduledPolicyItems: [item('hourly', 6, 1)]})
    const patch = raiseToMinimum(schedule, minimum)
    expect(patch.restoreWindowDays).toBeUndefined()
    expect(patch.policies![0]!.policyItems[0]).toEqual(item('hourly', 6, 7, 'days', ID.hourly))
    const raised = {...schedule, policies: patch.policies!}
    expect(validateSchedule(raised, {cluster: {tier: 'M10', provider: 'AWS', pitEnabled: true}}).filter((v) => v.severity === 'error')).toEqual([])
  })

  it('rule 88: several minima of one type count as the longest of them', () => {
    const minimum = policy({scheduledPolicyItems: [item('weekly', 1, 2, 'weeks'), item('weekly', 7, 6, 'weeks')]})
    expect(scheduleShortfalls(defaults(), {}, minimum).map((g) => g.required)).toEqual(['kept at least 6 weeks'])
    expect(raiseToMinimum(defaults(), minimum).policies![0]!.policyItems[2]).toEqual(item('weekly', 6, 6, 'weeks', ID.weekly))
  })
})
