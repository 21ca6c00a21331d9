import {
  cannotDecreasePitWindowUnderCompliance,
  cannotDisableCloudBackupUnderCompliance,
  cannotDecreaseSnapshotRetentionUnderCompliance,
  cannotDeleteSnapshotUnderCompliance,
  cannotDisableEncryptionUnderCompliance,
  cannotDisablePitUnderCompliance,
  onDemandRetentionBelowCompliance,
  scheduleBelowCompliance,
  terminatedNameReserved,
} from '../domain/atlas-errors.js'
import {DAY_MS, toIso} from '../domain/time.js'
import type {BackupSchedule, CompliancePolicy} from '../domain/types.js'
import {addRetention} from '../schedule/index.js'
import {type ComplianceClusterFacts, scheduleShortfalls, type Shortfall} from './shortfalls.js'

/**
 * What a Backup Compliance Policy forbids while it is in force (rules 36, 45, 67, 89): each check takes the policy
 * (undefined when the project has none, and then allows everything) and the facts of the action, and throws Atlas's
 * refusal. Pure: the emulator reads the policy and the records, these decide.
 */

/** The settings of the policy in force, as the store keeps them (the state is derived, and irrelevant here). */
export type PolicyInForce = Omit<CompliancePolicy, 'state'>

/**
 * Rule 89: no snapshot is deleted before it expires. A snapshot kept longer by extra retention (rule 92) is
 * protected only until `protectedUntil`, its expiry without the extra days, and may be deleted after.
 */
export function checkSnapshotDeletion(policy: PolicyInForce | undefined, snapshot: {id: string; protectedUntil?: number}, now: number): void {
  if (!policy) return
  if (snapshot.protectedUntil !== undefined && now >= snapshot.protectedUntil) return
  throw cannotDeleteSnapshotUnderCompliance(snapshot.id)
}

/** Rules 45 and 89: a snapshot's retention may be raised, never lowered; compared by the expiry each gives. */
export function checkSnapshotRetentionChange(policy: PolicyInForce | undefined, snapshot: {id: string; expiresAt: number}, newExpiresAt: number): void {
  if (!policy || newExpiresAt >= snapshot.expiresAt) return
  throw cannotDecreaseSnapshotRetentionUnderCompliance(snapshot.id, toIso(snapshot.expiresAt), toIso(newExpiresAt))
}

/**
 * The fewest days an on-demand snapshot requested at `at` may be kept (rule 45), counted on the calendar from `at`
 * (a month policy item asks for 30 or 31 days, whichever that month has); undefined without an on-demand minimum.
 */
export function minimumOnDemandDays(policy: PolicyInForce | undefined, at: number): number | undefined {
  const item = policy?.onDemandPolicyItem
  if (!item) return undefined
  return Math.ceil((addRetention(at, item.retentionUnit, item.retentionValue) - at) / DAY_MS)
}

/**
 * Rule 45: the retention an on-demand snapshot requested at `at` gets under the policy. An explicit retention below
 * the policy's on-demand item is refused; an omitted one takes the larger of the usual default and that minimum, as
 * the user asked for no particular retention and the policy allows no less.
 */
export function onDemandDaysUnderPolicy(policy: PolicyInForce | undefined, at: number, requested: number | undefined, defaultDays: number): number {
  const minimum = minimumOnDemandDays(policy, at)
  if (minimum === undefined) return requested ?? defaultDays
  if (requested === undefined) return Math.max(defaultDays, minimum)
  if (requested < minimum) {
    const item = policy!.onDemandPolicyItem!
    throw onDemandRetentionBelowCompliance(requested, `${item.retentionValue} ${item.retentionUnit} (${minimum} days from now)`)
  }
  return requested
}

/** A shortfall, recognised across a change that moves items about: what is required, where, without item indexes. */
function shortfallKey(shortfall: Shortfall): string {
  return `${shortfall.field.replace(/\[\d+\]/g, '[]')}|${shortfall.required}`
}

/**
 * Rule 89: a schedule change may not take the cluster below the policy's minimum: deleting an item the policy
 * requires, lowering its retention or frequency, shortening the restore window. Only what the change itself breaks
 * is refused, so a cluster that already fell short (a policy PUT with overwriteBackupPolicies=false is refused, but
 * a cluster created later starts from the default) can still be changed towards the minimum.
 */
export function checkScheduleChange(policy: PolicyInForce | undefined, clusterName: string, cluster: ComplianceClusterFacts, current: BackupSchedule, next: BackupSchedule): void {
  if (!policy) return
  const before = new Set(scheduleShortfalls(current, cluster, policy).map(shortfallKey))
  const added = scheduleShortfalls(next, cluster, policy).filter((shortfall) => !before.has(shortfallKey(shortfall)))
  if (added.length === 0) return
  throw scheduleBelowCompliance(
    clusterName,
    added[0]!.message,
    added.map((shortfall) => ({field: shortfall.field, description: `BACKUP_POLICY_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS: requires ${shortfall.required}, would have ${shortfall.actual}`})),
  )
}

/** Rule 89: the schedule cannot be deleted (emptied) while a policy is in force. */
export function checkScheduleDeletion(policy: PolicyInForce | undefined, clusterName: string): void {
  if (policy) throw scheduleBelowCompliance(clusterName, 'the schedule cannot be deleted')
}

/**
 * Rule 67: with point-in-time restore required, the cluster's restore window cannot shrink below the policy's. A
 * window already below it may still grow towards it.
 */
export function checkRestoreWindowChange(policy: PolicyInForce | undefined, clusterName: string, current: number | undefined, asked: number | undefined): void {
  if (!policy?.pitEnabled || asked === undefined) return
  if (asked < policy.restoreWindowDays && (current === undefined || asked < current)) {
    throw cannotDecreasePitWindowUnderCompliance(clusterName, asked, policy.restoreWindowDays)
  }
}

/**
 * Rules 36 and 89: under a policy, a schedule change reaches existing snapshots only to keep them longer. With
 * `updateSnapshots`, a snapshot whose item now keeps snapshots for less keeps its own expiry (a lower retention
 * affects future snapshots only); one whose item keeps them longer is extended.
 */
export function expiryAfterScheduleChange(policy: PolicyInForce | undefined, currentExpiresAt: number, proposedExpiresAt: number): number {
  return policy ? Math.max(currentExpiresAt, proposedExpiresAt) : proposedExpiresAt
}

/** Oplog kept for a longer window than the schedule's: `days` of it, until `until` (epoch ms). */
export interface OplogKeptFor {
  days: number
  until: number
}

/**
 * Rule 36: under a policy, a shorter restore window (still at or above the policy's) reaches only oplog collected
 * from now on: what was collected stays for the window it was collected under. The emulator keeps the longer window
 * until that oplog has aged out, so point-in-time restores reach it meanwhile. Returns what to keep from now on.
 */
export function oplogKeptAfterWindowChange(policy: PolicyInForce | undefined, current: number | undefined, asked: number | undefined, now: number, kept?: OplogKeptFor): OplogKeptFor | undefined {
  const active = kept && now < kept.until ? kept : undefined
  if (!policy || asked === undefined || current === undefined || asked >= current) return active
  return {days: Math.max(current, active?.days ?? 0), until: Math.max(active?.until ?? 0, now + current * DAY_MS)}
}

/** The restore window the oplog is kept for at `now`: the schedule's, or a longer one an earlier window still holds. */
export function oplogWindowDays(scheduleWindowDays: number, kept: OplogKeptFor | undefined, now: number | undefined): number {
  if (!kept || now === undefined || now >= kept.until) return scheduleWindowDays
  return Math.max(scheduleWindowDays, kept.days)
}

/** Rule 89: `deleteSnapshots` on removed policy items would delete snapshots, which the policy forbids. */
export function checkScheduleDeletesSnapshots(policy: PolicyInForce | undefined, doomedSnapshotIds: readonly string[]): void {
  if (policy && doomedSnapshotIds.length > 0) throw cannotDeleteSnapshotUnderCompliance(doomedSnapshotIds[0]!)
}

/** Rule 67: continuous backup stays on while the policy requires point-in-time restore. */
export function checkContinuousBackupOff(policy: PolicyInForce | undefined, clusterName: string): void {
  if (policy?.pitEnabled) throw cannotDisablePitUnderCompliance(clusterName)
}

/** Rule 89: customer-key encryption at rest stays on while the policy requires it. */
export function checkEncryptionOff(policy: PolicyInForce | undefined, clusterName: string): void {
  if (policy?.encryptionAtRestEnabled) throw cannotDisableEncryptionUnderCompliance(clusterName)
}

/**
 * Rules 55 and 91: whether a terminated cluster's snapshots are kept, and why. A policy always keeps them; without
 * one, only `retainBackups` ("Keep existing snapshots after termination") does.
 */
export function retentionOnTermination(policy: PolicyInForce | undefined, retainBackups: boolean | undefined): 'compliancePolicy' | 'retainBackups' | undefined {
  if (policy) return 'compliancePolicy'
  return retainBackups ? 'retainBackups' : undefined
}

/** Rule 91: under a policy, the name of a terminated cluster whose snapshots are kept cannot be given to a new one. */
export function checkNameReusable(policy: PolicyInForce | undefined, name: string, terminatedNames: readonly string[]): void {
  if (policy && terminatedNames.includes(name)) throw terminatedNameReserved(name)
}

/** Rule 89: Cloud Backup stays on for every cluster while a policy is in force, whatever the policy requires. */
export function checkCloudBackupOff(policy: PolicyInForce | undefined, clusterName: string): void {
  if (policy) throw cannotDisableCloudBackupUnderCompliance(clusterName)
}
