import type {Link, PageRequest, Paginated} from '../domain/types.js'

/**
 * `--all`: every page of an Atlas list as one envelope. Pure (no axios, no backend): it only calls the fetchers it
 * is given, so any backend and any list command can use it.
 */

/** Pages fetched at once after the first: enough to hide latency, few enough not to drain Atlas's rate-limit bucket. */
export const DEFAULT_PAGE_CONCURRENCY = 4
/** A guard against a server whose pages never end (500 items × 1000 pages is far beyond any backup list). */
export const DEFAULT_MAX_PAGES = 1000

export interface FetchAllOptions {
  /** At most this many page requests in flight after the first page (default 4). */
  concurrency?: number
  /** Stop after this many pages (default 1000). */
  maxPages?: number
}

/**
 * Every page of a list, page 1 already read: `--all` prints from this as the pages arrive (-o json), or joins them
 * (fetchAllPages). Reading page 1 first means a refusal of the list itself (no such cluster, a Flex cluster) is thrown
 * before anything is printed.
 */
export interface AllPages<T> {
  /** Page 1's `self` link, the only link the joined envelope keeps; undefined when page 1 had none. */
  selfLinks?: Link[]
  /** The results page by page, in page order, page 1 first; iterate once. */
  pages: AsyncIterable<T[]>
}

/**
 * Fetches page 1, works out the number of pages from its `totalCount`, and reads pages 2…n in parallel (at most
 * `concurrency` at once) while handing them out in page order, so no more than `concurrency` pages wait in memory.
 * The first failure stops new requests and is thrown where that page is due.
 *
 * `totalCount` is only an estimate (atlas-api-notes §5), so:
 * - when it is missing (includeCount=false), pages are fetched one after another until one comes back short;
 * - when the last expected page comes back full, the following pages are fetched one by one until a short one.
 *
 * @param fetchFirst   fetches page 1 (with includeCount=true, itemsPerPage=`itemsPerPage`)
 * @param fetchPage    fetches page `pageNum` (2, 3 …) with the same itemsPerPage; includeCount may be false
 * @param itemsPerPage the page size both fetchers use (the command's --limit)
 */
export async function openAllPages<T>(
  fetchFirst: () => Promise<Paginated<T>>,
  fetchPage: (pageNum: number) => Promise<Paginated<T>>,
  itemsPerPage: number,
  options: FetchAllOptions = {},
): Promise<AllPages<T>> {
  if (!Number.isInteger(itemsPerPage) || itemsPerPage < 1) throw new RangeError(`itemsPerPage must be a positive integer, got ${itemsPerPage}`)
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_PAGE_CONCURRENCY))
  const maxPages = Math.max(1, Math.floor(options.maxPages ?? DEFAULT_MAX_PAGES))
  const first = await fetchFirst()
  const self = first.links?.filter((link: Link) => link.rel === 'self')
  return {...(self && self.length > 0 ? {selfLinks: self} : {}), pages: laterPages(first, fetchPage, itemsPerPage, concurrency, maxPages)}
}

async function* laterPages<T>(first: Paginated<T>, fetchPage: (pageNum: number) => Promise<Paginated<T>>, itemsPerPage: number, concurrency: number, maxPages: number): AsyncGenerator<T[]> {
  yield first.results
  let lastPage = first
  let fetched = 1
  if (typeof first.totalCount === 'number' && first.results.length > 0) {
    const expected = Math.min(maxPages, Math.max(1, Math.ceil(first.totalCount / itemsPerPage)))
    // Requests in flight, in page order; each failure is caught at once (no unhandled rejection) and stops new ones.
    const queue: Array<Promise<Paginated<T>>> = []
    let next = 2
    let failed = false
    const launch = () => {
      while (!failed && queue.length < concurrency && next <= expected) {
        const request = fetchPage(next++)
        request.catch(() => {
          failed = true
        })
        queue.push(request)
      }
    }
    launch()
    while (queue.length > 0) {
      const page = await queue.shift()!
      fetched += 1
      lastPage = page
      launch()
      yield page.results
    }
  }
  // Unknown total, or more items than the estimate said: carry on one page at a time until a short page.
  while (lastPage.results.length >= itemsPerPage && fetched < maxPages) {
    lastPage = await fetchPage(fetched + 1)
    fetched += 1
    yield lastPage.results
  }
}

/**
 * Every page joined into one envelope. Its `totalCount` is the number of results actually returned; `links` keeps
 * only page 1's `self` link (its `next`/`previous` would describe a single page, which this no longer is).
 */
export async function fetchAllPages<T>(
  fetchFirst: () => Promise<Paginated<T>>,
  fetchPage: (pageNum: number) => Promise<Paginated<T>>,
  itemsPerPage: number,
  options: FetchAllOptions = {},
): Promise<Paginated<T>> {
  return joinPages(await openAllPages(fetchFirst, fetchPage, itemsPerPage, options))
}

/** Reads the rest of the pages and joins them, as fetchAllPages returns them. */
export async function joinPages<T>(all: AllPages<T>): Promise<Paginated<T>> {
  const results: T[] = []
  for await (const page of all.pages) for (const item of page) results.push(item)
  return {...(all.selfLinks ? {links: all.selfLinks} : {}), results, totalCount: results.length}
}

/**
 * The same for a list method taking a PageRequest, e.g.
 * `listAll((page) => backend.listSnapshots(groupId, clusterName, page), flags.limit)`.
 */
export function listAll<T>(list: (page: PageRequest) => Promise<Paginated<T>>, itemsPerPage: number, options: FetchAllOptions = {}): Promise<Paginated<T>> {
  return openListAll(list, itemsPerPage, options).then(joinPages)
}

/** listAll without the join: page 1 read, the rest as they come. */
export function openListAll<T>(list: (page: PageRequest) => Promise<Paginated<T>>, itemsPerPage: number, options: FetchAllOptions = {}): Promise<AllPages<T>> {
  return openAllPages(
    () => list({pageNum: 1, itemsPerPage, includeCount: true}),
    (pageNum) => list({pageNum, itemsPerPage, includeCount: false}),
    itemsPerPage,
    options,
  )
}
