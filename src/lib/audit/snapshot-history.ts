import {fromIso} from '../domain/time.js'
import type {PageRequest, Paginated} from '../domain/types.js'
import type {SnapshotHistory} from './facts.js'

/** A snapshot as the history reads it, whichever API listed it (cluster, serverless or Flex). */
export interface SnapshotPoint {
  completed: boolean
  failed: boolean
  /** ISO instant the snapshot was taken (createdAt; a Flex snapshot's startTime or scheduledTime). */
  at?: string
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
      const {completed, failed, at} = point(snapshot)
      const time = at === undefined ? undefined : fromIso(at)
      if (completed && time !== undefined && (newestCompletedAt === null || time > newestCompletedAt)) newestCompletedAt = time
      if (needs.failedSince !== undefined && time !== undefined) {
        if (time < needs.failedSince) windowPassed = true
        else if (failed) failedSince.push(at!)
      }
    }
    const settled = (!needs.newestCompleted || newestCompletedAt !== null) && windowPassed
    if (settled || page.results.length < HISTORY_PAGE_SIZE) break
  }
  return {newestCompletedAt, failedSince}
}
