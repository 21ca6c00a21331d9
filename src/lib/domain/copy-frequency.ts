import type {CopyFrequency, SnapshotFrequencyType} from './types.js'

/**
 * The one map between a snapshot's (or a policy item's) lower-case frequencyType and the upper-case frequency that
 * copy settings and extra retention settings name it by: on-demand snapshots are `ondemand` on the snapshot and
 * ON_DEMAND in the settings.
 */
const COPY_FREQUENCY: Readonly<Record<SnapshotFrequencyType, CopyFrequency>> = {
  hourly: 'HOURLY',
  daily: 'DAILY',
  weekly: 'WEEKLY',
  monthly: 'MONTHLY',
  yearly: 'YEARLY',
  ondemand: 'ON_DEMAND',
}

/** Every copy frequency, most frequent first, ON_DEMAND last (the order the spec lists them in). */
export const COPY_FREQUENCIES: readonly CopyFrequency[] = Object.values(COPY_FREQUENCY)

export function copyFrequencyOf(frequencyType: SnapshotFrequencyType): CopyFrequency {
  return COPY_FREQUENCY[frequencyType]
}

/** A frequencyType as a user may type it (`daily`, `ondemand`), or undefined when it names none. */
export function copyFrequencyNamed(word: string): CopyFrequency | undefined {
  return Object.hasOwn(COPY_FREQUENCY, word) ? COPY_FREQUENCY[word as SnapshotFrequencyType] : undefined
}
