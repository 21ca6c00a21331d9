import {toIso} from '../../domain/time.js'
import {memberSnapshotTime, shardedConsistency, stopsBalancer, type SnapshotConsistency} from '../../snapshots/sharded-consistency.js'
import type {SnapshotRecord} from './records.js'

/**
 * How a sharded cluster's snapshot was taken, for `local snapshots explain` (seed: "Consistency and Snapshots",
 * "Sharded Cluster Balancer, FCV 4.0 databases and Cloud Backup"): derived from the version the snapshot recorded
 * and its timeline, so stores written before this existed explain the same. No Atlas API field carries it.
 */
export interface ShardedSnapshotFact {
  consistency: SnapshotConsistency
  /** Causal (4.2 and later): the scheduled time every shard and the config server are consistent as of. */
  coordinatedAt?: string
  /** Crash-consistent (4.0 and earlier): when each shard and the config server was taken, to the millisecond. */
  memberTimes?: Array<{replicaSetName: string; at: string}>
  /** The spread of memberTimes, in milliseconds. */
  spreadMs?: number
  /**
   * FCV 4.0 and earlier: the balancer stopped for the snapshot and put back afterwards. The emulator has no balancer
   * state of its own and takes it as running (Atlas's default), so it is always stopped and restarted.
   */
  balancer?: {previousState: 'running'; stoppedAt: string; restoredAt: string}
}

/** Undefined for a replica set's snapshot: a sharded one has a member per shard and one for the config server. */
export function shardedSnapshotFact(record: SnapshotRecord): ShardedSnapshotFact | undefined {
  if (record.members.length < 2) return undefined
  const consistency = shardedConsistency(record.mongodVersion)
  const balancer = stopsBalancer(record.mongodVersion) ? {previousState: 'running' as const, stoppedAt: toIso(record.startedAt), restoredAt: toIso(record.finishesAt)} : undefined
  if (consistency === 'causal') return {consistency, coordinatedAt: toIso(record.requestedAt), ...(balancer ? {balancer} : {})}
  const times = record.members.map((member) => ({replicaSetName: member.replicaSetName, at: memberSnapshotTime(record.id, member.replicaSetName, record.startedAt)}))
  const spreadMs = Math.max(...times.map((t) => t.at)) - Math.min(...times.map((t) => t.at))
  return {
    consistency,
    memberTimes: times.map((t) => ({replicaSetName: t.replicaSetName, at: new Date(t.at).toISOString()})),
    spreadMs,
    ...(balancer ? {balancer} : {}),
  }
}
