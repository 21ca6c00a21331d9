import {deterministicObjectId, deterministicUuid} from '../../domain/ids.js'
import {sha1Hex} from '../../domain/sha1.js'
import {DAY_MS} from '../../domain/time.js'
import type {CloudProvider, ClusterZone} from '../../domain/types.js'
import type {EncryptionAtRestProvider} from '../../restores/encryption.js'
import type {SnapshotNode} from '../../snapshots/index.js'
import {tierInfo, type TierKind} from '../../tiers/tiers.js'

/** A mongod host of the emulated fleet: exactly what the seed's node-selection algorithms read. */
export type NodeSpec = SnapshotNode

export interface ReplicaSetSpec {
  name: string
  nodes: NodeSpec[]
}

export interface RegionSpec {
  regionName: string
  priority: number
  nodeCount: number
}

/** Everything the emulator knows about one cluster or serverless instance. Stored as JSON in clusters.spec. */
export interface ClusterSpec {
  kind: TierKind
  tier: string
  provider: CloudProvider
  mongoDBVersion: string
  /** Continuous Cloud Backup: PIT on dedicated clusters, "Serverless Continuous Backup" on serverless instances. */
  continuousBackup: boolean
  nvme: boolean
  clusterType: 'REPLICASET' | 'SHARDED'
  regions: RegionSpec[]
  /** One replica set, or one per shard. */
  replicaSets: ReplicaSetSpec[]
  /** Sharded clusters: the dedicated config server replica set. */
  configServer?: ReplicaSetSpec
  dataSizeBytes: number
  diskSizeGB: number
  /** Provisioned disk speed, once `local clusters update --diskIOPS` set it; absent means the tier's standard speed. */
  diskIOPS?: number
  /** A paused cluster takes no snapshots and cannot be a restore target. */
  paused?: boolean
  /**
   * Encryption at rest with customer key management: the provider whose key service holds the key. Absent (as in
   * stores written before it existed) means NONE.
   */
  encryptionAtRestProvider?: EncryptionAtRestProvider
  /**
   * false once Cloud Backup was turned off (`local clusters update --noCloudBackup`): no schedule, no snapshots. Absent
   * means on, as in stores written before it could be turned off; M0 clusters never have it (cloudBackupOn).
   */
  backupEnabled?: false
}

/** Whether the cluster has Cloud Backup now: every tier but M0, unless it was turned off (dedicated clusters only). */
export function cloudBackupOn(spec: Pick<ClusterSpec, 'kind' | 'backupEnabled'>): boolean {
  return spec.kind !== 'free' && spec.backupEnabled !== false
}

export interface ClusterRequest {
  name: string
  tier?: string
  provider?: CloudProvider
  regions?: Array<{regionName: string; nodeCount?: number; priority?: number}>
  shards?: number
  nvme?: boolean
  continuousBackup?: boolean
  mongoDBVersion?: string
  encryptionAtRestProvider?: EncryptionAtRestProvider
}

const CLUSTER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9-]*$/
export const DEFAULT_MONGODB_VERSION = '8.0.29'

export function isValidClusterName(name: string): boolean {
  return CLUSTER_NAME.test(name) && name.length <= 64
}

function hostSuffix(name: string): string {
  return sha1Hex(name).slice(0, 5)
}

function replicaSetNodes(label: string, suffix: string, regions: RegionSpec[], replicaSetIndex: number): NodeSpec[] {
  const nodes: NodeSpec[] = []
  for (const region of regions) {
    for (let i = 0; i < region.nodeCount; i++) {
      const n = nodes.length
      nodes.push({
        hostname: `${label}-${String(replicaSetIndex).padStart(2, '0')}-${String(n).padStart(2, '0')}.${suffix}.mongodb.net`,
        regionName: region.regionName,
        regionPriority: region.priority,
        memberPriority: region.priority,
        // Atlas elects the primary in the highest-priority region; the first node there starts as primary.
        state: n === 0 ? 'PRIMARY' : 'SECONDARY',
        healthy: true,
      })
    }
  }
  return nodes
}

/** The replica set of an unsharded cluster: named after the cluster, as Atlas names it. */
export function replicaSetOf(clusterName: string, regions: RegionSpec[]): ReplicaSetSpec {
  return {name: clusterName, nodes: replicaSetNodes(`${clusterName.toLowerCase()}-shard`, hostSuffix(clusterName), regions, 0)}
}

/** Shard `index` (from 0) of a sharded cluster. */
export function shardReplicaSet(clusterName: string, regions: RegionSpec[], index: number): ReplicaSetSpec {
  return {name: `${clusterName}-shard-${index}`, nodes: replicaSetNodes(`${clusterName.toLowerCase()}-shard`, hostSuffix(clusterName), regions, index)}
}

/** The dedicated config server replica set of a sharded cluster. */
export function configServerOf(clusterName: string, regions: RegionSpec[]): ReplicaSetSpec {
  return {name: `${clusterName}-config-0`, nodes: replicaSetNodes(`${clusterName.toLowerCase()}-config`, hostSuffix(clusterName), regions, 0)}
}

const DEFAULT_REGION: Record<CloudProvider, string> = {AWS: 'US_EAST_1', AZURE: 'US_EAST_2', GCP: 'CENTRAL_US'}

/** Builds a cluster's spec from a creation request, with Atlas-like defaults (3 nodes in one region, priority 7). */
export function buildClusterSpec(request: ClusterRequest): ClusterSpec {
  const info = tierInfo(request.tier ?? 'M10')
  const provider = request.provider ?? 'AWS'
  const tenant = info.kind !== 'dedicated'
  const requested = request.regions && request.regions.length > 0 ? request.regions : [{regionName: DEFAULT_REGION[provider]}]
  const regions: RegionSpec[] = (tenant ? requested.slice(0, 1) : requested).map((region, index) => ({
    regionName: region.regionName.toUpperCase(),
    nodeCount: tenant ? 3 : region.nodeCount ?? (requested.length === 1 ? 3 : 2),
    priority: region.priority ?? 7 - index,
  }))
  const shards = info.kind === 'dedicated' ? Math.max(0, request.shards ?? 0) : 0
  const replicaSets: ReplicaSetSpec[] = shards > 0 ? Array.from({length: shards}, (_, s) => shardReplicaSet(request.name, regions, s)) : [replicaSetOf(request.name, regions)]
  return {
    kind: info.kind,
    tier: info.name,
    provider,
    mongoDBVersion: request.mongoDBVersion ?? DEFAULT_MONGODB_VERSION,
    continuousBackup: info.kind === 'dedicated' || info.kind === 'serverless' ? Boolean(request.continuousBackup) : false,
    nvme: info.nvme || Boolean(request.nvme && info.kind === 'dedicated'),
    clusterType: shards > 0 ? 'SHARDED' : 'REPLICASET',
    regions,
    replicaSets,
    configServer: shards > 0 ? configServerOf(request.name, regions) : undefined,
    dataSizeBytes: dataSizeFor(info.name),
    diskSizeGB: diskSizeFor(info.name),
    encryptionAtRestProvider: request.encryptionAtRestProvider === undefined || request.encryptionAtRestProvider === 'NONE' ? undefined : request.encryptionAtRestProvider,
  }
}

export function encryptionAtRestProviderOf(spec: Pick<ClusterSpec, 'encryptionAtRestProvider'>): EncryptionAtRestProvider {
  return spec.encryptionAtRestProvider ?? 'NONE'
}

/**
 * The customer master key snapshots of a project's clusters are encrypted with, for one provider: Atlas configures
 * encryption at rest per project, one key per provider, so every cluster of the project using it shares the key.
 */
export function masterKeyUuid(projectId: string, provider: Exclude<EncryptionAtRestProvider, 'NONE'>): string {
  return deterministicUuid(`${projectId}/encryption-at-rest/${provider}`)
}

/** A plausible amount of data for the tier, so snapshot sizes look like Atlas's. */
function dataSizeFor(tier: string): number {
  const gib = 1024 ** 3
  if (tier === 'M0') return Math.round(0.2 * gib)
  if (tier === 'M2' || tier === 'M5' || tier === 'FLEX') return Math.round(1.5 * gib)
  if (tier === 'SERVERLESS') return 2 * gib
  // Only dedicated tiers are left, and their names always hold a size (M10, R40, M40_NVME …).
  const size = Number(/\d+/.exec(tier)![0])
  return Math.round(Math.max(1.5, size / 4) * gib)
}

function diskSizeFor(tier: string): number {
  if (!tier.startsWith('M') && !tier.startsWith('R')) return 5
  // M0, M2, M5 and the dedicated tiers all name their size.
  return Math.max(10, Number(/\d+/.exec(tier)![0]) * 4)
}

export const DEMO_PROJECT_NAME = 'Demo Project'
/**
 * Fixed so that every fresh home gets the same project id, and a frozen clock replays the same world. It is
 * deterministicObjectId(Date.UTC(2026, 0, 1), 'atlas-backups demo project') written out, so that loading this module
 * hashes nothing (fleet.test.ts checks the two agree).
 */
export const DEMO_PROJECT_ID = '6955b9008f154ac780ce4a7d'

/** The demo fleet of DESIGN.md: one cluster for each case a user may want to try. */
export const DEMO_FLEET: readonly ClusterRequest[] = [
  {name: 'Cluster0', tier: 'M10', provider: 'AWS', continuousBackup: true},
  {
    name: 'MultiRegion0',
    tier: 'M30',
    provider: 'AWS',
    regions: [
      {regionName: 'US_EAST_1', nodeCount: 2, priority: 7},
      {regionName: 'US_EAST_2', nodeCount: 2, priority: 6},
      {regionName: 'US_WEST_2', nodeCount: 1, priority: 5},
    ],
  },
  {name: 'Sharded0', tier: 'M30', provider: 'AWS', shards: 2},
  {name: 'NVMe0', tier: 'M40_NVME', provider: 'AWS', continuousBackup: true},
  {name: 'Shared0', tier: 'M2', provider: 'AWS'},
  {name: 'Free0', tier: 'M0', provider: 'AWS'},
  {name: 'Serverless0', tier: 'SERVERLESS', provider: 'AWS'},
  {name: 'Serverless1', tier: 'SERVERLESS', provider: 'AWS', continuousBackup: true},
]

/**
 * The demo clusters "were created" this long before the store, at midnight UTC, so a new user sees a full year of
 * retained snapshots at once, and the tiers anchored on creation (M2/M5, serverless) fire at a fixed time of day.
 */
export const DEMO_HISTORY_MS = 400 * DAY_MS

export function demoCreationTime(now: number): number {
  return Math.floor(now / DAY_MS) * DAY_MS - DEMO_HISTORY_MS
}

/** Where the primary is and snapshots are taken: a cluster always has a region; ties go to the first listed. */
export function highestPriorityRegion(regions: readonly RegionSpec[]): RegionSpec {
  return regions.reduce((best, region) => (region.priority > best.priority ? region : best))
}

/** The cluster's one zone, as copy settings see it (the emulator has no Global Clusters). */
export function zonesOf(clusterId: string, spec: ClusterSpec): ClusterZone[] {
  const shards = spec.clusterType === 'SHARDED' ? spec.replicaSets.length : 1
  return [
    {
      zoneId: zoneIdOf(clusterId),
      replicationSpecIds: Array.from({length: shards}, (_, index) => replicationSpecIdOf(clusterId, index)),
      primaryRegion: highestPriorityRegion(spec.regions).regionName,
      provider: spec.provider,
      regions: spec.regions.map((region) => region.regionName),
    },
  ]
}

/**
 * The ids the clusters API shows for an emulated cluster: one zone (the emulator has no Global Clusters), and one
 * replication spec per shard. Derived from the cluster id so that copy settings can name them before and after.
 */
export function zoneIdOf(clusterId: string): string {
  return `${clusterId.slice(0, 20)}${'f'.repeat(4)}`
}

export function replicationSpecIdOf(clusterId: string, index: number): string {
  return `${clusterId.slice(0, 20)}${index.toString(16).padStart(4, '0')}`
}

export function clusterIdFor(projectId: string, name: string, createdAt: number): string {
  return deterministicObjectId(createdAt, `${projectId}/${name}`)
}
