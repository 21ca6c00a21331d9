import {coveredByCompliancePolicy} from '../../compliance/project-check.js'
import {raiseToMinimum} from '../../compliance/raise.js'
import type {ComplianceMinimum} from '../../compliance/settings.js'
import {scheduleShortfalls, type Shortfall} from '../../compliance/shortfalls.js'
import {toIso} from '../../domain/time.js'
import type {BackupSchedule, BackupSchedulePatch, PolicyItem} from '../../domain/types.js'
import {retentionWords} from '../../policy/items.js'
import {tierInfo} from '../../tiers/tiers.js'
import {changeCloudBackup, changeContinuousBackup, type ChangeEffect} from './cluster-changes.js'
import {cloudBackupOn, encryptionAtRestProviderOf} from './fleet.js'
import type {ClusterWithSchedule} from './repository.js'
import {applySchedulePatch} from './schedules.js'
import type {LocalSession} from './session.js'

/**
 * What a Backup Compliance Policy in force does to one cluster that comes under it outside the policy's own PUT: a
 * new cluster (rule 88), a resumed one, or one given Cloud Backup again (rule 91). The same raise the PUT applies
 * (raiseToMinimum), told as effects a user reads.
 */

/** Whether the policy reaches this cluster at all (rule 84: dedicated M10+ only). */
export function underCompliancePolicy(cluster: ClusterWithSchedule): boolean {
  return cluster.spec.kind === 'dedicated' && coveredByCompliancePolicy(cluster.spec.tier)
}

/**
 * The gaps no raise closes (a customer key, an NVMe cluster's hourly interval), measured against the schedule the
 * cluster has, or the default one it would get. The PUT refuses the whole policy for them; a new cluster is refused.
 */
export function unraisableShortfalls(cluster: ClusterWithSchedule, policy: ComplianceMinimum): Shortfall[] {
  if (!underCompliancePolicy(cluster)) return []
  const spec = cluster.spec
  const facts = {pitEnabled: spec.continuousBackup, encryptionAtRestProvider: encryptionAtRestProviderOf(spec), nvme: spec.nvme || tierInfo(spec.tier).nvme}
  return scheduleShortfalls(cluster.schedule ?? {policies: []}, facts, policy).filter((gap) => !gap.raisable)
}

function itemWords(item: PolicyItem): string {
  const every = item.frequencyType === 'hourly' ? ` every ${item.frequencyInterval === 1 ? 'hour' : `${item.frequencyInterval} hours`}` : ''
  return `${item.frequencyType}${every} kept ${retentionWords(item)}`
}

function sameItem(a: PolicyItem, b: PolicyItem): boolean {
  return a.frequencyType === b.frequencyType && a.frequencyInterval === b.frequencyInterval && a.retentionUnit === b.retentionUnit && a.retentionValue === b.retentionValue
}

/**
 * Atlas refuses continuous backup without an hourly item ("Continuous Cloud Backup cannot be on without an hourly
 * policy item"), and a policy may require PIT without requiring hourly snapshots: such a schedule gets the hourly item
 * a new cluster with continuous backup starts with (every 6 hours, 12 on NVMe), which the raise then makes cover the
 * window (rule 20). When the policy has an hourly item, the raise adds that one: the minimum, not more. The schedule as
 * it is otherwise.
 */
function withHourlyForPit(schedule: BackupSchedule, cluster: ClusterWithSchedule, policy: ComplianceMinimum): BackupSchedule {
  const items = schedule.policies[0]?.policyItems ?? []
  const hourlyComing = [...items, ...policy.scheduledPolicyItems].some((item) => item.frequencyType === 'hourly')
  if (!cluster.spec.continuousBackup || hourlyComing) return schedule
  const hourly: PolicyItem = {frequencyType: 'hourly', frequencyInterval: cluster.spec.nvme ? 12 : 6, retentionUnit: 'days', retentionValue: 2}
  return {...schedule, policies: [{...schedule.policies[0], policyItems: [hourly, ...items]}]}
}

function policyEffect(what: string): ChangeEffect {
  return {kind: 'compliancePolicy', detail: `Backup Compliance Policy: ${what}`}
}

/**
 * Brings a cluster up to the policy: Cloud Backup on (a fresh default schedule), Continuous Cloud Backup on when the
 * policy requires point-in-time restore, then the schedule raised to the minimum, restore window included (rule 20
 * keeps the hourly item covering it). Returns one effect per thing changed: none outside the policy's scope or when
 * the cluster already complies. The caller saves the cluster; gaps no raise closes are the caller's to refuse.
 */
export function bringUpToCompliancePolicy(s: LocalSession, cluster: ClusterWithSchedule, policy: ComplianceMinimum): ChangeEffect[] {
  if (!underCompliancePolicy(cluster)) return []
  const effects: ChangeEffect[] = []
  if (!cloudBackupOn(cluster.spec)) {
    const turnedOn = changeCloudBackup(s, cluster, true, undefined, policy.pitEnabled)!
    effects.push(...turnedOn.effects.map((effect) => policyEffect(`Cloud Backup turned on (rule 88); ${effect.detail}`)))
  }
  if (policy.pitEnabled && !cluster.spec.continuousBackup) {
    changeContinuousBackup(cluster, true, s.now, undefined)
    // Its own words: the window the raise sets below is the one that counts, not the schedule's before it.
    effects.push(policyEffect(`Continuous Cloud Backup turned on, as the policy requires point-in-time restore: oplog is collected from ${toIso(s.now)} on`))
  }
  const before = cluster.schedule!
  const base = withHourlyForPit(before, cluster, policy)
  const patch: BackupSchedulePatch = raiseToMinimum(base, policy)
  if (base !== before && !patch.policies) patch.policies = [{...(base.policies[0]?.id === undefined ? {} : {id: base.policies[0].id}), policyItems: base.policies[0]!.policyItems}]
  if (Object.keys(patch).length === 0) return effects
  applySchedulePatch(s, cluster.projectId, cluster, before, patch)
  const previous = before.policies[0]?.policyItems ?? []
  const raised = (cluster.schedule!.policies[0]?.policyItems ?? []).filter((item) => !previous.some((old) => sameItem(old, item))).map(itemWords)
  const window = patch.restoreWindowDays === undefined ? [] : [`restore window ${patch.restoreWindowDays} days`]
  effects.push(policyEffect(`backup policy raised to the policy's minimum: ${[...raised, ...window].join(', ')} (rule 88)`))
  return effects
}
