import type {Backend} from '../backends/backend.js'
import type {LocalBackend} from '../backends/local/local-backend.js'
import {DAY_MS, fromIso, toIso} from '../domain/time.js'
import type {ClusterDescription, Snapshot} from '../domain/types.js'
import {describeGapReason, policyWindow, type AvailableSnapshot, type GapReason, type RestoreWindow} from '../restores/index.js'
import {oplogRegionView, type OplogRegionView} from '../restores/oplog-regions.js'

/**
 * `backups restores window -o json`, documented in the README. Instants are ISO 8601 UTC; spans are [from, to).
 * `basis` says where the ranges come from: the emulator's recorded oplog history, or (cloud) only the policy and the
 * snapshots, in which case `assumptions` lists what was taken for granted. It is empty when nothing was.
 */
export interface RestoreWindowReport {
  clusterName: string
  basis: 'oplogHistory' | 'policyAndSnapshots'
  continuousBackup: boolean
  restoreWindowDays: number
  from: string
  to: string
  ranges: Array<{from: string; to: string; durationSeconds: number}>
  gaps: Array<{from: string; to: string; durationSeconds: number; reason: GapReason; why: string}>
  snapshots: Array<{id: string; createdAt: string}>
  assumptions: string[]
  /**
   * Emulator only (basis oplogHistory): the window's oplog kept now, by the region holding it, oldest first. Atlas
   * does not report where the oplog is kept, so it is absent over the cloud backend.
   */
  oplogRegions?: OplogRegionView[]
}

/** Atlas's default restoreWindowDays, used only (and said) when a schedule leaves the field out. */
const DEFAULT_RESTORE_WINDOW_DAYS = 7

// Counted between the printed (whole-second) instants, so that from + durationSeconds = to in the output.
const seconds = (from: number, to: number) => Math.floor(to / 1000) - Math.floor(from / 1000)

export function windowReport(clusterName: string, window: RestoreWindow, facts: Pick<RestoreWindowReport, 'basis' | 'continuousBackup' | 'restoreWindowDays' | 'assumptions'>): RestoreWindowReport {
  return {
    clusterName,
    basis: facts.basis,
    continuousBackup: facts.continuousBackup,
    restoreWindowDays: facts.restoreWindowDays,
    from: toIso(window.from),
    to: toIso(window.to),
    ranges: window.ranges.map((r) => ({from: toIso(r.from), to: toIso(r.to), durationSeconds: seconds(r.from, r.to)})),
    gaps: window.gaps.map((g) => ({from: toIso(g.from), to: toIso(g.to), durationSeconds: seconds(g.from, g.to), reason: g.reason, why: describeGapReason(g.reason)})),
    snapshots: window.snapshots.map((s) => ({id: s.id, createdAt: toIso(s.createdAt)})),
    assumptions: facts.assumptions,
    ...(window.oplogRegions ? {oplogRegions: window.oplogRegions.map(oplogRegionView)} : {}),
  }
}

function isShardedCluster(cluster: ClusterDescription): boolean {
  return cluster.clusterType === 'SHARDED' || cluster.clusterType === 'GEOSHARDED'
}

/** The snapshots a restore can start from: completed ones with a creation time. */
function completed(snapshots: readonly Snapshot[]): AvailableSnapshot[] {
  return snapshots.flatMap((s) => {
    const at = s.createdAt === undefined ? Number.NaN : fromIso(s.createdAt)
    return s.status === 'completed' && Number.isFinite(at) ? [{id: s.id, createdAt: at}] : []
  })
}

/** On the emulator: the window from the oplog history it records, which knows every gap and its cause. */
async function emulatorWindow(backend: LocalBackend, groupId: string, clusterName: string): Promise<RestoreWindowReport> {
  // The window first: it refuses an unknown cluster, or one without backup, with Atlas's error.
  const window = await backend.restoreWindow(groupId, clusterName)
  const {continuousBackupOf} = await import('../backends/local/admin.js')
  return windowReport(clusterName, window, {
    basis: 'oplogHistory',
    continuousBackup: continuousBackupOf(backend, groupId, clusterName),
    restoreWindowDays: Math.round((window.to - window.from) / DAY_MS),
    assumptions: [],
  })
}

/**
 * Over the Admin API: the cluster's continuous backup setting, the schedule's restoreWindowDays and the completed
 * snapshots are all Atlas reports. Atlas does not publish the oplog history, so with continuous backup on the
 * whole window is taken as covered, and the report says so.
 */
async function apiWindow(backend: Backend, groupId: string, clusterName: string, now: number): Promise<RestoreWindowReport> {
  const [cluster, schedule] = await Promise.all([backend.getCluster(groupId, clusterName), backend.getSchedule(groupId, clusterName)])
  const {listAll} = await import('../backends/all-pages.js')
  const snapshots = isShardedCluster(cluster)
    ? (await backend.listShardedSnapshots(groupId, clusterName)).results
    : (await listAll((page) => backend.listSnapshots(groupId, clusterName, page), 500)).results
  const assumptions: string[] = []
  let restoreWindowDays = schedule.restoreWindowDays
  if (restoreWindowDays === undefined) {
    restoreWindowDays = DEFAULT_RESTORE_WINDOW_DAYS
    assumptions.push(`Atlas's backup schedule gave no restoreWindowDays; ${DEFAULT_RESTORE_WINDOW_DAYS} days (Atlas's default) was assumed.`)
  }
  const continuousBackup = cluster.pitEnabled ?? false
  if (continuousBackup) {
    assumptions.push(
      'Atlas does not report the oplog history, so the ranges assume oplog was collected over the whole window: continuous backup on throughout, no oplog rollover, no restore into the cluster. An instant in a range can still be refused.',
    )
  }
  const window = policyWindow({continuousBackup, restoreWindowDays, snapshots: completed(snapshots), now})
  return windowReport(clusterName, window, {basis: 'policyAndSnapshots', continuousBackup, restoreWindowDays, assumptions})
}

/** What a point-in-time restore of the cluster can reach now, from whichever backend answers. */
export async function loadRestoreWindow(backend: Backend, groupId: string, clusterName: string, now: () => number = Date.now): Promise<RestoreWindowReport> {
  if (backend.kind === 'local') return emulatorWindow(backend as LocalBackend, groupId, clusterName)
  return apiWindow(backend, groupId, clusterName, now())
}
