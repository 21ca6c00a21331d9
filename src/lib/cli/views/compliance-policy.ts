import type {CompliancePolicy, CompliancePolicyItem, CompliancePolicyRequest} from '../../domain/types.js'
import {type Cell, formatTable} from '../table.js'

/**
 * The Atlas CLI's compliance-policy templates (atlas-cli-backups.md §2.5): the same labels, columns and order, with
 * columns aligned as this CLI aligns every table (three spaces), and empty cells where a value is missing.
 */

/** What the templates read: a policy as Atlas answered it, or the configuration `setup` sent. */
type PolicyLike = CompliancePolicy | CompliancePolicyRequest

const POLICY_HEADERS = ['ID', 'FREQUENCY INTERVAL', 'FREQUENCY TYPE', 'RETENTION']

const retention = (item: CompliancePolicyItem): string => `${item.retentionValue} ${item.retentionUnit}`

/** The interval means something only for hourly items (rule 86): the others show "-". */
function scheduledRow(item: CompliancePolicyItem): Cell[] {
  return [item.id, item.frequencyType === 'hourly' ? item.frequencyInterval : '-', item.frequencyType, retention(item)]
}

function onDemandRow(item: CompliancePolicyItem): Cell[] {
  return [item.id, '-', item.frequencyType, retention(item)]
}

/**
 * The items table: the scheduled items, then the on-demand item. The Atlas CLI's template ends with the on-demand
 * row's line, empty when there is none; that empty line is kept, so output compares line for line.
 */
async function itemsTable(policy: PolicyLike): Promise<string> {
  const scheduled = (policy.scheduledPolicyItems ?? []).map(scheduledRow)
  const onDemand = policy.onDemandPolicyItem ? [onDemandRow(policy.onDemandPolicyItem)] : []
  const table = await formatTable(POLICY_HEADERS, [...scheduled, ...onDemand])
  return onDemand.length > 0 ? `${table}\n` : `${table}\n\n`
}

/** `describe` (and `setup`): the settings as label/value pairs, then POLICIES and the items. */
export async function compliancePolicyText(policy: PolicyLike): Promise<string> {
  const [first, ...rest]: Cell[][] = [
    ['Project:', policy.projectId],
    ['Authorized user first name:', policy.authorizedUserFirstName],
    ['Authorized user last name:', policy.authorizedUserLastName],
    ['Authorized e-mail:', policy.authorizedEmail],
    ['Copy protection enabled:', policy.copyProtectionEnabled ?? false],
    ['Encryption at rest enabled:', policy.encryptionAtRestEnabled ?? false],
    ['Point-in-Time restores enabled:', policy.pitEnabled ?? false],
    ['Restore window days:', policy.restoreWindowDays ?? 0],
  ]
  const settings = await formatTable(first!.map((cell) => String(cell ?? '')), rest)
  return `${settings}\n\nPOLICIES\n${await itemsTable(policy)}`
}

/** `policies describe`. */
export function compliancePoliciesText(policy: CompliancePolicy): Promise<string> {
  return itemsTable(policy)
}

/** `policies scheduled describe`: the scheduled items alone. */
export async function scheduledItemsText(items: CompliancePolicyItem[]): Promise<string> {
  return `${await formatTable(POLICY_HEADERS, items.map(scheduledRow))}\n`
}

/** `policies ondemand describe`: the on-demand item, or an empty line under the header when there is none. */
export async function onDemandItemText(item: CompliancePolicyItem | null): Promise<string> {
  const table = await formatTable(['ID', 'RETENTION'], item ? [[item.id, retention(item)]] : [])
  return item ? `${table}\n` : `${table}\n\n`
}

export function setupText(policy: PolicyLike, watched: boolean): Promise<string> {
  const lead = watched ? 'Your backup compliance policy has been set up with the following configuration:' : 'Your backup compliance policy is being set up with the following configuration:'
  return compliancePolicyText(policy).then((text) => `${lead}\n${text}`)
}

export function enableText(watched: boolean): string {
  const lead = watched ? 'Backup Compliance Policy enabled without any configuration.' : 'Backup Compliance Policy is being enabled without any configuration.'
  return `${lead} Run "atlas backups compliancepolicy --help" for configuration options.`
}

export function policyUpdatedText(watched: boolean): string {
  return watched ? 'Your backup compliance policy has been updated' : 'Your backup compliance policy is being updated'
}

/** "Copy protection is being enabled." / "Encryption at rest has been disabled." */
export function toggledText(subject: 'Copy protection' | 'Encryption at rest', enabled: boolean, watched: boolean): string {
  return `${subject} ${watched ? 'has been' : 'is being'} ${enabled ? 'enabled' : 'disabled'}.`
}

export function pointInTimeText(restoreWindowDays: number, watched: boolean): string {
  return watched
    ? `Point-in-Time restores have been enabled with a restore window of ${restoreWindowDays} days.`
    : `Point-in-Time restores is being enabled with a restore window of ${restoreWindowDays} days.`
}
