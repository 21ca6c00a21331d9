import {tierInfo, type TierInfo} from '../tiers/tiers.js'
import {RestoreRuleError, cannotRestoreToTarget} from './errors.js'
import {isSharded, type RestoreCluster, type RestoreSnapshot} from './facts.js'
import type {DeliveryType} from './request.js'
import {mongoRelease} from './versions.js'

/** Serverless Continuous Backup restores to a point within the last 72 hours (backup-rules.md row 83). */
export const SERVERLESS_RESTORE_WINDOW_DAYS = 3

/** M2/M5 and Flex follow the same restore rules (rows 81, 82). */
function isSharedTier(info: TierInfo): boolean {
  return info.kind === 'shared' || info.kind === 'flex'
}

/** The restore window that applies: the schedule's restoreWindowDays, or 72 hours on a serverless instance. */
export function pitWindowDays(tier: string, restoreWindowDays: number): number {
  return tierInfo(tier).kind === 'serverless' ? SERVERLESS_RESTORE_WINDOW_DAYS : restoreWindowDays
}

/**
 * What the source's tier allows (rows 80, 83): an M0 cluster has no backups to restore, and a serverless instance's
 * snapshots cannot be downloaded. FEATURE_UNSUPPORTED is 403 as atlas-api-notes.md lists it.
 */
export function checkSourceTier(source: {name: string; tier: string}, deliveryType: DeliveryType): void {
  const info = tierInfo(source.tier)
  if (info.kind === 'free') {
    throw new RestoreRuleError(80, 'clusterName', 400, 'PROVIDER_BACKUP_NOT_SUPPORTED', `Cluster ${source.name} is an M0 free cluster: it has no backups to restore (use mongodump).`, [source.name])
  }
  if (info.kind === 'serverless' && deliveryType === 'download') {
    throw new RestoreRuleError(83, 'deliveryType', 403, 'FEATURE_UNSUPPORTED', `Serverless instance ${source.name}: serverless snapshots cannot be downloaded; restore them to a cluster instead.`, [source.name])
  }
}

/**
 * What the tiers of snapshot and target allow (rows 80, 81, 83): nothing restores into M0; M2/M5 snapshots go only to
 * replica sets; an M2/M5 target takes no serverless snapshot and, from MongoDB 5.0, only snapshots of its own or the
 * previous major version; a serverless target takes only serverless snapshots.
 */
export function checkTargetTier(snapshot: RestoreSnapshot, target: RestoreCluster): void {
  const targetInfo = tierInfo(target.tier)
  const sourceInfo = tierInfo(snapshot.sourceCluster.tier)
  if (targetInfo.kind === 'free') {
    throw new RestoreRuleError(80, 'targetClusterName', 400, 'PROVIDER_BACKUP_NOT_SUPPORTED', `Cluster ${target.name} is an M0 free cluster: nothing can be restored into it.`, [target.name])
  }
  if (targetInfo.kind === 'serverless' && (snapshot.fromCloudManager === true || sourceInfo.kind !== 'serverless')) {
    const from = snapshot.fromCloudManager === true ? 'Cloud Manager' : `an ${sourceInfo.name} cluster`
    // The seed names no code; CANNOT_RESTORE_TO_TARGET (403) is Atlas's code for a target that cannot take it.
    throw cannotRestoreToTarget(83, 'targetClusterName', target.name, `snapshot ${snapshot.id} comes from ${from}, and serverless instances take only serverless snapshots.`)
  }
  if (isSharedTier(sourceInfo) && isSharded(target)) {
    throw new RestoreRuleError(81, 'targetClusterName', 400, 'TENANT_RESTORE_INCOMPATIBLE_TOPOLOGY', `Snapshot ${snapshot.id} is of an ${sourceInfo.name} cluster, which restores only to replica sets; ${target.name} is sharded.`, [target.name])
  }
  if (!isSharedTier(targetInfo)) return
  if (sourceInfo.kind === 'serverless') {
    throw new RestoreRuleError(81, 'targetClusterName', 400, 'TENANT_RESTORE_INCOMPATIBLE_TOPOLOGY', `Snapshot ${snapshot.id} is of a serverless instance, which cannot be restored into the ${targetInfo.name} cluster ${target.name}.`, [target.name])
  }
  const to = mongoRelease(target.mongoDBVersion)
  const from = snapshot.mongodVersion === undefined ? undefined : mongoRelease(snapshot.mongodVersion)
  const fivePointZero = mongoRelease('5.0') as NonNullable<ReturnType<typeof mongoRelease>>
  if (to && from && to.rank >= fivePointZero.rank && from.rank < to.rank - 1) {
    throw new RestoreRuleError(
      81,
      'targetClusterName',
      400,
      'TENANT_RESTORE_VERSION_MISMATCH',
      `${targetInfo.name} cluster ${target.name} runs MongoDB ${target.mongoDBVersion} and takes snapshots of its own or the previous major version only; snapshot ${snapshot.id} is of ${snapshot.mongodVersion}.`,
      [target.name],
    )
  }
}
