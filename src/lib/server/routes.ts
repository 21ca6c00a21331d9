import type {Backend} from '../backends/backend.js'
import {invalidAttribute} from '../domain/atlas-errors.js'
import type {BackupSchedulePatch, OnDemandSnapshotRequest, PageRequest, SnapshotRetentionPatch} from '../domain/types.js'

/** One served version of an operation; `sunset` as the spec's x-sunset, `deprecation` as the successor's date. */
export interface ServedVersion {
  version: string
  sunset?: string
  deprecation?: string
}

export interface RouteContext {
  backend: Backend
  params: Record<string, string>
  query: URLSearchParams
  body: unknown
}

export interface RouteResult {
  status: number
  body?: unknown
}

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  /** The spec's path template under /api/atlas/v2. */
  template: string
  versions: ServedVersion[]
  handle: (ctx: RouteContext) => Promise<RouteResult>
}

// Media-type versions per operation, from atlas-backup-openapi.json (kept here: a user's clone has no ../shared).
const CLUSTERS: ServedVersion[] = [
  {version: '2023-01-01', sunset: '2027-07-01', deprecation: '2023-02-01'},
  {version: '2023-02-01', sunset: '2027-07-01', deprecation: '2024-08-05'},
  {version: '2024-08-05'},
]
const SCHEDULE: ServedVersion[] = [{version: '2023-01-01', sunset: '2027-07-01', deprecation: '2024-08-05'}, {version: '2024-08-05'}]
const SNAPSHOTS: ServedVersion[] = [{version: '2023-01-01'}]
const SERVERLESS: ServedVersion[] = [{version: '2023-01-01', sunset: '2026-01-22'}]

function booleanParam(query: URLSearchParams, name: string): boolean | undefined {
  const value = query.get(name)
  if (value === null) return undefined
  if (value === 'true' || value === 'false') return value === 'true'
  throw invalidAttribute(name, `${value} is not true or false`)
}

function integerParam(query: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const value = query.get(name)
  if (value === null) return undefined
  const n = Number(value)
  if (!/^\d+$/.test(value) || n < min || n > max) throw invalidAttribute(name, `${value} must be a whole number from ${min} to ${max}`)
  return n
}

export function pageOf(query: URLSearchParams): PageRequest {
  return {pageNum: integerParam(query, 'pageNum', 1, Number.MAX_SAFE_INTEGER), itemsPerPage: integerParam(query, 'itemsPerPage', 1, 500), includeCount: booleanParam(query, 'includeCount')}
}

const ok = (body: unknown): RouteResult => ({status: 200, body})
const CLUSTER = '/groups/{groupId}/clusters/{clusterName}'

export const ROUTES: Route[] = [
  {method: 'GET', template: '/groups/{groupId}/clusters', versions: CLUSTERS, handle: async ({backend, params, query}) => ok(await backend.listClusters(params.groupId!, pageOf(query)))},
  {method: 'GET', template: CLUSTER, versions: CLUSTERS, handle: async ({backend, params}) => ok(await backend.getCluster(params.groupId!, params.clusterName!))},
  {method: 'GET', template: `${CLUSTER}/backup/schedule`, versions: SCHEDULE, handle: async ({backend, params}) => ok(await backend.getSchedule(params.groupId!, params.clusterName!))},
  {
    method: 'PATCH',
    template: `${CLUSTER}/backup/schedule`,
    versions: SCHEDULE,
    handle: async ({backend, params, body}) => ok(await backend.updateSchedule(params.groupId!, params.clusterName!, (body ?? {}) as BackupSchedulePatch)),
  },
  {method: 'DELETE', template: `${CLUSTER}/backup/schedule`, versions: SCHEDULE, handle: async ({backend, params}) => ok(await backend.deleteSchedule(params.groupId!, params.clusterName!))},
  {method: 'GET', template: `${CLUSTER}/backup/snapshots`, versions: SNAPSHOTS, handle: async ({backend, params, query}) => ok(await backend.listSnapshots(params.groupId!, params.clusterName!, pageOf(query)))},
  {
    method: 'POST',
    template: `${CLUSTER}/backup/snapshots`,
    versions: SNAPSHOTS,
    handle: async ({backend, params, body}) => ok(await backend.takeSnapshot(params.groupId!, params.clusterName!, (body ?? {}) as OnDemandSnapshotRequest)),
  },
  {method: 'GET', template: `${CLUSTER}/backup/snapshots/shardedClusters`, versions: SNAPSHOTS, handle: async ({backend, params}) => ok(await backend.listShardedSnapshots(params.groupId!, params.clusterName!))},
  {
    method: 'GET',
    template: `${CLUSTER}/backup/snapshots/shardedCluster/{snapshotId}`,
    versions: SNAPSHOTS,
    handle: async ({backend, params}) => ok(await backend.getShardedSnapshot(params.groupId!, params.clusterName!, params.snapshotId!)),
  },
  {
    method: 'DELETE',
    template: `${CLUSTER}/backup/snapshots/shardedCluster/{snapshotId}`,
    versions: SNAPSHOTS,
    handle: async ({backend, params}) => {
      await backend.deleteSnapshot(params.groupId!, params.clusterName!, params.snapshotId!)
      return {status: 204}
    },
  },
  {method: 'GET', template: `${CLUSTER}/backup/snapshots/{snapshotId}`, versions: SNAPSHOTS, handle: async ({backend, params}) => ok(await backend.getSnapshot(params.groupId!, params.clusterName!, params.snapshotId!))},
  {
    method: 'PATCH',
    template: `${CLUSTER}/backup/snapshots/{snapshotId}`,
    versions: SNAPSHOTS,
    handle: async ({backend, params, body}) => ok(await backend.updateSnapshotRetention(params.groupId!, params.clusterName!, params.snapshotId!, (body ?? {}) as SnapshotRetentionPatch)),
  },
  {
    method: 'DELETE',
    template: `${CLUSTER}/backup/snapshots/{snapshotId}`,
    versions: SNAPSHOTS,
    handle: async ({backend, params}) => {
      await backend.deleteSnapshot(params.groupId!, params.clusterName!, params.snapshotId!)
      return {status: 204}
    },
  },
  {
    method: 'GET',
    template: '/groups/{groupId}/serverless/{clusterName}/backup/snapshots',
    versions: SERVERLESS,
    handle: async ({backend, params, query}) => ok(await backend.listServerlessSnapshots(params.groupId!, params.clusterName!, pageOf(query))),
  },
  {
    method: 'GET',
    template: '/groups/{groupId}/serverless/{clusterName}/backup/snapshots/{snapshotId}',
    versions: SERVERLESS,
    handle: async ({backend, params}) => ok(await backend.getServerlessSnapshot(params.groupId!, params.clusterName!, params.snapshotId!)),
  },
]

interface CompiledRoute {
  route: Route
  pattern: RegExp
  names: string[]
}

const COMPILED: CompiledRoute[] = ROUTES.map((route) => {
  const names: string[] = []
  const source = route.template.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name)
    return '([^/]+)'
  })
  return {route, pattern: new RegExp(`^${source}/?$`), names}
})

export type RouteMatch = {route: Route; params: Record<string, string>} | {methods: string[]} | undefined

/** The route for a method and path under /api/atlas/v2; the methods the path allows when only the method is wrong. */
export function matchRoute(method: string, path: string): RouteMatch {
  const methods: string[] = []
  for (const {route, pattern, names} of COMPILED) {
    const match = pattern.exec(path)
    if (!match) continue
    if (route.method !== method) {
      methods.push(route.method)
      continue
    }
    const params = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]))
    return {route, params}
  }
  return methods.length > 0 ? {methods} : undefined
}
