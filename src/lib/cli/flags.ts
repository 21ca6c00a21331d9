import * as Flags from '@oclif/core/flags'

import type {AllPages} from '../backends/all-pages.js'
import type {PageRequest, Paginated} from '../domain/types.js'
import {UsageError} from './errors.js'

/**
 * The highest --page: the spec sets no maximum, but 2^31 − 1 fits the integer type of any server, and (page − 1) ×
 * 500 stays an exact integer. A real list never comes near it (that would be a trillion snapshots).
 */
export const MAX_PAGE = 2_147_483_647
/** The Atlas API's itemsPerPage range. */
export const MAX_ITEMS_PER_PAGE = 500

/**
 * A whole-number flag bounded before anything is sent: oclif's own integer flag turns 99999999999999999999 into
 * 1e20 and lets it through. The message keeps oclif's wording, so it reads like the flag's other parse errors.
 */
function boundedInteger(options: {min: number; max: number; default: number; description: string}) {
  return Flags.custom<number>({
    default: options.default,
    description: options.description,
    async parse(input) {
      if (!/^[+-]?\d+$/.test(input)) throw new Error(`Expected an integer but received: ${input}`)
      const value = Number(input)
      if (!(value >= options.min && value <= options.max)) {
        throw new Error(`Expected an integer from ${options.min} to ${options.max} but received: ${input}`)
      }
      return value
    },
  })()
}

/** --page, --limit and --omitCount, as on every Atlas CLI list command. */
export const paginationFlags = {
  all: Flags.boolean({default: false, description: 'Fetch every page (--limit items per request) and print them as one list.', exclusive: ['page']}),
  limit: boundedInteger({min: 1, max: MAX_ITEMS_PER_PAGE, default: 100, description: `Number of items per results page, up to a maximum of ${MAX_ITEMS_PER_PAGE}.`}),
  omitCount: Flags.boolean({default: false, description: 'Leave totalCount out of the JSON response.'}),
  page: boundedInteger({min: 1, max: MAX_PAGE, default: 1, description: 'Page number that specifies a page of results.'}),
}

/**
 * One page, or with --all every page: page 1 read (so a refused list throws before anything is printed), the rest
 * still to come. BaseCommand.presentList prints either.
 */
export type Listed<T> = {kind: 'page'; page: Paginated<T>} | {kind: 'all'; all: AllPages<T>; omitCount: boolean}

/** Lists one page, or every page with --all. */
export async function listPages<T>(flags: {all: boolean; page: number; limit: number; omitCount: boolean}, fetchPage: (page: PageRequest) => Promise<Paginated<T>>): Promise<Listed<T>> {
  const request = pageRequest(flags)
  if (!flags.all) return {kind: 'page', page: await fetchPage(request)}
  const {openListAll} = await import('../backends/all-pages.js')
  return {kind: 'all', all: await openListAll(fetchPage, request.itemsPerPage!), omitCount: flags.omitCount}
}

export function pageRequest(flags: {page: number; limit: number; omitCount: boolean}): PageRequest {
  if (!(flags.page >= 1 && flags.page <= MAX_PAGE)) throw new UsageError(`--page must be between 1 and ${MAX_PAGE}, got ${flags.page}`, 'Pages are numbered from 1')
  if (!(flags.limit >= 1 && flags.limit <= MAX_ITEMS_PER_PAGE)) throw new UsageError(`--limit must be between 1 and ${MAX_ITEMS_PER_PAGE}, got ${flags.limit}`, 'Atlas returns at most 500 items per page; use --page for more')
  return {pageNum: flags.page, itemsPerPage: flags.limit, includeCount: !flags.omitCount}
}

export const clusterNameFlag = Flags.string({description: 'Name of the cluster.', required: true})

export const forceFlag = Flags.boolean({default: false, description: 'Skip the confirmation prompt (required when there is no terminal to prompt on).'})

export const watchFlags = {
  interval: Flags.string({default: '4s', description: 'How often to poll (at least 1s), e.g. 4s or 1m.'}),
  timeout: Flags.string({description: 'Give up after this long (e.g. 10m), with exit code 124.'}),
}
