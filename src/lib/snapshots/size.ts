/**
 * Modelled snapshot sizes. Atlas does not publish a formula; this one only has to look right: a full copy holds the
 * whole data set, an incremental one the blocks changed since the previous snapshot, assumed to be 0.5 % of the
 * data per hour, at least 1 MiB and never more than a full copy.
 */
const CHANGE_PER_HOUR = 0.005
const MIN_INCREMENT_BYTES = 1024 * 1024

export function snapshotSizeBytes(input: {kind: 'full' | 'incremental'; dataSizeBytes: number; hoursSincePrevious: number}): number {
  if (input.kind === 'full') return input.dataSizeBytes
  const changed = Math.round(input.dataSizeBytes * CHANGE_PER_HOUR * Math.max(0, input.hoursSincePrevious))
  return Math.min(input.dataSizeBytes, Math.max(MIN_INCREMENT_BYTES, changed))
}
