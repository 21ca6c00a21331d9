import {DAY_MS} from '../domain/time.js'
import {intersect, normalize, subtract, type Interval} from './intervals.js'

/**
 * Continuous Cloud Backup's oplog coverage of one cluster (backup-rules.md rows 63–65), as a value the emulator stores
 * with the cluster and moves forward with the events of its history, in time order. Every field is JSON-safe (null,
 * not undefined or Infinity), so the value can be stored as it is.
 */
export interface OplogCoverage {
  enabled: boolean
  /** Oplog collected and still kept, oldest first, [from, to); all end before `collectingSince`. */
  stretches: Interval[]
  /** Start of the stretch being collected now, which runs up to the present; null while off or blacked out. */
  collectingSince: number | null
  /** Start of a restore into this cluster that no completed snapshot has followed yet (row 65). */
  blackoutSince: number | null
  /** Why instants that had (or would have had) oplog cannot be restored: a rollover or a restore's blackout. */
  lost: LostSpan[]
  /** The oplog before this instant was deleted as older than the restore window. */
  trimmedBefore: number | null
}

export type LossReason = 'oplogRollover' | 'restoreBlackout'

export interface LostSpan extends Interval {
  reason: LossReason
}

/**
 * What an oplog rollover costs. The seed ("Continuous Cloud Backups") and backup-rules.md row 64 say Atlas removes the
 * previously preserved oplog when the oplog rolls over before backup collects it: `erasesHistory`, the default. The
 * issue reads the seed's example as a hole in coverage over the lost operations only: `hole`.
 */
export type RolloverEffect = 'erasesHistory' | 'hole'

export type CoverageEvent =
  | {kind: 'continuousBackupOn'; at: number}
  | {kind: 'continuousBackupOff'; at: number}
  /** Operations written in [from, to) were lost before backup collected them; reported at `to`. */
  | {kind: 'oplogRollover'; from: number; to: number; effect?: RolloverEffect}
  /** An automated or point-in-time restore into this cluster started. */
  | {kind: 'restoreStarted'; at: number}
  /** A snapshot of this cluster completed (its createdAt). */
  | {kind: 'snapshotCompleted'; at: number}
  /** The oplog older than the window at `now` is deleted. */
  | {kind: 'trim'; now: number; restoreWindowDays: number}

export function emptyCoverage(): OplogCoverage {
  return {enabled: false, stretches: [], collectingSince: null, blackoutSince: null, lost: [], trimmedBefore: null}
}

/** A cluster created with Continuous Cloud Backup on collects oplog from its creation. */
export function coverageFrom(createdAt: number, continuousBackup: boolean): OplogCoverage {
  return continuousBackup ? continuousBackupOn(emptyCoverage(), createdAt) : emptyCoverage()
}

/** Collection starts now, unless a restore's blackout is open: then it starts with the next snapshot. */
export function continuousBackupOn(coverage: OplogCoverage, at: number): OplogCoverage {
  if (coverage.enabled) return coverage
  return {...coverage, enabled: true, collectingSince: coverage.blackoutSince === null ? at : null}
}

/** Turning Continuous Cloud Backup off deletes all the oplog kept so far; snapshots stay (row 64). */
export function continuousBackupOff(coverage: OplogCoverage, _at: number): OplogCoverage {
  if (!coverage.enabled) return coverage
  return {...coverage, enabled: false, stretches: [], collectingSince: null}
}

/** The stretches plus the one being collected, as if it ended at `until`. */
function allStretches(coverage: OplogCoverage, until: number): Interval[] {
  const open = coverage.collectingSince === null ? [] : [{from: coverage.collectingSince, to: until}]
  return normalize([...coverage.stretches, ...open])
}

/**
 * The oplog of [from, to) rolled over before backup collected it (the seed's example: 1,000 operations of oplog,
 * 2,000 written, backup collects #1,001). What the rollover removed is remembered as lost, so the window can say why.
 */
export function oplogRollover(coverage: OplogCoverage, lostSpan: Interval, effect: RolloverEffect = 'erasesHistory'): OplogCoverage {
  const cut = effect === 'hole' ? lostSpan : {from: -Infinity, to: lostSpan.to}
  const before = allStretches(coverage, lostSpan.to)
  const removed = intersect(before, cut)
  const kept = subtract(before, cut)
  // Collection goes on from the first operation backup did collect; what came before it is closed off.
  const collectingSince = coverage.collectingSince === null ? null : Math.max(coverage.collectingSince, lostSpan.to)
  const lost = [...coverage.lost, ...removed.map((r) => ({...r, reason: 'oplogRollover' as const}))]
  return {...coverage, stretches: kept, collectingSince, lost}
}

/**
 * A restore into this cluster starts: no later point-in-time restore may reach the instants from here until a
 * snapshot completes after it (row 65), because the oplog no longer continues from any earlier snapshot.
 */
export function restoreStarted(coverage: OplogCoverage, at: number): OplogCoverage {
  const stretches = coverage.collectingSince === null ? coverage.stretches : normalize([...coverage.stretches, {from: coverage.collectingSince, to: at}])
  return {...coverage, stretches, collectingSince: null, blackoutSince: coverage.blackoutSince ?? at}
}

/**
 * A snapshot of this cluster completed. The first one after a restore closes that restore's blackout and, with
 * Continuous Cloud Backup on, collection resumes from it. The emulator reports only snapshots taken once the
 * restore has finished (a cluster being restored takes none).
 */
export function snapshotCompleted(coverage: OplogCoverage, at: number): OplogCoverage {
  const since = coverage.blackoutSince
  if (since === null || at <= since) return coverage
  return {
    ...coverage,
    blackoutSince: null,
    collectingSince: coverage.enabled ? at : coverage.collectingSince,
    lost: [...coverage.lost, {from: since, to: at, reason: 'restoreBlackout'}],
  }
}

/**
 * Deletes what lies wholly before the window at `now`. A stretch reaching into the window is kept whole: a point
 * early in the window replays from a snapshot taken before it, over that stretch's older oplog.
 */
export function trimCoverage(coverage: OplogCoverage, now: number, restoreWindowDays: number): OplogCoverage {
  const cutoff = now - restoreWindowDays * DAY_MS
  return {
    ...coverage,
    stretches: coverage.stretches.filter((s) => s.to > cutoff),
    lost: coverage.lost.filter((l) => l.to > cutoff),
    trimmedBefore: Math.max(coverage.trimmedBefore ?? cutoff, cutoff),
  }
}

export function applyCoverageEvent(coverage: OplogCoverage, event: CoverageEvent): OplogCoverage {
  switch (event.kind) {
    case 'continuousBackupOn':
      return continuousBackupOn(coverage, event.at)
    case 'continuousBackupOff':
      return continuousBackupOff(coverage, event.at)
    case 'oplogRollover':
      return oplogRollover(coverage, {from: event.from, to: event.to}, event.effect)
    case 'restoreStarted':
      return restoreStarted(coverage, event.at)
    case 'snapshotCompleted':
      return snapshotCompleted(coverage, event.at)
    case 'trim':
      return trimCoverage(coverage, event.now, event.restoreWindowDays)
  }
}

/** The coverage after a history of events, given in time order. */
export function coverageAfter(events: readonly CoverageEvent[], start: OplogCoverage = emptyCoverage()): OplogCoverage {
  return events.reduce(applyCoverageEvent, start)
}
