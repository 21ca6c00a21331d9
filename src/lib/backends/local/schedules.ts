import {checkRestoreWindowChange, checkScheduleChange, checkScheduleDeletesSnapshots, checkScheduleDeletion, oplogKeptAfterWindowChange, type PolicyInForce} from '../../compliance/enforcement.js'
import {checkExtraRetentionSettings, extraRetentionDays, withExtraRetention} from '../../compliance/extra-retention.js'
import {AtlasApiError} from '../../domain/errors.js'
import {deterministicObjectId} from '../../domain/ids.js'
import type {BackupSchedule, BackupSchedulePatch, ExtraRetentionSetting, PolicyItem} from '../../domain/types.js'
import {hasErrors, validateSchedule} from '../../policy/index.js'
import {compileSchedule, nextSnapshot} from '../../schedule/index.js'
import {type RetainedSnapshot, scheduleSnapshotEffects} from '../../schedule/snapshot-effects.js'
import {applyAutoCopySettings} from './auto-copy-settings.js'
import {checkAutoExportPatch, noteAutoExportChange} from './auto-export.js'
import {applyCopyEffects, withCopyItemIds, withZoneIds} from './copy-effects.js'
import {compliancePolicyInForce} from './compliance-policy-repository.js'
import {catchUpAutoExports} from './export-jobs.js'
import {encryptionAtRestProviderOf} from './fleet.js'
import type {SnapshotRecord} from './records.js'
import type {ClusterWithSchedule} from './repository.js'
import {mergeSchedulePatch} from '../../schedule/merge-patch.js'
import {clusterFacts, type LocalSession} from './session.js'
import {scheduleView} from './views.js'

/**
 * The backup-schedule resource of the emulator: read, change and empty one cluster's schedule, and what a change does
 * to the snapshots already taken. Callers (LocalBackend) have opened the transaction and brought the cluster up to now.
 */

export function scheduleOf(s: LocalSession, groupId: string, cluster: ClusterWithSchedule, schedule: BackupSchedule): BackupSchedule {
  return scheduleView(s.view, groupId, cluster, schedule, nextSnapshot(compileSchedule(schedule), s.now))
}

/** Validates a PATCH against the cluster and the current schedule, stores the merge and applies its snapshot effects. */
export function applySchedulePatch(s: LocalSession, groupId: string, cluster: ClusterWithSchedule, current: BackupSchedule, patch: BackupSchedulePatch): BackupSchedule {
  const violations = validateSchedule(patch, {cluster: clusterFacts(cluster), current}).filter((v) => v.severity === 'error')
  if (hasErrors(violations)) {
    const first = violations[0]!
    const detail = violations.length === 1 ? first.message : `Invalid Backup Policy: ${violations.length} problems, the first: ${first.message}`
    throw new AtlasApiError(400, first.errorCode, detail, [cluster.name], violations.map((v) => ({field: v.path, description: `${v.errorCode}: ${v.message}`})))
  }
  checkAutoExportPatch(s, cluster, current, patch)
  const policy = compliancePolicyInForce(s.repo.db, cluster.projectId)
  checkRestoreWindowChange(policy, cluster.name, current.restoreWindowDays, patch.restoreWindowDays)
  checkExtraRetentionSettings(policy, patch.extraRetentionSettings)
  const zones = clusterFacts(cluster).zones ?? []
  const normalised: BackupSchedulePatch = {...patch, copySettings: withZoneIds(patch.copySettings, zones), deleteCopiedBackups: withZoneIds(patch.deleteCopiedBackups, zones)}
  let sequence = cluster.state.sequence
  const newId = () => deterministicObjectId(s.now, `${cluster.id}/policy-item/${++sequence}`)
  const merged = mergeSchedulePatch(current, normalised, newId)
  applyAutoCopySettings(merged.schedule, current, normalised, zones, cluster.spec.provider)
  withCopyItemIds(merged.schedule, current, newId)
  const facts = {pitEnabled: cluster.spec.continuousBackup, encryptionAtRestProvider: encryptionAtRestProviderOf(cluster.spec)}
  checkScheduleChange(policy, cluster.name, facts, current, merged.schedule)
  cluster.state.sequence = sequence
  const kept = oplogKeptAfterWindowChange(policy, current.restoreWindowDays, patch.restoreWindowDays, s.now, cluster.state.oplogKeptFor)
  if (kept) cluster.state.oplogKeptFor = kept
  else delete cluster.state.oplogKeptFor
  applyCopyEffects(s, cluster, current, merged.schedule, normalised)
  // The exports owed under the policy in force until now are made before it changes.
  catchUpAutoExports(s, cluster)
  noteAutoExportChange(s, cluster, current, merged.schedule)
  cluster.schedule = merged.schedule
  applySnapshotEffects(s, cluster, policy, patch, merged.retentionChanged, merged.removedItemIds)
  if (policy && patch.extraRetentionSettings?.length) extendExistingSnapshots(s, cluster, patch.extraRetentionSettings)
  s.repo.saveCluster(cluster)
  s.repo.deleteExpired(cluster.id, s.now)
  return scheduleOf(s, groupId, cluster, merged.schedule)
}

/**
 * `updateSnapshots` re-dates earlier snapshots of changed items (rule 34); `deleteSnapshots` drops removed items' ones
 * (rule 35), by the rule `schedule diff` shows (scheduleSnapshotEffects). Under a compliance policy neither may
 * shorten a snapshot's life (rules 36, 89): a deletion is refused before anything changes, and a lower retention
 * leaves existing snapshots their expiry.
 */
function applySnapshotEffects(
  s: LocalSession,
  cluster: ClusterWithSchedule,
  policy: PolicyInForce | undefined,
  patch: BackupSchedulePatch,
  retentionChanged: PolicyItem[],
  removedItemIds: string[],
): void {
  const change = {updateSnapshots: patch.updateSnapshots === true, deleteSnapshots: patch.deleteSnapshots === true, retentionChanged, removedItemIds, neverShorten: policy !== undefined}
  if (!change.updateSnapshots && !(change.deleteSnapshots && removedItemIds.length > 0)) return
  const records = new Map(s.repo.snapshotsOf(cluster.id).map((record) => [record.id, record]))
  const effects = scheduleSnapshotEffects([...records.values()].map(retainedSnapshotOf), change)
  checkScheduleDeletesSnapshots(policy, effects.deletedIds)
  for (const id of effects.deletedIds) s.repo.deleteSnapshot(cluster.id, id)
  for (const redated of effects.redated) {
    const record = records.get(redated.id)!
    record.retentionUnit = redated.retentionUnit
    record.retentionValue = redated.retentionValue
    record.expiresAt = redated.expiresAt
    s.repo.updateSnapshot(cluster.id, record)
  }
}

function retainedSnapshotOf(record: SnapshotRecord): RetainedSnapshot {
  return {id: record.id, scheduled: record.snapshotType === 'scheduled', policyItemId: record.policyItemId, takenAt: record.requestedAt, expiresAt: record.expiresAt, retentionEdited: record.retentionEdited}
}

/** Rule 92: extra retention reaches the snapshots already taken, scheduled and on-demand, as well as future ones. */
function extendExistingSnapshots(s: LocalSession, cluster: ClusterWithSchedule, settings: ExtraRetentionSetting[]): void {
  for (const record of s.repo.snapshotsOf(cluster.id)) {
    const life = withExtraRetention(record, extraRetentionDays(settings, record.frequencyType))
    if (life.expiresAt === record.expiresAt && life.protectedUntil === record.protectedUntil) continue
    record.expiresAt = life.expiresAt
    record.protectedUntil = life.protectedUntil
    s.repo.updateSnapshot(cluster.id, record)
  }
}

/** DELETE empties the policy's items and keeps the rest, as Atlas answers it (atlas-api-notes.md §10). */
export function emptySchedule(s: LocalSession, groupId: string, cluster: ClusterWithSchedule, current: BackupSchedule): BackupSchedule {
  checkScheduleDeletion(compliancePolicyInForce(s.repo.db, cluster.projectId), cluster.name)
  const emptied: BackupSchedule = {...current, policies: [{id: current.policies[0]?.id, policyItems: []}]}
  cluster.schedule = emptied
  s.repo.saveCluster(cluster)
  return scheduleView(s.view, groupId, cluster, emptied, undefined)
}
