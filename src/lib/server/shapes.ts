import type {Backend} from '../backends/backend.js'
import type {BackupSchedule, BackupSchedulePatch, ClusterDescription, CopySetting, Paginated, RegionConfig, ReplicationSpec} from '../domain/types.js'

/**
 * The backends speak the newest version of each resource (clusters and schedule 2024-08-05). A client that pins an
 * older media type gets the older shape, as Atlas would send it:
 * - clusters 2023-02-01 (AdvancedClusterDescription): one replication spec per zone with `numShards`;
 * - clusters 2023-01-01 (LegacyAtlasCluster): also `providerSettings`, `numShards`, `diskSizeGB`, and legacy
 *   replication specs keyed by region;
 * - schedule 2023-01-01: copy settings name the replication spec (`replicationSpecId`) instead of the zone (`zoneId`).
 */

type Json = Record<string, unknown>

function byZone(specs: ReplicationSpec[]): Array<{first: ReplicationSpec; count: number}> {
  const zones = new Map<string, {first: ReplicationSpec; count: number}>()
  for (const spec of specs) {
    const key = spec.zoneId ?? spec.zoneName ?? spec.id ?? ''
    const zone = zones.get(key)
    if (zone) zone.count += 1
    else zones.set(key, {first: spec, count: 1})
  }
  return [...zones.values()]
}

function advancedCluster(cluster: ClusterDescription): Json {
  const specs = cluster.replicationSpecs ?? []
  const diskSizeGB = specs[0]?.regionConfigs?.[0]?.electableSpecs?.diskSizeGB
  const replicationSpecs = byZone(specs).map(({first, count}) => ({
    id: first.id,
    numShards: count,
    regionConfigs: (first.regionConfigs ?? []).map((region) => withoutDiskSize(region)),
    zoneId: first.zoneId,
    zoneName: first.zoneName,
  }))
  return {...cluster, ...(diskSizeGB === undefined ? {} : {diskSizeGB}), replicationSpecs}
}

function withoutDiskSize(region: RegionConfig): RegionConfig {
  if (!region.electableSpecs) return region
  const {diskSizeGB: _disk, ...electableSpecs} = region.electableSpecs as Json & {diskSizeGB?: unknown}
  return {...region, electableSpecs} as RegionConfig
}

function legacyCluster(cluster: ClusterDescription): Json {
  const specs = cluster.replicationSpecs ?? []
  const firstRegion = specs[0]?.regionConfigs?.[0]
  const tenant = firstRegion?.providerName === 'TENANT'
  const electable = firstRegion?.electableSpecs as (Json & {instanceSize?: string; diskSizeGB?: number; nodeCount?: number}) | undefined
  const replicationSpecs = byZone(specs).map(({first, count}) => ({
    id: first.id,
    numShards: count,
    regionsConfig: Object.fromEntries(
      (first.regionConfigs ?? []).map((region) => [
        region.regionName ?? '',
        {analyticsNodes: 0, electableNodes: (region.electableSpecs as {nodeCount?: number} | undefined)?.nodeCount ?? 3, priority: region.priority ?? 7, readOnlyNodes: 0},
      ]),
    ),
    zoneName: first.zoneName,
  }))
  const nodes = replicationSpecs[0] ? Object.values(replicationSpecs[0].regionsConfig).reduce((sum, region) => sum + region.electableNodes, 0) : 3
  const {replicationSpecs: _specs, ...rest} = cluster
  return {
    ...rest,
    ...(electable?.diskSizeGB === undefined ? {} : {diskSizeGB: electable.diskSizeGB}),
    numShards: specs.length > 0 ? specs.length : 1,
    providerBackupEnabled: Boolean(cluster.backupEnabled) && !tenant,
    providerSettings: tenant
      ? {backingProviderName: firstRegion?.backingProviderName, instanceSizeName: electable?.instanceSize, providerName: 'TENANT', regionName: firstRegion?.regionName}
      : {instanceSizeName: electable?.instanceSize, providerName: firstRegion?.providerName, regionName: firstRegion?.regionName},
    replicationFactor: [3, 5, 7].includes(nodes) ? nodes : 3,
    replicationSpecs,
  }
}

export function shapeCluster(cluster: ClusterDescription, version: string): unknown {
  if (version === '2023-01-01') return legacyCluster(cluster)
  if (version === '2023-02-01') return advancedCluster(cluster)
  return cluster
}

export function shapeClusterPage(page: Paginated<ClusterDescription>, version: string): unknown {
  return {...page, results: page.results.map((cluster) => shapeCluster(cluster, version))}
}

/** zoneId → replicationSpecId (and back) for one cluster, read only when a copy setting needs it. */
async function specIds(backend: Backend, groupId: string, clusterName: string): Promise<{specOfZone: Map<string, string>; zoneOfSpec: Map<string, string>}> {
  const cluster = await backend.getCluster(groupId, clusterName)
  const specOfZone = new Map<string, string>()
  const zoneOfSpec = new Map<string, string>()
  for (const spec of cluster.replicationSpecs ?? []) {
    if (spec.id === undefined || spec.zoneId === undefined) continue
    if (!specOfZone.has(spec.zoneId)) specOfZone.set(spec.zoneId, spec.id)
    zoneOfSpec.set(spec.id, spec.zoneId)
  }
  return {specOfZone, zoneOfSpec}
}

export async function shapeSchedule(backend: Backend, groupId: string, clusterName: string, schedule: BackupSchedule, version: string): Promise<unknown> {
  if (version !== '2023-01-01') return schedule
  const {autoCopySettingsEnabled: _auto, ...older} = schedule as BackupSchedule & {autoCopySettingsEnabled?: boolean}
  const copies = schedule.copySettings ?? []
  if (copies.length === 0) return older
  const {specOfZone} = await specIds(backend, groupId, clusterName)
  const copySettings = copies.map(({zoneId, ...copy}): CopySetting => ({...copy, replicationSpecId: zoneId === undefined ? undefined : specOfZone.get(zoneId) ?? zoneId}))
  return {...older, copySettings}
}

/** A 2023-01-01 PATCH names replication specs; the backend expects zones. */
export async function unshapeSchedulePatch(backend: Backend, groupId: string, clusterName: string, patch: BackupSchedulePatch, version: string): Promise<BackupSchedulePatch> {
  if (version !== '2023-01-01') return patch
  const copies = Array.isArray(patch.copySettings) ? patch.copySettings : []
  const deletions = Array.isArray(patch.deleteCopiedBackups) ? (patch.deleteCopiedBackups as Array<Json & {replicationSpecId?: string}>) : []
  if (![...copies, ...deletions].some((entry) => entry && typeof entry === 'object' && 'replicationSpecId' in entry)) return patch
  const {zoneOfSpec} = await specIds(backend, groupId, clusterName)
  const toZone = <T extends {replicationSpecId?: string; zoneId?: string}>(entry: T): T => {
    if (!entry || typeof entry !== 'object' || entry.replicationSpecId === undefined) return entry
    const {replicationSpecId, ...rest} = entry
    return {...rest, zoneId: zoneOfSpec.get(replicationSpecId) ?? replicationSpecId} as T
  }
  const converted: BackupSchedulePatch = {...patch}
  if (Array.isArray(patch.copySettings)) converted.copySettings = copies.map(toZone)
  if (Array.isArray(patch.deleteCopiedBackups)) converted.deleteCopiedBackups = deletions.map(toZone) as BackupSchedulePatch['deleteCopiedBackups']
  return converted
}
