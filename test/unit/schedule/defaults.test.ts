import {describe, expect, it} from 'vitest'

import {DEFAULT_POLICY_NAMES, defaultSchedule} from '../../../src/lib/schedule/index.js'

/** [type, interval, unit, value] of each item, to compare against the tables of the seed and backup-rules.md §2. */
const rows = (schedule: ReturnType<typeof defaultSchedule>): unknown[] =>
  (schedule.policies[0]?.policyItems ?? []).map((item) => [item.frequencyType, item.frequencyInterval, item.retentionUnit, item.retentionValue])

describe('default policies', () => {
  it('offers the seed default and today\'s Atlas default by name', () => {
    expect(DEFAULT_POLICY_NAMES).toEqual(['seed', 'atlas2026'])
  })

  it('seed: 18:00 UTC; hourly every 6 h kept 2 days; daily 7 days; weekly Saturday 4 weeks; monthly last day 12 months', () => {
    const schedule = defaultSchedule('seed', {pitEnabled: true})
    expect(schedule).toMatchObject({referenceHourOfDay: 18, referenceMinuteOfHour: 0})
    expect(rows(schedule)).toEqual([
      ['hourly', 6, 'days', 2],
      ['daily', 1, 'days', 7],
      ['weekly', 6, 'weeks', 4],
      ['monthly', 40, 'months', 12],
    ])
  })

  it('seed on NVMe: hourly every 12 h, kept 2 days, the rest unchanged', () => {
    expect(rows(defaultSchedule('seed', {nvme: true, pitEnabled: true}))).toEqual([
      ['hourly', 12, 'days', 2],
      ['daily', 1, 'days', 7],
      ['weekly', 6, 'weeks', 4],
      ['monthly', 40, 'months', 12],
    ])
  })

  it('seed: the hourly rows are those of continuous backup, so without it the default has no hourly item', () => {
    expect(rows(defaultSchedule('seed')).map((row) => (row as unknown[])[0])).toEqual(['daily', 'weekly', 'monthly'])
  })

  it('atlas2026: hourly kept 7 days, a yearly item on December 1 kept 1 year, restore window 7 days', () => {
    const schedule = defaultSchedule('atlas2026', {pitEnabled: true})
    expect(schedule).toMatchObject({referenceHourOfDay: 18, referenceMinuteOfHour: 0, restoreWindowDays: 7})
    expect(rows(schedule)).toEqual([
      ['hourly', 6, 'days', 7],
      ['daily', 1, 'days', 7],
      ['weekly', 6, 'weeks', 4],
      ['monthly', 40, 'months', 12],
      ['yearly', 12, 'years', 1],
    ])
    expect(rows(defaultSchedule('atlas2026', {nvme: true}))[0]).toEqual(['hourly', 12, 'days', 7])
  })

  it('takes another reference time when asked (Atlas was seen using the policy\'s creation time)', () => {
    expect(defaultSchedule('atlas2026', {referenceHourOfDay: 3, referenceMinuteOfHour: 16})).toMatchObject({referenceHourOfDay: 3, referenceMinuteOfHour: 16})
  })
})

describe('default policies: restore window and the default name', () => {
  it('seed: restore window 2 days, the longest its 2-day hourly retention allows (rule 20)', () => {
    expect(defaultSchedule('seed', {pitEnabled: true}).restoreWindowDays).toBe(2)
    expect(defaultSchedule('seed').restoreWindowDays).toBe(2)
  })

  it('without a name, the default is the seed policy', () => {
    expect(defaultSchedule()).toEqual(defaultSchedule('seed'))
    expect(defaultSchedule(undefined, {pitEnabled: true})).toEqual(defaultSchedule('seed', {pitEnabled: true}))
  })
})
