import type {BackupSchedule} from '../domain/types.js'
import {tierInfo} from '../tiers/tiers.js'
import type {ComplianceMinimum} from './settings.js'
import {type ComplianceClusterFacts, scheduleShortfalls, type Shortfall} from './shortfalls.js'

/**
 * `backups compliancePolicy check`: what a compliance policy would do to each cluster of a project (rule 88), before
 * it is set up or after. Pure: the caller reads the clusters and schedules through whichever backend it uses.
 */

/**
 * - complies: nothing to change.
 * - raise: Atlas (overwriteBackupPolicies, its default) raises the cluster's policy to the minimum.
 * - refuse: a gap no raise can close (a customer key, an NVMe interval): Atlas refuses the whole policy.
 * - not covered: the policy applies to M10+ dedicated clusters only (rule 84).
 */
export type ClusterVerdict = 'complies' | 'raise' | 'refuse' | 'not covered'

/** One cluster as the check needs it. `schedule` is absent for clusters the policy does not cover. */
export interface CheckedCluster {
  clusterName: string
  tier: string
  backupEnabled: boolean
  facts: ComplianceClusterFacts
  schedule?: BackupSchedule
}

export interface ClusterCheck {
  clusterName: string
  tier: string
  verdict: ClusterVerdict
  shortfalls: Omit<Shortfall, 'rule'>[]
}

export interface ProjectCheck {
  /** Whether every covered cluster already meets the policy. */
  complies: boolean
  clusters: ClusterCheck[]
}

/** Whether the policy covers a cluster of this tier at all (rule 84: M10+ only). */
export function coveredByCompliancePolicy(tier: string): boolean {
  return tierInfo(tier).kind === 'dedicated'
}

// The policy turns Cloud Backup on for every cluster (rule 88): Atlas does it, so it is a raise.
const BACKUP_OFF: Omit<Shortfall, 'rule'> = {
  field: 'backupEnabled',
  required: 'Cloud Backup on',
  actual: 'off',
  message: 'Cloud Backup is off; the compliance policy turns it on',
  raisable: true,
}

function checkCluster(cluster: CheckedCluster, policy: ComplianceMinimum): ClusterCheck {
  const {clusterName, tier} = cluster
  if (!coveredByCompliancePolicy(tier)) return {clusterName, tier, verdict: 'not covered', shortfalls: []}
  const facts = {...cluster.facts, nvme: Boolean(cluster.facts.nvme) || tierInfo(tier).nvme}
  const found = scheduleShortfalls(cluster.schedule ?? {policies: []}, facts, policy).map(({rule: _rule, ...shortfall}) => shortfall)
  const shortfalls = cluster.backupEnabled ? found : [BACKUP_OFF, ...found]
  const verdict: ClusterVerdict = shortfalls.length === 0 ? 'complies' : shortfalls.every((s) => s.raisable) ? 'raise' : 'refuse'
  return {clusterName, tier, verdict, shortfalls}
}

/** Each cluster's verdict, in the order given. */
export function checkProject(clusters: CheckedCluster[], policy: ComplianceMinimum): ProjectCheck {
  const checks = clusters.map((cluster) => checkCluster(cluster, policy))
  return {complies: checks.every((c) => c.verdict === 'complies' || c.verdict === 'not covered'), clusters: checks}
}
