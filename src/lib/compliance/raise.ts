import {frequencyRank} from '../domain/retention.js'
import type {BackupSchedule, BackupSchedulePatch, PolicyItem, ScheduledFrequencyType} from '../domain/types.js'
import {normalisedRetention} from '../policy/items.js'
import {type ComplianceMinimum, strongestMinimumPerType} from './settings.js'

/**
 * The interval an item added to meet the policy fires at, for types whose interval the compliance policy does not
 * set: Atlas's own defaults for a new cluster (daily, Saturday, the last day of the month, December).
 */
const DEFAULT_INTERVAL: Record<Exclude<ScheduledFrequencyType, 'hourly'>, number> = {daily: 1, weekly: 6, monthly: 40, yearly: 12}

function sameItem(a: PolicyItem, b: PolicyItem): boolean {
  return a.frequencyInterval === b.frequencyInterval && a.retentionUnit === b.retentionUnit && a.retentionValue === b.retentionValue
}

/** Raises one item to the policy's minimum for its type, keeping whatever already exceeds it. */
function raiseItem(item: PolicyItem, minimum: PolicyItem | undefined): PolicyItem {
  if (!minimum) return item
  const raised = {...item}
  if (normalisedRetention(item) < normalisedRetention(minimum)) {
    raised.retentionUnit = minimum.retentionUnit
    raised.retentionValue = minimum.retentionValue
  }
  if (item.frequencyType === 'hourly' && item.frequencyInterval > minimum.frequencyInterval) raised.frequencyInterval = minimum.frequencyInterval
  return raised
}

/**
 * Raising one item can leave a less frequent one keeping less than it (rule 17, which Atlas would refuse): lift each
 * item, in frequency order, to the longest retention of the items that fire more often.
 */
function keepMonotonic(items: PolicyItem[]): PolicyItem[] {
  const order = items.map((item, index) => ({item, index})).sort((a, b) => rankOf(a.item) - rankOf(b.item) || a.index - b.index)
  const result = [...items]
  let longest: PolicyItem | undefined
  let longestRank = -1
  let longestOfRank: PolicyItem | undefined
  for (const {item, index} of order) {
    const rank = rankOf(item)
    if (rank !== longestRank) {
      if (longestOfRank && (!longest || normalisedRetention(longestOfRank) > normalisedRetention(longest))) longest = longestOfRank
      longestOfRank = undefined
      longestRank = rank
    }
    let next = item
    if (longest && normalisedRetention(item) < normalisedRetention(longest)) next = {...item, retentionUnit: longest.retentionUnit, retentionValue: longest.retentionValue}
    result[index] = next
    if (!longestOfRank || normalisedRetention(next) > normalisedRetention(longestOfRank)) longestOfRank = next
  }
  return result
}

/**
 * With continuous backup turned on by the policy, the hourly item must keep its snapshots at least the restore window
 * (rule 20), which a cluster without PIT may have left shorter.
 */
function coverWindow(item: PolicyItem, windowDays: number): PolicyItem {
  if (item.frequencyType !== 'hourly' || normalisedRetention(item) >= windowDays) return item
  return {...item, retentionUnit: 'days', retentionValue: windowDays}
}

function rankOf(item: PolicyItem): number {
  return frequencyRank(item.frequencyType as ScheduledFrequencyType)
}

/**
 * The PATCH that brings a schedule up to the compliance policy's minimum (rule 88, overwriteBackupPolicies=true):
 * items below the minimum get the policy's retention, an hourly item firing less often than required gets the
 * policy's interval, missing types are added, and when the policy requires PIT the restore window is lengthened to
 * the policy's and the hourly item made to cover it (rule 20).
 * Everything already above the minimum is kept, ids included. Empty (`{}`) when the schedule already complies.
 * Turning continuous backup on is a change to the cluster, not to its schedule: the caller does it.
 */
export function raiseToMinimum(schedule: BackupSchedule, policy: ComplianceMinimum): BackupSchedulePatch {
  const current = schedule.policies[0]?.policyItems ?? []
  const minimums = strongestMinimumPerType(policy.scheduledPolicyItems)
  const minimumOf = new Map(minimums.map((item) => [item.frequencyType, item]))
  let items = current.map((item) => raiseItem(item, minimumOf.get(item.frequencyType)))
  for (const minimum of minimums) {
    if (current.some((item) => item.frequencyType === minimum.frequencyType)) continue
    const type = minimum.frequencyType as ScheduledFrequencyType
    const interval = type === 'hourly' ? minimum.frequencyInterval : DEFAULT_INTERVAL[type]
    items.push({frequencyInterval: interval, frequencyType: type, retentionUnit: minimum.retentionUnit, retentionValue: minimum.retentionValue})
  }
  const window = Math.max(schedule.restoreWindowDays ?? 0, policy.pitEnabled ? policy.restoreWindowDays : 0)
  if (policy.pitEnabled) items = items.map((item) => coverWindow(item, window))
  items = keepMonotonic(items)
  const patch: BackupSchedulePatch = {}
  if (items.length !== current.length || items.some((item, i) => !sameItem(item, current[i]!))) {
    patch.policies = [{...(schedule.policies[0]?.id === undefined ? {} : {id: schedule.policies[0].id}), policyItems: items}]
  }
  if (window !== (schedule.restoreWindowDays ?? 0)) patch.restoreWindowDays = window
  return patch
}
