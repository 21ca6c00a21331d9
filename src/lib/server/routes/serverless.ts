import {ok, pageRequest, param, type ResourceHandlers} from './operation.js'

/** A serverless instance's snapshots (deprecated by Atlas, sunset 2026-01-22, still served as the spec lists them). */
export const serverlessSnapshotHandlers: ResourceHandlers = {
  listGroupServerlessBackupSnapshots: async (ctx) => ok(await ctx.backend.listServerlessSnapshots(param(ctx, 'groupId'), param(ctx, 'clusterName'), pageRequest(ctx.query))),
  getGroupServerlessBackupSnapshot: async (ctx) => ok(await ctx.backend.getServerlessSnapshot(param(ctx, 'groupId'), param(ctx, 'clusterName'), param(ctx, 'snapshotId'))),
}
