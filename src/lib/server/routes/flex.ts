import type {FlexDownloadRequest, FlexRestoreJobRequest} from '../../domain/types.js'
import {ok, pageRequest, param, type ResourceHandlers} from './operation.js'

/** A Flex cluster and its backups (`/flexClusters/{name}/…`): the backend refuses any other cluster (rule 82). */
export const flexHandlers: ResourceHandlers = {
  getGroupFlexCluster: async (ctx) => ok(await ctx.backend.getFlexCluster(param(ctx, 'groupId'), param(ctx, 'name'))),
  listGroupFlexClusterBackupSnapshots: async (ctx) => ok(await ctx.backend.listFlexSnapshots(param(ctx, 'groupId'), param(ctx, 'name'), pageRequest(ctx.query))),
  getGroupFlexClusterBackupSnapshot: async (ctx) => ok(await ctx.backend.getFlexSnapshot(param(ctx, 'groupId'), param(ctx, 'name'), param(ctx, 'snapshotId'))),
  downloadGroupFlexClusterBackup: async (ctx) =>
    ok(await ctx.backend.downloadFlexSnapshot(param(ctx, 'groupId'), param(ctx, 'name'), (ctx.body ?? {}) as unknown as FlexDownloadRequest)),
  listGroupFlexClusterBackupRestoreJobs: async (ctx) => ok(await ctx.backend.listFlexRestoreJobs(param(ctx, 'groupId'), param(ctx, 'name'), pageRequest(ctx.query))),
  createGroupFlexClusterBackupRestoreJob: async (ctx) =>
    ok(await ctx.backend.createFlexRestoreJob(param(ctx, 'groupId'), param(ctx, 'name'), (ctx.body ?? {}) as unknown as FlexRestoreJobRequest)),
  getGroupFlexClusterBackupRestoreJob: async (ctx) => ok(await ctx.backend.getFlexRestoreJob(param(ctx, 'groupId'), param(ctx, 'name'), param(ctx, 'restoreJobId'))),
}
