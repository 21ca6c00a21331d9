import type {BackupSchedule, PolicyItem} from '../domain/types.js'

/**
 * Default backup policies.
 *
 * `seed` is the product's default: the table of the seed document (snapshot time 18:00 UTC; hourly every 12 h on
 * NVMe and every 6 h otherwise, kept 2 days; daily kept 7 days; weekly on Saturday kept 4 weeks; monthly on the
 * last day kept 12 months). The seed marks the hourly rows "Continuous Cloud Backup: Enabled", so the hourly item
 * is part of the default only when continuous backup is on; the restore window is then 2 days, the longest the
 * 2-day hourly retention allows.
 *
 * `atlas2026` is what Atlas returned for a new M10 in August 2026 (backup-rules.md §2): hourly kept 7 days, a
 * yearly item on December 1 kept 1 year, restore window 7 days. It was recorded on a continuous-backup cluster and
 * always has the hourly item.
 */
export type DefaultPolicyName = 'seed' | 'atlas2026'

export const DEFAULT_POLICY_NAMES: readonly DefaultPolicyName[] = ['seed', 'atlas2026']

export interface DefaultPolicyOptions {
  nvme?: boolean
  pitEnabled?: boolean
  referenceHourOfDay?: number
  referenceMinuteOfHour?: number
}

const SATURDAY = 6
const LAST_DAY_OF_MONTH = 40
const DECEMBER = 12

function hourlyInterval(nvme: boolean | undefined): number {
  return nvme ? 12 : 6
}

function seedItems(options: DefaultPolicyOptions): PolicyItem[] {
  const items: PolicyItem[] = []
  if (options.pitEnabled) {
    items.push({frequencyType: 'hourly', frequencyInterval: hourlyInterval(options.nvme), retentionUnit: 'days', retentionValue: 2})
  }
  items.push(
    {frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7},
    {frequencyType: 'weekly', frequencyInterval: SATURDAY, retentionUnit: 'weeks', retentionValue: 4},
    {frequencyType: 'monthly', frequencyInterval: LAST_DAY_OF_MONTH, retentionUnit: 'months', retentionValue: 12},
  )
  return items
}

function atlas2026Items(options: DefaultPolicyOptions): PolicyItem[] {
  return [
    {frequencyType: 'hourly', frequencyInterval: hourlyInterval(options.nvme), retentionUnit: 'days', retentionValue: 7},
    {frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7},
    {frequencyType: 'weekly', frequencyInterval: SATURDAY, retentionUnit: 'weeks', retentionValue: 4},
    {frequencyType: 'monthly', frequencyInterval: LAST_DAY_OF_MONTH, retentionUnit: 'months', retentionValue: 12},
    {frequencyType: 'yearly', frequencyInterval: DECEMBER, retentionUnit: 'years', retentionValue: 1},
  ]
}

/** The default schedule, without ids (the backend that stores it assigns them). */
export function defaultSchedule(name: DefaultPolicyName = 'seed', options: DefaultPolicyOptions = {}): BackupSchedule {
  const seed = name === 'seed'
  return {
    policies: [{policyItems: seed ? seedItems(options) : atlas2026Items(options)}],
    referenceHourOfDay: options.referenceHourOfDay ?? 18,
    referenceMinuteOfHour: options.referenceMinuteOfHour ?? 0,
    restoreWindowDays: seed ? 2 : 7,
  }
}
