import {listAll} from '../backends/all-pages.js'
import type {Backend} from '../backends/backend.js'
import {AtlasApiError} from '../domain/errors.js'
import type {ClusterDescription, ServerlessInstanceDescription} from '../domain/types.js'

/**
 * Reads a fleet for `backups audit`: every cluster and serverless instance of one project, or of every project the
 * credentials can see. Every page of every list is read; at most `concurrency` requests are in flight at once (each
 * project's lists are read one page after another, so the bound on projects is the bound on requests); a project
 * that cannot be read (401, 403, a 500 after the HTTP layer's retries) becomes a failure while the others complete.
 * No I/O but the Backend's.
 */

export interface FleetProject {
  groupId: string
  /** The project's name; with a single-project scope, the group id (reading the name would need a wider role). */
  name: string
  /** Sorted by name. */
  clusters: ClusterDescription[]
  /** Sorted by name. */
  serverlessInstances: ServerlessInstanceDescription[]
}

export interface ProjectFailure {
  groupId: string
  name?: string
  /** One line: Atlas's status, errorCode and detail when Atlas refused, else the error's message. */
  reason: string
}

export type FleetScope = {groupId: string} | {allProjects: true}

export interface ReadFleetOptions {
  /** Requests in flight at most (a positive integer). */
  concurrency: number
  /** Called with (0, total) once the projects are known, then after each project, read or failed. */
  onProgress?: (projectsDone: number, projectsTotal: number) => void
  /** Items per page (default 500, Atlas's maximum); smaller only to exercise paging. */
  itemsPerPage?: number
}

export interface Fleet {
  /** In the order Atlas lists the projects. */
  projects: FleetProject[]
  /** In the same order. */
  failures: ProjectFailure[]
}

export type Settled<R> = {ok: true; value: R} | {ok: false; error: unknown}

/** Atlas's largest page: the fewest requests for a big fleet. */
export const FLEET_PAGE_SIZE = 500

/**
 * Runs `work` on every item with at most `concurrency` calls pending at once, and returns each outcome in the order of
 * `items`. A failure is recorded, never thrown, and does not stop the others.
 */
export async function mapBounded<T, R>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<Array<Settled<R>>> {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`)
  const outcomes = new Array<Settled<R>>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      try {
        outcomes[index] = {ok: true, value: await work(items[index]!, index)}
      } catch (error) {
        outcomes[index] = {ok: false, error}
      }
    }
  }
  await Promise.all(Array.from({length: Math.min(concurrency, items.length)}, () => worker()))
  return outcomes
}

/** One line for a failure report. */
export function failureReason(error: unknown): string {
  if (error instanceof AtlasApiError) return oneLine(`${error.status} ${error.errorCode}: ${error.detail}`)
  if (error instanceof Error) return oneLine(error.message)
  return oneLine(String(error))
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim()
}

const byName = <T extends {name?: string}>(a: T, b: T): number => {
  const x = a.name ?? ''
  const y = b.name ?? ''
  return x < y ? -1 : x > y ? 1 : 0
}

/**
 * The projects of the scope, then each project's clusters and serverless instances. Listing the projects themselves
 * failing (with --allProjects) is not one project's failure: it is thrown, as nothing could be read.
 */
export async function readFleet(backend: Backend, scope: FleetScope, options: ReadFleetOptions): Promise<Fleet> {
  const itemsPerPage = options.itemsPerPage ?? FLEET_PAGE_SIZE
  // One page at a time within a list: the concurrency bound is spent across projects, never inside one.
  const sequential = {concurrency: 1}
  const projects: Array<{groupId: string; name: string}> =
    'allProjects' in scope
      ? (await listAll((page) => backend.listProjects(page), itemsPerPage, sequential)).results.map((project) => ({groupId: project.id, name: project.name}))
      : [{groupId: scope.groupId, name: scope.groupId}]

  let done = 0
  options.onProgress?.(0, projects.length)
  const outcomes = await mapBounded(projects, options.concurrency, async ({groupId, name}): Promise<FleetProject> => {
    try {
      const clusters = (await listAll((page) => backend.listClusters(groupId, page), itemsPerPage, sequential)).results
      const serverlessInstances = (await listAll((page) => backend.listServerlessInstances(groupId, page), itemsPerPage, sequential)).results
      return {groupId, name, clusters: [...clusters].sort(byName), serverlessInstances: [...serverlessInstances].sort(byName)}
    } finally {
      options.onProgress?.(++done, projects.length)
    }
  })

  const fleet: Fleet = {projects: [], failures: []}
  outcomes.forEach((outcome, index) => {
    const {groupId, name} = projects[index]!
    if (outcome.ok) fleet.projects.push(outcome.value)
    else fleet.failures.push({groupId, ...('allProjects' in scope ? {name} : {}), reason: failureReason(outcome.error)})
  })
  return fleet
}
