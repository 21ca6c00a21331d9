import type {OnDemandSnapshotRequest, SnapshotRetentionPatch} from '../../domain/types.js'
import {noContent, ok, pageRequest, param, type ResourceHandlers} from './operation.js'

/** A dedicated cluster's snapshots, and the per-cluster view of a sharded cluster's snapshots. */
export const snapshotHandlers: ResourceHandlers = {
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
}
