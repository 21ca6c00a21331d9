import {shapeCluster, shapeClusterPage} from '../shapes.js'
import {ok, pageRequest, param, type ResourceHandlers} from './operation.js'

/** Clusters, read only: the backup commands look a cluster up to learn its tier, topology and backup settings. */
export const clusterHandlers: ResourceHandlers = {
  listGroupClusters: async (ctx) => ok(shapeClusterPage(await ctx.backend.listClusters(param(ctx, 'groupId'), pageRequest(ctx.query)), ctx.version)),
  getGroupCluster: async (ctx) => ok(shapeCluster(await ctx.backend.getCluster(param(ctx, 'groupId'), param(ctx, 'clusterName')), ctx.version)),
}
