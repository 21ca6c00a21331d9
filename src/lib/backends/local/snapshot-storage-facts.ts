import {toIso} from '../../domain/time.js'
import type {CloudProvider} from '../../domain/types.js'
import {copySize, type CopyKind} from '../../snapshots/copy-size.js'
import {sharedTierStorageLocation, type SharedTierStorageLocation} from '../../snapshots/storage-location.js'
import type {ClusterRow, SnapshotRecord} from './records.js'
import {sharedTierStorageOf} from './world.js'

/**
 * Where a snapshot and its copies are kept, for `local snapshots explain`: facts Atlas shows in its UI or bills for
 * but no API field carries, so they stay out of the API JSON.
 */

export interface SharedTierStorageFact {
  /** Where Atlas stores the M2/M5 snapshot (seed: "Backup Snapshot Storage Locations"). */
  location: SharedTierStorageLocation
  /** The cluster's region when the snapshot was taken. */
  regionName: string
  /** The seed's cluster location the region lies in; absent for "all other cluster locations". */
  clusterLocation?: string
}

export interface CopyFact {
  cloudProvider: CloudProvider
  regionName: string
  copiedAt: string
  expiresAt?: string
  copy: CopyKind
  sizeBytes: number
}

export function sharedTierStorageFact(cluster: ClusterRow, record: SnapshotRecord): SharedTierStorageFact | undefined {
  // Stores written before the location was recorded: a cluster that is still M2/M5 was in its region then too.
  const stored = record.sharedTierStorage ?? sharedTierStorageOf(cluster.spec)
  if (!stored) return undefined
  const {clusterLocation} = sharedTierStorageLocation(record.cloudProvider, stored.regionName)
  return {location: stored.location, regionName: stored.regionName, ...(clusterLocation ? {clusterLocation} : {})}
}

/** Every copy the snapshot has or had planned, with its kind and size (full on Google Cloud, else incremental). */
export function copyFacts(cluster: ClusterRow, record: SnapshotRecord): CopyFact[] {
  const snapshotBytes = record.members.reduce((sum, member) => sum + member.sizeBytes, 0)
  const dataSetBytes = record.dataSizeBytes ?? cluster.spec.dataSizeBytes
  return (record.copies ?? []).map((copy) => {
    const size = copySize({provider: copy.cloudProvider, snapshotBytes, dataSetBytes})
    return {
      cloudProvider: copy.cloudProvider,
      regionName: copy.regionName,
      copiedAt: toIso(copy.copiedAt),
      ...(copy.expiresAt === undefined ? {} : {expiresAt: toIso(copy.expiresAt)}),
      copy: size.kind,
      sizeBytes: size.sizeBytes,
    }
  })
}
