import type {RestoreJobRequest, ServerlessRestoreJobRequest} from '../../domain/types.js'
import {noContent, ok, pageRequest, param, type ResourceHandlers} from './operation.js'

/**
 * Restore jobs of clusters and serverless instances. The body goes to the backend as sent: the backend parses it with
 * the restore rules (parseRestoreRequest), as it does for the CLI, so `serve` and the commands refuse the same
 * requests with the same errors. A create answers 200, not 201, and a cancel 204, as Atlas does (the spec and
 * recordings/backup_restores).
 */
export const restoreJobHandlers: ResourceHandlers = {
  listGroupClusterBackupRestoreJobs: async (ctx) => ok(await ctx.backend.listRestoreJobs(param(ctx, 'groupId'), param(ctx, 'clusterName'), pageRequest(ctx.query))),
  getGroupClusterBackupRestoreJob: async (ctx) => ok(await ctx.backend.getRestoreJob(param(ctx, 'groupId'), param(ctx, 'clusterName'), param(ctx, 'restoreJobId'))),
  createGroupClusterBackupRestoreJob: async (ctx) =>
    ok(await ctx.backend.createRestoreJob(param(ctx, 'groupId'), param(ctx, 'clusterName'), (ctx.body ?? {}) as unknown as RestoreJobRequest)),
  cancelGroupClusterBackupRestoreJob: async (ctx) => {
    await ctx.backend.cancelRestoreJob(param(ctx, 'groupId'), param(ctx, 'clusterName'), param(ctx, 'restoreJobId'))
    return noContent
  },

  listGroupServerlessBackupRestoreJobs: async (ctx) =>
    ok(await ctx.backend.listServerlessRestoreJobs(param(ctx, 'groupId'), param(ctx, 'clusterName'), pageRequest(ctx.query))),
  getGroupServerlessBackupRestoreJob: async (ctx) =>
    ok(await ctx.backend.getServerlessRestoreJob(param(ctx, 'groupId'), param(ctx, 'clusterName'), param(ctx, 'restoreJobId'))),
  createGroupServerlessBackupRestoreJob: async (ctx) =>
    ok(await ctx.backend.createServerlessRestoreJob(param(ctx, 'groupId'), param(ctx, 'clusterName'), (ctx.body ?? {}) as unknown as ServerlessRestoreJobRequest)),
}
