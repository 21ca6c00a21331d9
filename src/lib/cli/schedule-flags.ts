import {isObjectId} from '../domain/ids.js'
import {isRetentionUnit, isScheduledFrequencyType} from '../domain/retention.js'
import type {BackupSchedule, BackupSchedulePatch, PolicyItem} from '../domain/types.js'
import {UsageError} from './errors.js'

const POLICY_FORMAT = "'--policy policyID,policyItemID,frequencyType,frequencyIntervalNumber,retentionUnit,retentionValue'"

export interface PolicyFlag {
  policyId?: string
  item: PolicyItem
}

function integer(text: string, what: string): number {
  if (!/^-?\d+$/.test(text.trim())) throw new UsageError(`${what} was provided in an incorrect format: "${text}" is not an integer`, `Use the format ${POLICY_FORMAT}`)
  return Number(text)
}

/**
 * Reads one --policy value. Like the Atlas CLI's, but an empty policyItemID adds a new item and `years` is a valid
 * unit. The values are checked in full by the policy validator afterwards; this only checks the format.
 */
export function parsePolicyFlag(text: string): PolicyFlag {
  const parts = text.split(',').map((part) => part.trim())
  if (parts.length !== 6) throw new UsageError(`error when parsing policy "${text}": expected 6 comma-separated values`, `Use the format ${POLICY_FORMAT}; leave policyItemID empty to add an item`)
  const [policyId = '', itemId = '', frequencyType = '', interval = '', retentionUnit = '', retentionValue = ''] = parts
  if (policyId !== '' && !isObjectId(policyId)) throw new UsageError(`policyID "${policyId}" must be 24 hexadecimal characters`, 'Copy it from `backups schedule describe <cluster> -o json`')
  if (itemId !== '' && !isObjectId(itemId)) throw new UsageError(`policyItemID "${itemId}" must be 24 hexadecimal characters`, 'Copy it from `backups schedule describe`, or leave it empty to add an item')
  if (!isScheduledFrequencyType(frequencyType)) throw new UsageError(`frequencyType "${frequencyType}" is not valid`, "Use 'hourly', 'daily', 'weekly', 'monthly' or 'yearly'")
  if (!isRetentionUnit(retentionUnit)) throw new UsageError(`retentionUnit "${retentionUnit}" is not valid`, "Use 'days', 'weeks', 'months' or 'years'")
  const item: PolicyItem = {
    frequencyInterval: integer(interval, 'frequencyIntervalNumber'),
    frequencyType,
    retentionUnit,
    retentionValue: integer(retentionValue, 'retentionValue'),
  }
  if (itemId !== '') item.id = itemId
  return {policyId: policyId === '' ? undefined : policyId, item}
}

export interface ScheduleFlagValues {
  referenceHourOfDay?: number
  referenceMinuteOfHour?: number
  restoreWindowDays?: number
  updateSnapshots?: boolean
  deleteSnapshots?: boolean
  useOrgAndGroupNamesInExportPrefix?: boolean
  autoExportEnabled?: boolean
  exportBucketId?: string
  exportFrequencyType?: 'monthly' | 'yearly'
  policies: PolicyFlag[]
  removeItemIds: string[]
}

/**
 * Turns flags into the PATCH body. Items given by id replace that item in place; items without id are added;
 * --removePolicyItem drops items; items not mentioned stay (as with the Atlas CLI). The reference hour and minute
 * always travel together (rule 26), the missing one taken from the current schedule.
 */
export function buildSchedulePatch(current: BackupSchedule, values: ScheduleFlagValues): BackupSchedulePatch {
  const patch: BackupSchedulePatch = {}
  if (values.referenceHourOfDay !== undefined || values.referenceMinuteOfHour !== undefined) {
    patch.referenceHourOfDay = values.referenceHourOfDay ?? current.referenceHourOfDay ?? 0
    patch.referenceMinuteOfHour = values.referenceMinuteOfHour ?? current.referenceMinuteOfHour ?? 0
  }
  if (values.restoreWindowDays !== undefined) patch.restoreWindowDays = values.restoreWindowDays
  if (values.updateSnapshots !== undefined) patch.updateSnapshots = values.updateSnapshots
  if (values.deleteSnapshots !== undefined) patch.deleteSnapshots = values.deleteSnapshots
  if (values.useOrgAndGroupNamesInExportPrefix !== undefined) patch.useOrgAndGroupNamesInExportPrefix = values.useOrgAndGroupNamesInExportPrefix
  if (values.autoExportEnabled !== undefined) patch.autoExportEnabled = values.autoExportEnabled
  if (values.exportBucketId !== undefined || values.exportFrequencyType !== undefined) {
    patch.export = {exportBucketId: values.exportBucketId, frequencyType: values.exportFrequencyType}
  }
  if (values.policies.length > 0 || values.removeItemIds.length > 0) {
    const policy = current.policies[0] ?? {policyItems: []}
    const known = new Set(policy.policyItems.map((item) => item.id))
    for (const id of values.removeItemIds) {
      if (!known.has(id)) throw new UsageError(`policy item ${id} does not exist in this schedule`, 'List the item ids with `backups schedule describe <cluster>`')
    }
    for (const flag of values.policies) {
      if (flag.policyId !== undefined && policy.id !== undefined && flag.policyId !== policy.id) {
        throw new UsageError(`policy ${flag.policyId} does not exist in this schedule (its policy is ${policy.id})`, 'Copy the policy id from `backups schedule describe <cluster> -o json`, or leave it empty')
      }
      if (flag.item.id !== undefined && !known.has(flag.item.id)) {
        throw new UsageError(`policy item ${flag.item.id} does not exist in this schedule`, 'Leave policyItemID empty to add a new item')
      }
    }
    const replaced = new Map(values.policies.filter((flag) => flag.item.id !== undefined).map((flag) => [flag.item.id, flag.item]))
    const removed = new Set(values.removeItemIds)
    const items = policy.policyItems.filter((item) => !removed.has(item.id ?? '')).map((item) => replaced.get(item.id) ?? item)
    for (const flag of values.policies) if (flag.item.id === undefined) items.push(flag.item)
    patch.policies = [{...(policy.id ? {id: policy.id} : {}), policyItems: items}]
  }
  return patch
}

export function hasScheduleChanges(patch: BackupSchedulePatch): boolean {
  return Object.keys(patch).length > 0
}
