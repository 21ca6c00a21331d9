import {afterAll, beforeAll, describe, expect, test} from 'vitest'

import {openListAll} from '../../../src/lib/backends/all-pages.js'
import type {ExportBucketRecord, ExportJobRecord} from '../../../src/lib/backends/local/export-records.js'
import {ExportRepository} from '../../../src/lib/backends/local/export-repository.js'
import {LocalBackend} from '../../../src/lib/backends/local/local-backend.js'
import type {RestoreJobRecord} from '../../../src/lib/backends/local/restore-job-records.js'
import {RestoreJobRepository} from '../../../src/lib/backends/local/restore-job-repository.js'
import {jsonListPieces} from '../../../src/lib/cli/json-list.js'
import {renderJson} from '../../../src/lib/cli/output.js'
import {deterministicObjectId} from '../../../src/lib/domain/ids.js'
import type {PageRequest, Paginated} from '../../../src/lib/domain/types.js'
import {addBulkSnapshots, GROUP, localWorld, START, type LocalWorld} from './harness.js'

/**
 * Issue 16: `--all` reads page after page by keyset (the end of the last page served, through the list-order index)
 * instead of OFFSET. The pages must be exactly the OFFSET pages: each is compared with the same page read on a fresh
 * connection, which has no remembered position and so reads by OFFSET; and the streamed `--all -o json` with the
 * page-by-page pages joined and rendered at once.
 */

/** Every page by itself, each on a connection of its own (so by OFFSET), joined as --all joins them. */
async function pageByPage<T>(home: string, list: (backend: LocalBackend, page: PageRequest) => Promise<Paginated<T>>, itemsPerPage: number): Promise<string> {
  const results: T[] = []
  let first: Paginated<T> | undefined
  for (let pageNum = 1; ; pageNum += 1) {
    const fresh = new LocalBackend({home, wallClock: () => START})
    try {
      const page = await list(fresh, {pageNum, itemsPerPage, includeCount: pageNum === 1})
      first ??= page
      results.push(...page.results)
      if (page.results.length < itemsPerPage) break
    } finally {
      await fresh.close()
    }
  }
  return renderJson({links: first!.links!.filter((link) => link.rel === 'self'), results, totalCount: results.length})
}

async function streamedAll<T>(list: (page: PageRequest) => Promise<Paginated<T>>, itemsPerPage: number): Promise<string> {
  let text = ''
  for await (const piece of jsonListPieces(await openListAll(list, itemsPerPage), {omitCount: false})) text += piece
  return text
}

const snapshots = (backend: LocalBackend, page: PageRequest) => backend.listSnapshots(GROUP, 'Cluster0', page)

describe('--all by keyset: the same pages as by OFFSET', () => {
  for (const count of [1000, 10_000]) {
    describe(`${count.toLocaleString('en-US')} snapshots`, () => {
      let world: LocalWorld
      beforeAll(() => {
        world = localWorld()
        addBulkSnapshots(world.backend, count)
      })
      afterAll(() => world.backend.close())

      test('streamed --all -o json equals the pages read one by one, joined (500 and an uneven 7 per page)', async () => {
        for (const itemsPerPage of count > 1000 ? [500] : [500, 7]) {
          const expected = await pageByPage(world.home, snapshots, itemsPerPage)
          expect(JSON.parse(expected).totalCount).toBeGreaterThanOrEqual(count)
          expect(await streamedAll((page) => snapshots(world.backend, page), itemsPerPage)).toBe(expected)
        }
      })
    })
  }
})

describe('a remembered page end is forgotten when the list changes', () => {
  test('a snapshot added or deleted between two pages, on this connection or another: page 2 is the OFFSET page 2', async () => {
    const world = localWorld()
    try {
      addBulkSnapshots(world.backend, 30)
      const read = async (backend: LocalBackend, pageNum: number) => (await snapshots(backend, {pageNum, itemsPerPage: 10, includeCount: false})).results.map((s) => s.id)
      const byOffset = async (pageNum: number) => {
        const fresh = new LocalBackend({home: world.home, wallClock: () => START})
        try {
          return await read(fresh, pageNum)
        } finally {
          await fresh.close()
        }
      }
      const newest = (await read(world.backend, 1))[0]!
      // The same connection adds one at the top: everything moves down one place.
      const before = await read(world.backend, 2)
      await read(world.backend, 1)
      world.backend.transact((s) => {
        const cluster = s.cluster(GROUP, 'Cluster0')
        const model = s.repo.findSnapshot(cluster.id, newest)!
        s.repo.insertSnapshot(cluster.id, {...model, id: deterministicObjectId(START - 60_000, 'newer'), requestedAt: START - 60_000})
      })
      const afterInsert = await read(world.backend, 2)
      expect(afterInsert).toEqual(await byOffset(2))
      expect(afterInsert).not.toEqual(before)

      // Another connection deletes the newest: everything moves up one place.
      await read(world.backend, 1)
      const other = new LocalBackend({home: world.home, wallClock: () => START})
      other.transact((s) => s.repo.deleteSnapshot(s.cluster(GROUP, 'Cluster0').id, deterministicObjectId(START - 60_000, 'newer')))
      await other.close()
      expect(await read(world.backend, 2)).toEqual(await byOffset(2))

      // Unchanged: pages in a row, and a page asked out of turn, are the OFFSET pages.
      for (const pageNum of [1, 2, 3, 2, 4, 1]) expect(await read(world.backend, pageNum)).toEqual(await byOffset(pageNum))
    } finally {
      await world.backend.close()
    }
  })
})

describe('restore jobs --all by keyset', () => {
  test('300 jobs, several at one instant: streamed --all equals the pages read one by one', async () => {
    const world = localWorld()
    try {
      const page = await snapshots(world.backend, {itemsPerPage: 50})
      const snapshotId = page.results.find((s) => s.status === 'completed')!.id
      await world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'download', snapshotId})
      world.backend.transact((s) => {
        const jobs = new RestoreJobRepository(s.repo.db)
        const model = jobs.page(s.cluster(GROUP, 'Cluster0').id, 1, 0)[0]!
        for (let index = 0; index < 300; index += 1) {
          const at = START - 1000 - Math.floor(index / 4) * 60_000
          const job: RestoreJobRecord = {...model, id: deterministicObjectId(at, `job/${index}`), createdAt: at, finishesAt: at + 60_000, cancelledAt: at + 1}
          jobs.insert(job)
        }
      })
      const jobs = (backend: LocalBackend, request: PageRequest) => backend.listRestoreJobs(GROUP, 'Cluster0', request)
      for (const itemsPerPage of [100, 13]) {
        const expected = await pageByPage(world.home, jobs, itemsPerPage)
        expect(JSON.parse(expected).totalCount).toBe(301)
        expect(await streamedAll((request) => jobs(world.backend, request), itemsPerPage)).toBe(expected)
      }
    } finally {
      await world.backend.close()
    }
  })
})

describe('export buckets and export jobs --all by keyset', () => {
  test('250 of each, several at one instant (rowid orders them): streamed --all equals the pages read one by one, and pages after the first continue from a remembered key', async () => {
    const world = localWorld()
    try {
      const bucket = await world.backend.createExportBucket(GROUP, {cloudProvider: 'AWS', bucketName: 'keyset', iamRoleId: 'c0123456789abcdef012345c'})
      const snapshot = (await snapshots(world.backend, {itemsPerPage: 50})).results.find((s) => s.status === 'completed')!
      await world.backend.createExportJob(GROUP, 'Cluster0', {exportBucketId: bucket._id, snapshotId: snapshot.id!})
      world.backend.transact((s) => {
        const exports = new ExportRepository(s.repo.db)
        const bucketModel = exports.bucketPage(GROUP, 1, 0)[0]!
        const jobModel = exports.jobPage(s.cluster(GROUP, 'Cluster0').id, 1, 0)[0]!
        for (let index = 0; index < 250; index += 1) {
          // Four to an instant, inserted out of time order: the order is (instant, rowid), not the insertion order.
          const at = START - 1000 - ((index * 37) % 63) * 60_000
          const bucketCopy: ExportBucketRecord = {...bucketModel, id: deterministicObjectId(at, `bucket/${index}`), createdAt: at}
          const jobCopy: ExportJobRecord = {...jobModel, id: deterministicObjectId(at, `export/${index}`), createdAt: at, finishesAt: at + 60_000}
          exports.insertBucket(bucketCopy)
          exports.insertJob(jobCopy)
        }
      })
      type List = (backend: LocalBackend, request: PageRequest) => Promise<Paginated<unknown>>
      const buckets: List = (backend, request) => backend.listExportBuckets(GROUP, request)
      const jobs: List = (backend, request) => backend.listExportJobs(GROUP, 'Cluster0', request)
      const db = world.backend.database()
      const prepare = db.prepare.bind(db)
      const byKey: string[] = []
      db.prepare = ((sql: string) => {
        if (/\(created_at, rowid\) [<>] \(\?, \?\)/.test(sql)) byKey.push(sql)
        return prepare(sql)
      }) as typeof db.prepare
      try {
        for (const [list, name] of [[buckets, 'export_buckets'], [jobs, 'export_jobs']] as const) {
          for (const itemsPerPage of [100, 13]) {
            const expected = await pageByPage(world.home, list, itemsPerPage)
            expect(JSON.parse(expected).totalCount).toBe(251)
            byKey.length = 0
            expect(await streamedAll((request) => list(world.backend, request), itemsPerPage)).toBe(expected)
            expect(byKey.filter((sql) => sql.includes(`FROM ${name} `)).length).toBeGreaterThanOrEqual(Math.floor(251 / itemsPerPage))
          }
        }
      } finally {
        db.prepare = prepare
      }
    } finally {
      await world.backend.close()
    }
  })
})
