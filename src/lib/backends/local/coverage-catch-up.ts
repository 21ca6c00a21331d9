// The modules alone, not the index of every restore rule: the catch-up runs on every command's start-up path.
import {oplogWindowDays} from '../../compliance/enforcement.js'
import {snapshotCompleted, trimCoverage, type LostSpan, type OplogCoverage} from '../../restores/coverage.js'
import {normalize, type Interval} from '../../restores/intervals.js'
import {pitWindowDays} from '../../restores/tiers.js'
import {clusterCoverage} from './records.js'
import type {ClusterWithSchedule, Repository} from './repository.js'

/** Atlas's restoreWindowDays when a schedule does not say (atlas-api-notes.md: 7). */
export const DEFAULT_RESTORE_WINDOW_DAYS = 7

/**
 * The restore window that applies to the cluster at `now`: its schedule's restoreWindowDays, or 72 hours on
 * serverless; longer while oplog collected under a longer window is kept for it (rule 36).
 */
export function restoreWindowDaysOf(cluster: ClusterWithSchedule, now?: number): number {
  return pitWindowDays(cluster.spec.tier, oplogWindowDays(cluster.schedule?.restoreWindowDays ?? DEFAULT_RESTORE_WINDOW_DAYS, cluster.state.oplogKeptFor, now))
}

/**
 * Moves the cluster's oplog coverage up to `now`: the first snapshot completed after a restore closes that restore's
 * blackout (row 65), and oplog older than the window is deleted. Only snapshots requested once the restore finished
 * count (a cluster being restored takes none). One indexed look-up, however many snapshots the cluster has.
 *
 * After a long clock jump the first such snapshot may already have expired; the earliest one still kept then closes
 * the blackout, later than Atlas would, but only before the window, where no restore can reach anyway (the window
 * never exceeds the hourly snapshots' retention).
 */
export function catchUpCoverage(repo: Repository, cluster: ClusterWithSchedule, now: number): void {
  let coverage = clusterCoverage(cluster)
  if (coverage.blackoutSince !== null) {
    const from = Math.max(coverage.blackoutSince, cluster.state.restoringUntil ?? coverage.blackoutSince)
    const completion = repo.firstCompletionFrom(cluster.id, from, now)
    if (completion !== undefined) coverage = snapshotCompleted(coverage, completion)
  }
  cluster.state.coverage = trimCoverage(coverage, now, restoreWindowDaysOf(cluster, now))
}

/**
 * The coverage as it stood at `now`, for a clock moved back: what began after `now` never happened, so stretches and
 * lost spans end at `now`, and a stretch or a restore's blackout running at `now` is open again. Oplog deleted by a
 * rollover, by turning Continuous Cloud Backup off or by the window does not come back: the emulator only forgets the
 * future, it does not rebuild the past. With backup on and nothing running at `now`, collection goes on from `now`.
 */
export function cutCoverageAt(coverage: OplogCoverage, now: number): OplogCoverage {
  const endless = Number.MAX_SAFE_INTEGER
  const stretches: Interval[] = normalize([...coverage.stretches, ...(coverage.collectingSince === null ? [] : [{from: coverage.collectingSince, to: endless}])])
  const lost: LostSpan[] = [...coverage.lost, ...(coverage.blackoutSince === null ? [] : [{from: coverage.blackoutSince, to: endless, reason: 'restoreBlackout' as const}])]
  const past = <T extends Interval>(spans: T[]) => spans.filter((span) => span.from < now)
  const running = stretches.find((s) => s.from <= now && s.to > now)
  const blackout = lost.find((l) => l.reason === 'restoreBlackout' && l.from <= now && l.to > now)
  const closed = past(stretches).filter((s) => s !== running).map((s) => ({from: s.from, to: Math.min(s.to, now)}))
  const keptLost = past(lost)
    .filter((l) => l !== blackout)
    .map((l) => ({...l, to: Math.min(l.to, now)}))
  const collectingSince = running ? running.from : coverage.enabled && !blackout ? now : null
  return {
    ...coverage,
    stretches: normalize(closed),
    collectingSince,
    blackoutSince: blackout ? blackout.from : null,
    lost: keptLost,
  }
}
