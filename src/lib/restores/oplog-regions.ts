import {DAY_MS, toIso} from '../domain/time.js'
import type {OplogCoverage} from './coverage.js'
import {intersect, type Interval} from './intervals.js'
import type {OplogRegionMove} from './oplog-region-moves.js'
import {stretchesUntil, windowStart} from './window.js'

/**
 * Where Continuous Cloud Backup keeps the oplog (seed "Continuous Cloud Backups", rule 66). The oplog is kept under
 * the cluster's highest-priority region. When that region changes, the oplog collected until then stays in the old
 * region and the new one collects from the move on; the old region's copy is deleted once the new region holds the
 * whole restore window, restoreWindowDays after the move.
 *
 * Nothing is written at that instant: the old region's share is the part of the window before the move, which is
 * empty from then on. So a read at any instant, the clock moved back included, derives it from the moves alone, in
 * O(moves), and the moves kept are only those whose old region still holds part of the window (oplog-region-moves.ts).
 */

export type {OplogRegionMove} from './oplog-region-moves.js'

/** One region's share of the oplog kept now, [from, to). */
export interface OplogRegionSpan extends Interval {
  regionName: string
  /** A region the cluster moved away from: its copy is deleted at this instant, restoreWindowDays after the move. */
  deletedAt?: number
  /** That move's new region. */
  movedTo?: string
}

export interface OplogRegionsInput {
  coverage: OplogCoverage
  /** Oldest first. */
  moves: readonly OplogRegionMove[]
  /** The highest-priority region now, which collects the oplog. */
  currentRegion: string
  now: number
  restoreWindowDays: number
}

/**
 * The oplog of the window kept now, oldest first, split by the region holding it. A second move during an overlap
 * starts an overlap of its own and leaves the first one as it was: up to three regions hold a share for a while, the
 * oldest until restoreWindowDays after the first move (its share has left the window by then), the middle one until
 * restoreWindowDays after the second.
 */
export function oplogRegions(input: OplogRegionsInput): OplogRegionSpan[] {
  if (!input.coverage.enabled) return []
  const kept = intersect(stretchesUntil(input.coverage, input.now), {from: windowStart(input), to: input.now})
  const spans: OplogRegionSpan[] = []
  let from = -Infinity
  for (const move of input.moves) {
    const deletedAt = move.at + input.restoreWindowDays * DAY_MS
    for (const piece of intersect(kept, {from, to: move.at})) spans.push({regionName: move.fromRegion, ...piece, deletedAt, movedTo: move.toRegion})
    from = Math.max(from, move.at)
  }
  for (const piece of intersect(kept, {from, to: Infinity})) spans.push({regionName: input.currentRegion, ...piece})
  return spans
}

/** A span as `backups restores window -o json` and `local snapshots explain -o json` print it (emulator-only). */
export interface OplogRegionView {
  regionName: string
  from: string
  to: string
  /** A region the cluster moved away from: when its copy is deleted. */
  deletedAt?: string
  /** That move's new region, which holds the whole window by then. */
  movedTo?: string
}

export function oplogRegionView(span: OplogRegionSpan): OplogRegionView {
  const old = span.deletedAt === undefined ? {} : {deletedAt: toIso(span.deletedAt), movedTo: span.movedTo}
  return {regionName: span.regionName, from: toIso(span.from), to: toIso(span.to), ...old}
}
