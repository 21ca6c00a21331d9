import type {Backend} from '../backends/backend.js'
import {invalidAttribute} from '../domain/atlas-errors.js'
import type {BackupSchedulePatch, OnDemandSnapshotRequest, PageRequest, SnapshotRetentionPatch} from '../domain/types.js'
import {OPERATIONS, type OperationSpec} from './operations.js'
import {Router} from './router.js'
import {shapeCluster, shapeClusterPage, shapeSchedule, unshapeSchedulePatch} from './shapes.js'

/** What one operation gets: the backend, decoded path parameters, the query, the JSON body and the served version. */
export interface OperationContext {
  backend: Backend
  params: Record<string, string>
  query: URLSearchParams
  body: Record<string, unknown> | undefined
  version: string
}

export interface OperationResult {
  status: 200 | 204
  body?: unknown
}

export type OperationHandler = (ctx: OperationContext) => Promise<OperationResult>

export interface Operation extends OperationSpec {
  /** Whether the operation reads a JSON request body. */
  takesBody: boolean
  handle: OperationHandler
}

function integerParam(query: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const raw = query.get(name)
  if (raw === null) return undefined
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || value < min || value > max) throw invalidAttribute(name, `${raw} is not a whole number from ${min} to ${max}.`)
  return value
}

function booleanParam(query: URLSearchParams, name: string): boolean | undefined {
  const raw = query.get(name)
  if (raw === null) return undefined
  if (raw !== 'true' && raw !== 'false') throw invalidAttribute(name, `${raw} is neither true nor false.`)
  return raw === 'true'
}

/** pageNum (≥ 1), itemsPerPage (1–500) and includeCount, as the spec's shared parameters define them. */
export function pageRequest(query: URLSearchParams): PageRequest {
  const page: PageRequest = {}
  const pageNum = integerParam(query, 'pageNum', 1, Number.MAX_SAFE_INTEGER)
  const itemsPerPage = integerParam(query, 'itemsPerPage', 1, 500)
  const includeCount = booleanParam(query, 'includeCount')
  if (pageNum !== undefined) page.pageNum = pageNum
  if (itemsPerPage !== undefined) page.itemsPerPage = itemsPerPage
  if (includeCount !== undefined) page.includeCount = includeCount
  return page
}

const ok = (body: unknown): OperationResult => ({status: 200, body})
const noContent: OperationResult = {status: 204}

function param(ctx: OperationContext, name: string): string {
  const value = ctx.params[name]
  if (value === undefined) throw new Error(`route without {${name}}`)
  return value
}

const HANDLERS: Record<string, OperationHandler> = {
  listGroupClusters: async (ctx) => ok(shapeClusterPage(await ctx.backend.listClusters(param(ctx, 'groupId'), pageRequest(ctx.query)), ctx.version)),
  getGroupCluster: async (ctx) => ok(shapeCluster(await ctx.backend.getCluster(param(ctx, 'groupId'), param(ctx, 'clusterName')), ctx.version)),

  getGroupClusterBackupSchedule: async (ctx) => {
    const [groupId, clusterName] = [param(ctx, 'groupId'), param(ctx, 'clusterName')]
    return ok(await shapeSchedule(ctx.backend, groupId, clusterName, await ctx.backend.getSchedule(groupId, clusterName), ctx.version))
  },
  updateGroupClusterBackupSchedule: async (ctx) => {
    const [groupId, clusterName] = [param(ctx, 'groupId'), param(ctx, 'clusterName')]
    const patch = await unshapeSchedulePatch(ctx.backend, groupId, clusterName, (ctx.body ?? {}) as BackupSchedulePatch, ctx.version)
    return ok(await shapeSchedule(ctx.backend, groupId, clusterName, await ctx.backend.updateSchedule(groupId, clusterName, patch), ctx.version))
  },
  deleteGroupClusterBackupSchedule: async (ctx) => {
    const [groupId, clusterName] = [param(ctx, 'groupId'), param(ctx, 'clusterName')]
    return ok(await shapeSchedule(ctx.backend, groupId, clusterName, await ctx.backend.deleteSchedule(groupId, clusterName), ctx.version))
  },

  listGroupClusterBackupSnapshots: async (ctx) => ok(await ctx.backend.listSnapshots(param(ctx, 'groupId'), param(ctx, 'clusterName'), pageRequest(ctx.query))),
  takeGroupClusterBackupSnapshots: async (ctx) =>
    ok(await ctx.backend.takeSnapshot(param(ctx, 'groupId'), param(ctx, 'clusterName'), (ctx.body ?? {}) as OnDemandSnapshotRequest)),
  getGroupClusterBackupSnapshot: async (ctx) => ok(await ctx.backend.getSnapshot(param(ctx, 'groupId'), param(ctx, 'clusterName'), param(ctx, 'snapshotId'))),
  updateGroupClusterBackupSnapshot: async (ctx) =>
    ok(await ctx.backend.updateSnapshotRetention(param(ctx, 'groupId'), param(ctx, 'clusterName'), param(ctx, 'snapshotId'), (ctx.body ?? {}) as unknown as SnapshotRetentionPatch)),
  deleteGroupClusterBackupSnapshot: async (ctx) => {
    await ctx.backend.deleteSnapshot(param(ctx, 'groupId'), param(ctx, 'clusterName'), param(ctx, 'snapshotId'))
    return noContent
  },

  // The sharded-cluster list takes no page parameters (atlas-api-notes.md §2).
  listGroupClusterBackupSnapshotShardedClusters: async (ctx) => ok(await ctx.backend.listShardedSnapshots(param(ctx, 'groupId'), param(ctx, 'clusterName'))),
  getGroupClusterBackupSnapshotShardedCluster: async (ctx) =>
    ok(await ctx.backend.getShardedSnapshot(param(ctx, 'groupId'), param(ctx, 'clusterName'), param(ctx, 'snapshotId'))),
  deleteGroupClusterBackupSnapshotShardedCluster: async (ctx) => {
    const [groupId, clusterName, snapshotId] = [param(ctx, 'groupId'), param(ctx, 'clusterName'), param(ctx, 'snapshotId')]
    // Only a sharded cluster's snapshot may be deleted through this path: the lookup answers 404 for any other.
    await ctx.backend.getShardedSnapshot(groupId, clusterName, snapshotId)
    await ctx.backend.deleteSnapshot(groupId, clusterName, snapshotId)
    return noContent
  },

  listGroupServerlessBackupSnapshots: async (ctx) => ok(await ctx.backend.listServerlessSnapshots(param(ctx, 'groupId'), param(ctx, 'clusterName'), pageRequest(ctx.query))),
  getGroupServerlessBackupSnapshot: async (ctx) => ok(await ctx.backend.getServerlessSnapshot(param(ctx, 'groupId'), param(ctx, 'clusterName'), param(ctx, 'snapshotId'))),
}

/** Every operation of OPERATIONS with its handler, in a router keyed by the spec's path templates. */
export function buildRouter(): Router<Operation> {
  const router = new Router<Operation>()
  for (const spec of OPERATIONS) {
    const handle = HANDLERS[spec.operationId]
    if (!handle) throw new Error(`no handler for ${spec.operationId}`)
    router.add(spec.method, spec.template, {...spec, takesBody: spec.method === 'POST' || spec.method === 'PATCH' || spec.method === 'PUT', handle})
  }
  return router
}
