import {FLEET_OPERATIONS} from '../fleet-operations.js'
import {FLEX_OPERATIONS} from '../flex-operations.js'
import {OPERATIONS} from '../operations.js'
import {Router} from '../router.js'
import {clusterHandlers} from './clusters.js'
import {compliancePolicyHandlers} from './compliance-policy.js'
import {exportHandlers} from './exports.js'
import {fleetHandlers} from './fleet.js'
import {flexHandlers} from './flex.js'
import type {Operation, OperationHandler} from './operation.js'
import {restoreJobHandlers} from './restore-jobs.js'
import {scheduleHandlers} from './schedule.js'
import {serverlessSnapshotHandlers} from './serverless.js'
import {snapshotHandlers} from './snapshots.js'

export type {Operation, OperationContext, OperationHandler, OperationResult} from './operation.js'
export {pageRequest} from './operation.js'

/** One module per Atlas API resource, as the backends are split. */
const HANDLERS: Record<string, OperationHandler> = {
  ...clusterHandlers,
  ...scheduleHandlers,
  ...snapshotHandlers,
  ...serverlessSnapshotHandlers,
  ...restoreJobHandlers,
  ...compliancePolicyHandlers,
  ...exportHandlers,
  ...flexHandlers,
  ...fleetHandlers,
}

/** Every operation of OPERATIONS with its handler, in a router keyed by the spec's path templates. */
export function buildRouter(): Router<Operation> {
  const router = new Router<Operation>()
  for (const spec of [...OPERATIONS, ...FLEX_OPERATIONS, ...FLEET_OPERATIONS]) {
    const handle = HANDLERS[spec.operationId]
    if (!handle) throw new Error(`no handler for ${spec.operationId}`)
    router.add(spec.method, spec.template, {...spec, takesBody: spec.method === 'POST' || spec.method === 'PATCH' || spec.method === 'PUT', handle})
  }
  return router
}
