import type {BackupSchedule, ClusterFacts, PolicyItem} from '../domain/types.js'
import {tierInfo} from '../tiers/tiers.js'
import {checkCopyFlags, checkCopySettings, checkDeleteCopiedBackups} from './copy-settings.js'
import {checkItemCounts, checkMonotonicity} from './item-set.js'
import {scheduleSizeProblem} from './limits.js'
import {type CheckedItem, checkItem, normalisedRetention, retentionWords} from './items.js'
import {checkBooleans, checkReferenceTime, checkRestoreWindowValue, checkUnknownFields} from './schedule-fields.js'
import {describeValue, Findings, isRecord} from './violation.js'

export type {Violation} from './violation.js'
export {MAX_POLICY_ITEMS, MAX_SCHEDULE_FIELDS, scheduleSizeProblem, type SizeProblem} from './limits.js'
import type {Violation} from './violation.js'

export interface ValidationContext {
  cluster: ClusterFacts
  /** The stored schedule when `input` is a change to it (a PATCH body): what the change leaves out comes from here. */
  current?: BackupSchedule
}

export function hasErrors(violations: Violation[]): boolean {
  return violations.some((v) => v.severity === 'error')
}

/** Rows 80–84: only M10+ clusters have a backup policy to set. */
function tierRefusal(tier: string): Violation | undefined {
  const info = tierInfo(tier)
  const refuse = (errorCode: string, rule: number, message: string): Violation => ({path: '$', errorCode, message, rule, severity: 'error'})
  switch (info.kind) {
    case 'free':
      return refuse('PROVIDER_BACKUP_NOT_SUPPORTED', 80, 'M0 free clusters have no Cloud Backup: a backup policy needs an M10 or larger cluster')
    case 'shared':
    case 'flex':
      return refuse('TENANT_CLUSTER_UPDATE_UNSUPPORTED', 81, `${info.name} clusters take one snapshot a day and keep the last 8; their policy cannot be changed: use an M10 or larger cluster`)
    case 'serverless':
      return refuse('FEATURE_UNSUPPORTED', 83, 'serverless instances take a snapshot every 6 hours on a fixed policy that cannot be changed')
    case 'dedicated':
      return undefined
  }
}

/** The stored items by id; the first wins should an id repeat, as a search from the start would find. */
function itemsById(items: PolicyItem[]): Map<string, PolicyItem> {
  const byId = new Map<string, PolicyItem>()
  for (const item of items) if (item.id !== undefined && !byId.has(item.id)) byId.set(item.id, item)
  return byId
}

interface PolicyCheck {
  /** Items as the document gives them, checked; undefined when the document leaves the policy out. */
  items?: CheckedItem[]
  /** How many items the document lists (valid or not). */
  listed?: number
}

/** Rows 1–19: the single policy and its items. */
function checkPolicies(value: unknown, nvme: boolean, current: BackupSchedule | undefined, findings: Findings): PolicyCheck {
  if (value === undefined) return {}
  if (!Array.isArray(value) || value.length !== 1) {
    findings.error('policies', 'INVALID_NUM_OF_POLICIES', 1, `policies must hold exactly one policy, not ${Array.isArray(value) ? value.length : describeValue(value)}`)
    return {}
  }
  const policy: unknown = value[0]
  if (!isRecord(policy)) {
    findings.error('policies[0]', 'INVALID_ATTRIBUTE', 1, 'the policy must be an object with a policyItems list')
    return {}
  }
  const currentPolicy = current?.policies[0]
  if (policy.id !== undefined && currentPolicy?.id !== undefined && policy.id !== currentPolicy.id) {
    findings.error('policies[0].id', 'INVALID_POLICY_ID', 3, `policy id ${describeValue(policy.id)} is not this schedule's policy (${currentPolicy.id}): leave it out or copy it from \`backups schedule describe\``)
  }
  const list = policy.policyItems
  if (list === undefined) return {}
  if (!Array.isArray(list)) {
    findings.error('policies[0].policyItems', 'INVALID_ATTRIBUTE', 2, 'policyItems must be a list of policy items')
    return {}
  }
  if (list.length === 0) {
    findings.warning('policies[0].policyItems', 'INVALID_NUM_OF_POLICY_ITEMS', 13, 'the policy has no items: no scheduled snapshot will be taken')
  }
  const currentItems = current ? itemsById(currentPolicy?.policyItems ?? []) : undefined
  const items = list.map((item, i) => checkItem(item, `policies[0].policyItems[${i}]`, nvme, currentItems, findings)).filter((item): item is CheckedItem => item !== undefined)
  checkItemCounts(items, findings)
  checkMonotonicity(items, findings)
  return {items, listed: list.length}
}

function itemsOf(schedule: BackupSchedule | undefined): CheckedItem[] {
  const items = schedule?.policies[0]?.policyItems ?? []
  return items.flatMap((item, i) =>
    item.frequencyType === 'ondemand' ? [] : [{path: `policies[0].policyItems[${i}]`, frequencyType: item.frequencyType, retentionUnit: item.retentionUnit, retentionValue: item.retentionValue}],
  )
}

/** Rows 20 and 23: with continuous backup, the hourly item must cover the restore window. */
function checkContinuousBackup(input: Record<string, unknown>, policy: PolicyCheck, window: number | undefined, context: ValidationContext, findings: Findings): void {
  if (!context.cluster.pitEnabled) return
  const items = policy.items ?? itemsOf(context.current)
  const hourly = items.find((item) => item.frequencyType === 'hourly')
  if (policy.items && policy.listed! > 0 && !hourly && policy.listed === policy.items.length) {
    findings.warning('policies[0].policyItems', 'ATLAS_GENERAL_ERROR', 23, 'Continuous Cloud Backup is on but the policy has no hourly item: add one that keeps snapshots at least as long as the restore window')
  }
  if (!hourly || window === undefined) return
  const hourlyDays = normalisedRetention(hourly)
  if (window <= hourlyDays) return
  const path = input.restoreWindowDays !== undefined || !policy.items ? 'restoreWindowDays' : `${hourly.path}.retentionValue`
  findings.error(path, 'INVALID_RESTORE_WINDOW', 20, `the hourly policy item retention (${retentionWords(hourly)}) cannot be less than the restore window (${window} days): shorten the window or keep hourly snapshots longer`)
}

/**
 * Checks a backup schedule, or a change to one, against every Atlas backup rule the tool knows (backup-rules.md
 * rows 1–35 and 56–59, and the tier rules), and returns every violation at once, in document order. Never
 * throws: `input` may be anything a user's file holds.
 */
export function validateSchedule(input: unknown, context: ValidationContext): Violation[] {
  const refusal = tierRefusal(context.cluster.tier)
  if (refusal) return [refusal]
  const oversized = scheduleSizeProblem(input)
  if (oversized) return [{path: oversized.path, errorCode: oversized.errorCode, rule: oversized.rule, severity: 'error', message: `${oversized.message}: ${oversized.hint}`}]
  const findings = new Findings()
  if (!isRecord(input)) {
    findings.error('$', 'INVALID_ATTRIBUTE', 1, `a backup schedule must be an object (the shape \`backups schedule describe -o json\` prints), not ${Array.isArray(input) ? 'a list' : describeValue(input)}`)
    return findings.list
  }
  const nvme = Boolean(context.cluster.nvme) || tierInfo(context.cluster.tier).nvme
  checkUnknownFields(input, findings)
  checkReferenceTime(input, context.current !== undefined, findings)
  const windowGiven = checkRestoreWindowValue(input.restoreWindowDays, findings)
  const policy = checkPolicies(input.policies, nvme, context.current, findings)
  const window = windowGiven ? (input.restoreWindowDays as number) : input.restoreWindowDays === undefined ? context.current?.restoreWindowDays : undefined
  checkContinuousBackup(input, policy, window, context, findings)
  checkBooleans(input, findings)
  const itemsEnabled = (typeof input.copyPolicyItemsEnabled === 'boolean' ? input.copyPolicyItemsEnabled : context.current?.copyPolicyItemsEnabled) === true
  const copyContext = {
    provider: context.cluster.provider,
    pitEnabled: Boolean(context.cluster.pitEnabled),
    items: policy.items ?? (context.current ? itemsOf(context.current) : undefined),
    zones: context.cluster.zones,
    itemsEnabled,
  }
  // Turning copy policy items on or off changes what every stored setting must give, so they are checked again.
  const copySettings = input.copySettings ?? (input.copyPolicyItemsEnabled !== undefined ? context.current?.copySettings : undefined)
  checkCopySettings(copySettings, copyContext, findings)
  checkDeleteCopiedBackups(input.deleteCopiedBackups, findings)
  checkCopyFlags(input, itemsEnabled, findings)
  return findings.list
}
