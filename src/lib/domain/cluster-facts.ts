import type {ClusterDescription, ClusterFacts, ClusterZone, CloudProvider, ReplicationSpec} from './types.js'

/**
 * The cluster's zones as copy settings name them: replication specs grouped by zoneId (a Global Cluster has several,
 * every other cluster one), each with its highest-priority region. Undefined when the description names no zone, so
 * the zone rules are not checked against what is not known.
 */
function zonesOf(specs: readonly ReplicationSpec[]): ClusterZone[] | undefined {
  const zones = new Map<string, ClusterZone & {priority: number}>()
  for (const spec of specs) {
    if (spec.zoneId === undefined) return undefined
    const zone = zones.get(spec.zoneId) ?? {zoneId: spec.zoneId, replicationSpecIds: [], regions: [], priority: -Infinity}
    zones.set(spec.zoneId, zone)
    if (spec.id !== undefined) zone.replicationSpecIds.push(spec.id)
    for (const region of spec.regionConfigs ?? []) {
      if (region.regionName === undefined) continue
      if (!zone.regions.includes(region.regionName)) zone.regions.push(region.regionName)
      const priority = region.priority ?? 0
      if (priority > zone.priority) {
        zone.priority = priority
        zone.primaryRegion = region.regionName
        const provider = region.providerName === 'TENANT' ? region.backingProviderName : region.providerName
        if (provider !== undefined) zone.provider = provider
      }
    }
  }
  if (zones.size === 0) return undefined
  return [...zones.values()].map(({priority: _priority, ...zone}) => zone)
}

/** The backup-relevant facts of a cluster as the clusters API describes it (tier, NVMe, PIT, provider, zones). */
export function clusterFactsOf(cluster: ClusterDescription): ClusterFacts {
  const region = cluster.replicationSpecs?.[0]?.regionConfigs?.[0]
  const tier = region?.electableSpecs?.instanceSize ?? 'M10'
  const provider = region?.providerName === 'TENANT' ? region.backingProviderName : (region?.providerName as CloudProvider | undefined)
  const zones = zonesOf(cluster.replicationSpecs ?? [])
  return {tier, nvme: tier.toUpperCase().endsWith('_NVME'), pitEnabled: cluster.pitEnabled ?? false, provider, ...(zones ? {zones} : {})}
}
