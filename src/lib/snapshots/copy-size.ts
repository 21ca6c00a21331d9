import type {CloudProvider} from '../domain/types.js'

/**
 * How big a snapshot's copy in another region is (seed: "Configure Atlas to Automatically Copy Snapshots to Other
 * Regions"): copies in AWS and Azure regions are incremental, so a copy holds what its snapshot holds (the changed
 * blocks, or the whole data set when the snapshot itself was a full copy); copies on Google Cloud are not incremental,
 * so each one holds the whole data set, whatever its snapshot was.
 */
export type CopyKind = 'full' | 'incremental'

export function copyKindIn(provider: CloudProvider): CopyKind {
  return provider === 'GCP' ? 'full' : 'incremental'
}

export interface CopySize {
  kind: CopyKind
  sizeBytes: number
}

/** `snapshotBytes`: the snapshot's own storage size; `dataSetBytes`: the cluster's data when it was taken. */
export function copySize(input: {provider: CloudProvider; snapshotBytes: number; dataSetBytes: number}): CopySize {
  const kind = copyKindIn(input.provider)
  // A full copy never holds less than the snapshot it copies, even if the data set shrank since.
  return {kind, sizeBytes: kind === 'full' ? Math.max(input.dataSetBytes, input.snapshotBytes) : input.snapshotBytes}
}
