import {exportBucketNotFound, invalidAttribute} from '../../domain/atlas-errors.js'
import {AtlasApiError} from '../../domain/errors.js'
import {isObjectId} from '../../domain/ids.js'
import type {BackupSchedule, BackupSchedulePatch} from '../../domain/types.js'
import {snapshotStateAt} from '../../snapshots/index.js'
import {ExportRepository} from './export-repository.js'
import type {ClusterWithSchedule} from './repository.js'
import type {LocalSession} from './session.js'

/**
 * The schedule's auto-export policy (autoExportEnabled, export {exportBucketId, frequencyType}): checked when the
 * schedule changes, and carried out as the clock moves — every snapshot of the policy's frequency that completes
 * while it is on gets an export job to its bucket, created at the snapshot's completion.
 */

/** AutoExportPolicyView.frequencyType: the values the API accepts (others need MongoDB Support, rule 39). */
const FREQUENCIES = ['monthly', 'yearly']

/**
 * Refuses an auto-export policy Atlas would refuse: an export that is no {exportBucketId, frequencyType}, a bucket
 * that is not the project's (404), a frequency the API does not accept, or auto-export turned on with no bucket or
 * frequency to export to.
 */
export function checkAutoExportPatch(s: LocalSession, cluster: ClusterWithSchedule, current: BackupSchedule, patch: BackupSchedulePatch): void {
  const given = patch.export as unknown
  if (given !== undefined && given !== null) {
    if (typeof given !== 'object' || Array.isArray(given)) throw invalidAttribute('export', 'export must be an object {exportBucketId, frequencyType}.')
    const {exportBucketId, frequencyType} = given as Record<string, unknown>
    if (exportBucketId !== undefined) {
      if (typeof exportBucketId !== 'string' || !isObjectId(exportBucketId)) throw invalidAttribute('export.exportBucketId', `${JSON.stringify(exportBucketId)} is not 24 hexadecimal characters.`)
      if (!new ExportRepository(s.repo.db).findBucket(cluster.projectId, exportBucketId)) throw exportBucketNotFound(exportBucketId)
    }
    if (frequencyType !== undefined && (typeof frequencyType !== 'string' || !FREQUENCIES.includes(frequencyType))) {
      throw new AtlasApiError(400, 'INVALID_ENUM_VALUE', `An invalid enumeration value ${JSON.stringify(frequencyType)} was specified for export.frequencyType: use monthly or yearly.`, [frequencyType, 'export.frequencyType'])
    }
  }
  const enabled = patch.autoExportEnabled ?? current.autoExportEnabled ?? false
  const policy = {...current.export, ...(patch.export ?? {})}
  if (enabled && (policy.exportBucketId === undefined || policy.frequencyType === undefined)) {
    throw invalidAttribute('autoExportEnabled', 'auto-export needs export.exportBucketId and export.frequencyType (monthly or yearly).')
  }
}

/** Called once the merged schedule is stored: auto-export turned on starts with the snapshots that complete from now. */
export function noteAutoExportChange(s: LocalSession, cluster: ClusterWithSchedule, before: BackupSchedule, after: BackupSchedule): void {
  if (after.autoExportEnabled === true && before.autoExportEnabled !== true) cluster.state.autoExportedTo = s.now
}

/**
 * The export jobs auto-export owes since the cluster was last looked at: one per snapshot of the policy's frequency
 * completed meanwhile, found through the snapshots' completion index (never the whole history). Returns the
 * snapshots to export; the caller creates the jobs (export-jobs.ts).
 */
export function owedAutoExports(s: LocalSession, cluster: ClusterWithSchedule): {bucketId: string; snapshotIds: string[]} | undefined {
  const schedule = cluster.schedule
  const from = cluster.state.autoExportedTo
  if (!schedule?.autoExportEnabled || from === undefined || from >= s.now) return undefined
  const bucketId = schedule.export?.exportBucketId
  const frequency = schedule.export?.frequencyType
  if (bucketId === undefined || frequency === undefined) return undefined
  const repo = new ExportRepository(s.repo.db)
  const snapshotIds = s.repo
    .snapshotsCompletedBetween(cluster.id, from + 1, s.now)
    .filter((record) => record.frequencyType === frequency && snapshotStateAt(record, s.now).status === 'completed' && !repo.hasJob(cluster.id, record.id, bucketId))
    .map((record) => record.id)
  return {bucketId, snapshotIds}
}
