import {beforeEach, describe, expect, it} from 'vitest'

import {createCloudBackend} from '../../src/lib/backends/cloud/index.js'
import {fetchAllPages, listAll} from '../../src/lib/backends/all-pages.js'
import type {Paginated} from '../../src/lib/domain/types.js'
import {cloudSettings} from '../helpers/cloud-settings.js'
import {type FaultServer, faultServerPerTest, json} from './fault-server.js'

const GROUP = '5e2211c17a3e5a48f5497de3'
const snapshot = (n: number) => ({id: n.toString(16).padStart(24, '0'), status: 'completed', snapshotType: 'scheduled', type: 'replicaSet'})

const faults = faultServerPerTest()
let server: FaultServer
beforeEach(() => {
  server = faults()
})

/**
 * Atlas-like paging over `total` snapshots; counts requests in flight. Answers are delayed so concurrency shows.
 * With `holdUntil`, answers after page 1 wait (for a condition, not a time) until that many requests are in flight or
 * every page has been asked for, so a client that asks `holdUntil` at once always shows it, however loaded the machine.
 */
function serveSnapshots(total: number, options: {reportedTotal?: number; failPage?: number; holdUntil?: number} = {}) {
  const stats = {inFlight: 0, maxInFlight: 0}
  const held: Array<() => void> = []
  let asked = 0
  let releasing = false
  const release = (pages: number): void => {
    if (releasing || (stats.inFlight < (options.holdUntil ?? 0) && asked < pages)) return
    releasing = true
    // A moment more, so a client asking more than `holdUntil` at once shows it too (a slow machine can only hide
    // that, never fail a correct client).
    setTimeout(() => {
      releasing = false
      for (const answer of held.splice(0)) answer()
    }, 20)
  }
  server.handler = (request, response) => {
    const query = new URL(request.url, 'http://x').searchParams
    const pageNum = Number(query.get('pageNum') ?? 1)
    const itemsPerPage = Number(query.get('itemsPerPage') ?? 100)
    const pages = Math.ceil(total / itemsPerPage)
    asked += 1
    stats.inFlight += 1
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight)
    const answer = (): void => {
      stats.inFlight -= 1
      if (pageNum === options.failPage) return json(response, 404, {detail: 'gone', error: 404, errorCode: 'SNAPSHOT_NOT_FOUND', parameters: [], reason: 'Not Found'})
      const start = (pageNum - 1) * itemsPerPage
      const results = Array.from({length: Math.max(0, Math.min(itemsPerPage, total - start))}, (_, i) => snapshot(start + i + 1))
      const links = [{href: `http://x${request.url}`, rel: 'self'}, ...(start + itemsPerPage < total ? [{href: 'http://x/next', rel: 'next'}] : [])]
      json(response, 200, query.get('includeCount') === 'false' ? {links, results} : {links, results, totalCount: options.reportedTotal ?? total})
    }
    if (options.holdUntil === undefined) return void setTimeout(answer, 20)
    // Page 1 comes alone: the client asks for the others once it knows how many there are.
    if (pageNum === 1) return answer()
    held.push(answer)
    release(pages)
  }
  return stats
}

async function cloud() {
  return createCloudBackend(cloudSettings(server.url, {kind: 'apiKey', publicKey: 'p', privateKey: 'k', source: 'env'}), {debug: () => {}, warn: () => {}})
}

describe('--all pagination against a real server', () => {
  it('fetches page 1, then the other pages in parallel (at most 4 at once), merged in order', async () => {
    const stats = serveSnapshots(23, {holdUntil: 4})
    const backend = await cloud()
    const all = await listAll((page) => backend.listSnapshots(GROUP, 'Cluster0', page), 2)
    expect(all.results.map((s) => s.id)).toEqual(Array.from({length: 23}, (_, i) => snapshot(i + 1).id))
    expect(all.totalCount).toBe(23)
    expect(all.links).toEqual([{href: expect.stringContaining('pageNum=1') as unknown as string, rel: 'self'}])
    const pages = server.seen.map((s) => Number(new URL(s.url, 'http://x').searchParams.get('pageNum')))
    expect(pages[0]).toBe(1)
    expect([...pages].sort((a, b) => a - b)).toEqual(Array.from({length: 12}, (_, i) => i + 1))
    expect(stats.maxInFlight).toBe(4)
    expect(server.seen[0]!.url).toContain('includeCount=true')
    expect(server.seen[1]!.url).toContain('includeCount=false')
  })

  it('fetches a single page once', async () => {
    serveSnapshots(3)
    const backend = await cloud()
    const all = await listAll((page) => backend.listSnapshots(GROUP, 'Cluster0', page), 100)
    expect(all.results).toHaveLength(3)
    expect(server.count()).toBe(1)
  })

  it('follows on page by page when totalCount underestimates', async () => {
    serveSnapshots(9, {reportedTotal: 4})
    const backend = await cloud()
    const all = await listAll((page) => backend.listSnapshots(GROUP, 'Cluster0', page), 2)
    expect(all.results).toHaveLength(9)
    expect(all.totalCount).toBe(9)
  })

  it('stops at the first failing page and throws its error', async () => {
    serveSnapshots(20, {failPage: 3})
    const backend = await cloud()
    await expect(listAll((page) => backend.listSnapshots(GROUP, 'Cluster0', page), 2)).rejects.toMatchObject({status: 404, errorCode: 'SNAPSHOT_NOT_FOUND'})
    expect(server.count()).toBeLessThan(10)
  })
})

describe('fetchAllPages (pure)', () => {
  const page = (from: number, count: number, totalCount?: number): Paginated<number> => ({results: Array.from({length: count}, (_, i) => from + i), totalCount})

  it('without a totalCount, fetches pages one after another until a short one', async () => {
    const asked: number[] = []
    const all = await fetchAllPages(
      async () => page(1, 3),
      async (n) => {
        asked.push(n)
        return page((n - 1) * 3 + 1, n < 3 ? 3 : 1)
      },
      3,
    )
    expect(all.results).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(asked).toEqual([2, 3])
  })

  it('honours concurrency and maxPages', async () => {
    let inFlight = 0
    let most = 0
    const all = await fetchAllPages(
      async () => page(1, 1, 50),
      async (n) => {
        inFlight += 1
        most = Math.max(most, inFlight)
        await new Promise((resolve) => setTimeout(resolve, 5))
        inFlight -= 1
        return page(n, 1)
      },
      1,
      {concurrency: 2, maxPages: 10},
    )
    expect(all.results).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(most).toBe(2)
  })

  it('returns an empty list as one envelope', async () => {
    expect(await fetchAllPages(async () => page(1, 0, 0), async () => page(1, 0), 100)).toEqual({results: [], totalCount: 0})
  })
})
