import type {ClusterCheck} from '../../compliance/project-check.js'
import type {CompliancePolicy, CompliancePolicyItem, CompliancePolicyRequest} from '../../domain/types.js'
import type {ComplianceCheckReport} from '../compliance-check.js'
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

const VERDICT_WORDS: Record<ClusterCheck['verdict'], string> = {
  complies: 'complies',
  raise: 'would be raised',
  refuse: 'refused',
  'not covered': 'not covered (M10+ only)',
}

/**
 * `compliancePolicy check`: one row per gap (a cluster that complies has one row with no gap), then a verdict. A
 * refused cluster's gaps are why Atlas refuses the whole policy.
 */
export async function complianceCheckText(report: ComplianceCheckReport): Promise<string> {
  const rows: Cell[][] = report.clusters.flatMap((cluster) => {
    const verdict = VERDICT_WORDS[cluster.verdict]
    if (cluster.shortfalls.length === 0) return [[cluster.clusterName, cluster.tier, verdict, '', '', '']]
    return cluster.shortfalls.map((gap) => [cluster.clusterName, cluster.tier, gap.raisable ? verdict : 'refused', gap.field, gap.actual, gap.required])
  })
  const table = report.clusters.length === 0 ? 'The project has no clusters.' : await formatTable(['CLUSTER', 'TIER', 'RESULT', 'FIELD', 'HAS', 'POLICY REQUIRES'], rows)
  return `${table}\n${checkVerdict(report)}`
}

function checkVerdict(report: ComplianceCheckReport): string {
  const count = (verdict: ClusterCheck['verdict']) => report.clusters.filter((c) => c.verdict === verdict).length
  const subject = report.policy === 'project' ? 'the project\'s backup compliance policy' : `the backup compliance policy in ${report.policy}`
  if (report.complies) return `Every cluster covered complies with ${subject}.`
  const parts = [count('raise') > 0 ? `${count('raise')} would be raised to its minimum` : '', count('refuse') > 0 ? `${count('refuse')} cannot be raised, so Atlas refuses the policy` : ''].filter(Boolean)
  return `Not every cluster complies with ${subject}: ${parts.join('; ')}.`
}
