import * as Flags from '@oclif/core/flags'

import type {PageRequest, Paginated} from '../domain/types.js'
import {UsageError} from './errors.js'

/** --page, --limit and --omitCount, as on every Atlas CLI list command. */
export const paginationFlags = {
  all: Flags.boolean({default: false, description: 'Fetch every page (--limit items per request) and print them as one list.', exclusive: ['page']}),
  limit: Flags.integer({default: 100, description: 'Number of items per results page, up to a maximum of 500.'}),
  omitCount: Flags.boolean({default: false, description: 'Leave totalCount out of the JSON response.'}),
  page: Flags.integer({default: 1, description: 'Page number that specifies a page of results.'}),
}

/** Lists one page, or every page with --all. */
export async function listPages<T>(flags: {all: boolean; page: number; limit: number; omitCount: boolean}, fetchPage: (page: PageRequest) => Promise<Paginated<T>>): Promise<Paginated<T>> {
  const request = pageRequest(flags)
  if (!flags.all) return fetchPage(request)
  const {listAll} = await import('../backends/all-pages.js')
  const everything = await listAll(fetchPage, request.itemsPerPage!)
  return flags.omitCount ? {results: everything.results} : everything
}

export function pageRequest(flags: {page: number; limit: number; omitCount: boolean}): PageRequest {
  if (flags.page < 1) throw new UsageError(`--page must be 1 or more, got ${flags.page}`, 'Pages are numbered from 1')
  if (flags.limit < 1 || flags.limit > 500) throw new UsageError(`--limit must be between 1 and 500, got ${flags.limit}`, 'Atlas returns at most 500 items per page; use --page for more')
  return {pageNum: flags.page, itemsPerPage: flags.limit, includeCount: !flags.omitCount}
}

export const clusterNameFlag = Flags.string({description: 'Name of the cluster.', required: true})

export const forceFlag = Flags.boolean({default: false, description: 'Skip the confirmation prompt (required when there is no terminal to prompt on).'})

export const watchFlags = {
  interval: Flags.string({default: '4s', description: 'How often to poll (at least 1s), e.g. 4s or 1m.'}),
  timeout: Flags.string({description: 'Give up after this long (e.g. 10m), with exit code 124.'}),
}
