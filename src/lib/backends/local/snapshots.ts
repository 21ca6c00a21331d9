import {checkSnapshotDeletion, checkSnapshotRetentionChange, onDemandDaysUnderPolicy} from '../../compliance/enforcement.js'
import {extraRetentionDays, withExtraRetention} from '../../compliance/extra-retention.js'
import {invalidSnapshotId, snapshotNotFound} from '../../domain/atlas-errors.js'
import {deterministicObjectId, isObjectId} from '../../domain/ids.js'
import {DAY_MS} from '../../domain/time.js'
import type {OnDemandSnapshotRequest, PageRequest, Paginated, RetentionUnit, SnapshotRetentionPatch} from '../../domain/types.js'
import {addRetention, compileSchedule} from '../../schedule/index.js'
import {checkDelete, checkExpiry, checkOnDemandRequest, checkRetentionChange, checkSnapshotsManagedByUser, DEFAULT_ON_DEMAND_RETENTION_DAYS, snapshotStateAt} from '../../snapshots/index.js'
import {compliancePolicyInForce} from './compliance-policy-repository.js'
import {addToCopyWindows} from './copy-windows.js'
import {ExportRepository} from './export-repository.js'
import type {SnapshotRecord} from './records.js'
import type {ClusterWithSchedule} from './repository.js'
import type {LocalSession} from './session.js'
import {countedTotal, paginateStored} from './views.js'
import {buildRecord, previousFiring} from './world.js'

/**
 * The snapshots resource of the emulator: page, find, take on demand, change retention and delete one cluster's
 * snapshots. Callers (LocalBackend) have opened the transaction and brought the cluster up to now; they turn records
 * into API JSON.
 */

const LOWER_UNIT: Record<SnapshotRetentionPatch['retentionUnit'], RetentionUnit> = {DAYS: 'days', WEEKS: 'weeks', MONTHS: 'months', YEARS: 'years'}

export function snapshotPage<T>(s: LocalSession, cluster: ClusterWithSchedule, page: PageRequest, path: string, view: (r: SnapshotRecord) => T): Paginated<T> {
  return paginateStored(s.view, path, page, countedTotal(page, () => s.repo.countSnapshots(cluster.id)), (limit, offset) => s.repo.pageOfSnapshots(cluster.id, limit, offset), view)
}

export function findSnapshot(s: LocalSession, cluster: ClusterWithSchedule, snapshotId: string): SnapshotRecord {
  if (!isObjectId(snapshotId)) throw invalidSnapshotId(snapshotId)
  const record = s.repo.findSnapshot(cluster.id, snapshotId)
  if (!record) throw snapshotNotFound(snapshotId, cluster.name)
  return record
}

export function takeOnDemandSnapshot(s: LocalSession, cluster: ClusterWithSchedule, request: OnDemandSnapshotRequest): SnapshotRecord {
  // Only an unfinished snapshot can refuse the request, so only those are read (not every snapshot of the cluster).
  const existing = s.repo.unfinishedSnapshots(cluster.id, s.now).map((record) => ({snapshotType: record.snapshotType, status: snapshotStateAt(record, s.now).status}))
  checkOnDemandRequest({tier: cluster.spec.tier, retentionInDays: request.retentionInDays, snapshots: existing})
  const days = onDemandDaysUnderPolicy(compliancePolicyInForce(s.repo.db, cluster.projectId), s.now, request.retentionInDays, DEFAULT_ON_DEMAND_RETENTION_DAYS)
  cluster.state.sequence += 1
  const record = buildRecord(
    cluster,
    {
      id: deterministicObjectId(s.now, `${cluster.id}/on-demand/${cluster.state.sequence}`),
      at: s.now,
      snapshotType: 'onDemand',
      frequencyType: 'ondemand',
      description: request.description ?? '',
      retentionUnit: 'days',
      retentionValue: days,
      previousAt: cluster.schedule ? previousFiring(compileSchedule(cluster.schedule), s.now) : undefined,
    },
    (completedAt) => completedAt + days * DAY_MS,
  )
  const life = withExtraRetention(record, extraRetentionDays(s.extraRetentionInForce(cluster), 'ondemand'))
  record.expiresAt = life.expiresAt
  if (life.protectedUntil !== undefined) record.protectedUntil = life.protectedUntil
  s.repo.insertSnapshot(cluster.id, record)
  addToCopyWindows(s.repo, cluster, record)
  s.repo.saveCluster(cluster)
  return record
}

export function changeSnapshotRetention(s: LocalSession, cluster: ClusterWithSchedule, snapshotId: string, body: SnapshotRetentionPatch): SnapshotRecord {
  const record = findSnapshot(s, cluster, snapshotId)
  checkSnapshotsManagedByUser({tier: cluster.spec.tier, clusterName: cluster.name, action: 'changed'})
  const state = snapshotStateAt(record, s.now)
  checkRetentionChange({status: state.status, retentionUnit: body?.retentionUnit, retentionValue: body?.retentionValue})
  const unit = LOWER_UNIT[body.retentionUnit]
  // Atlas counts the new retention from the snapshot's creation, not from the request: only a completed snapshot
  // gets here, and it was created when it finished (its state's createdAt).
  const expiresAt = addRetention(record.finishesAt, unit, body.retentionValue)
  checkExpiry(expiresAt, body)
  checkSnapshotRetentionChange(compliancePolicyInForce(s.repo.db, cluster.projectId), record, expiresAt)
  record.retentionUnit = unit
  record.retentionValue = body.retentionValue
  record.expiresAt = expiresAt
  record.retentionEdited = true
  // The retention chosen for this snapshot alone replaces what extra retention gave it: protected until it expires.
  delete record.protectedUntil
  s.repo.updateSnapshot(cluster.id, record)
  return record
}

export function deleteSnapshot(s: LocalSession, cluster: ClusterWithSchedule, snapshotId: string): void {
  const record = findSnapshot(s, cluster, snapshotId)
  checkSnapshotsManagedByUser({tier: cluster.spec.tier, clusterName: cluster.name, action: 'deleted'})
  checkDelete({status: snapshotStateAt(record, s.now).status})
  checkSnapshotDeletion(compliancePolicyInForce(s.repo.db, cluster.projectId), record, s.now)
  s.repo.deleteSnapshot(cluster.id, snapshotId)
  new ExportRepository(s.repo.db).cancelExportsOfSnapshot(cluster.id, snapshotId, s.now)
}
