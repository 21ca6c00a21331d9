import {sha1} from '../domain/sha1.js'

import {mongoRelease} from '../restores/versions.js'

/**
 * What a snapshot of a sharded cluster is, by the MongoDB version it ran (seed: "Limitations of Cloud Backup",
 * "Sharded Cluster Balancer, FCV 4.0 databases and Cloud Backup", "Consistency and Snapshots"). The emulator has no
 * feature compatibility version apart from the release: a cluster's FCV is read as its release line (4.0.x → 4.0).
 */

const RANK_4_0 = mongoRelease('4.0')!.rank
const RANK_4_2 = mongoRelease('4.2')!.rank

/** Cloud Backup supports sharded clusters running MongoDB 4.0 or later; an unreadable version is not refused here. */
export function supportsShardedBackup(mongoDBVersion: string): boolean {
  const release = mongoRelease(mongoDBVersion)
  return release === undefined || release.rank >= RANK_4_0
}

export type SnapshotConsistency = 'causal' | 'crash'

/** 4.2 and later: causally consistent, one time coordinated across shards; 4.0 and earlier: crash-consistent. */
export function shardedConsistency(mongoDBVersion: string): SnapshotConsistency {
  const release = mongoRelease(mongoDBVersion)
  return release !== undefined && release.rank < RANK_4_2 ? 'crash' : 'causal'
}

/** FCV 4.0 or earlier: Cloud Backup stops a running balancer for the snapshot and puts it back afterwards. */
export function stopsBalancer(mongoDBVersion: string): boolean {
  const release = mongoRelease(mongoDBVersion)
  return release !== undefined && release.rank <= RANK_4_0
}

/** How far apart a crash-consistent snapshot's shards and config server may be taken: "approximately the same time". */
export const MAX_MEMBER_SPREAD_MS = 2000

/**
 * When each replica set of a crash-consistent snapshot was taken: the snapshot's start plus a small offset, fixed
 * by the snapshot and replica set so that every run of a frozen clock gives the same times. The seed gives no
 * figure; within two seconds reads as "approximately the same time".
 */
export function memberSnapshotTime(snapshotId: string, replicaSetName: string, startedAt: number): number {
  const digest = sha1(`${snapshotId}/${replicaSetName}`)
  return startedAt + (digest.readUInt32BE(0) % (MAX_MEMBER_SPREAD_MS + 1))
}
