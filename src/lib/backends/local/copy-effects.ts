import {copyDeletionProtected} from '../../domain/atlas-errors.js'
import {AtlasApiError} from '../../domain/errors.js'
import type {BackupSchedule, BackupSchedulePatch, ClusterZone, CopyPolicyItem, CopySetting} from '../../domain/types.js'
import {addRetention} from '../../schedule/index.js'
import {compliancePolicyInForce} from './compliance-policy-repository.js'
import {copyFrequencyOf, sameTarget, updateOplogCopies} from './copies.js'
import {syncCopyWindows} from './copy-windows.js'
import {highestPriorityRegion} from './fleet.js'
import type {SnapshotCopyRecord, SnapshotRecord} from './records.js'
import type {ClusterWithSchedule} from './repository.js'
import type {LocalSession} from './session.js'

/**
 * What a schedule PATCH does to the copies already made (rules 60, 62) and to the oplog copies (rule 59). Callers
 * have validated the PATCH against the cluster; the refusals here are the ones that need the store.
 */

type Target = {cloudProvider?: string; regionName?: string; zoneId?: string; replicationSpecId?: string}

/** The 2023-01-01 shape names a zone by one of its replication specs: stored settings always carry the zoneId. */
export function withZoneIds<T extends Target>(entries: T[] | undefined, zones: readonly ClusterZone[]): T[] | undefined {
  if (!entries) return entries
  return entries.map((entry) => {
    if (entry === null || typeof entry !== 'object' || entry.replicationSpecId === undefined || entry.zoneId !== undefined) return entry
    const {replicationSpecId, ...rest} = entry
    const zone = zones.find((z) => z.replicationSpecIds.includes(replicationSpecId))
    return {...rest, zoneId: zone?.zoneId ?? replicationSpecId} as T
  })
}

/**
 * Copy policy items get ids as Atlas gives them (read-only): an item keeps its id while its setting keeps a
 * item of that frequency, a new one gets a fresh id.
 */
export function withCopyItemIds(next: BackupSchedule, current: BackupSchedule, newId: () => string): void {
  for (const setting of next.copySettings ?? []) {
    if (!setting.copyPolicyItems) continue
    const before = current.copySettings?.find((c) => sameTarget(c, setting))?.copyPolicyItems
    setting.copyPolicyItems = setting.copyPolicyItems.map((item) => ({...item, id: before?.find((b) => b.frequencyType === item.frequencyType)?.id ?? newId()}))
  }
}

interface CopyChange {
  /** Copies to delete: in these targets, of snapshots of these copy frequencies (all when undefined). */
  deletions: Array<{target: Target; frequencies?: Set<string>}>
  /** Copy policy items whose retention changed, by target: their copies are re-dated (updateCopySnapshots). */
  retentions: Array<{target: Target; items: CopyPolicyItem[]}>
}

function itemFrequency(item: CopyPolicyItem): string {
  return copyFrequencyOf({snapshotType: item.frequencyType === 'ondemand' ? 'onDemand' : 'scheduled', frequencyType: item.frequencyType})
}

/** deleteCopiedBackups entries must name settings that the PATCH leaves out: a live setting would copy again. */
function deletionsOf(patch: BackupSchedulePatch, next: BackupSchedule, clusterName: string): CopyChange['deletions'] {
  const entries = patch.deleteCopiedBackups ?? []
  for (const entry of entries) {
    if (next.copySettings?.some((setting) => sameTarget(setting, entry))) {
      throw new AtlasApiError(
        400,
        'INVALID_ATTRIBUTE',
        `Invalid attribute deleteCopiedBackups specified: ${String(entry.regionName)} is still a copy target of zone ${String(entry.zoneId)}; remove it from copySettings in the same request to delete its copies.`,
        [clusterName],
      )
    }
  }
  return entries.map((target) => ({target}))
}

/** With copy policy items: items removed (deleteCopySnapshots) or re-timed (updateCopySnapshots) per target. */
function itemChanges(patch: BackupSchedulePatch, current: BackupSchedule, next: BackupSchedule): CopyChange {
  const change: CopyChange = {deletions: [], retentions: []}
  if (!next.copyPolicyItemsEnabled || (!patch.deleteCopySnapshots && !patch.updateCopySnapshots)) return change
  for (const before of current.copySettings ?? []) {
    const after = next.copySettings?.find((setting) => sameTarget(setting, before))
    const kept = after?.copyPolicyItems ?? []
    const removed = (before.copyPolicyItems ?? []).filter((item) => !kept.some((k) => k.frequencyType === item.frequencyType))
    if (patch.deleteCopySnapshots && removed.length > 0) change.deletions.push({target: before, frequencies: new Set(removed.map(itemFrequency))})
    const retimed = kept.filter((item) => {
      const old = before.copyPolicyItems?.find((b) => b.frequencyType === item.frequencyType)
      return old !== undefined && (old.retentionUnit !== item.retentionUnit || old.retentionValue !== item.retentionValue)
    })
    if (patch.updateCopySnapshots && retimed.length > 0) change.retentions.push({target: before, items: retimed})
  }
  return change
}

/** One snapshot's copies after the change; undefined when nothing changed. */
function changedCopies(record: SnapshotRecord, change: CopyChange): SnapshotCopyRecord[] | undefined {
  if (!record.copies) return undefined
  const frequency = copyFrequencyOf(record)
  let touched = false
  const copies: SnapshotCopyRecord[] = []
  for (const copy of record.copies) {
    if (change.deletions.some(({target, frequencies}) => sameTarget(copy, target) && (!frequencies || frequencies.has(frequency)))) {
      touched = true
      continue
    }
    const retimed = change.retentions.find(({target}) => sameTarget(copy, target))?.items.find((item) => itemFrequency(item) === frequency)
    if (retimed?.retentionUnit !== undefined && retimed.retentionValue !== undefined) {
      touched = true
      copies.push({...copy, expiresAt: addRetention(record.requestedAt, retimed.retentionUnit, retimed.retentionValue)})
      continue
    }
    copies.push(copy)
  }
  return touched ? copies : undefined
}

/**
 * Applies a validated PATCH's effects on copies: deleteCopiedBackups (rule 60) and deleteCopySnapshots delete copies
 * (refused under copy protection), updateCopySnapshots re-dates them, the oplog copy spans follow shouldCopyOplogs,
 * and the windows of lastNumberOfSnapshots settings start, go on or stop.
 */
export function applyCopyEffects(s: LocalSession, cluster: ClusterWithSchedule, current: BackupSchedule, next: BackupSchedule, patch: BackupSchedulePatch): void {
  const change = itemChanges(patch, current, next)
  change.deletions.unshift(...deletionsOf(patch, next, cluster.name))
  if (change.deletions.length > 0 && compliancePolicyInForce(s.repo.db, cluster.projectId)?.copyProtectionEnabled) throw copyDeletionProtected(cluster.name)
  if (change.deletions.length > 0 || change.retentions.length > 0) {
    for (const record of s.repo.snapshotsOf(cluster.id)) {
      const copies = changedCopies(record, change)
      if (!copies) continue
      if (copies.length > 0) record.copies = copies
      else delete record.copies
      s.repo.updateSnapshot(cluster.id, record)
    }
  }
  syncCopyWindows(cluster.state, next.copySettings, cluster.spec.provider, s.now)
  if (patch.copySettings !== undefined || cluster.state.oplogCopies) {
    const spans = updateOplogCopies(cluster.state.oplogCopies ?? [], next.copySettings ?? ([] as CopySetting[]), highestPriorityRegion(cluster.spec.regions).regionName, cluster.spec.provider, s.now)
    if (spans.length > 0) cluster.state.oplogCopies = spans
  }
}
