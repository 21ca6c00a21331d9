import type {PolicyItem} from '../domain/types.js'
import {addRetention} from './calendar.js'

/**
 * What a schedule change does to the snapshots already taken (rules 34 and 35), as one pure rule: the emulator
 * applies it when it stores an update, and `backups schedule diff` shows it before the update is sent.
 * - `deleteSnapshots` deletes the scheduled snapshots of the items the change removes;
 * - `updateSnapshots` gives the other scheduled snapshots of an item whose retention changed the new retention,
 *   counted from the instant each was taken, except a snapshot whose retention was changed on its own.
 */

/** What the rule needs to know of one stored snapshot. */
export interface RetainedSnapshot {
  id: string
  scheduled: boolean
  /** The policy item a scheduled snapshot was taken for. */
  policyItemId?: string
  /** The instant its retention counts from: a scheduled snapshot's firing. */
  takenAt: number
  expiresAt: number
  /** Its retention was changed on this snapshot alone: `updateSnapshots` leaves it alone (rule 34). */
  retentionEdited?: boolean
}

export interface ScheduleSnapshotChange {
  updateSnapshots: boolean
  deleteSnapshots: boolean
  /** The items, by id, whose retention the change sets to another value (see mergeSchedulePatch). */
  retentionChanged: ReadonlyArray<Pick<PolicyItem, 'id' | 'retentionUnit' | 'retentionValue'>>
  /** Ids of the items the change removes. */
  removedItemIds: readonly string[]
  /** Under a Backup Compliance Policy a new retention never shortens a snapshot's life (rules 36, 89). */
  neverShorten: boolean
}

/** A snapshot `updateSnapshots` gives a new retention. Its new expiry may be the same instant as before. */
export interface RedatedSnapshot {
  id: string
  policyItemId: string
  expiresAtBefore: number
  expiresAt: number
  retentionUnit: PolicyItem['retentionUnit']
  retentionValue: number
}

export interface SnapshotEffects {
  /** Snapshots `deleteSnapshots` deletes, in the order given. */
  deletedIds: string[]
  /** Snapshots `updateSnapshots` re-dates, in the order given; those expiring at or before now go at once. */
  redated: RedatedSnapshot[]
}

export function scheduleSnapshotEffects(snapshots: Iterable<RetainedSnapshot>, change: ScheduleSnapshotChange): SnapshotEffects {
  const effects: SnapshotEffects = {deletedIds: [], redated: []}
  if (!change.updateSnapshots && !(change.deleteSnapshots && change.removedItemIds.length > 0)) return effects
  const changed = new Map(change.retentionChanged.map((item) => [item.id, item]))
  const removed = new Set(change.removedItemIds)
  for (const snapshot of snapshots) {
    const itemId = snapshot.policyItemId
    if (!snapshot.scheduled || itemId === undefined) continue
    if (removed.has(itemId)) {
      if (change.deleteSnapshots) effects.deletedIds.push(snapshot.id)
      continue
    }
    const item = change.updateSnapshots ? changed.get(itemId) : undefined
    if (!item || snapshot.retentionEdited) continue
    const expiresAt = addRetention(snapshot.takenAt, item.retentionUnit, item.retentionValue)
    if (change.neverShorten && expiresAt < snapshot.expiresAt) continue
    effects.redated.push({id: snapshot.id, policyItemId: itemId, expiresAtBefore: snapshot.expiresAt, expiresAt, retentionUnit: item.retentionUnit, retentionValue: item.retentionValue})
  }
  return effects
}
