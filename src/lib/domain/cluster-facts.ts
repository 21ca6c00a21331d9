import type {ClusterDescription, ClusterFacts, CloudProvider} from './types.js'

/** The backup-relevant facts of a cluster as the clusters API describes it (tier, NVMe, PIT, provider). */
export function clusterFactsOf(cluster: ClusterDescription): ClusterFacts {
  const region = cluster.replicationSpecs?.[0]?.regionConfigs?.[0]
  const tier = region?.electableSpecs?.instanceSize ?? 'M10'
  const provider = region?.providerName === 'TENANT' ? region.backingProviderName : (region?.providerName as CloudProvider | undefined)
  return {tier, nvme: tier.toUpperCase().endsWith('_NVME'), pitEnabled: cluster.pitEnabled ?? false, provider}
}
