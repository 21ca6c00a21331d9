import {type ComplianceSettings, type CompliancePolicyVersion, requireCompliancePolicySettings, scheduleShortfalls, type Shortfall} from '../../compliance/index.js'
import {cannotDisableCompliancePolicy, clustersBelowCompliancePolicy, compliancePolicyPending, noCompliancePolicy} from '../../domain/atlas-errors.js'
import {deterministicObjectId} from '../../domain/ids.js'
import {toIso} from '../../domain/time.js'
import {tierInfo} from '../../tiers/tiers.js'
import type {CompliancePolicy, CompliancePolicyItem, CompliancePolicyRequest} from '../../domain/types.js'
import {bringUpToCompliancePolicy} from './compliance-on-cluster.js'
import {cloudBackupOn} from './fleet.js'
import {initialSchedule} from './seed.js'
import {type CompliancePolicyRecord, CompliancePolicyRepository} from './compliance-policy-repository.js'
import type {ClusterWithSchedule} from './repository.js'
import type {LocalSession} from './session.js'

/**
 * The Backup Compliance Policy resource of the emulator (rules 86–88, 90): read it in its state at virtual now, set
 * it (raising the project's cluster policies or refusing them), disable it. Callers (LocalBackend) have opened the
 * transaction.
 */

/**
 * How long a PUT stays ENABLING or UPDATING. Real Atlas answered ACTIVE to the first GET after a PUT, 3 to 4 seconds
 * later (recordings/backup_compliancepolicy): 3 s keeps a replay of those flows seeing what Atlas showed.
 */
export const COMPLIANCE_SETTLE_MS = 3_000

/**
 * Who `updatedUser` names: the emulator has no users, and a fixed name keeps answers reproducible. The spec wants an
 * email address there; the reserved .invalid domain says it is nobody's.
 */
export const LOCAL_USER = 'emulator@atlas-backups.invalid'

export interface CompliancePolicyPut {
  /** Atlas's default is true: raise every cluster policy below the minimum. False refuses them instead (rule 88). */
  overwriteBackupPolicies?: boolean
  /** The media-type version the body was sent in (2023-01-01 does not require the names). Default 2023-10-01. */
  version?: CompliancePolicyVersion
}

function stateOf(record: CompliancePolicyRecord, now: number): CompliancePolicy['state'] {
  return now < record.settlesAt ? record.pendingState : 'ACTIVE'
}

/** The policy as GET shows it: Atlas's alphabetical keys, `onDemandPolicyItem` null and `restoreWindowDays` 0 when unset. */
function policyView(record: CompliancePolicyRecord, now: number): CompliancePolicy {
  const p = record.settings
  const view: CompliancePolicy = {
    authorizedEmail: p.authorizedEmail,
    authorizedUserFirstName: p.authorizedUserFirstName,
    authorizedUserLastName: p.authorizedUserLastName,
    copyProtectionEnabled: p.copyProtectionEnabled,
    deletable: p.deletable,
    encryptionAtRestEnabled: p.encryptionAtRestEnabled,
    onDemandPolicyItem: p.onDemandPolicyItem,
    pitEnabled: p.pitEnabled,
    projectId: p.projectId,
    restoreWindowDays: p.restoreWindowDays,
    scheduledPolicyItems: p.scheduledPolicyItems,
    state: stateOf(record, now),
  }
  if (p.updatedDate !== undefined) view.updatedDate = p.updatedDate
  if (p.updatedUser !== undefined) view.updatedUser = p.updatedUser
  return view
}

function requirePolicy(s: LocalSession, groupId: string): CompliancePolicyRecord {
  s.requireProject(groupId)
  const record = new CompliancePolicyRepository(s.repo.db).find(groupId)
  if (!record) throw noCompliancePolicy(groupId)
  return record
}

function refuseWhilePending(record: CompliancePolicyRecord | undefined, groupId: string, now: number): void {
  if (!record) return
  const state = stateOf(record, now)
  if (state !== 'ACTIVE') throw compliancePolicyPending(groupId, state)
}

export function compliancePolicyOf(s: LocalSession, groupId: string): CompliancePolicy {
  return policyView(requirePolicy(s, groupId), s.now)
}

/**
 * Ids for the items: an item keeps the id of the stored item of its frequency type (real Atlas kept the hourly item's
 * id across PUTs), a new one gets an id derived from the project, the instant and its place, so a frozen clock
 * reproduces it.
 */
function withIds(items: CompliancePolicyItem[], stored: CompliancePolicyItem[], groupId: string, now: number, kind: string): CompliancePolicyItem[] {
  const free = [...stored]
  return items.map((item, index) => {
    const reused = free.findIndex((old) => old.frequencyType === item.frequencyType && old.id !== undefined)
    const id = reused >= 0 ? free.splice(reused, 1)[0]!.id! : deterministicObjectId(now, `${groupId}/compliance-policy/${kind}/${index}`)
    return {frequencyInterval: item.frequencyInterval, frequencyType: item.frequencyType, id, retentionUnit: item.retentionUnit, retentionValue: item.retentionValue}
  })
}

function storedSettings(settings: ComplianceSettings, previous: CompliancePolicyRecord | undefined, groupId: string, now: number): CompliancePolicyRecord['settings'] {
  const before = previous?.settings
  const onDemand = settings.onDemandPolicyItem ? withIds([settings.onDemandPolicyItem], before?.onDemandPolicyItem ? [before.onDemandPolicyItem] : [], groupId, now, 'on-demand')[0]! : null
  return {
    ...settings,
    // A 2023-01-01 body may leave the names out: the ones given before stay.
    authorizedUserFirstName: settings.authorizedUserFirstName || (before?.authorizedUserFirstName ?? ''),
    authorizedUserLastName: settings.authorizedUserLastName || (before?.authorizedUserLastName ?? ''),
    deletable: before?.deletable ?? false,
    onDemandPolicyItem: onDemand,
    projectId: groupId,
    scheduledPolicyItems: withIds(settings.scheduledPolicyItems, before?.scheduledPolicyItems ?? [], groupId, now, 'scheduled'),
    updatedDate: toIso(now),
    updatedUser: LOCAL_USER,
  }
}

interface ClusterGap {
  cluster: ClusterWithSchedule
  shortfalls: Shortfall[]
}

/**
 * Every dedicated cluster of the project (paused ones too: their schedule stays), brought up to now, with its gaps.
 * One with Cloud Backup off is measured by the default schedule the policy turns it on with (rule 88), and is a gap.
 */
function projectGaps(s: LocalSession, groupId: string, settings: ComplianceSettings): ClusterGap[] {
  const gaps: ClusterGap[] = []
  for (const cluster of s.repo.clusters(groupId)) {
    if (cluster.spec.kind !== 'dedicated') continue
    s.advance(cluster)
    const backupOff = !cloudBackupOn(cluster.spec)
    const schedule = cluster.schedule ?? initialSchedule(cluster.id, s.now, cluster.spec.nvme, settings.pitEnabled)
    const facts = {pitEnabled: cluster.spec.continuousBackup, encryptionAtRestProvider: cluster.spec.encryptionAtRestProvider, nvme: cluster.spec.nvme || tierInfo(cluster.spec.tier).nvme}
    const shortfalls = scheduleShortfalls(schedule, facts, settings)
    if (backupOff) shortfalls.unshift({field: 'backupEnabled', required: 'Cloud Backup on', actual: 'off', message: 'Cloud Backup is off; the compliance policy turns it on', raisable: true, rule: 88})
    if (shortfalls.length > 0) gaps.push({cluster, shortfalls})
  }
  return gaps
}

function refuseGaps(gaps: ClusterGap[], why: string): never {
  const fields = gaps.flatMap(({cluster, shortfalls}) => shortfalls.map((gap) => ({field: `${cluster.name}.${gap.field}`, description: `${cluster.name}: ${gap.message}`})))
  throw clustersBelowCompliancePolicy(
    gaps.map(({cluster}) => cluster.name),
    why,
    fields,
  )
}

/**
 * Rule 88 with overwriteBackupPolicies: the cluster is brought up to the policy as a new or resumed one is (Cloud
 * Backup, continuous backup with an hourly item, the raised schedule). A paused cluster with Cloud Backup off gets it
 * back when it is resumed (rule 91: local clusters update).
 */
function raiseCluster(s: LocalSession, cluster: ClusterWithSchedule, settings: ComplianceSettings): void {
  if (!cloudBackupOn(cluster.spec) && cluster.spec.paused) return
  bringUpToCompliancePolicy(s, cluster, settings)
  s.repo.saveCluster(cluster)
}

/**
 * PUT …/backupCompliancePolicy: validate (rule 86), refuse while a change is pending (rule 87), measure every
 * dedicated cluster against the new minimum and raise it or refuse (rule 88), then store the policy as ENABLING
 * (first PUT) or UPDATING, ACTIVE once it settles.
 */
export function putCompliancePolicy(s: LocalSession, groupId: string, body: CompliancePolicyRequest, options: CompliancePolicyPut = {}): CompliancePolicy {
  s.requireProject(groupId)
  const settings = requireCompliancePolicySettings(body, options.version ?? '2023-10-01')
  const repository = new CompliancePolicyRepository(s.repo.db)
  const previous = repository.find(groupId)
  refuseWhilePending(previous, groupId, s.now)
  const gaps = projectGaps(s, groupId, settings)
  // A customer key, or an NVMe cluster's hourly interval, is no schedule change: no overwrite can close those gaps.
  const unraisable = gaps.filter(({shortfalls}) => shortfalls.some((gap) => !gap.raisable))
  if (unraisable.length > 0) refuseGaps(unraisable, 'they fall short in ways overwriteBackupPolicies cannot raise (see the fields)')
  if (options.overwriteBackupPolicies === false && gaps.length > 0) refuseGaps(gaps, 'overwriteBackupPolicies is false: raise them first, or send true to let Atlas raise them')
  for (const {cluster} of gaps) raiseCluster(s, cluster, settings)
  const record: CompliancePolicyRecord = {
    settings: storedSettings(settings, previous, groupId, s.now),
    enabledAt: previous?.enabledAt ?? s.now,
    changedAt: s.now,
    pendingState: previous ? 'UPDATING' : 'ENABLING',
    settlesAt: s.now + COMPLIANCE_SETTLE_MS,
  }
  repository.save(groupId, record)
  return policyView(record, s.now)
}

/**
 * Rule 90: a project is empty when it has no cluster, active or paused, and no terminated cluster still keeps a
 * snapshot (each is brought up to now first, so the ones that expired are gone).
 */
function projectIsEmpty(s: LocalSession, groupId: string): boolean {
  if (s.repo.clusters(groupId).length > 0) return false
  return s.repo.terminatedClusters(groupId).every((cluster) => {
    s.advance(cluster)
    return s.repo.countSnapshots(cluster.id) === 0
  })
}

/** DELETE …/backupCompliancePolicy (2024-11-13): only a deletable policy, or one in an empty project (rule 90). */
export function disableCompliancePolicy(s: LocalSession, groupId: string): void {
  const record = requirePolicy(s, groupId)
  refuseWhilePending(record, groupId, s.now)
  if (!record.settings.deletable && !projectIsEmpty(s, groupId)) throw cannotDisableCompliancePolicy(groupId)
  new CompliancePolicyRepository(s.repo.db).delete(groupId)
}
