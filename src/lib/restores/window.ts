import {DAY_MS, toIso} from '../domain/time.js'
import type {OplogCoverage} from './coverage.js'
import type {OplogRegionSpan} from './oplog-regions.js'
import {invalidPitRestoreTime, noCheckpointForPitRestore, noSnapshotBeforePointInTime} from './errors.js'
import {contains, normalize, type Interval} from './intervals.js'
import {pointInTimeField, pointInTimeMs, type PointInTimeRequest} from './request.js'

/** A snapshot that can be restored now (completed, not deleted) and the instant it holds. */
export interface AvailableSnapshot {
  id: string
  createdAt: number
}

export interface WindowInput {
  coverage: OplogCoverage
  /** The cluster's available snapshots, in any order. */
  snapshots: readonly AvailableSnapshot[]
  now: number
  restoreWindowDays: number
}

/**
 * Why an instant cannot be restored to: Continuous Cloud Backup was off (or its history was deleted by turning it
 * off), the oplog rolled over, a restore's blackout, the oplog there has no snapshot before it in the same stretch to
 * replay from, or it is older than the window (or than oplog already trimmed by a shorter window).
 */
export type GapReason = 'continuousBackupOff' | 'oplogRollover' | 'restoreBlackout' | 'noSnapshotBefore' | 'outsideWindow'

export type PointVerdict = {restorable: true; baseSnapshotId: string} | {restorable: false; reason: GapReason | 'notYet'}

export interface WindowGap extends Interval {
  reason: GapReason
}

/** What a point-in-time restore can reach at `now`, for `backups restores window`. */
export interface RestoreWindow {
  /** The window restoreWindowDays sets, [from, to): to is now. Oplog trimmed by a shorter window shows as a gap. */
  from: number
  to: number
  /** Instants a point-in-time restore can reach, oldest first. */
  ranges: Interval[]
  /** The rest of the window, oldest first, with the reason. */
  gaps: WindowGap[]
  /** The snapshots a snapshot restore can use, oldest first (not bounded by the window). */
  snapshots: AvailableSnapshot[]
  /** On the emulator: the oplog of the window kept now, by the region holding it (rule 66). */
  oplogRegions?: OplogRegionSpan[]
}

/** The oldest instant a point-in-time restore may reach: restoreWindowDays back, and never before trimmed oplog. */
export function windowStart(input: Pick<WindowInput, 'coverage' | 'now' | 'restoreWindowDays'>): number {
  return Math.max(input.now - input.restoreWindowDays * DAY_MS, input.coverage.trimmedBefore ?? -Infinity)
}

/** The oplog kept at `now`: the stored stretches and the one being collected, up to now. */
export function stretchesUntil(coverage: OplogCoverage, now: number): Interval[] {
  const open = coverage.collectingSince === null ? [] : [{from: coverage.collectingSince, to: now}]
  return normalize([...coverage.stretches, ...open])
}

function blackouts(coverage: OplogCoverage, now: number): Interval[] {
  const pending = coverage.blackoutSince === null ? [] : [{from: coverage.blackoutSince, to: now}]
  return [...coverage.lost.filter((l) => l.reason === 'restoreBlackout'), ...pending]
}

/**
 * Whether a point-in-time restore can reach `instant`: inside the window and before now, in a stretch of collected
 * oplog, with a snapshot of that stretch at or before it to replay from. Otherwise why not, a restore's blackout
 * first, then a rollover, then Continuous Cloud Backup being off.
 */
export function classifyInstant(input: WindowInput, instant: number): PointVerdict {
  if (instant >= input.now) return {restorable: false, reason: 'notYet'}
  if (instant < windowStart(input)) return {restorable: false, reason: 'outsideWindow'}
  const stretch = stretchesUntil(input.coverage, input.now).find((s) => contains(s, instant))
  if (stretch) {
    let base: AvailableSnapshot | undefined
    for (const snapshot of input.snapshots) {
      if (snapshot.createdAt >= stretch.from && snapshot.createdAt <= instant && (!base || snapshot.createdAt > base.createdAt)) base = snapshot
    }
    return base ? {restorable: true, baseSnapshotId: base.id} : {restorable: false, reason: 'noSnapshotBefore'}
  }
  if (blackouts(input.coverage, input.now).some((b) => contains(b, instant))) return {restorable: false, reason: 'restoreBlackout'}
  if (input.coverage.lost.some((l) => l.reason === 'oplogRollover' && contains(l, instant))) return {restorable: false, reason: 'oplogRollover'}
  return {restorable: false, reason: 'continuousBackupOff'}
}

/**
 * The restorable ranges, the gaps with their reasons, and the snapshots. Every verdict can change only at an edge
 * of a stretch, a lost span or a blackout, or at a snapshot, so one verdict per piece between edges describes it.
 */
export function restoreWindow(input: WindowInput): RestoreWindow {
  const from = input.now - input.restoreWindowDays * DAY_MS
  const to = input.now
  const snapshots = [...input.snapshots].sort((a, b) => a.createdAt - b.createdAt)
  const ranges: Interval[] = []
  const gaps: WindowGap[] = []
  const coverage = input.coverage
  const edges = new Set<number>([from, to, windowStart(input)])
  for (const s of [...stretchesUntil(coverage, to), ...coverage.lost, ...blackouts(coverage, to)]) edges.add(s.from).add(s.to)
  for (const s of snapshots) edges.add(s.createdAt)
  const cuts = [...edges].filter((e) => e >= from && e <= to).sort((a, b) => a - b)
  for (let i = 0; i + 1 < cuts.length; i++) {
    const piece = {from: cuts[i] as number, to: cuts[i + 1] as number}
    const verdict = classifyInstant(input, piece.from)
    if (verdict.restorable) {
      ranges.push(piece)
      continue
    }
    // Pieces start before now, so none is 'notYet'.
    const reason = verdict.reason as GapReason
    const last = gaps[gaps.length - 1]
    if (last && last.to === piece.from && last.reason === reason) last.to = piece.to
    else gaps.push({...piece, reason})
  }
  return {from, to, ranges: normalize(ranges), gaps, snapshots}
}

const GAP_WORDS: Record<GapReason | 'notYet', string> = {
  continuousBackupOff: 'Continuous Cloud Backup was off then, or its history was deleted when it was turned off',
  oplogRollover: 'the oplog rolled over before backup collected it',
  restoreBlackout: 'it lies between the start of a restore and the first snapshot completed after it',
  noSnapshotBefore: 'no snapshot precedes it in the same unbroken stretch of oplog',
  outsideWindow: 'it is before the restore window, or its oplog was deleted as older than the window',
  notYet: 'it is not in the past',
}

/** The rule each refusal by INVALID_PIT_RESTORE_TIME comes from (a missing base snapshot has its own code). */
const GAP_RULES: Record<Exclude<GapReason, 'noSnapshotBefore'> | 'notYet', number> = {
  continuousBackupOff: 64,
  oplogRollover: 64,
  restoreBlackout: 65,
  outsideWindow: 63,
  notYet: 63,
}

export function describeGapReason(reason: GapReason | 'notYet'): string {
  return GAP_WORDS[reason]
}

/**
 * A point-in-time restore needs Continuous Cloud Backup on the source and a moment it can reach (rows 63–65, 70).
 * Returns the instant and the snapshot the oplog is replayed from.
 */
export function checkPointInTime(input: WindowInput & {clusterName: string; pointInTime: PointInTimeRequest}): {at: number; baseSnapshotId: string} {
  if (!input.coverage.enabled) throw noCheckpointForPitRestore(input.clusterName)
  const at = pointInTimeMs(input.pointInTime)
  const field = pointInTimeField(input.pointInTime)
  const verdict = classifyInstant(input, at)
  if (verdict.restorable) return {at, baseSnapshotId: verdict.baseSnapshotId}
  const why = `${toIso(at)} cannot be restored to on cluster ${input.clusterName}: ${GAP_WORDS[verdict.reason]} (window ${toIso(windowStart(input))} to ${toIso(input.now)}).`
  if (verdict.reason === 'noSnapshotBefore') throw noSnapshotBeforePointInTime(field, why)
  throw invalidPitRestoreTime(GAP_RULES[verdict.reason], field, why)
}
