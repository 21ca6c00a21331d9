import {DAY_MS} from '../../domain/time.js'
import {withRegionMove} from '../../restores/oplog-region-moves.js'
import {oplogRegions, type OplogRegionSpan} from '../../restores/oplog-regions.js'
import {windowStart} from '../../restores/window.js'
import {restoreWindowDaysOf} from './coverage-catch-up.js'
import {highestPriorityRegion} from './fleet.js'
import {clusterCoverage} from './records.js'
import type {ClusterWithSchedule} from './repository.js'

/**
 * Where a cluster's oplog is kept, from its stored coverage and region moves (src/lib/restores/oplog-regions.ts has
 * the rule): for `backups restores window` and `local snapshots explain`. Emulator-only: no Atlas API field carries it.
 */

/** The oplog of the restore window kept at `now`, by region; empty with Continuous Cloud Backup off. */
export function oplogRegionsOf(cluster: ClusterWithSchedule, now: number): OplogRegionSpan[] {
  return oplogRegions({
    coverage: clusterCoverage(cluster),
    moves: cluster.state.oplogRegionMoves ?? [],
    currentRegion: highestPriorityRegion(cluster.spec.regions).regionName,
    now,
    restoreWindowDays: restoreWindowDaysOf(cluster, now),
  })
}

/**
 * Records a move of the highest-priority region at `now` (the cluster brought up to now) and returns when the old
 * region's copy goes: restoreWindowDays later, once the new region holds the whole window.
 */
export function recordRegionMove(cluster: ClusterWithSchedule, fromRegion: string, toRegion: string, now: number): number {
  const restoreWindowDays = restoreWindowDaysOf(cluster, now)
  const from = windowStart({coverage: clusterCoverage(cluster), now, restoreWindowDays})
  cluster.state.oplogRegionMoves = withRegionMove(cluster.state.oplogRegionMoves ?? [], {fromRegion, toRegion, at: now}, from)
  return now + restoreWindowDays * DAY_MS
}
