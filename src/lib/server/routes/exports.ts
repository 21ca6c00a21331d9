import type {ExportBucketPatch, ExportBucketRequest, ExportJobRequest} from '../../domain/types.js'
import {noContent, ok, pageRequest, param, type ResourceHandlers} from './operation.js'

/**
 * Snapshot export buckets (the project's) and export jobs (a cluster's). Bodies go to the backend as sent: it checks
 * them as it does for the CLI, so `serve` and the commands refuse the same requests with the same errors. Creates
 * answer 200 and a bucket's DELETE 204, as Atlas does (the spec and recordings/backup_exports_*).
 */
export const exportHandlers: ResourceHandlers = {
  listGroupBackupExportBuckets: async (ctx) => ok(await ctx.backend.listExportBuckets(param(ctx, 'groupId'), pageRequest(ctx.query))),
  createGroupBackupExportBucket: async (ctx) => ok(await ctx.backend.createExportBucket(param(ctx, 'groupId'), (ctx.body ?? {}) as unknown as ExportBucketRequest)),
  getGroupBackupExportBucket: async (ctx) => ok(await ctx.backend.getExportBucket(param(ctx, 'groupId'), param(ctx, 'exportBucketId'))),
  updateGroupBackupExportBucket: async (ctx) =>
    ok(await ctx.backend.updateExportBucket(param(ctx, 'groupId'), param(ctx, 'exportBucketId'), (ctx.body ?? {}) as unknown as ExportBucketPatch)),
  deleteGroupBackupExportBucket: async (ctx) => {
    await ctx.backend.deleteExportBucket(param(ctx, 'groupId'), param(ctx, 'exportBucketId'))
    return noContent
  },

  listGroupClusterBackupExports: async (ctx) => ok(await ctx.backend.listExportJobs(param(ctx, 'groupId'), param(ctx, 'clusterName'), pageRequest(ctx.query))),
  createGroupClusterBackupExport: async (ctx) =>
    ok(await ctx.backend.createExportJob(param(ctx, 'groupId'), param(ctx, 'clusterName'), (ctx.body ?? {}) as unknown as ExportJobRequest)),
  getGroupClusterBackupExport: async (ctx) => ok(await ctx.backend.getExportJob(param(ctx, 'groupId'), param(ctx, 'clusterName'), param(ctx, 'exportId'))),
}
