import type {BackupSchedulePatch} from '../../domain/types.js'
import {shapeSchedule, unshapeSchedulePatch} from '../shapes.js'
import {ok, param, type OperationContext, type ResourceHandlers} from './operation.js'

const cluster = (ctx: OperationContext): [string, string] => [param(ctx, 'groupId'), param(ctx, 'clusterName')]

/** A cluster's backup schedule, in the shape of the media-type version the client pinned. */
export const scheduleHandlers: ResourceHandlers = {
  getGroupClusterBackupSchedule: async (ctx) => {
    const [groupId, clusterName] = cluster(ctx)
    return ok(await shapeSchedule(ctx.backend, groupId, clusterName, await ctx.backend.getSchedule(groupId, clusterName), ctx.version))
  },
  updateGroupClusterBackupSchedule: async (ctx) => {
    const [groupId, clusterName] = cluster(ctx)
    const patch = await unshapeSchedulePatch(ctx.backend, groupId, clusterName, (ctx.body ?? {}) as BackupSchedulePatch, ctx.version)
    return ok(await shapeSchedule(ctx.backend, groupId, clusterName, await ctx.backend.updateSchedule(groupId, clusterName, patch), ctx.version))
  },
  deleteGroupClusterBackupSchedule: async (ctx) => {
    const [groupId, clusterName] = cluster(ctx)
    return ok(await shapeSchedule(ctx.backend, groupId, clusterName, await ctx.backend.deleteSchedule(groupId, clusterName), ctx.version))
  },
}
