import {listAll} from '../backends/all-pages.js'
import type {Backend} from '../backends/backend.js'
import {checkCompliancePolicySettings, type ComplianceMinimum} from '../compliance/index.js'
import {type CheckedCluster, checkProject, coveredByCompliancePolicy, type ProjectCheck} from '../compliance/project-check.js'
import {clusterFactsOf} from '../domain/cluster-facts.js'
import type {CompliancePolicyRequest} from '../domain/types.js'

/** The JSON `compliancePolicy check -o json` prints (documented in the README). */
export interface ComplianceCheckReport extends ProjectCheck {
  projectId: string
  /** Where the policy came from: "project" (the one set up), or the file given with -f. */
  policy: string
}

/** The minimum a policy file sets, as Atlas would store it (the file has been checked already). */
export function minimumOfFile(request: CompliancePolicyRequest): ComplianceMinimum {
  const {settings} = checkCompliancePolicySettings(request, '2023-10-01')
  if (!settings) throw new Error('the policy file is checked before its minimum is read')
  return settings
}

/**
 * Every cluster of the project with what the check needs, read through the Backend interface (so both backends
 * answer): the clusters, then the schedule of each one the policy covers. O(clusters) requests.
 */
export async function readProjectClusters(backend: Backend, projectId: string): Promise<CheckedCluster[]> {
  const {results} = await listAll((page) => backend.listClusters(projectId, page), 500)
  const clusters: CheckedCluster[] = []
  for (const cluster of results) {
    const clusterName = cluster.name
    if (!clusterName) continue
    const facts = clusterFactsOf(cluster)
    const covered = coveredByCompliancePolicy(facts.tier)
    const schedule = covered && cluster.backupEnabled !== false ? await backend.getSchedule(projectId, clusterName) : undefined
    clusters.push({
      clusterName,
      tier: facts.tier,
      backupEnabled: cluster.backupEnabled !== false,
      facts: {pitEnabled: facts.pitEnabled, nvme: facts.nvme, encryptionAtRestProvider: cluster.encryptionAtRestProvider},
      schedule,
    })
  }
  return clusters
}

export async function checkCompliance(backend: Backend, projectId: string, policy: ComplianceMinimum, source: string): Promise<ComplianceCheckReport> {
  const clusters = await readProjectClusters(backend, projectId)
  return {projectId, policy: source, ...checkProject(clusters, policy)}
}
