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

/** The export frequencies the API accepts (AutoExportPolicyView.frequencyType); others need MongoDB support. */
export const EXPORT_FREQUENCIES = ['monthly', 'yearly'] as const
export type ExportFrequency = (typeof EXPORT_FREQUENCIES)[number]

export interface ScheduleFlagValues {
  referenceHourOfDay?: number
  referenceMinuteOfHour?: number
  restoreWindowDays?: number
  updateSnapshots?: boolean
  deleteSnapshots?: boolean
  useOrgAndGroupNamesInExportPrefix?: boolean
  autoExportEnabled?: boolean
  exportBucketId?: string
  exportFrequencyType?: ExportFrequency
  policies: PolicyFlag[]
  removeItemIds: string[]
}

/**
 * The fields of a PATCH body that change the schedule. updateSnapshots and deleteSnapshots only say how to apply a
 * change, and unknown fields are ignored by Atlas: neither makes a body worth sending on its own.
 */
const CHANGING_FIELDS = new Set([
  'autoExportEnabled',
  'copyPolicyItemsEnabled',
  'copySettings',
  'deleteCopiedBackups',
  'export',
  'extraRetentionSettings',
  'policies',
  'referenceHourOfDay',
  'referenceMinuteOfHour',
  'restoreWindowDays',
  'useOrgAndGroupNamesInExportPrefix',
])

/**
 * Turns flags into the PATCH body, on top of `base` (the fields of an -f document: a flag given replaces the file's
 * field). Items given by id replace that item in place; items without id are added; --removePolicyItem drops items;
 * items not mentioned stay (as with the Atlas CLI). The reference hour and minute always travel together (rule 26),
 * and so do the export bucket and frequency: the one not given is taken from the file, else the current schedule.
 */
export function buildSchedulePatch(current: BackupSchedule, values: ScheduleFlagValues, base: BackupSchedulePatch = {}): BackupSchedulePatch {
  const patch: BackupSchedulePatch = structuredClone(base)
  if (values.referenceHourOfDay !== undefined || values.referenceMinuteOfHour !== undefined) {
    patch.referenceHourOfDay = values.referenceHourOfDay ?? base.referenceHourOfDay ?? current.referenceHourOfDay ?? 0
    patch.referenceMinuteOfHour = values.referenceMinuteOfHour ?? base.referenceMinuteOfHour ?? current.referenceMinuteOfHour ?? 0
  }
  if (values.restoreWindowDays !== undefined) patch.restoreWindowDays = values.restoreWindowDays
  if (values.updateSnapshots !== undefined) patch.updateSnapshots = values.updateSnapshots
  if (values.deleteSnapshots !== undefined) patch.deleteSnapshots = values.deleteSnapshots
  if (values.useOrgAndGroupNamesInExportPrefix !== undefined) patch.useOrgAndGroupNamesInExportPrefix = values.useOrgAndGroupNamesInExportPrefix
  if (values.autoExportEnabled !== undefined) patch.autoExportEnabled = values.autoExportEnabled
  if (values.exportBucketId !== undefined || values.exportFrequencyType !== undefined) {
    const exportBucketId = values.exportBucketId ?? base.export?.exportBucketId ?? current.export?.exportBucketId
    const frequencyType = values.exportFrequencyType ?? base.export?.frequencyType ?? current.export?.frequencyType
    patch.export = {...(exportBucketId === undefined ? {} : {exportBucketId}), ...(frequencyType === undefined ? {} : {frequencyType})}
  }
  if (values.policies.length > 0 || values.removeItemIds.length > 0) patch.policies = editedPolicies(current, values)
  checkAutoExport(patch, current)
  return patch
}

function editedPolicies(current: BackupSchedule, values: ScheduleFlagValues): BackupSchedulePatch['policies'] {
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
  return [{...(policy.id ? {id: policy.id} : {}), policyItems: items}]
}

/**
 * Automatic export needs somewhere to export to and how often: turning it on without a bucket and a frequency,
 * given now or already in the schedule, would be accepted and then export nothing.
 */
export function checkAutoExport(patch: BackupSchedulePatch, current: BackupSchedule): void {
  if (patch.autoExportEnabled !== true) return
  const bucket = patch.export?.exportBucketId ?? current.export?.exportBucketId
  const frequency = patch.export?.frequencyType ?? current.export?.frequencyType
  const missing = [bucket === undefined ? 'an export bucket' : undefined, frequency === undefined ? 'a frequency' : undefined].filter(Boolean)
  if (missing.length === 0) return
  const flags = [bucket === undefined ? '--exportBucketId <bucketId>' : undefined, frequency === undefined ? `--exportFrequencyType ${EXPORT_FREQUENCIES.join('|')}` : undefined].filter(Boolean)
  throw new UsageError(`automatic export needs ${missing.join(' and ')}, and the schedule has none`, `Pass ${flags.join(' ')} with --autoExport (or set export in the file)`)
}

/** The export object of a schedule document, checked before anything is sent: the API takes a 24-hex id and monthly|yearly. */
export function checkExportField(value: unknown, where: string): void {
  if (value === undefined) return
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`${where}: export must be an object {exportBucketId, frequencyType}`, 'Fix the file')
  const {exportBucketId, frequencyType} = value as Record<string, unknown>
  if (exportBucketId !== undefined && (typeof exportBucketId !== 'string' || !isObjectId(exportBucketId))) {
    throw new UsageError(`${where}: export.exportBucketId must be 24 hexadecimal characters, got ${JSON.stringify(exportBucketId)}`, 'Copy the id of an export bucket of the project')
  }
  if (frequencyType !== undefined && !(EXPORT_FREQUENCIES as readonly unknown[]).includes(frequencyType)) {
    throw new UsageError(`${where}: export.frequencyType must be ${EXPORT_FREQUENCIES.join(' or ')}, got ${JSON.stringify(frequencyType)}`, 'The Atlas API accepts monthly and yearly exports')
  }
}

/** Whether a PATCH body sets any field that changes the schedule. */
export function hasScheduleChanges(patch: BackupSchedulePatch): boolean {
  return Object.keys(patch).some((key) => CHANGING_FIELDS.has(key))
}

/** Ids of the current items that a PATCH with `policies` would delete (row 3: items left out are deleted). */
export function removedItemIds(current: BackupSchedule, patch: BackupSchedulePatch): string[] {
  const sent = patch.policies?.[0]?.policyItems
  if (!Array.isArray(sent)) return []
  const kept = new Set(sent.map((item) => (item as {id?: unknown} | null)?.id))
  return (current.policies[0]?.policyItems ?? []).map((item) => item.id).filter((id): id is string => id !== undefined && !kept.has(id))
}
