import type {OperationSpec} from './operations.js'

/**
 * The fleet reads `serve` answers for `backups audit`: every project the credentials can see, and a project's
 * serverless instances. Neither is in ../shared/atlas-api/atlas-backup-openapi.json (the backup subset of the spec):
 * paths, operationIds and the 2023-01-01 media type are the official API reference's. Kept apart from OPERATIONS,
 * which the contract tests hold to that spec file.
 */
export const FLEET_OPERATIONS: readonly OperationSpec[] = [
  {method: 'GET', template: '/groups', operationId: 'listGroups', versions: [{version: '2023-01-01'}]},
  {method: 'GET', template: '/groups/{groupId}/serverless', operationId: 'listGroupServerlessInstances', versions: [{version: '2023-01-01'}]},
]
