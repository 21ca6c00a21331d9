import type {ClockView, ClusterSummary, NodeRow, SnapshotExplanation, StoreStatus} from '../../backends/local/admin.js'
import type {ProjectDeletion, ProjectSummary} from '../../backends/local/projects.js'
import type {RegionRow} from '../../backends/local/region-outages.js'
import {formatTable} from '../table.js'

export function clockText(clock: ClockView): string {
  const mode = clock.frozen ? 'frozen' : clock.offsetMs === 0 ? 'following the wall clock' : `running, ${formatOffset(clock.offsetMs)} from the wall clock`
  return `${clock.now} (${mode})`
}

function formatOffset(ms: number): string {
  const sign = ms < 0 ? '-' : '+'
  let rest = Math.abs(Math.round(ms / 1000))
  const days = Math.floor(rest / 86_400)
  rest -= days * 86_400
  const hours = Math.floor(rest / 3600)
  rest -= hours * 3600
  const minutes = Math.floor(rest / 60)
  const seconds = rest - minutes * 60
  return `${sign}${days}d${hours}h${minutes}m${seconds}s`
}

export function fleetTable(clusters: ClusterSummary[]): Promise<string> {
  return formatTable(
    ['NAME', 'TIER', 'TYPE', 'PROVIDER', 'REGIONS', 'CLOUD BACKUP', 'CONTINUOUS BACKUP', 'PAUSED', 'MONGODB VERSION', 'SNAPSHOTS', 'RESTORED FROM'],
    clusters.map((c) => [c.terminated ? `${c.name} (terminated)` : c.name, c.tier, c.clusterType, c.provider, c.regions, c.backupEnabled, c.continuousBackup, c.paused, c.mongoDBVersion, c.snapshots, restoredFromText(c.restoredFrom)]),
  )
}

/** `Cluster0 snapshot <id>` or `Cluster0 at <time>`, with `(restoring)` while the restore runs; empty when none. */
function restoredFromText(restored: ClusterSummary['restoredFrom']): string {
  if (!restored) return ''
  const what = restored.pointInTime ? `at ${restored.pointInTime}` : `snapshot ${restored.snapshotId}`
  return `${restored.clusterName} ${what}${restored.running ? ' (restoring)' : ''}`
}

export function nodesTable(nodes: NodeRow[]): Promise<string> {
  return formatTable(
    ['CLUSTER', 'REPLICA SET', 'HOSTNAME', 'REGION', 'REGION PRIORITY', 'MEMBER PRIORITY', 'STATE', 'HEALTHY'],
    nodes.map((n) => [n.cluster, n.replicaSet, n.hostname, n.region, n.regionPriority, n.memberPriority, n.state, n.healthy]),
  )
}

export async function statusText(status: StoreStatus): Promise<string> {
  const projects = await formatTable(['PROJECT ID', 'NAME', 'CLUSTERS', 'SNAPSHOTS'], status.projects.map((p) => [p.id, p.name, p.clusters, p.snapshots]))
  return `Store: ${status.store}\nClock: ${clockText(status)}\n\n${projects}`
}

export function explanationText(e: SnapshotExplanation): string {
  const lines = [
    `Snapshot ${e.snapshotId} of ${e.cluster}: ${e.snapshotType}, ${e.frequencyType}${e.policyItemId ? ` (policy item ${e.policyItemId})` : ''}, ${e.status}`,
    `Requested ${e.requestedAt}, started ${e.startedAt}, finishes ${e.finishesAt}, expires ${e.expiresAt}`,
  ]
  for (const m of e.members) {
    lines.push('', `${m.replicaSetName}: ${m.hostname ? `${m.copy} copy from ${m.hostname}, ${m.sizeBytes} bytes` : 'no healthy node, the snapshot failed'}`)
    for (const reason of m.reasons) lines.push(`  - ${reason}`)
  }
  if (e.sharded) lines.push('', ...shardedLines(e.sharded))
  if (e.storageLocation) lines.push('', storageLocationLine(e.storageLocation))
  for (const c of e.copies ?? []) {
    const until = c.expiresAt ? ` until ${c.expiresAt}` : ''
    const why = c.copy === 'full' ? 'copies on Google Cloud are not incremental' : `copies in ${c.cloudProvider === 'AZURE' ? 'Azure' : 'AWS'} regions are incremental`
    lines.push('', `Copy in ${c.cloudProvider} ${c.regionName} from ${c.copiedAt}${until}: ${c.copy} copy, ${c.sizeBytes} bytes (${why})`)
  }
  if (e.oplog) lines.push('', ...oplogLines(e.oplog))
  return lines.join('\n')
}

/** Where the oplog a point-in-time restore from the snapshot replays is kept (seed "Continuous Cloud Backups"). */
function oplogLines(oplog: NonNullable<SnapshotExplanation['oplog']>): string[] {
  if (oplog.length === 0) return ['Oplog after it: none kept in the restore window, so no point-in-time restore replays from it']
  return [
    'Oplog after it, replayed by point-in-time restores from it (Atlas keeps oplog on AWS S3, under the highest-priority region, whatever the cloud provider):',
    ...oplog.map((o) => {
      const old = o.deletedAt ? `, kept there until ${o.deletedAt}, when the oplog collected since the move to ${o.movedTo} spans the restore window` : ''
      return `  - ${o.regionName} from ${o.from} to ${o.to}${old}`
    }),
  ]
}

function shardedLines(fact: NonNullable<SnapshotExplanation['sharded']>): string[] {
  const lines =
    fact.consistency === 'causal'
      ? [`Causally consistent (MongoDB 4.2 or later): every shard and the config server as of one coordinated time, ${fact.coordinatedAt}`]
      : [
          `Crash-consistent (MongoDB 4.0 or earlier): the shards and the config server taken at about the same time, within ${fact.spreadMs} ms of one another`,
          ...(fact.memberTimes ?? []).map((m) => `  - ${m.replicaSetName} at ${m.at}`),
        ]
  if (fact.balancer) {
    lines.push(`Balancer (FCV 4.0 or earlier): stopped at ${fact.balancer.stoppedAt} for the snapshot, back to its previous state (${fact.balancer.previousState}) at ${fact.balancer.restoredAt}`)
  }
  return lines
}

function storageLocationLine(fact: NonNullable<SnapshotExplanation['storageLocation']>): string {
  const where = fact.clusterLocation ? `clusters in ${fact.clusterLocation === 'USA' ? 'the USA' : fact.clusterLocation}` : 'clusters outside Australia, Germany, Hong Kong, India, Singapore, Taiwan and the USA'
  return `Stored in ${fact.location}: Atlas keeps the M2/M5 snapshots of ${where} there (the cluster was in ${fact.regionName})`
}

export function regionsTable(regions: RegionRow[]): Promise<string> {
  return formatTable(
    ['PROVIDER', 'REGION', 'STATUS', 'OUT SINCE', 'CLUSTERS', 'COPY TARGET OF'],
    regions.map((r) => [r.cloudProvider, r.regionName, r.status, r.outageSince, r.clusters.join(', '), r.copyTargetOf.join(', ')]),
  )
}

export function projectsTable(projects: ProjectSummary[]): Promise<string> {
  return formatTable(
    ['PROJECT ID', 'NAME', 'CLUSTERS', 'TERMINATED CLUSTERS', 'COMPLIANCE POLICY'],
    projects.map((p) => [p.id, p.name, p.clusters, p.terminatedClusters, p.compliancePolicy ?? '']),
  )
}

export function projectDeletionText(result: ProjectDeletion): string {
  const removed = [
    result.terminatedClustersRemoved > 0 ? `${result.terminatedClustersRemoved} terminated cluster${result.terminatedClustersRemoved === 1 ? '' : 's'}` : '',
    result.retainedSnapshotsRemoved > 0 ? `${result.retainedSnapshotsRemoved} retained snapshot${result.retainedSnapshotsRemoved === 1 ? '' : 's'}` : '',
    result.compliancePolicyRemoved ? 'its Backup Compliance Policy' : '',
  ].filter(Boolean)
  const list = removed.length > 1 ? `${removed.slice(0, -1).join(', ')} and ${removed.at(-1)}` : removed[0]
  return `Project '${result.name}' (${result.id}) deleted${list ? `, with ${list}` : ''}.`
}
