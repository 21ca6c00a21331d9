import type {BackupSchedule, BackupSchedulePatch, PolicyItem} from '../domain/types.js'
import {MERGED_FIELDS, mergeSchedulePatch} from './merge-patch.js'
import {planSchedule} from './plan.js'
import {type RetainedSnapshot, scheduleSnapshotEffects, type SnapshotEffects} from './snapshot-effects.js'

/**
 * What a schedule update would change, worked out before it is sent (issue 15 §2): the schedule's fields and policy
 * items, the snapshots already taken (by the rule the emulator applies, scheduleSnapshotEffects), and the steady
 * state `schedule plan` computes. Pure: the caller reads the schedule and the snapshots and passes `now`.
 */

export interface DiffInput {
  current: BackupSchedule
  /** The PATCH body the update would send. */
  patch: BackupSchedulePatch
  /** Every snapshot of the cluster. */
  snapshots: Iterable<RetainedSnapshot>
  now: number
  /** A Backup Compliance Policy is in force: a new retention never shortens a snapshot's life. */
  neverShorten?: boolean
}

export type ItemField = 'frequencyType' | 'frequencyInterval' | 'retention'

export interface ItemChange {
  id: string
  before: PolicyItem
  after: PolicyItem
  changed: ItemField[]
}

export interface FieldChange {
  field: (typeof MERGED_FIELDS)[number]
  before: unknown
  after: unknown
}

export interface SnapshotDiff {
  updateSnapshots: boolean
  deleteSnapshots: boolean
  /** With updateSnapshots: snapshots kept for less time than now, still kept after the update. */
  expireEarlier: number
  /** With updateSnapshots: snapshots kept longer. */
  expireLater: number
  /** With updateSnapshots: ids of the snapshots whose new expiry has passed, deleted at once. */
  expireAtOnce: string[]
  /** With deleteSnapshots: ids of the removed items' snapshots. */
  deleted: string[]
  /** Without updateSnapshots: snapshots whose expiry it would change (they keep their old one). */
  notUpdated: number
  /** Without deleteSnapshots: snapshots of removed items, kept until they expire. */
  keptFromRemovedItems: number
}

export interface ScheduleDiff {
  itemsAdded: PolicyItem[]
  itemsRemoved: PolicyItem[]
  itemsChanged: ItemChange[]
  fieldsChanged: FieldChange[]
  /** Regions whose copies deleteCopiedBackups deletes. */
  copiesDeletedIn: string[]
  snapshots: SnapshotDiff
  /** Snapshots kept in steady state and the worst gap between restore points without continuous backup (ms). */
  steadyState: {retainedBefore: number; retainedAfter: number; worstGapBeforeMs: number | undefined; worstGapAfterMs: number | undefined}
  /**
   * A Backup Compliance Policy is in force: no retention is shortened, and Atlas refuses an update that would delete
   * snapshots (rule 89), so with `snapshots.deleted` non-empty the update would fail.
   */
  compliancePolicyInForce: boolean
  /** Whether the update changes anything at all. */
  changed: boolean
  /** Whether it deletes anything: snapshots, snapshots expiring at once, or copies. */
  destructive: boolean
}

const DEFAULT_RESTORE_WINDOW_DAYS = 7

/** JSON with sorted keys, so two values equal field by field compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v)
}

function itemChanges(before: PolicyItem, after: PolicyItem): ItemField[] {
  const changed: ItemField[] = []
  if (before.frequencyType !== after.frequencyType) changed.push('frequencyType')
  if (before.frequencyInterval !== after.frequencyInterval) changed.push('frequencyInterval')
  if (before.retentionUnit !== after.retentionUnit || before.retentionValue !== after.retentionValue) changed.push('retention')
  return changed
}

function steadyState(schedule: BackupSchedule, now: number) {
  return planSchedule(schedule, {now, next: 0, restoreWindowDays: schedule.restoreWindowDays ?? DEFAULT_RESTORE_WINDOW_DAYS})
}

function snapshotDiff(actual: SnapshotEffects, possible: SnapshotEffects, patch: BackupSchedulePatch, now: number): SnapshotDiff {
  const redated = actual.redated.filter((snapshot) => snapshot.expiresAt !== snapshot.expiresAtBefore)
  return {
    updateSnapshots: patch.updateSnapshots === true,
    deleteSnapshots: patch.deleteSnapshots === true,
    expireEarlier: redated.filter((s) => s.expiresAt < s.expiresAtBefore && s.expiresAt > now).length,
    expireLater: redated.filter((s) => s.expiresAt > s.expiresAtBefore).length,
    expireAtOnce: redated.filter((s) => s.expiresAt <= now).map((s) => s.id),
    deleted: actual.deletedIds,
    notUpdated: patch.updateSnapshots === true ? 0 : possible.redated.filter((s) => s.expiresAt !== s.expiresAtBefore).length,
    keptFromRemovedItems: patch.deleteSnapshots === true ? 0 : possible.deletedIds.length,
  }
}

export function diffSchedule(input: DiffInput): ScheduleDiff {
  const {current, patch, now} = input
  let added = 0
  const merged = mergeSchedulePatch(current, patch, () => `new-${++added}`)
  const after = merged.schedule
  const beforeItems = current.policies[0]?.policyItems ?? []
  const afterItems = after.policies[0]?.policyItems ?? []
  const beforeById = new Map(beforeItems.map((item) => [item.id, item]))
  const afterIds = new Set(afterItems.map((item) => item.id))
  const itemsChanged: ItemChange[] = []
  for (const item of afterItems) {
    const before = beforeById.get(item.id)
    const changed = before ? itemChanges(before, item) : []
    if (before && changed.length > 0) itemsChanged.push({id: item.id!, before, after: item, changed})
  }
  const fieldsChanged: FieldChange[] = MERGED_FIELDS.filter((field) => canonical(current[field]) !== canonical(after[field])).map((field) => ({field, before: current[field], after: after[field]}))
  const snapshots = [...input.snapshots]
  const change = {retentionChanged: merged.retentionChanged, removedItemIds: merged.removedItemIds, neverShorten: input.neverShorten === true}
  const actual = scheduleSnapshotEffects(snapshots, {...change, updateSnapshots: patch.updateSnapshots === true, deleteSnapshots: patch.deleteSnapshots === true})
  const possible = scheduleSnapshotEffects(snapshots, {...change, updateSnapshots: true, deleteSnapshots: true})
  const planBefore = steadyState(current, now)
  const planAfter = steadyState(after, now)
  const snapshotEffects = snapshotDiff(actual, possible, patch, now)
  const copiesDeletedIn = (patch.deleteCopiedBackups ?? []).map((copy) => copy.regionName ?? '?')
  const diff: ScheduleDiff = {
    itemsAdded: afterItems.filter((item) => !beforeById.has(item.id)).map(({id: _id, ...item}) => item),
    itemsRemoved: beforeItems.filter((item) => !afterIds.has(item.id)),
    itemsChanged,
    fieldsChanged,
    copiesDeletedIn,
    snapshots: snapshotEffects,
    steadyState: {
      retainedBefore: planBefore.retainedTotal,
      retainedAfter: planAfter.retainedTotal,
      worstGapBeforeMs: planBefore.worstGapWithoutContinuous?.gapMs,
      worstGapAfterMs: planAfter.worstGapWithoutContinuous?.gapMs,
    },
    compliancePolicyInForce: input.neverShorten === true,
    changed: false,
    destructive: snapshotEffects.deleted.length > 0 || snapshotEffects.expireAtOnce.length > 0 || copiesDeletedIn.length > 0,
  }
  const redated = snapshotEffects.expireEarlier + snapshotEffects.expireLater + snapshotEffects.expireAtOnce.length
  diff.changed = diff.itemsAdded.length + diff.itemsRemoved.length + itemsChanged.length + fieldsChanged.length + copiesDeletedIn.length + snapshotEffects.deleted.length + redated > 0
  return diff
}
