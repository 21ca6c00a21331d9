import {RestoreRuleError, cannotRestoreToTarget} from './errors.js'
import {isSharded, type RestoreCluster, type RestoreSnapshot} from './facts.js'

/** Which replica set of the snapshot goes to which of the target. */
export interface ShardMapping {
  source: string
  target: string
}

/**
 * Topology (backup-rules.md row 72; the seed's "Limitations of Cloud Backup" and "Global Cluster Backups"): a
 * sharded snapshot goes only to a sharded cluster with as many shards and the same kind of config server, a
 * replica-set snapshot only to a replica set, and a snapshot taken before shards were added or removed never back
 * to that cluster. Shard N goes to shard N in configuration order, which is also how Global Clusters restore.
 *
 * Refusals use CANNOT_RESTORE_TO_TARGET (403): Atlas's code for a target that cannot take the restore; the rule names
 * no code of its own.
 */
export function checkTopology(snapshot: RestoreSnapshot, target: RestoreCluster): ShardMapping[] {
  if (snapshot.shardMemberOf !== undefined) {
    throw new RestoreRuleError(
      72,
      'snapshotId',
      400,
      'AUTOMATED_RESTORE_OF_SHARD_NOT_ALLOWED',
      `Snapshot ${snapshot.id} holds one shard of the sharded snapshot ${snapshot.shardMemberOf}: restore the sharded snapshot instead.`,
      [snapshot.id],
    )
  }
  const shardedSnapshot = snapshot.type === 'shardedCluster'
  if (shardedSnapshot && !isSharded(target)) {
    throw cannotRestoreToTarget(72, 'targetClusterName', target.name, `snapshot ${snapshot.id} is of a sharded cluster, and ${target.name} is a replica set.`)
  }
  if (!shardedSnapshot && isSharded(target)) {
    throw cannotRestoreToTarget(72, 'targetClusterName', target.name, `snapshot ${snapshot.id} is of a replica set, and ${target.name} is a sharded cluster.`)
  }
  if (shardedSnapshot) {
    if (snapshot.shards.length !== target.shards.length) {
      throw cannotRestoreToTarget(72, 'targetClusterName', target.name, `snapshot ${snapshot.id} has ${snapshot.shards.length} shards and ${target.name} has ${target.shards.length}: they must match.`)
    }
    const snapshotConfig = snapshot.configServerType ?? 'DEDICATED'
    const targetConfig = target.configServerType ?? 'DEDICATED'
    if (snapshotConfig !== targetConfig) {
      throw cannotRestoreToTarget(72, 'targetClusterName', target.name, `snapshot ${snapshot.id} has ${snapshotConfig.toLowerCase()} config servers and ${target.name} has ${targetConfig.toLowerCase()} ones: they must match.`)
    }
  }
  const sameCluster = snapshot.sourceCluster.name === target.name && snapshot.sourceCluster.groupId === target.groupId
  if (sameCluster && (snapshot.createdAt ?? Infinity) < (target.shardsChangedAt ?? -Infinity)) {
    throw cannotRestoreToTarget(
      72,
      'targetClusterName',
      target.name,
      `snapshot ${snapshot.id} was taken before shards were added to or removed from ${target.name}, so it cannot be restored to it; restore it to another cluster with the snapshot's topology.`,
    )
  }
  return shardMapping(snapshot.shards, target.shards)
}

/** Shard N of the source to shard N of the target, in configuration order. */
export function shardMapping(source: readonly string[], target: readonly string[]): ShardMapping[] {
  return source.map((name, index) => ({source: name, target: target[index] as string}))
}
