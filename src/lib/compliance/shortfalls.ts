import type {BackupSchedule, CompliancePolicyItem, PolicyItem} from '../domain/types.js'
import {normalisedRetention, retentionWords} from '../policy/items.js'
import {type ComplianceMinimum, strongestMinimumPerType} from './settings.js'

/** What a cluster's backup set-up lacks against the compliance policy's minimum (rule 88). */
export interface Shortfall {
  /** Where the gap is: a path into the schedule (`policies[0].policyItems[2].retentionValue`), or a cluster field. */
  field: string
  /** What the policy requires, in words ("hourly snapshots kept at least 7 days"). */
  required: string
  /** What the cluster has, in words ("kept 2 days", "none"). */
  actual: string
  /** One sentence a user can act on. */
  message: string
  /** Whether raising the schedule (overwriteBackupPolicies) closes the gap; a customer key is the user's to set up. */
  raisable: boolean
  rule: 88
}

/** The facts about a cluster beyond its schedule that the policy sets a minimum for. */
export interface ComplianceClusterFacts {
  pitEnabled?: boolean
  encryptionAtRestProvider?: string
  /** NVMe clusters take hourly snapshots every 12 hours only (rule 85): no raise can make them more frequent. */
  nvme?: boolean
}

const ITEMS_PATH = 'policies[0].policyItems'

function everyHours(interval: number): string {
  return interval === 1 ? 'every hour' : `every ${interval} hours`
}

function requiredWords(item: CompliancePolicyItem): string {
  const how = item.frequencyType === 'hourly' ? ` ${everyHours(item.frequencyInterval)} or more often,` : ''
  return `${item.frequencyType} snapshots${how} kept at least ${retentionWords(item)}`
}

function nvmeHourlyMessage(minimum: CompliancePolicyItem): string {
  return `the compliance policy requires an hourly snapshot ${everyHours(minimum.frequencyInterval)} or more often, and an NVMe cluster takes them every 12 hours only (rule 85): change the policy or the cluster's tier`
}

function itemShortfalls(minimum: CompliancePolicyItem, items: PolicyItem[], nvme: boolean): Shortfall[] {
  const required = requiredWords(minimum)
  const matching = items.flatMap((item, index) => (item.frequencyType === minimum.frequencyType ? [{item, index}] : []))
  if (matching.length === 0) {
    // An NVMe cluster's hourly item can only fire every 12 hours (rule 85): adding one cannot meet a tighter minimum.
    const nvmeCannot = nvme && minimum.frequencyType === 'hourly' && minimum.frequencyInterval < 12
    return [
      {
        field: ITEMS_PATH,
        required,
        actual: `no ${minimum.frequencyType} item`,
        message: nvmeCannot
          ? nvmeHourlyMessage(minimum)
          : `the policy has no ${minimum.frequencyType} item: add one taking ${required}`,
        raisable: !nvmeCannot,
        rule: 88,
      },
    ]
  }
  // Every item of the type must meet the minimum: each one's snapshots are protected for the policy's period.
  const found: Shortfall[] = []
  for (const {item, index} of matching) {
    const at = `${ITEMS_PATH}[${index}]`
    if (normalisedRetention(item) < normalisedRetention(minimum)) {
      found.push({
        field: `${at}.retentionValue`,
        required: `kept at least ${retentionWords(minimum)}`,
        actual: `kept ${retentionWords(item)}`,
        message: `the ${item.frequencyType} item keeps its snapshots ${retentionWords(item)}, less than the ${retentionWords(minimum)} the compliance policy requires: raise its retention`,
        raisable: true,
        rule: 88,
      })
    }
    if (minimum.frequencyType === 'hourly' && item.frequencyInterval > minimum.frequencyInterval) {
      found.push({
        field: `${at}.frequencyInterval`,
        required: `${everyHours(minimum.frequencyInterval)} or more often`,
        actual: everyHours(item.frequencyInterval),
        message: nvme
          ? nvmeHourlyMessage(minimum)
          : `the hourly item takes a snapshot ${everyHours(item.frequencyInterval)}; the compliance policy requires one ${everyHours(minimum.frequencyInterval)} or more often: lower its frequencyInterval`,
        raisable: !nvme,
        rule: 88,
      })
    }
  }
  return found
}

function continuousBackupShortfalls(schedule: BackupSchedule, cluster: ComplianceClusterFacts, policy: ComplianceMinimum): Shortfall[] {
  if (!policy.pitEnabled) return []
  const found: Shortfall[] = []
  if (!cluster.pitEnabled) {
    found.push({
      field: 'pitEnabled',
      required: 'continuous cloud backup on',
      actual: 'off',
      message: 'continuous cloud backup (point-in-time restore) is off; the compliance policy requires it: turn it on',
      raisable: true,
      rule: 88,
    })
  }
  const window = schedule.restoreWindowDays ?? 0
  if (window < policy.restoreWindowDays) {
    found.push({
      field: 'restoreWindowDays',
      required: `at least ${policy.restoreWindowDays} days`,
      actual: `${window} days`,
      message: `the restore window is ${window} days; the compliance policy requires at least ${policy.restoreWindowDays}: lengthen restoreWindowDays`,
      raisable: true,
      rule: 88,
    })
  }
  return found
}

function encryptionShortfall(cluster: ComplianceClusterFacts, policy: ComplianceMinimum): Shortfall[] {
  if (!policy.encryptionAtRestEnabled) return []
  const provider = cluster.encryptionAtRestProvider
  if (provider && provider !== 'NONE') return []
  return [
    {
      field: 'encryptionAtRestProvider',
      required: 'encryption at rest with a customer key (AWS, AZURE or GCP)',
      actual: provider ?? 'NONE',
      message: 'the cluster does not encrypt at rest with a customer key; the compliance policy requires it: configure a key management provider for the cluster',
      raisable: false,
      rule: 88,
    },
  ]
}

/**
 * Everything a cluster's schedule and set-up lack against the compliance policy's minimum (rule 88), in the order of
 * the policy's items, then continuous backup, then encryption. Empty when the cluster complies. The on-demand item
 * sets no schedule minimum: it bounds on-demand snapshots when they are taken.
 */
export function scheduleShortfalls(schedule: BackupSchedule, cluster: ComplianceClusterFacts, policy: ComplianceMinimum): Shortfall[] {
  const items = schedule.policies[0]?.policyItems ?? []
  return [
    ...strongestMinimumPerType(policy.scheduledPolicyItems).flatMap((minimum) => itemShortfalls(minimum, items, Boolean(cluster.nvme))),
    ...continuousBackupShortfalls(schedule, cluster, policy),
    ...encryptionShortfall(cluster, policy),
  ]
}
