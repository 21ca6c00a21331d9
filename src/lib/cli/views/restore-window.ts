import type {OplogRegionView} from '../../restores/oplog-regions.js'
import type {RestoreWindowReport} from '../restore-window.js'
import {formatTable} from '../table.js'

/** A span as a person reads it: 6d23h55m, 45m, 30s; units that are zero are left out. */
export function formatSpan(totalSeconds: number): string {
  if (totalSeconds <= 0) return '0s'
  const parts: string[] = []
  let rest = totalSeconds
  for (const [unit, size] of [['d', 86_400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    const count = Math.floor(rest / size)
    rest -= count * size
    if (count > 0) parts.push(`${count}${unit}`)
  }
  return parts.join('')
}

/**
 * `backups restores window` for a terminal: a heading with the window, then the restorable ranges, the gaps and why,
 * and the snapshots, each as a table (or one line saying there are none).
 */
export async function restoreWindowText(report: RestoreWindowReport): Promise<string> {
  const days = `${report.restoreWindowDays} day${report.restoreWindowDays === 1 ? '' : 's'}`
  const heading = `Restore window of ${report.clusterName}: ${report.from} to ${report.to} (${days}); continuous backup ${report.continuousBackup ? 'on' : 'off'}.`
  const ranges =
    report.ranges.length === 0
      ? 'No point in time of the window can be restored to.'
      : await formatTable(['RESTORABLE FROM', 'TO', 'DURATION'], report.ranges.map((r) => [r.from, r.to, formatSpan(r.durationSeconds)]))
  const gaps =
    report.gaps.length === 0
      ? 'No gaps: every point in time of the window can be restored to.'
      : await formatTable(['GAP FROM', 'TO', 'DURATION', 'WHY'], report.gaps.map((g) => [g.from, g.to, formatSpan(g.durationSeconds), g.why]))
  const regions = report.oplogRegions === undefined ? [] : [await oplogRegionsText(report.oplogRegions)]
  const snapshots =
    report.snapshots.length === 0
      ? 'No completed snapshots to restore.'
      : await formatTable(['SNAPSHOT ID', 'CREATED AT'], report.snapshots.map((s) => [s.id, s.createdAt]))
  return [heading, ranges, gaps, ...regions, snapshots].join('\n\n')
}

/**
 * Where the window's oplog is kept. A region the cluster moved away from keeps its share until the new region holds
 * the whole window; DELETED AT says when (rule 66). Empty for the region collecting now.
 */
async function oplogRegionsText(regions: OplogRegionView[]): Promise<string> {
  if (regions.length === 0) return 'No oplog is kept in any region.'
  return formatTable(['OPLOG IN', 'FROM', 'TO', 'DELETED AT'], regions.map((r) => [r.regionName, r.from, r.to, r.deletedAt ?? '']))
}
