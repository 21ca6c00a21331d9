import {AtlasApiError} from '../domain/errors.js'
import {isScheduledFrequencyType} from '../domain/retention.js'
import type {CompliancePolicy, CompliancePolicyItem, RetentionUnit, ScheduledFrequencyType} from '../domain/types.js'
import {checkItemCounts, checkMonotonicity} from '../policy/item-set.js'
import {type CheckedItem, checkMinimumRetention, checkRetention, HOURLY_INTERVALS, normalisedRetention, retentionWords} from '../policy/items.js'
import {describeValue, Findings, isRecord, isWholeNumber, type Violation} from '../policy/violation.js'

/** The media-type versions of GET and PUT …/backupCompliancePolicy; they differ only in which names are required. */
export type CompliancePolicyVersion = '2023-01-01' | '2023-10-01'

/** Atlas's one error code for a compliance policy it will not accept, whatever the field. */
export const SETTINGS_INVALID = 'BACKUP_COMPLIANCE_POLICY_SETTINGS_INVALID'

/**
 * The settings a valid PUT body sets, with the defaults of the spec filled in (booleans false, no items,
 * `onDemandPolicyItem` null, `restoreWindowDays` 0 as Atlas shows it when unset). Items carry no ids: the store
 * gives them. Names are '' when a 2023-01-01 body leaves them out.
 */
export type ComplianceSettings = Omit<CompliancePolicy, 'deletable' | 'projectId' | 'state' | 'updatedDate' | 'updatedUser'>

/** What a cluster policy is measured against (rule 88): the parts of a compliance policy that set a minimum. */
export type ComplianceMinimum = Pick<ComplianceSettings, 'scheduledPolicyItems' | 'pitEnabled' | 'restoreWindowDays'> &
  Partial<Pick<ComplianceSettings, 'encryptionAtRestEnabled' | 'onDemandPolicyItem'>>

export interface SettingsCheck {
  /** Every problem, in document order; warnings (rule 18) do not make the body invalid. */
  violations: Violation[]
  /** The settings to store, when no violation is an error. */
  settings?: ComplianceSettings
}

// Deliberately loose (something@something.tld): Atlas's exact email grammar is not published.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

const BOOLEANS = ['copyProtectionEnabled', 'encryptionAtRestEnabled', 'pitEnabled'] as const

function checkPerson(body: Record<string, unknown>, version: CompliancePolicyVersion, findings: Findings): void {
  const email = body.authorizedEmail
  if (typeof email !== 'string' || !EMAIL.test(email)) {
    findings.error('authorizedEmail', SETTINGS_INVALID, 86, `authorizedEmail ${describeValue(email)} is not an email address: name the person who authorised the policy (name@example.com)`)
  }
  for (const key of ['authorizedUserFirstName', 'authorizedUserLastName'] as const) {
    const value = body[key]
    if (value === undefined && version === '2023-01-01') continue
    if (typeof value !== 'string' || value.trim() === '') {
      findings.error(key, SETTINGS_INVALID, 86, `${key} ${describeValue(value)} is required: give the authorising person's first and last name`)
    }
  }
}

/** One scheduled or on-demand item: its type, an hourly interval (the only one Atlas reads), its retention. */
function checkPolicyItem(item: unknown, path: string, onDemand: boolean, findings: Findings): CheckedItem | undefined {
  if (!isRecord(item)) {
    findings.error(path, SETTINGS_INVALID, 86, `a policy item must be an object with frequencyType, retentionUnit and retentionValue, not ${describeValue(item)}`)
    return undefined
  }
  const type = item.frequencyType
  const typeOk = onDemand ? type === 'ondemand' : isScheduledFrequencyType(type)
  if (!typeOk) {
    const allowed = onDemand ? 'the on-demand item has frequencyType ondemand' : 'use hourly, daily, weekly, monthly or yearly'
    findings.error(`${path}.frequencyType`, SETTINGS_INVALID, 86, `frequencyType ${describeValue(type)} is not valid here: ${allowed}`)
  }
  const interval = item.frequencyInterval
  if (type === 'hourly' && !(isWholeNumber(interval) && HOURLY_INTERVALS.includes(interval))) {
    findings.error(`${path}.frequencyInterval`, SETTINGS_INVALID, 86, `hourly frequencyInterval ${describeValue(interval)} is not valid: use 1, 2, 4, 6, 8 or 12 (hours)`)
  } else if (interval !== undefined && interval !== null && !isWholeNumber(interval)) {
    findings.error(`${path}.frequencyInterval`, SETTINGS_INVALID, 86, `frequencyInterval ${describeValue(interval)} must be a whole number (Atlas ignores it except on hourly items)`)
  }
  const retentionOk = checkRetention(item.retentionUnit, item.retentionValue, path, findings)
  if (!typeOk || !retentionOk) return undefined
  // An on-demand item is measured like a daily one: any positive retention will do.
  const frequencyType: ScheduledFrequencyType = onDemand ? 'daily' : (type as ScheduledFrequencyType)
  return {path, frequencyType, retentionUnit: item.retentionUnit as RetentionUnit, retentionValue: item.retentionValue as number}
}

function checkScheduledItems(value: unknown, findings: Findings): CheckedItem[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) {
    findings.error('scheduledPolicyItems', SETTINGS_INVALID, 86, `scheduledPolicyItems must be a list of policy items, not ${describeValue(value)}`)
    return []
  }
  const items = value.map((item, i) => checkPolicyItem(item, `scheduledPolicyItems[${i}]`, false, findings)).filter((item): item is CheckedItem => item !== undefined)
  for (const item of items) checkMinimumRetention(item, findings)
  checkItemCounts(items, findings)
  checkMonotonicity(items, findings)
  return items
}

/** Rule 86: the window is a positive number of days within the hourly retention, and only matters with PIT. */
function checkRestoreWindow(body: Record<string, unknown>, items: CheckedItem[], findings: Findings): void {
  const window = body.restoreWindowDays
  const pit = body.pitEnabled === true
  if (window !== undefined && window !== null && !(isWholeNumber(window) && window >= 0)) {
    findings.error('restoreWindowDays', SETTINGS_INVALID, 86, `restoreWindowDays ${describeValue(window)} is not valid: use a positive whole number of days`)
    return
  }
  if (!pit) return
  if (!isWholeNumber(window) || window < 1) {
    findings.error('restoreWindowDays', SETTINGS_INVALID, 86, `pitEnabled needs restoreWindowDays, a positive whole number of days (got ${describeValue(window)})`)
    return
  }
  const hourly = items.find((item) => item.frequencyType === 'hourly')
  if (!hourly) {
    findings.error('scheduledPolicyItems', SETTINGS_INVALID, 86, `pitEnabled needs an hourly item kept at least the restore window (${window} days): add one to scheduledPolicyItems`)
  } else if (normalisedRetention(hourly) < window) {
    findings.error('restoreWindowDays', SETTINGS_INVALID, 86, `restoreWindowDays ${window} is longer than the hourly item keeps its snapshots (${retentionWords(hourly)}): shorten the window or keep hourly snapshots longer`)
  }
}

function asPolicyItem(item: Record<string, unknown>, type: CompliancePolicyItem['frequencyType']): CompliancePolicyItem {
  const interval = isWholeNumber(item.frequencyInterval) ? item.frequencyInterval : type === 'ondemand' ? 0 : 1
  return {frequencyInterval: interval, frequencyType: type, retentionUnit: item.retentionUnit as RetentionUnit, retentionValue: item.retentionValue as number}
}

function settingsOf(body: Record<string, unknown>): ComplianceSettings {
  const scheduled = Array.isArray(body.scheduledPolicyItems) ? (body.scheduledPolicyItems as Array<Record<string, unknown>>) : []
  const onDemand = isRecord(body.onDemandPolicyItem) ? body.onDemandPolicyItem : undefined
  return {
    authorizedEmail: body.authorizedEmail as string,
    authorizedUserFirstName: typeof body.authorizedUserFirstName === 'string' ? body.authorizedUserFirstName : '',
    authorizedUserLastName: typeof body.authorizedUserLastName === 'string' ? body.authorizedUserLastName : '',
    copyProtectionEnabled: body.copyProtectionEnabled === true,
    encryptionAtRestEnabled: body.encryptionAtRestEnabled === true,
    onDemandPolicyItem: onDemand ? asPolicyItem(onDemand, 'ondemand') : null,
    pitEnabled: body.pitEnabled === true,
    restoreWindowDays: isWholeNumber(body.restoreWindowDays) ? body.restoreWindowDays : 0,
    scheduledPolicyItems: scheduled.map((item) => asPolicyItem(item, item.frequencyType as ScheduledFrequencyType)),
  }
}

/**
 * Checks a PUT …/backupCompliancePolicy body (rule 86) and returns every problem at once, with the settings to store
 * when there is no error. Read-only fields a client copies from GET (state, deletable, ids, dates) are ignored, as
 * Atlas ignores them. Never throws: `body` may be anything a user's file holds.
 */
export function checkCompliancePolicySettings(body: unknown, version: CompliancePolicyVersion): SettingsCheck {
  const findings = new Findings()
  if (!isRecord(body)) {
    findings.error('$', SETTINGS_INVALID, 86, `a compliance policy must be an object (the shape \`backups compliancePolicy describe -o json\` prints), not ${describeValue(body)}`)
    return {violations: findings.list}
  }
  checkPerson(body, version, findings)
  for (const key of BOOLEANS) {
    const value = body[key]
    if (value !== undefined && value !== null && typeof value !== 'boolean') findings.error(key, SETTINGS_INVALID, 86, `${key} must be true or false, not ${describeValue(value)}`)
  }
  const items = checkScheduledItems(body.scheduledPolicyItems, findings)
  if (body.onDemandPolicyItem !== undefined && body.onDemandPolicyItem !== null) checkPolicyItem(body.onDemandPolicyItem, 'onDemandPolicyItem', true, findings)
  checkRestoreWindow(body, items, findings)
  // Codes borrowed from the cluster-policy checks (retention rows 12, 14–16, 17) become the one code Atlas uses here.
  const violations = findings.list.map((v) => (v.severity === 'error' ? {...v, errorCode: SETTINGS_INVALID} : v))
  return violations.some((v) => v.severity === 'error') ? {violations} : {violations, settings: settingsOf(body)}
}

/** The settings of a valid body, or the 400 Atlas answers for an invalid one (every problem in its fields). */
export function requireCompliancePolicySettings(body: unknown, version: CompliancePolicyVersion): ComplianceSettings {
  const {violations, settings} = checkCompliancePolicySettings(body, version)
  if (settings) return settings
  const errors = violations.filter((v) => v.severity === 'error')
  const first = errors[0]!
  const detail = errors.length === 1 ? `Invalid Backup Compliance Policy settings: ${first.message}.` : `Invalid Backup Compliance Policy settings: ${errors.length} problems, the first: ${first.message}.`
  throw new AtlasApiError(400, SETTINGS_INVALID, detail, [], errors.map((v) => ({field: v.path, description: v.message})))
}

/**
 * The minimum per frequency type: a policy may list several weekly, monthly or yearly items (Atlas allows it, as for
 * cluster policies), and a cluster item of that type must then meet the longest retention among them.
 */
export function strongestMinimumPerType(items: readonly CompliancePolicyItem[]): CompliancePolicyItem[] {
  const byType = new Map<string, CompliancePolicyItem>()
  for (const item of items) {
    const known = byType.get(item.frequencyType)
    if (!known) byType.set(item.frequencyType, item)
    else {
      const longer = normalisedRetention(item) > normalisedRetention(known) ? item : known
      const interval = Math.min(known.frequencyInterval, item.frequencyInterval)
      byType.set(item.frequencyType, {...longer, frequencyInterval: interval})
    }
  }
  return [...byType.values()]
}
