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
 * Fetches page 1, works out the number of pages from its `totalCount`, fetches pages 2…n in parallel (at most
 * `concurrency` at once) and joins the results in page order. The first failure stops new requests and is thrown.
 *
 * `totalCount` is only an estimate (atlas-api-notes §5), so:
 * - when it is missing (includeCount=false), pages are fetched one after another until one comes back short;
 * - when the last expected page comes back full, the following pages are fetched one by one until a short one.
 *
 * The envelope's `totalCount` is the number of results actually returned; `links` keeps only page 1's `self` link
 * (its `next`/`previous` would describe a single page, which this no longer is).
 *
 * @param fetchFirst   fetches page 1 (with includeCount=true, itemsPerPage=`itemsPerPage`)
 * @param fetchPage    fetches page `pageNum` (2, 3 …) with the same itemsPerPage; includeCount may be false
 * @param itemsPerPage the page size both fetchers use (the command's --limit)
 */
export async function fetchAllPages<T>(
  fetchFirst: () => Promise<Paginated<T>>,
  fetchPage: (pageNum: number) => Promise<Paginated<T>>,
  itemsPerPage: number,
  options: FetchAllOptions = {},
): Promise<Paginated<T>> {
  if (!Number.isInteger(itemsPerPage) || itemsPerPage < 1) throw new RangeError(`itemsPerPage must be a positive integer, got ${itemsPerPage}`)
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_PAGE_CONCURRENCY))
  const maxPages = Math.max(1, Math.floor(options.maxPages ?? DEFAULT_MAX_PAGES))

  const first = await fetchFirst()
  const pages: T[][] = [first.results]
  let lastPage = first

  if (typeof first.totalCount === 'number' && first.results.length > 0) {
    const expected = Math.min(maxPages, Math.max(1, Math.ceil(first.totalCount / itemsPerPage)))
    let next = 2
    let failed = false
    const worker = async (): Promise<void> => {
      while (!failed && next <= expected) {
        const pageNum = next++
        try {
          const page = await fetchPage(pageNum)
          pages[pageNum - 1] = page.results
          if (pageNum === expected) lastPage = page
        } catch (error) {
          failed = true
          throw error
        }
      }
    }
    await Promise.all(Array.from({length: Math.min(concurrency, expected - 1)}, () => worker()))
  }

  // Unknown total, or more items than the estimate said: carry on one page at a time until a short page.
  while (lastPage.results.length >= itemsPerPage && pages.length < maxPages) {
    lastPage = await fetchPage(pages.length + 1)
    pages.push(lastPage.results)
  }

  const results = pages.flat()
  const self = first.links?.filter((link: Link) => link.rel === 'self')
  return {...(self && self.length > 0 ? {links: self} : {}), results, totalCount: results.length}
}

/**
 * The same for a list method taking a PageRequest, e.g.
 * `listAll((page) => backend.listSnapshots(groupId, clusterName, page), flags.limit)`.
 */
export function listAll<T>(list: (page: PageRequest) => Promise<Paginated<T>>, itemsPerPage: number, options: FetchAllOptions = {}): Promise<Paginated<T>> {
  return fetchAllPages(
    () => list({pageNum: 1, itemsPerPage, includeCount: true}),
    (pageNum) => list({pageNum, itemsPerPage, includeCount: false}),
    itemsPerPage,
    options,
  )
}
