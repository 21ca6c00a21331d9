import type {PageRequest, Paginated} from '../domain/types.js'

/** Pages fetched at once after the first: enough to hide latency, few enough not to trip Atlas's rate limits. */
export const ALL_PAGES_CONCURRENCY = 4

/**
 * Every page of a list as one envelope. The first page gives the total; the others are fetched in parallel, at
 * most ALL_PAGES_CONCURRENCY at a time, and joined in page order. Works the same on every backend.
 */
export async function fetchAllPages<T>(fetchPage: (page: PageRequest) => Promise<Paginated<T>>, itemsPerPage: number): Promise<Paginated<T>> {
  const first = await fetchPage({pageNum: 1, itemsPerPage, includeCount: true})
  const total = first.totalCount ?? first.results.length
  const pageCount = Math.max(1, Math.ceil(total / itemsPerPage))
  const pages: Array<T[]> = [first.results]
  let next = 2
  const worker = async (): Promise<void> => {
    while (next <= pageCount) {
      const pageNum = next++
      pages[pageNum - 1] = (await fetchPage({pageNum, itemsPerPage, includeCount: false})).results
    }
  }
  await Promise.all(Array.from({length: Math.min(ALL_PAGES_CONCURRENCY, pageCount - 1)}, worker))
  const results = pages.flat()
  return {results, totalCount: results.length}
}
