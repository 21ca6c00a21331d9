import {DAY_MS} from '../domain/time.js'
import type {PolicyItem} from '../domain/types.js'
import {addMonths, addRetention} from './calendar.js'
import type {RetainedSnapshot} from './snapshot-effects.js'

/**
 * A snapshot as the API lists it, read as the snapshot-effects rule needs it. The API does not say when a scheduled
 * snapshot's retention started (its firing) nor whether its retention was changed on its own, so both are worked out
 * from what it does say: the expiry is the firing plus the item's retention, and the firing comes before the
 * snapshot completed (`createdAt`), less than a day before.
 * A snapshot whose expiry no firing of that window explains had its retention changed on its own (an edit counts
 * from completion, in whole days) or extended by extra retention: `updateSnapshots` leaves those alone.
 */

/** The fields of a listed snapshot (replica set, sharded) the reading uses. */
export interface ListedSnapshot {
  id: string
  snapshotType?: string
  policyItems?: string[]
  createdAt?: string
  expiresAt?: string
}

/** The instants `addRetention(t, unit, value)` maps to `expiresAt`, latest first (months clamp to a month's end). */
function firingsExpiringAt(expiresAt: number, item: Pick<PolicyItem, 'retentionUnit' | 'retentionValue'>): number[] {
  const {retentionUnit: unit, retentionValue: value} = item
  if (unit === 'days' || unit === 'weeks') return [addRetention(expiresAt, unit, -value)]
  const months = unit === 'years' ? value * 12 : value
  const earliest = addMonths(expiresAt, -months)
  const found: number[] = []
  // A clamped expiry (the 28th–31st) may come from any later day of the same month, at the same time of day.
  for (let at = earliest + 3 * DAY_MS; at >= earliest; at -= DAY_MS) {
    if (addRetention(at, unit, value) === expiresAt && sameMonth(at, earliest)) found.push(at)
  }
  return found
}

function sameMonth(a: number, b: number): boolean {
  const x = new Date(a)
  const y = new Date(b)
  return x.getUTCFullYear() === y.getUTCFullYear() && x.getUTCMonth() === y.getUTCMonth()
}

/** Reads a listed snapshot; `items` are the current schedule's items by id, `now` bounds a snapshot still running. */
export function retainedSnapshotOfListed(snapshot: ListedSnapshot, items: ReadonlyMap<string, PolicyItem>, now: number): RetainedSnapshot {
  const expiresAt = snapshot.expiresAt === undefined ? Number.POSITIVE_INFINITY : Date.parse(snapshot.expiresAt)
  const createdAt = snapshot.createdAt === undefined ? undefined : Date.parse(snapshot.createdAt)
  const policyItemId = snapshot.policyItems?.[0]
  const scheduled = snapshot.snapshotType === 'scheduled'
  const base = {id: snapshot.id, scheduled, policyItemId, expiresAt}
  const item = policyItemId === undefined ? undefined : items.get(policyItemId)
  if (!scheduled || !item || !Number.isFinite(expiresAt)) return {...base, takenAt: createdAt ?? now, retentionEdited: true}
  const latest = createdAt ?? now
  const takenAt = firingsExpiringAt(expiresAt, item).find((at) => (createdAt === undefined ? at <= latest : at < latest && at > latest - DAY_MS))
  return takenAt === undefined ? {...base, takenAt: latest, retentionEdited: true} : {...base, takenAt}
}
