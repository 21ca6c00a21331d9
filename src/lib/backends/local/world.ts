import {extraRetentionDays, longestExtraRetentionMs, withExtraRetention} from '../../compliance/extra-retention.js'
import {deterministicObjectId} from '../../domain/ids.js'
import {DAY_MS, HOUR_MS, SECOND_MS} from '../../domain/time.js'
import type {BackupSchedule, ExtraRetentionSetting, RetentionUnit, SnapshotFrequencyType, SnapshotType} from '../../domain/types.js'
import {aliveFirings, aliveServerlessFirings, aliveSharedTierFirings, compileSchedule, type Firing, firings, nextSnapshot, serverlessFirings, sharedTierFirings} from '../../schedule/index.js'
import {planSnapshot, snapshotSizeBytes} from '../../snapshots/index.js'
import {sharedTierStorageLocation} from '../../snapshots/storage-location.js'
import {copiesOf} from './copies.js'
import {highestPriorityRegion, masterKeyUuid, type ClusterSpec, type ReplicaSetSpec} from './fleet.js'
import type {ClusterRow, ClusterState, MemberRecord, SnapshotRecord} from './records.js'

/**
 * Modelled snapshot durations: short, so `create` then `watch` finishes in seconds of real time, and long enough
 * that `watch` sees queued and inProgress on its way.
 */
export const QUEUED_MS = 3 * SECOND_MS
export const IN_PROGRESS_MS = 9 * SECOND_MS

export interface PlannedSnapshot {
  id: string
  at: number
  snapshotType: SnapshotType
  frequencyType: SnapshotFrequencyType
  policyItemId?: string
  description?: string
  retentionUnit: RetentionUnit
  retentionValue: number
  /** Expiry fixed at planning (scheduled snapshots); on-demand ones pass undefined: expiry follows completion. */
  expiresAt?: number
  /** The scheduled firing before this one, from which an incremental copy's size follows. */
  previousAt?: number
  /** Kept past its retention by extra retention (rule 92): the expiry its retention gives. */
  protectedUntil?: number
}

function replicaSetsOf(spec: ClusterSpec): ReplicaSetSpec[] {
  return spec.configServer ? [...spec.replicaSets, spec.configServer] : spec.replicaSets
}

/**
 * Decides node, full or incremental copy, and size for every replica set of the cluster at `at`, moving each
 * snapshot volume as the seed's algorithm says. A replica set with no healthy node makes the snapshot fail.
 */
function planMembers(spec: ClusterSpec, state: ClusterState, snapshotId: string, at: number, previousAt: number | undefined): {members: MemberRecord[]; failed: boolean} {
  let failed = false
  const sets = replicaSetsOf(spec)
  const members = sets.map((replicaSet) => {
    const plan = planSnapshot(replicaSet.nodes, state.volumes[replicaSet.name])
    const node = plan.choice.node
    if (!node) failed = true
    // A plan that chose a node always names the volume it leaves behind.
    else state.volumes[replicaSet.name] = plan.nextVolume!
    // From the schedule, not from what this store happened to plan: the world is the same however often it was
    // looked at, so two runs with the same frozen clock agree to the byte.
    const hoursSincePrevious = previousAt === undefined ? 24 : Math.max(0, (at - previousAt) / HOUR_MS)
    return {
      id: sets.length === 1 ? snapshotId : deterministicObjectId(at, `${snapshotId}/${replicaSet.name}`),
      replicaSetName: replicaSet.name,
      hostname: node?.hostname,
      kind: plan.kind,
      sizeBytes: node ? snapshotSizeBytes({kind: plan.kind, dataSizeBytes: Math.round(spec.dataSizeBytes / sets.length), hoursSincePrevious}) : 0,
      reasons: plan.choice.reasons,
      skipped: plan.choice.skipped,
    }
  })
  return {members, failed}
}

/** Where an M2/M5 cluster's snapshots are stored, from its region (a shared cluster has one); others: undefined. */
export function sharedTierStorageOf(spec: Pick<ClusterSpec, 'kind' | 'provider' | 'regions'>): SnapshotRecord['sharedTierStorage'] {
  if (spec.kind !== 'shared') return undefined
  const regionName = highestPriorityRegion(spec.regions).regionName
  return {regionName, location: sharedTierStorageLocation(spec.provider, regionName).location}
}

/** Builds a snapshot's record; the schedule's copy settings in force now decide its copies in other regions. */
export function buildRecord(cluster: ClusterRow & {schedule?: BackupSchedule}, planned: PlannedSnapshot, retentionMs: (start: number) => number): SnapshotRecord {
  const {members, failed} = planMembers(cluster.spec, cluster.state, planned.id, planned.at, planned.previousAt)
  const startedAt = planned.at + QUEUED_MS
  const finishesAt = startedAt + IN_PROGRESS_MS
  // The key is the one in use when the snapshot is planned: turning encryption on or off later leaves it as taken.
  const keyProvider = cluster.spec.encryptionAtRestProvider
  const customerKey = keyProvider === undefined || keyProvider === 'NONE' ? undefined : {provider: keyProvider, masterKeyUUID: masterKeyUuid(cluster.projectId, keyProvider)}
  const sharedTierStorage = sharedTierStorageOf(cluster.spec)
  const copies = copiesOf(cluster.schedule, {snapshotType: planned.snapshotType, frequencyType: planned.frequencyType, requestedAt: planned.at, finishesAt, failed}, cluster.spec.provider)
  return {
    id: planned.id,
    snapshotType: planned.snapshotType,
    frequencyType: planned.frequencyType,
    policyItemId: planned.policyItemId,
    description: planned.description,
    requestedAt: planned.at,
    startedAt,
    finishesAt,
    failed,
    retentionUnit: planned.retentionUnit,
    retentionValue: planned.retentionValue,
    expiresAt: planned.expiresAt ?? retentionMs(finishesAt),
    ...(planned.protectedUntil === undefined ? {} : {protectedUntil: planned.protectedUntil}),
    mongodVersion: cluster.spec.mongoDBVersion,
    dataSizeBytes: cluster.spec.dataSizeBytes,
    cloudProvider: cluster.spec.provider,
    members,
    ...(customerKey ? {customerKey} : {}),
    ...(copies ? {copies} : {}),
    ...(sharedTierStorage ? {sharedTierStorage} : {}),
  }
}

/** Look-back windows for the previous firing: a day covers hourly and daily items, a year every schedule. */
const LOOK_BACK_MS = [HOUR_MS * 25, HOUR_MS * 24 * 8, HOUR_MS * 24 * 32, HOUR_MS * 24 * 367]

/** The last instant the schedule fired before `at`, if it fired in the year before. */
export function previousFiring(schedule: ReturnType<typeof compileSchedule>, at: number): number | undefined {
  for (const span of LOOK_BACK_MS) {
    const found = firings(schedule, at - span, at - 1)
    if (found.length > 0) return found[found.length - 1]!.at
  }
  return undefined
}

export function scheduledSnapshotId(clusterId: string, at: number): string {
  return deterministicObjectId(at, `${clusterId}/scheduled/${at}`)
}

/**
 * The firings in (from, now] still alive at now once extra retention (rule 92) keeps some past their expiry. Walks
 * every firing back over the longest life a snapshot can have (its item's retention, a month of calendar slack, the
 * longest extra), so it costs O(firings in that span), bounded by the schedule, not by the clock jump.
 */
function firingsAliveWithExtra(compiled: ReturnType<typeof compileSchedule>, schedule: BackupSchedule, extra: readonly ExtraRetentionSetting[], from: number, now: number): Firing[] {
  const items = schedule.policies[0]?.policyItems ?? []
  const longestItem = Math.max(0, ...compiled.items.map((item) => item.retentionMs ?? item.normalisedRetentionDays * DAY_MS))
  const since = Math.max(from, now - longestItem - 31 * DAY_MS - longestExtraRetentionMs(extra))
  return firings(compiled, since, now).filter((firing) => firing.expiresAt + extraRetentionDays(extra, items[firing.itemIndex]!.frequencyType) * DAY_MS > now)
}

/**
 * The scheduled snapshots that fired in (from, now] and are still alive at now, for any kind of cluster. Costs
 * O(snapshots alive), so a clock jump of a year is as cheap as one of a day. `extra` is the schedule's extra
 * retention, passed only while a Backup Compliance Policy gives it effect (rule 92).
 */
export function dueSnapshots(cluster: ClusterRow, schedule: BackupSchedule | undefined, from: number, now: number, extra?: readonly ExtraRetentionSetting[]): PlannedSnapshot[] {
  const spec = cluster.spec
  // Pausing and resuming bring the cluster up to that instant first, so a paused cluster's whole catch-up is paused.
  if (spec.paused) return []
  if (spec.kind === 'dedicated') {
    if (!schedule) return []
    const items = schedule.policies[0]?.policyItems ?? []
    const compiled = compileSchedule(schedule)
    const found = extra && longestExtraRetentionMs(extra) > 0 ? firingsAliveWithExtra(compiled, schedule, extra, from, now) : aliveFirings(compiled, from, now)
    return found.map((firing) => {
      const item = items[firing.itemIndex]!
      const life = withExtraRetention({expiresAt: firing.expiresAt}, extraRetentionDays(extra, item.frequencyType))
      return {
        previousAt: previousFiring(compiled, firing.at),
        id: scheduledSnapshotId(cluster.id, firing.at),
        at: firing.at,
        snapshotType: 'scheduled' as const,
        frequencyType: item.frequencyType as SnapshotFrequencyType,
        policyItemId: item.id,
        retentionUnit: item.retentionUnit,
        retentionValue: item.retentionValue,
        expiresAt: life.expiresAt,
        ...(life.protectedUntil === undefined ? {} : {protectedUntil: life.protectedUntil}),
      }
    })
  }
  const tierFirings =
    spec.kind === 'shared' || spec.kind === 'flex'
      ? aliveSharedTierFirings(cluster.createdAt, from, now)
      : spec.kind === 'serverless'
        ? aliveServerlessFirings(cluster.createdAt, spec.continuousBackup, from, now)
        : []
  const cadence = spec.kind === 'serverless' ? 6 * HOUR_MS : 24 * HOUR_MS
  return tierFirings.map((firing) => ({
    previousAt: firing.at - cadence >= cluster.createdAt ? firing.at - cadence : undefined,
    id: scheduledSnapshotId(cluster.id, firing.at),
    at: firing.at,
    snapshotType: 'scheduled' as const,
    frequencyType: firing.frequencyType,
    retentionUnit: 'days' as const,
    retentionValue: Math.round((firing.expiresAt - firing.at) / (24 * HOUR_MS)),
    expiresAt: firing.expiresAt,
  }))
}

/**
 * When snapshots fired and expired unseen between two commands, the volume they established still exists: plan
 * one throw-away snapshot so the first snapshot we keep is incremental, as it would have been.
 */
export function establishVolumes(cluster: ClusterRow, schedule: BackupSchedule | undefined, from: number, now: number, firstKept: number | undefined): void {
  if (cluster.spec.paused) return
  const first = firstFiringAfter(cluster, schedule, from, now)
  if (first === undefined || first > now || (firstKept !== undefined && first >= firstKept)) return
  planMembers(cluster.spec, cluster.state, 'volume-warmup', first, undefined)
}

/** The first instant after `from` at which the cluster's schedule (its policy, or its tier's) fires. */
export function firstFiringAfter(cluster: ClusterRow, schedule: BackupSchedule | undefined, from: number, now: number): number | undefined {
  const spec = cluster.spec
  if (spec.kind === 'dedicated') return schedule ? nextSnapshot(compileSchedule(schedule), from) : undefined
  // Two cadences past `from` always hold the next tier firing; a short window keeps this O(1).
  const to = Math.min(now, Math.max(from, cluster.createdAt) + 2 * 24 * HOUR_MS)
  if (spec.kind === 'shared' || spec.kind === 'flex') return sharedTierFirings(cluster.createdAt, from, to)[0]?.at
  if (spec.kind === 'serverless') return serverlessFirings(cluster.createdAt, spec.continuousBackup, from, to)[0]?.at
  return undefined
}
