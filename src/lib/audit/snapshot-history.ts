import {objectIdTime} from '../domain/ids.js'
import {fromIso, toIso} from '../domain/time.js'
import type {PageRequest, Paginated} from '../domain/types.js'
import type {SnapshotHistory} from './facts.js'

/** A snapshot as the history reads it, whichever API listed it (cluster, serverless or Flex). */
export interface SnapshotPoint {
  completed: boolean
  failed: boolean
  /** ISO instant the snapshot was taken (createdAt; a Flex snapshot's startTime or scheduledTime). */
  at?: string
  /** The snapshot's id: a failed snapshot has no createdAt, and its ObjectId still says when it was taken. */
  id?: string
}

function whenTaken(point: SnapshotPoint): number | undefined {
  if (point.at !== undefined) return fromIso(point.at)
  return point.id === undefined ? undefined : objectIdTime(point.id)
}

export interface HistoryNeeds {
  /** The newest completed snapshot is needed (the RPO control). */
  newestCompleted: boolean
  /** Failed snapshots taken at or after this instant (ms) are needed (the failure control). */
  failedSince?: number
}

/** Page size of the history reads: most controls are settled by the first page, and Atlas allows up to 500. */
export const HISTORY_PAGE_SIZE = 100
/** A guard against a server whose pages never end. */
const MAX_PAGES = 1000

/**
 * Reads a deployment's snapshots newest first (the order Atlas lists them), one page at a time, and stops as soon as
 * the controls are settled: the newest completed snapshot found, and a snapshot older than the failure window seen.
 * So a cluster with a year of hourly snapshots costs one or two requests, not the whole list.
 */
export async function readSnapshotHistory<T>(list: (page: PageRequest) => Promise<Paginated<T>>, point: (snapshot: T) => SnapshotPoint, needs: HistoryNeeds): Promise<SnapshotHistory> {
  let newestCompletedAt: number | null = null
  const failedSince: string[] = []
  let windowPassed = needs.failedSince === undefined
  for (let pageNum = 1; pageNum <= MAX_PAGES; pageNum++) {
    const page = await list({pageNum, itemsPerPage: HISTORY_PAGE_SIZE, includeCount: false})
    for (const snapshot of page.results) {
      const taken = point(snapshot)
      const {completed, failed} = taken
      const time = whenTaken(taken)
      if (completed && time !== undefined && (newestCompletedAt === null || time > newestCompletedAt)) newestCompletedAt = time
      if (needs.failedSince !== undefined && time !== undefined) {
        if (time < needs.failedSince) windowPassed = true
        else if (failed) failedSince.push(toIso(time))
      }
    }
    const settled = (!needs.newestCompleted || newestCompletedAt !== null) && windowPassed
    if (settled || page.results.length < HISTORY_PAGE_SIZE) break
  }
  return {newestCompletedAt, failedSince}
}
