import {checkCloudBackupOff, checkContinuousBackupOff, checkEncryptionOff, type PolicyInForce} from '../../compliance/enforcement.js'
import {clusterNotFound, noBackupOnFreeTier, nvmeBackupRequired, shardedBackupNeedsMongoDB40} from '../../domain/atlas-errors.js'
import {AtlasApiError} from '../../domain/errors.js'
import {deterministicObjectId} from '../../domain/ids.js'
import {DAY_MS, toIso} from '../../domain/time.js'
import type {BackupSchedule, CopySetting} from '../../domain/types.js'
import {hasErrors, validateSchedule} from '../../policy/index.js'
import {continuousBackupOff, continuousBackupOn, type OplogCoverage} from '../../restores/coverage.js'
import type {EncryptionAtRestProvider} from '../../restores/encryption.js'
import {checkClusterUpdate} from '../../restores/state.js'
import {mongoRelease} from '../../restores/versions.js'
import {compileSchedule, nextSnapshot} from '../../schedule/index.js'
import {invalidateVolume, type VolumeEvent} from '../../snapshots/index.js'
import {supportsShardedBackup} from '../../snapshots/sharded-consistency.js'
import {isOfferedTier, isRegionOf} from '../../tiers/catalog.js'
import {tierInfo} from '../../tiers/tiers.js'
import {cloudBackupOn, configServerOf, encryptionAtRestProviderOf, highestPriorityRegion, masterKeyUuid, replicaSetOf, shardReplicaSet, type ReplicaSetSpec, zonesOf} from './fleet.js'
import type {LocalBackend} from './local-backend.js'
import {clusterFacts, type LocalSession} from './session.js'
import {compliancePolicyInForce} from './compliance-policy-repository.js'
import {bringUpToCompliancePolicy} from './compliance-on-cluster.js'
import {updateOplogCopies} from './copies.js'
import {withCopyItemIds} from './copy-effects.js'
import {syncCopyWindows} from './copy-windows.js'
import {resyncAutoCopySettings} from './auto-copy-settings.js'
import {clusterCoverage} from './records.js'
import type {ClusterWithSchedule} from './repository.js'
import {initialSchedule} from './seed.js'
import {recordRegionMove} from './oplog-region-facts.js'

/**
 * `local clusters update`: the cluster changes the seeds say matter to backups, each applied with its effect on the
 * snapshot volumes, the restore topology, the scheduled snapshots and the oplog coverage. Not an Atlas API operation
 * (the emulator has no cluster-update endpoint); its refusals still carry Atlas error codes where Atlas has one.
 */

export interface ClusterChanges {
  tier?: string
  diskSizeGB?: number
  diskIOPS?: number
  /** Becomes the highest-priority region; a region the cluster is not in yet replaces the highest-priority one. */
  region?: string
  shards?: number
  /** true pauses, false resumes. */
  paused?: boolean
  continuousBackup?: boolean
  /** Cloud Backup on or off (dedicated clusters): off deletes the snapshots and the schedule at once (rule 55). */
  cloudBackup?: boolean
  mongoDBVersion?: string
  /** Encryption at rest with customer key management: the key's provider, or NONE to turn it off. */
  encryptionAtRestProvider?: EncryptionAtRestProvider
}

export type ChangeSetting = keyof ClusterChanges

export type ChangeEffectKind =
  | 'nextSnapshotFull'
  | 'newVolumes'
  | 'volumesRemoved'
  | 'restoreTopology'
  | 'scheduledSnapshotsStop'
  | 'scheduledSnapshotsResume'
  | 'notRestoreTarget'
  | 'coverageStarts'
  | 'coverageDeleted'
  | 'oplogKeptInBothRegions'
  | 'copySettingsRewritten'
  | 'snapshotVersion'
  | 'nodesReplaced'
  | 'policyWarning'
  | 'snapshotEncryption'
  | 'snapshotsDeleted'
  | 'scheduleDeleted'
  | 'scheduleStarts'
  | 'compliancePolicy'

export interface ChangeEffect {
  kind: ChangeEffectKind
  detail: string
}

export interface AppliedChange {
  setting: ChangeSetting
  from: string | number | boolean | null
  to: string | number | boolean | null
  effects: ChangeEffect[]
}

export interface ClusterUpdateResult {
  cluster: string
  projectId: string
  /** The virtual instant of the change. */
  at: string
  changes: AppliedChange[]
  /** Settings asked for that already had the value: nothing done for them. */
  unchanged: ChangeSetting[]
}

/** Finds a cluster or serverless instance by name and brings it up to now, so the change takes effect from now. */
export function findAnyCluster(s: LocalSession, projectId: string, name: string): ClusterWithSchedule {
  s.requireProject(projectId)
  const cluster = s.repo.findCluster(projectId, name)
  if (!cluster) throw clusterNotFound(name, projectId)
  s.advance(cluster)
  return cluster
}

/** Every snapshot volume of the cluster becomes invalid: the next snapshot of each replica set is a full copy. */
export function invalidateVolumes(cluster: ClusterWithSchedule, event: VolumeEvent): void {
  const volumes = cluster.state.volumes
  // Only volumes that exist are listed, and invalidating one always gives a volume back.
  for (const [replicaSet, volume] of Object.entries(volumes)) volumes[replicaSet] = invalidateVolume(volume, event)!
}

const FULL_COPY = "every replica set's snapshot volume is invalid: the next snapshot elects a node in the primary's region and takes a full copy"

function fullCopy(why: string): ChangeEffect {
  return {kind: 'nextSnapshotFull', detail: `${why}: ${FULL_COPY}`}
}

function refusal(status: number, errorCode: string, detail: string, cluster: ClusterWithSchedule): AtlasApiError {
  return new AtlasApiError(status, errorCode, detail, [cluster.name])
}

/** Tenant and serverless clusters have no disks, regions or shards of their own to change (rows 80–83). */
function requireDedicated(cluster: ClusterWithSchedule, what: string): void {
  const spec = cluster.spec
  if (spec.kind === 'dedicated') return
  const kind = spec.kind === 'serverless' ? 'a serverless instance' : `an ${spec.tier} cluster`
  throw refusal(400, spec.kind === 'serverless' ? 'FEATURE_UNSUPPORTED' : 'TENANT_CLUSTER_UPDATE_UNSUPPORTED', `${cluster.name} is ${kind}: ${what} applies to dedicated clusters (M10 and above) only.`, cluster)
}

function changeTier(cluster: ClusterWithSchedule, tier: string): AppliedChange | undefined {
  requireDedicated(cluster, 'a tier change')
  const spec = cluster.spec
  const info = tierInfo(tier)
  if (info.kind !== 'dedicated') {
    throw refusal(400, 'INVALID_ATTRIBUTE', `${cluster.name} is a dedicated cluster and cannot move to ${info.name}: use another dedicated tier (M10 and above).`, cluster)
  }
  if (!isOfferedTier(info.name, spec.provider)) throw refusal(400, 'INVALID_ATTRIBUTE', `${spec.provider} has no ${info.name} tier: use one of ${spec.provider}'s dedicated tiers.`, cluster)
  if (info.name === spec.tier) return undefined
  const from = spec.tier
  // A cluster made NVMe with --nvme keeps its NVMe storage where the new size offers it.
  const nvme = info.nvme || (spec.nvme && isOfferedTier(`${info.name}_NVME`, spec.provider))
  if (nvme && !cloudBackupOn(spec)) throw nvmeBackupRequired(cluster.name)
  spec.tier = info.name
  spec.nvme = nvme
  invalidateVolumes(cluster, 'tierChange')
  return {setting: 'tier', from, to: info.name, effects: [fullCopy('tier change')]}
}

function changeDiskSize(cluster: ClusterWithSchedule, diskSizeGB: number): AppliedChange | undefined {
  requireDedicated(cluster, 'a disk size change')
  const spec = cluster.spec
  if (spec.nvme) throw refusal(400, 'INVALID_ATTRIBUTE', `${cluster.name} has NVMe storage, whose size comes with the tier: change --tier instead.`, cluster)
  const dataGB = Math.ceil(spec.dataSizeBytes / 1024 ** 3)
  if (diskSizeGB < dataGB) throw refusal(400, 'INVALID_ATTRIBUTE', `${diskSizeGB} GB cannot hold the ${dataGB} GB of data of ${cluster.name}: give at least ${dataGB}.`, cluster)
  if (diskSizeGB === spec.diskSizeGB) return undefined
  const from = spec.diskSizeGB
  spec.diskSizeGB = diskSizeGB
  invalidateVolumes(cluster, 'diskChange')
  return {setting: 'diskSizeGB', from, to: diskSizeGB, effects: [fullCopy('storage volume change')]}
}

function changeDiskIOPS(cluster: ClusterWithSchedule, diskIOPS: number): AppliedChange | undefined {
  requireDedicated(cluster, 'a disk speed change')
  const spec = cluster.spec
  if (spec.nvme) throw refusal(400, 'INVALID_ATTRIBUTE', `${cluster.name} has NVMe storage, whose speed comes with the tier: change --tier instead.`, cluster)
  // On Google Cloud the disk speed follows the disk size; there is no speed of its own to set.
  if (spec.provider === 'GCP') throw refusal(400, 'INVALID_ATTRIBUTE', `${cluster.name} runs on GCP, where disk speed follows disk size: change --diskSizeGB instead.`, cluster)
  if (diskIOPS === spec.diskIOPS) return undefined
  const from = spec.diskIOPS ?? 'standard'
  spec.diskIOPS = diskIOPS
  invalidateVolumes(cluster, 'diskChange')
  return {setting: 'diskIOPS', from, to: diskIOPS, effects: [fullCopy('storage speed change')]}
}


/** The replica sets rebuilt on new regions: Atlas replaces the nodes, and elects the primary in the highest-priority region. */
function rebuildNodes(cluster: ClusterWithSchedule): void {
  const spec = cluster.spec
  if (spec.clusterType === 'SHARDED') {
    spec.replicaSets = spec.replicaSets.map((set, index) => ({name: set.name, nodes: shardReplicaSet(cluster.name, spec.regions, index).nodes}))
    spec.configServer = configServerOf(cluster.name, spec.regions)
  } else {
    spec.replicaSets = [{name: spec.replicaSets[0]!.name, nodes: replicaSetOf(cluster.name, spec.regions).nodes}]
  }
}

function changeRegion(cluster: ClusterWithSchedule, regionName: string, now: number): AppliedChange | undefined {
  requireDedicated(cluster, 'a region change')
  const spec = cluster.spec
  const name = regionName.toUpperCase()
  if (!isRegionOf(spec.provider, name)) throw refusal(400, 'INVALID_ATTRIBUTE', `${name} is not an Atlas region of ${spec.provider}, the provider of ${cluster.name}.`, cluster)
  const highest = highestPriorityRegion(spec.regions)
  if (highest.regionName === name) return undefined
  const from = highest.regionName
  const multiRegion = spec.regions.length > 1
  const existing = spec.regions.find((r) => r.regionName === name)
  if (existing) {
    // The two regions swap priorities; the others keep theirs.
    const priority = highest.priority
    highest.priority = existing.priority
    existing.priority = priority
  } else {
    highest.regionName = name
  }
  spec.regions = [...spec.regions].sort((a, b) => b.priority - a.priority)
  rebuildNodes(cluster)
  const event: VolumeEvent = multiRegion ? 'highestPriorityRegionChange' : 'regionChange'
  invalidateVolumes(cluster, event)
  const effects: ChangeEffect[] = [
    {kind: 'nodesReplaced', detail: `the nodes are rebuilt on the new regions and the primary is elected in ${name}`},
    fullCopy(multiRegion ? 'highest-priority region change' : 'region change'),
  ]
  const rewritten = rewriteCopySettings(cluster, from, name, now)
  if (rewritten) effects.push(rewritten)
  if (spec.continuousBackup) {
    const deletedAt = recordRegionMove(cluster, from, name, now)
    effects.push({
      kind: 'oplogKeptInBothRegions',
      detail: `the oplog is kept in ${from} and ${name} until the restore window is covered in ${name}, at ${toIso(deletedAt)}, when ${from}'s copy is deleted: point-in-time coverage is unchanged (rule 66)`,
    })
  }
  return {setting: 'region', from, to: name, effects}
}

/**
 * Row 61: a primary region that moves onto a copy target takes that setting's place: snapshots are now copied from the
 * new primary to the old one (with the setting's frequencies and oplog choice) and to the other targets as before.
 * The oplog copies follow: copying to the new primary stops, copying from it to the old one starts.
 */
function rewriteCopySettings(cluster: ClusterWithSchedule, oldPrimary: string, newPrimary: string, now: number): ChangeEffect | undefined {
  if (cluster.schedule?.autoCopySettingsEnabled) return followSecondaryRegions(cluster, cluster.schedule, newPrimary, now)
  const settings = cluster.schedule?.copySettings
  const copy = settings?.find((c) => c.regionName?.toUpperCase() === newPrimary)
  if (!settings || !copy) return undefined
  const oldIsTarget = settings.some((c) => c !== copy && c.regionName?.toUpperCase() === oldPrimary && c.zoneId === copy.zoneId)
  if (oldIsTarget) settings.splice(settings.indexOf(copy), 1)
  else copy.regionName = oldPrimary
  followCopySettings(cluster, settings, newPrimary, now)
  const targets = settings.map((c) => c.regionName).join(', ')
  return {kind: 'copySettingsRewritten', detail: `${newPrimary} was a copy target and is now the primary region: snapshots are copied from ${newPrimary} to ${targets || 'no other region'} (rule 61)`}
}

/** The oplog copies and the lastNumberOfSnapshots windows follow rewritten copy settings. */
function followCopySettings(cluster: ClusterWithSchedule, settings: CopySetting[], newPrimary: string, now: number): void {
  if (cluster.state.oplogCopies || settings.some((c) => c.shouldCopyOplogs)) {
    cluster.state.oplogCopies = updateOplogCopies(cluster.state.oplogCopies ?? [], settings, newPrimary, cluster.spec.provider, now)
  }
  syncCopyWindows(cluster.state, settings, cluster.spec.provider, now)
}

/** Rule 62, autoCopySettingsEnabled: Atlas's own copy settings follow the secondary regions, in place of row 61. */
function followSecondaryRegions(cluster: ClusterWithSchedule, schedule: BackupSchedule, newPrimary: string, now: number): ChangeEffect {
  const settings = resyncAutoCopySettings(schedule, zonesOf(cluster.id, cluster.spec), cluster.spec.provider)
  const newId = () => deterministicObjectId(now, `${cluster.id}/policy-item/${++cluster.state.sequence}`)
  withCopyItemIds({...schedule, copySettings: settings}, schedule, newId)
  schedule.copySettings = settings
  followCopySettings(cluster, settings, newPrimary, now)
  const targets = settings.map((c) => c.regionName).join(', ')
  return {kind: 'copySettingsRewritten', detail: `autoCopySettingsEnabled: the copy settings follow the secondary regions, so snapshots are copied from ${newPrimary} to ${targets || 'no other region'} (rule 62)`}
}

function changeShards(cluster: ClusterWithSchedule, shards: number, now: number): AppliedChange | undefined {
  requireDedicated(cluster, 'sharding')
  const spec = cluster.spec
  const sharded = spec.clusterType === 'SHARDED'
  const current = sharded ? spec.replicaSets.length : 0
  if (shards === current) return undefined
  if (shards < 1) {
    throw refusal(400, 'INVALID_ATTRIBUTE', `${cluster.name} is sharded and cannot become a replica set again: keep at least 1 shard, or restore its data into a new replica set.`, cluster)
  }
  if (!sharded && !supportsShardedBackup(spec.mongoDBVersion)) throw shardedBackupNeedsMongoDB40(cluster.name, spec.mongoDBVersion, 'upgrade it first')
  const volumes = cluster.state.volumes
  const effects: ChangeEffect[] = []
  let kept: ReplicaSetSpec[]
  if (sharded) {
    kept = spec.replicaSets.slice(0, Math.min(current, shards))
    const removed = spec.replicaSets.slice(shards).map((set) => set.name)
    for (const name of removed) delete volumes[name]
    if (removed.length > 0) effects.push({kind: 'volumesRemoved', detail: `${removed.join(', ')} removed, with their snapshot volumes`})
  } else {
    // The replica set becomes shard 0, with its nodes and its snapshot volume: its data and disks stay.
    const shard0 = {name: shardReplicaSet(cluster.name, spec.regions, 0).name, nodes: spec.replicaSets[0]!.nodes}
    const volume = volumes[spec.replicaSets[0]!.name]
    delete volumes[spec.replicaSets[0]!.name]
    if (volume) volumes[shard0.name] = volume
    kept = [shard0]
    spec.configServer = configServerOf(cluster.name, spec.regions)
    spec.clusterType = 'SHARDED'
    effects.push({kind: 'nodesReplaced', detail: `the replica set becomes shard ${shard0.name}, with a config server ${spec.configServer.name}`})
  }
  const added = Array.from({length: Math.max(0, shards - kept.length)}, (_, i) => shardReplicaSet(cluster.name, spec.regions, kept.length + i))
  spec.replicaSets = [...kept, ...added]
  const fresh = [...added.map((set) => set.name), ...(sharded ? [] : [spec.configServer!.name])]
  if (fresh.length > 0) effects.push({kind: 'newVolumes', detail: `${fresh.join(', ')} have no snapshot volume yet: their first snapshot is a full copy`})
  cluster.state.shardsChangedAt = now
  effects.push({
    kind: 'restoreTopology',
    detail: `snapshots taken before ${toIso(now)} cannot be restored into ${cluster.name} any more; ${sharded ? `a sharded cluster of ${current} shards` : 'a replica set'} can still take them (rule 72)`,
  })
  return {setting: 'shards', from: current, to: shards, effects}
}

/**
 * The spec's rule for mongoDBMajorVersion on update: up by one major version at a time. A downgrade needs a feature
 * compatibility version pinned one major below, which the emulator does not model, so it refuses every downgrade;
 * patch releases within the same release line are Atlas's choice and accepted either way.
 */
function changeVersion(cluster: ClusterWithSchedule, version: string): AppliedChange | undefined {
  const spec = cluster.spec
  if (spec.kind === 'serverless') throw refusal(400, 'FEATURE_UNSUPPORTED', `${cluster.name} is a serverless instance: Atlas chooses its MongoDB version.`, cluster)
  if (version === spec.mongoDBVersion) return undefined
  const to = mongoRelease(version)
  const from = mongoRelease(spec.mongoDBVersion)
  if (!to) throw refusal(400, 'INVALID_ATTRIBUTE', `MongoDB ${version} is not a release Atlas runs: use 4.4 or a later release.`, cluster)
  if (from) {
    if (to.rank > from.rank + 1) {
      throw refusal(400, 'INVALID_ATTRIBUTE', `${cluster.name} runs MongoDB ${spec.mongoDBVersion}: Atlas upgrades one major version at a time, so upgrade to the next major version first.`, cluster)
    }
    if (to.rank < from.rank || (to.rank === from.rank && to.minor < from.minor)) {
      throw refusal(400, 'INVALID_ATTRIBUTE', `${cluster.name} runs MongoDB ${spec.mongoDBVersion}: the emulator does not downgrade MongoDB (Atlas allows it only with a pinned feature compatibility version).`, cluster)
    }
  }
  const previous = spec.mongoDBVersion
  spec.mongoDBVersion = version
  return {
    setting: 'mongoDBVersion',
    from: previous,
    to: version,
    effects: [
      {
        kind: 'snapshotVersion',
        detail: `snapshots from now on are of MongoDB ${version}; earlier ones (${previous}) still restore into ${cluster.name} while it runs their major version or the next one (rule 73)`,
      },
    ],
  }
}

function describeCoverage(coverage: OplogCoverage, now: number): string | undefined {
  const starts = [...coverage.stretches.map((s) => s.from), ...(coverage.collectingSince === null ? [] : [coverage.collectingSince])]
  if (starts.length === 0) return undefined
  return `from ${toIso(Math.min(...starts))} to ${toIso(now)}`
}

/** Turns Continuous Cloud Backup on or off; exported for the compliance policy, which turns it on (rule 88). */
export function changeContinuousBackup(cluster: ClusterWithSchedule, on: boolean, now: number, policy: PolicyInForce | undefined): AppliedChange | undefined {
  const spec = cluster.spec
  if (spec.kind !== 'dedicated' && spec.kind !== 'serverless') {
    throw refusal(400, 'TENANT_CLUSTER_UPDATE_UNSUPPORTED', `${cluster.name} is an ${spec.tier} cluster: Continuous Cloud Backup needs a dedicated cluster (M10 and above) or a serverless instance (rule 63).`, cluster)
  }
  if (spec.continuousBackup === on) return undefined
  if (!on) checkContinuousBackupOff(policy, cluster.name)
  if (on && !cloudBackupOn(spec)) {
    throw refusal(400, 'INVALID_ATTRIBUTE', `${cluster.name} has Cloud Backup off, and Continuous Cloud Backup needs it: turn Cloud Backup on as well (--cloudBackup).`, cluster)
  }
  const before = clusterCoverage(cluster)
  const effects: ChangeEffect[] = []
  if (on) {
    const after = continuousBackupOn(before, now)
    cluster.state.coverage = after
    const window = spec.kind === 'serverless' ? 3 : cluster.schedule?.restoreWindowDays
    const reach = after.collectingSince === null ? 'from the first snapshot taken after the restore running into it' : `from ${toIso(now)} on`
    effects.push({
      kind: 'coverageStarts',
      detail: `oplog is collected from now: point-in-time restores reach instants ${reach}${window === undefined ? '' : `, at most ${window} days back (${toIso(now - window * DAY_MS)} at the earliest)`}`,
    })
  } else {
    cluster.state.coverage = continuousBackupOff(before, now)
    // Every region's copy goes with it: turning it off and on again is how the seed ends billing in two regions.
    delete cluster.state.oplogRegionMoves
    const span = describeCoverage(before, now)
    effects.push({kind: 'coverageDeleted', detail: `all oplog coverage deleted${span ? ` (${span})` : ''}: no point-in-time restore until it is turned on again; snapshots stay (rule 64)`})
  }
  spec.continuousBackup = on
  return {setting: 'continuousBackup', from: !on, to: on, effects}
}

/** What turning Cloud Backup off deletes at once (the seed's "Important" note, rule 55): every snapshot and its copies. */
function deleteEverySnapshot(s: LocalSession, cluster: ClusterWithSchedule): ChangeEffect {
  const records = s.repo.snapshotsOf(cluster.id)
  const onDemand = records.filter((record) => record.snapshotType === 'onDemand').length
  const copies = records.reduce((n, record) => n + (record.copies?.length ?? 0), 0)
  s.repo.deleteSnapshotsOf(cluster.id)
  return {
    kind: 'snapshotsDeleted',
    detail: `${records.length} snapshot${records.length === 1 ? '' : 's'} deleted at once (${records.length - onDemand} scheduled, ${onDemand} on-demand), with ${copies === 1 ? '1 copy' : `${copies} copies`} in other regions (rule 55)`,
  }
}

/**
 * Turns Cloud Backup off or on on a dedicated cluster. Off deletes every snapshot, with its copies, and the backup
 * policy at once, and Continuous Cloud Backup with its oplog (rule 55); a Backup Compliance Policy forbids it (rule
 * 89), and NVMe storage needs backup (rule 85). On starts a fresh default policy, as a new cluster gets; `pit` makes
 * it the policy with the hourly item, for Continuous Cloud Backup turned on with it. Exported for the compliance
 * policy, which turns Cloud Backup on (rules 88, 91).
 */
export function changeCloudBackup(s: LocalSession, cluster: ClusterWithSchedule, on: boolean, policy: PolicyInForce | undefined, pit = false): AppliedChange | undefined {
  const spec = cluster.spec
  if (spec.kind === 'free') throw noBackupOnFreeTier(cluster.name)
  if (cloudBackupOn(spec) === on) return undefined
  requireDedicated(cluster, 'turning Cloud Backup off')
  const now = s.now
  const effects: ChangeEffect[] = []
  if (on) {
    delete spec.backupEnabled
    cluster.schedule = initialSchedule(cluster.id, now, spec.nvme, pit)
    const next = nextSnapshot(compileSchedule(cluster.schedule), now)
    effects.push({kind: 'scheduleStarts', detail: `the default backup policy starts, as on a new cluster: the first scheduled snapshot${next === undefined ? '' : ` at ${toIso(next)}`}, a full copy`})
    return {setting: 'cloudBackup', from: false, to: true, effects}
  }
  if (spec.nvme) throw nvmeBackupRequired(cluster.name)
  checkCloudBackupOff(policy, cluster.name)
  effects.push(deleteEverySnapshot(s, cluster))
  effects.push({kind: 'scheduleDeleted', detail: 'the backup policy is deleted: no scheduled or on-demand snapshot and no restore from this cluster until Cloud Backup is on again'})
  if (spec.continuousBackup) {
    const span = describeCoverage(clusterCoverage(cluster), now)
    cluster.state.coverage = continuousBackupOff(clusterCoverage(cluster), now)
    spec.continuousBackup = false
    effects.push({kind: 'coverageDeleted', detail: `Continuous Cloud Backup goes with it: all oplog coverage deleted${span ? ` (${span})` : ''}`})
  }
  delete cluster.state.oplogCopies
  delete cluster.state.oplogKeptFor
  delete cluster.state.oplogRegionMoves
  // The copy settings go with the schedule, and so do the windows of the last copies they kept (rule 62).
  delete cluster.state.copyWindows
  // No snapshot is left on any volume: the first one after Cloud Backup is back is a full copy.
  cluster.state.volumes = {}
  cluster.schedule = undefined
  spec.backupEnabled = false
  return {setting: 'cloudBackup', from: true, to: false, effects}
}

function changePaused(cluster: ClusterWithSchedule, paused: boolean, now: number): AppliedChange | undefined {
  const spec = cluster.spec
  if (Boolean(spec.paused) === paused) return undefined
  if (paused) {
    requireDedicated(cluster, 'pausing')
    if (spec.nvme) throw refusal(409, 'CANNOT_PAUSE_NVME_CLUSTER', `${cluster.name} has NVMe storage: NVMe clusters cannot be paused (rule 85).`, cluster)
    spec.paused = true
    return {
      setting: 'paused',
      from: false,
      to: true,
      effects: [
        {kind: 'scheduledSnapshotsStop', detail: 'no scheduled snapshot is taken while the cluster is paused; the snapshots taken so far expire as planned'},
        {kind: 'notRestoreTarget', detail: `a paused cluster cannot be a restore target (rule 74): resume ${cluster.name} first`},
      ],
    }
  }
  delete spec.paused
  const next = cluster.schedule ? nextSnapshot(compileSchedule(cluster.schedule), now) : undefined
  return {
    setting: 'paused',
    from: true,
    to: false,
    effects: [{kind: 'scheduledSnapshotsResume', detail: `scheduled snapshots resume${next === undefined ? '' : `: the next at ${toIso(next)}`}`}],
  }
}

/**
 * Customer key management takes effect for the snapshots taken from now on; those taken before keep the encryption
 * they were taken with, and so their download and restore rules (75, 76).
 */
function changeEncryption(cluster: ClusterWithSchedule, provider: EncryptionAtRestProvider, policy: PolicyInForce | undefined): AppliedChange | undefined {
  const before = encryptionAtRestProviderOf(cluster.spec)
  if (before === provider) return undefined
  requireDedicated(cluster, 'encryption at rest with customer key management')
  if (provider === 'NONE') checkEncryptionOff(policy, cluster.name)
  const effects: ChangeEffect[] = []
  if (provider === 'NONE') {
    delete cluster.spec.encryptionAtRestProvider
    effects.push({kind: 'snapshotEncryption', detail: 'snapshots taken from now on have no customer key: they can be downloaded and restored into any cluster; earlier ones keep their key (rules 75, 76)'})
  } else {
    cluster.spec.encryptionAtRestProvider = provider
    effects.push({
      kind: 'snapshotEncryption',
      detail: `snapshots taken from now on are encrypted with the project's ${provider} key (masterKeyUUID ${masterKeyUuid(cluster.projectId, provider)}): they cannot be downloaded and restore only into clusters using encryption at rest with ${provider} (rules 75, 76)`,
    })
  }
  return {setting: 'encryptionAtRestProvider', from: before, to: provider, effects}
}

/** The stored policy must still hold under the cluster's new tier and continuous backup (rules 17, 20, 59). */
function checkSchedule(cluster: ClusterWithSchedule): ChangeEffect[] {
  const schedule = cluster.schedule
  if (!schedule || cluster.spec.kind !== 'dedicated') return []
  const facts = clusterFacts(cluster)
  const violations = validateSchedule({policies: schedule.policies, copySettings: schedule.copySettings}, {cluster: facts, current: schedule})
  if (hasErrors(violations)) {
    const errors = violations.filter((v) => v.severity === 'error')
    const first = errors[0]!
    throw new AtlasApiError(
      400,
      first.errorCode,
      `The backup policy of ${cluster.name} would break a rule after this change: change the policy first (backups schedule update)`,
      [cluster.name],
      errors.map((v) => ({field: v.path, description: `${v.errorCode} (rule ${v.rule}): ${v.message}`})),
    )
  }
  return violations.map((v) => ({kind: 'policyWarning' as const, detail: `${v.message} (rule ${v.rule})`}))
}

/**
 * Rule 91: a cluster resumed, or given Cloud Backup again, under a policy gets what the policy requires (Cloud Backup,
 * continuous backup, its window, the minimum schedule): a cluster paused with Cloud Backup off when the policy was
 * enabled was left as it was until then. The effects are told under the change that brought it back.
 */
function meetPolicyAfter(s: LocalSession, cluster: ClusterWithSchedule, policy: PolicyInForce | undefined, applied: AppliedChange[]): void {
  if (!policy) return
  const trigger = applied.find((c) => c.setting === 'paused' && c.to === false) ?? applied.find((c) => c.setting === 'cloudBackup' && c.to === true)
  if (trigger) trigger.effects.push(...bringUpToCompliancePolicy(s, cluster, policy))
}

const STRUCTURAL: readonly ChangeSetting[] = ['tier', 'diskSizeGB', 'diskIOPS', 'region', 'shards', 'mongoDBVersion']

/**
 * Applies the changes in one transaction: the cluster is first brought up to now (snapshots that fired before keep
 * what they had), every change is checked before the cluster is saved, and any refusal leaves the store untouched.
 * Order: resume, Cloud Backup on, the structural changes, continuous backup, encryption, Cloud Backup off, then pause,
 * so one call can resume and change, or change and pause; a cluster resumed or given Cloud Backup again under a
 * policy is then brought up to it (rule 91).
 */
export function updateCluster(backend: LocalBackend, projectId: string, name: string, changes: ClusterChanges): ClusterUpdateResult {
  return backend.transact((s) => {
    const cluster = findAnyCluster(s, projectId, name)
    const now = s.now
    const policy = compliancePolicyInForce(s.repo.db, cluster.projectId)
    checkClusterUpdate({name: cluster.name, restoreInProgress: (cluster.state.restoringUntil ?? -Infinity) > now})
    const applied: AppliedChange[] = []
    const unchanged: ChangeSetting[] = []
    const record = (setting: ChangeSetting, change: AppliedChange | undefined) => (change ? applied.push(change) : unchanged.push(setting))
    if (changes.paused === false) record('paused', changePaused(cluster, false, now))
    // The default schedule with the hourly item when continuous backup comes with it, asked for or required.
    if (changes.cloudBackup === true) record('cloudBackup', changeCloudBackup(s, cluster, true, policy, changes.continuousBackup === true || Boolean(policy?.pitEnabled)))
    const structural = STRUCTURAL.filter((setting) => changes[setting] !== undefined)
    if (cluster.spec.paused && structural.length > 0) {
      throw refusal(409, 'CANNOT_UPDATE_PAUSED_CLUSTER', `${cluster.name} is paused: it takes no ${structural.join(', ')} change until it is resumed (add --resume).`, cluster)
    }
    if (changes.tier !== undefined) record('tier', changeTier(cluster, changes.tier))
    if (changes.diskSizeGB !== undefined) record('diskSizeGB', changeDiskSize(cluster, changes.diskSizeGB))
    if (changes.diskIOPS !== undefined) record('diskIOPS', changeDiskIOPS(cluster, changes.diskIOPS))
    if (changes.region !== undefined) record('region', changeRegion(cluster, changes.region, now))
    if (changes.shards !== undefined) record('shards', changeShards(cluster, changes.shards, now))
    if (changes.mongoDBVersion !== undefined) record('mongoDBVersion', changeVersion(cluster, changes.mongoDBVersion))
    if (changes.continuousBackup !== undefined) record('continuousBackup', changeContinuousBackup(cluster, changes.continuousBackup, now, policy))
    if (changes.encryptionAtRestProvider !== undefined) record('encryptionAtRestProvider', changeEncryption(cluster, changes.encryptionAtRestProvider, policy))
    if (changes.cloudBackup === false) record('cloudBackup', changeCloudBackup(s, cluster, false, policy))
    if (changes.paused === true) record('paused', changePaused(cluster, true, now))
    meetPolicyAfter(s, cluster, policy, applied)
    // The policy is checked against the new tier (NVMe intervals) and continuous backup (window, oplog copies).
    const policyChange = applied.find((c) => c.setting === 'continuousBackup') ?? applied.find((c) => c.setting === 'tier')
    if (policyChange) policyChange.effects.push(...checkSchedule(cluster))
    if (applied.length > 0) s.repo.saveCluster(cluster)
    return {cluster: cluster.name, projectId, at: toIso(now), changes: applied, unchanged}
  })
}
