import {describe, expect, it} from 'vitest'

import {HISTORY_PAGE_SIZE, readSnapshotHistory, type SnapshotPoint} from '../../../src/lib/audit/snapshot-history.js'
import {HOUR_MS, toIso} from '../../../src/lib/domain/time.js'
import type {PageRequest, Paginated} from '../../../src/lib/domain/types.js'

const NOW = Date.parse('2026-06-15T10:00:00Z')

/** A year of hourly snapshots, newest first, the one 3 hours ago failed; counts the pages asked for. */
function history(): {pages: number[]; list: (page: PageRequest) => Promise<Paginated<SnapshotPoint>>} {
  const all: SnapshotPoint[] = Array.from({length: 24 * 365}, (_, index) => ({at: toIso(NOW - (index + 1) * HOUR_MS), completed: index !== 2 && index > 0, failed: index === 2}))
  all[0] = {completed: false, failed: false, at: toIso(NOW - HOUR_MS)}
  const pages: number[] = []
  return {
    pages,
    async list({pageNum = 1, itemsPerPage = 100}) {
      pages.push(pageNum)
      return {results: all.slice((pageNum - 1) * itemsPerPage, pageNum * itemsPerPage)}
    },
  }
}

describe('snapshot history for the audit: newest first, read only as far back as the controls need', () => {
  it('one page settles the RPO: the newest completed snapshot, past an in-progress one', async () => {
    const source = history()
    const read = await readSnapshotHistory(source.list, (s) => s, {newestCompleted: true})
    expect(read).toEqual({newestCompletedAt: NOW - 2 * HOUR_MS, failedSince: []})
    expect(source.pages).toEqual([1])
  })

  it('a 7-day failure window reads 2 pages of 100 (168 hourly snapshots), not the 88 pages of the year', async () => {
    const source = history()
    const read = await readSnapshotHistory(source.list, (s) => s, {newestCompleted: true, failedSince: NOW - 7 * 24 * HOUR_MS})
    expect(read.failedSince).toEqual([toIso(NOW - 3 * HOUR_MS)])
    expect(HISTORY_PAGE_SIZE).toBe(100)
    expect(source.pages).toEqual([1, 2])
  })

  it('a cluster without a completed snapshot is read to its end, and says so', async () => {
    const pages: number[] = []
    const read = await readSnapshotHistory(
      async ({pageNum = 1}) => {
        pages.push(pageNum)
        return {results: pageNum === 1 ? [{completed: false, failed: true, id: '6850ab80aaaaaaaaaaaaaaaa'}] : []}
      },
      (s: SnapshotPoint) => s,
      {newestCompleted: true, failedSince: 0},
    )
    // A failed snapshot carries no createdAt: its ObjectId says when it was taken.
    expect(read).toEqual({newestCompletedAt: null, failedSince: ['2025-06-16T23:40:48Z']})
    expect(pages).toEqual([1])
  })
})
