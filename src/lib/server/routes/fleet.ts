import {ok, pageRequest, param, type ResourceHandlers} from './operation.js'

/** Projects and serverless instances, read only: what `backups audit` walks to find every cluster of the fleet. */
export const fleetHandlers: ResourceHandlers = {
  listGroups: async (ctx) => ok(await ctx.backend.listProjects(pageRequest(ctx.query))),
  listGroupServerlessInstances: async (ctx) => ok(await ctx.backend.listServerlessInstances(param(ctx, 'groupId'), pageRequest(ctx.query))),
}
