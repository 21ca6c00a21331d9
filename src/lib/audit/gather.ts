import type {Backend} from '../backends/backend.js'
import {clusterFactsOf} from '../domain/cluster-facts.js'
import {compliancePolicyOrNone} from '../backends/compliance-policy-or-none.js'
import type {BackupSchedule, ClusterDescription, ClusterZone, CopySetting, PolicyItem, ServerlessInstanceDescription} from '../domain/types.js'
import {normalisedRetention, retentionWords} from '../policy/items.js'
import {tierInfo, type TierKind} from '../tiers/tiers.js'
import type {AuditedItem, CopyTarget, DeploymentFacts, Read, SnapshotHistory} from './facts.js'
import {failureReason} from './fleet.js'
import {fixedPolicy, SERVERLESS_RESTORE_WINDOW_DAYS} from './fixed-policies.js'
import {type HistoryNeeds, readSnapshotHistory, type SnapshotPoint} from './snapshot-history.js'

/** What the standard's controls need read: nothing else is requested. */
export interface FactNeeds {
  schedule: boolean
  history?: HistoryNeeds
}

const NOT_READ: Read<never> = {ok: false, reason: 'not read'}

/** One line for a failed read; the reason a control fails with when it needed that fact. */
export function readFailure(what: string, error: unknown): string {
  return `could not read ${what}: ${failureReason(error)}`
}

async function attempt<T>(what: string, read: () => Promise<T>): Promise<Read<T>> {
  try {
    return {ok: true, value: await read()}
  } catch (error) {
    return {ok: false, reason: readFailure(what, error)}
  }
}

/** The project's compliance policy state, read once per project; Atlas answers 404 when there is none. */
export async function compliancePolicyState(backend: Backend, groupId: string): Promise<Read<string | null>> {
  try {
    return {ok: true, value: (await compliancePolicyOrNone(backend, groupId))?.state ?? null}
  } catch (error) {
    return {ok: false, reason: readFailure("the project's compliance policy", error)}
  }
}

function auditedItems(schedule: BackupSchedule): AuditedItem[] {
  const items = schedule.policies.flatMap((policy) => policy.policyItems)
  return items
    .filter((item): item is PolicyItem & {frequencyType: AuditedItem['frequencyType']} => item.frequencyType !== 'ondemand')
    .map((item) => ({
      frequencyType: item.frequencyType,
      ...(item.frequencyType === 'hourly' ? {everyHours: item.frequencyInterval} : {}),
      keptDays: normalisedRetention(item),
      keptWords: retentionWords(item),
    }))
}

function copiesSomething(setting: CopySetting): boolean {
  return (setting.frequencies?.length ?? 0) > 0 || (setting.copyPolicyItems?.length ?? 0) > 0 || (setting.lastNumberOfSnapshots ?? 0) > 0
}

/** Each copy setting with the region its snapshots are taken in: the primary region of the zone it names. */
function copyTargets(schedule: BackupSchedule, zones: readonly ClusterZone[]): CopyTarget[] {
  return (schedule.copySettings ?? []).flatMap((setting) => {
    if (!setting.regionName) return []
    const zone = zones.find((z) => z.zoneId === setting.zoneId || (setting.replicationSpecId !== undefined && z.replicationSpecIds.includes(setting.replicationSpecId))) ?? zones[0]
    return [{regionName: setting.regionName, sourceRegion: zone?.primaryRegion, copiesSomething: copiesSomething(setting)}]
  })
}

/** A cluster or serverless snapshot as the history reads it (lower-case statuses; Flex's differ). */
function apiSnapshotPoint(snapshot: {status?: string; createdAt?: string; id?: string}): SnapshotPoint {
  return {completed: snapshot.status === 'completed', failed: snapshot.status === 'failed', at: snapshot.createdAt, id: snapshot.id}
}

async function clusterHistory(backend: Backend, groupId: string, name: string, kind: TierKind, needs: HistoryNeeds): Promise<SnapshotHistory> {
  if (kind === 'flex') {
    return readSnapshotHistory((page) => backend.listFlexSnapshots(groupId, name, page), (s) => ({completed: s.status === 'COMPLETED', failed: s.status === 'FAILED', at: s.startTime ?? s.scheduledTime, id: s.id}), needs)
  }
  return readSnapshotHistory((page) => backend.listSnapshots(groupId, name, page), apiSnapshotPoint, needs)
}

/** The facts of one cluster (dedicated, shared, Flex or free): its schedule and snapshot history as needed. */
export async function clusterFacts(backend: Backend, groupId: string, cluster: ClusterDescription, needs: FactNeeds, compliancePolicy: Read<string | null>): Promise<DeploymentFacts> {
  const name = cluster.name ?? ''
  const described = clusterFactsOf(cluster)
  const tier = tierInfo(described.tier)
  const backupEnabled = tier.backupAvailable && cluster.backupEnabled !== false
  const dedicated = tier.kind === 'dedicated'
  const facts: DeploymentFacts = {
    kind: 'cluster',
    tier: tier.name,
    tierKind: tier.kind,
    backupEnabled,
    policy: dedicated ? NOT_READ : {ok: true, value: fixedPolicy(tier.kind, false)},
    fixedByAtlas: !dedicated,
    continuousBackup: dedicated && described.pitEnabled === true,
    restoreWindowDays: {ok: true, value: undefined},
    copies: {ok: true, value: []},
    snapshots: NOT_READ,
    compliancePolicy,
  }
  if (!backupEnabled) return facts
  if (dedicated && needs.schedule) {
    const schedule = await attempt('the backup schedule', () => backend.getSchedule(groupId, name))
    facts.policy = schedule.ok ? {ok: true, value: auditedItems(schedule.value)} : schedule
    facts.restoreWindowDays = schedule.ok ? {ok: true, value: schedule.value.restoreWindowDays} : schedule
    facts.copies = schedule.ok ? {ok: true, value: copyTargets(schedule.value, described.zones ?? [])} : schedule
  }
  if (needs.history) {
    const history = needs.history
    facts.snapshots = await attempt('the snapshots', () => clusterHistory(backend, groupId, name, tier.kind, history))
  }
  return facts
}

/** The facts of one serverless instance: Atlas fixes its schedule, so only its snapshots are read. */
export async function serverlessFacts(backend: Backend, groupId: string, instance: ServerlessInstanceDescription, needs: FactNeeds, compliancePolicy: Read<string | null>): Promise<DeploymentFacts> {
  const continuousBackup = instance.serverlessBackupOptions?.serverlessContinuousBackupEnabled === true
  const facts: DeploymentFacts = {
    kind: 'serverless',
    tier: 'SERVERLESS',
    tierKind: 'serverless',
    backupEnabled: true,
    policy: {ok: true, value: fixedPolicy('serverless', continuousBackup)},
    fixedByAtlas: true,
    continuousBackup,
    restoreWindowDays: {ok: true, value: continuousBackup ? SERVERLESS_RESTORE_WINDOW_DAYS : undefined},
    copies: {ok: true, value: []},
    snapshots: NOT_READ,
    compliancePolicy,
  }
  const name = instance.name ?? ''
  if (needs.history) {
    const history = needs.history
    facts.snapshots = await attempt('the snapshots', () =>
      readSnapshotHistory((page) => backend.listServerlessSnapshots(groupId, name, page), apiSnapshotPoint, history),
    )
  }
  return facts
}
