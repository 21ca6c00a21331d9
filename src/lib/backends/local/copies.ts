import type {BackupSchedule, CloudProvider, CopyFrequency, CopySetting, SnapshotFrequencyType, SnapshotType} from '../../domain/types.js'
import {addRetention} from '../../schedule/index.js'
import {copyFrequencyOf as copyFrequencyOfType} from '../../domain/copy-frequency.js'
import type {OplogCopyRecord, SnapshotCopyRecord} from './records.js'

/**
 * The copies the emulator makes of snapshots in other regions (rules 33, 56–62). A snapshot's copies are decided when
 * it is taken, by the copy settings in force then: a setting added later copies only later snapshots, and removing
 * one leaves the copies it made until they expire (or `deleteCopiedBackups` deletes them). Copies under
 * lastNumberOfSnapshots get their end from the window (copy-windows.ts).
 */

/** What a copy decision reads of a snapshot: its attributed frequency (rule 33) or on-demand type, and its timeline. */
export interface CopiedSnapshot {
  snapshotType: SnapshotType
  frequencyType: SnapshotFrequencyType
  requestedAt: number
  finishesAt: number
  failed: boolean
}

/** The frequency a copy setting selects a snapshot by: on-demand snapshots are ON_DEMAND whatever else they say. */
export function copyFrequencyOf(snapshot: Pick<CopiedSnapshot, 'snapshotType' | 'frequencyType'>): CopyFrequency {
  return snapshot.snapshotType === 'onDemand' ? 'ON_DEMAND' : copyFrequencyOfType(snapshot.frequencyType)
}

/** Whether a copy setting copies this snapshot, and until when: undefined when it does not copy it. */
function copyDecision(setting: CopySetting, snapshot: CopiedSnapshot, itemsEnabled: boolean): {expiresAt?: number} | undefined {
  // A window copies every snapshot that completes; the copy's end is fixed later, by the copy that pushes it out.
  if (setting.lastNumberOfSnapshots !== undefined) return {}
  const frequency = copyFrequencyOf(snapshot)
  if (!itemsEnabled) return setting.frequencies?.includes(frequency) ? {} : undefined
  const item = setting.copyPolicyItems?.find((candidate) => copyFrequencyOfType(candidate.frequencyType) === frequency)
  if (!item) return undefined
  // On-demand items carry no retention: their copies go with the snapshot. Time-based ones count from the firing,
  // as the snapshot's own retention does.
  if (item.retentionUnit === undefined || item.retentionValue === undefined) return {}
  return {expiresAt: addRetention(snapshot.requestedAt, item.retentionUnit, item.retentionValue)}
}

/**
 * The copies of a snapshot under a schedule's copy settings: O(copy settings), so the year-long catch-up stays
 * O(1) per snapshot. A failed snapshot has nothing to copy; a copy exists from the snapshot's completion.
 */
export function copiesOf(schedule: BackupSchedule | undefined, snapshot: CopiedSnapshot, provider: CloudProvider): SnapshotCopyRecord[] | undefined {
  const settings = schedule?.copySettings
  if (!settings || settings.length === 0 || snapshot.failed) return undefined
  const copies: SnapshotCopyRecord[] = []
  for (const setting of settings) {
    if (setting.regionName === undefined || setting.zoneId === undefined) continue
    const decision = copyDecision(setting, snapshot, schedule.copyPolicyItemsEnabled === true)
    if (!decision) continue
    copies.push({
      cloudProvider: setting.cloudProvider ?? provider,
      regionName: setting.regionName,
      zoneId: setting.zoneId,
      copiedAt: snapshot.finishesAt,
      ...(decision.expiresAt === undefined ? {} : {expiresAt: decision.expiresAt}),
    })
  }
  return copies.length > 0 ? copies : undefined
}

/** The copies of a snapshot that exist at `now`: from the snapshot's completion until the copy expires. */
export function liveCopies(record: {copies?: SnapshotCopyRecord[]}, now: number): SnapshotCopyRecord[] {
  return (record.copies ?? []).filter((copy) => copy.copiedAt <= now && (copy.expiresAt === undefined || copy.expiresAt > now))
}

/** The spans over which the oplog was copied to a region (closed ones included), for a restore served from there. */
export function oplogCopiesTo(spans: readonly OplogCopyRecord[] | undefined, regionName: string): OplogCopyRecord[] {
  return (spans ?? []).filter((span) => span.regionName.toUpperCase() === regionName.toUpperCase())
}

/** A copy setting or a deleteCopiedBackups entry names one target: a region of a zone. */
export function sameTarget(a: {regionName?: string; zoneId?: string}, b: {regionName?: string; zoneId?: string}): boolean {
  return a.regionName?.toUpperCase() === b.regionName?.toUpperCase() && a.zoneId === b.zoneId
}

/**
 * The oplog copy spans after a change of copy settings at `now`: a target that starts shipping oplogs opens a span
 * from its primary region, one that stops (or goes) closes its span. Closed spans are kept for restores.
 */
export function updateOplogCopies(
  spans: readonly OplogCopyRecord[],
  settings: readonly CopySetting[],
  primaryRegion: string,
  provider: CloudProvider,
  now: number,
): OplogCopyRecord[] {
  const next = spans.map((span) => ({...span}))
  const open = next.filter((span) => span.to === undefined)
  const shipping = settings.filter((setting) => setting.shouldCopyOplogs === true && setting.regionName !== undefined && setting.zoneId !== undefined)
  // A span ends when its target stops shipping oplogs, or when the primary (where the oplog comes from) moved.
  for (const span of open) {
    if (span.fromRegion !== primaryRegion || !shipping.some((setting) => sameTarget(setting, span))) span.to = now
  }
  for (const setting of shipping) {
    if (next.some((span) => span.to === undefined && sameTarget(setting, span))) continue
    next.push({cloudProvider: setting.cloudProvider ?? provider, regionName: setting.regionName!, zoneId: setting.zoneId!, fromRegion: primaryRegion, from: now})
  }
  return next
}

/**
 * The clock was moved back to `now`: copying that had not started by then never did, copying that stopped later was
 * still going on, and the copy settings in force (which a clock move does not undo) decide from now on.
 */
export function oplogCopiesAt(
  spans: readonly OplogCopyRecord[],
  settings: readonly CopySetting[],
  primaryRegion: string,
  provider: CloudProvider,
  now: number,
): OplogCopyRecord[] {
  const kept = spans.filter((span) => span.from <= now).map(({to, ...span}) => (to !== undefined && to <= now ? {...span, to} : span))
  return updateOplogCopies(kept, settings, primaryRegion, provider, now)
}
