import type {ClusterFacts, SnapshotStatus} from '../domain/types.js'
import type {CustomerKeyProvider, EncryptionAtRestProvider} from './encryption.js'

/** A cluster as the restore rules see it: the source named in the URL or the target named in the request. */
export interface RestoreCluster extends ClusterFacts {
  name: string
  groupId: string
  clusterType: 'REPLICASET' | 'SHARDED' | 'GEOSHARDED'
  /** Its replica sets in configuration order (replicationSpecs): one for a replica set, one per shard otherwise. */
  shards: readonly string[]
  /** Sharded clusters only; EMBEDDED is a config shard. */
  configServerType?: 'EMBEDDED' | 'DEDICATED'
  /** x.y.z */
  mongoDBVersion: string
  paused?: boolean
  /** A restore into this cluster is running. */
  restoreInProgress?: boolean
  /** When shards were last added or removed. */
  shardsChangedAt?: number
  /** Encryption at rest with customer key management, and where its key lives; absent means NONE. */
  encryptionAtRestProvider?: EncryptionAtRestProvider
}

/** A snapshot as the restore rules see it. */
export interface RestoreSnapshot {
  id: string
  status: SnapshotStatus
  deleted?: boolean
  /** Completion instant (epoch ms): the moment it holds. */
  createdAt?: number
  type: 'replicaSet' | 'shardedCluster'
  /** The replica sets it holds, in the source's configuration order at the time. */
  shards: readonly string[]
  configServerType?: 'EMBEDDED' | 'DEDICATED'
  mongodVersion?: string
  /** The feature compatibility version the backup pins, when it pins one (x.y). */
  fcv?: string
  /** The cluster it was taken from, with that cluster's tier at the time (SERVERLESS for a serverless instance). */
  sourceCluster: {name: string; groupId: string; tier: string}
  /** Taken by Cloud Manager rather than Atlas. */
  fromCloudManager?: boolean
  /** Set on the member snapshot of one shard: the id of the sharded snapshot it belongs to. */
  shardMemberOf?: string
  /** Taken while the cluster used encryption at rest with a customer key: that key's provider. Absent otherwise. */
  customerKeyProvider?: CustomerKeyProvider
}

export function isSharded(cluster: Pick<RestoreCluster, 'clusterType'>): boolean {
  return cluster.clusterType !== 'REPLICASET'
}
