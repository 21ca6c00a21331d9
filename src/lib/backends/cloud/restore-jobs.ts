import type {
  PageRequest,
  Paginated,
  RestoreJob,
  RestoreJobRequest,
  ServerlessRestoreJob,
  ServerlessRestoreJobRequest,
} from '../../domain/types.js'
import {paginatedSchema, restoreJobSchema, serverlessRestoreJobSchema} from '../../domain/schemas.js'
import type {RequestContext} from './errors.js'
import type {AtlasHttp} from './http.js'
import {clusterPath, enc, pageQuery, serverlessPath} from './paths.js'

/**
 * Restore jobs of dedicated clusters and serverless instances over the Admin API v2 (the restoreJobs operations of
 * atlas-api-notes.md §2). The create calls are POSTs, which the retry policy never repeats: a POST that timed out may
 * still have started a restore, and a second one would restore twice (or wipe a target twice); the user decides.
 * A cancel is a DELETE and is retried like any other: cancelling twice cancels once.
 */

// The only media-type version each of these operations serves (the serverless ones deprecated, sunset 2026-01-22).
const V_RESTORE_JOBS = '2023-01-01'
const V_SERVERLESS_RESTORE_JOBS = '2023-01-01'

// What a 401/403 names as missing (atlas-api-notes.md §2): restore jobs are not readable with Read Only.
const READ_ROLE = 'Project Backup Manager role (or Project Owner)'
const CANCEL_ROLE = 'Project Backup Export Operator or Project Backup Recovery Operator role (or higher)'
const SERVERLESS_ROLE = 'Project Owner role'

function createRole(request: RestoreJobRequest): string {
  return request.deliveryType === 'download' ? 'Project Backup Export Operator role (or higher)' : 'Project Backup Recovery Operator role (or higher)'
}

function jobsPath(groupId: string, clusterName: string): string {
  return `${clusterPath(groupId, clusterName)}/backup/restoreJobs`
}

function serverlessJobsPath(groupId: string, instanceName: string): string {
  return `${serverlessPath(groupId, instanceName)}/backup/restoreJobs`
}

export function listRestoreJobs(api: AtlasHttp, groupId: string, clusterName: string, page?: PageRequest): Promise<Paginated<RestoreJob>> {
  const context: RequestContext = {clusterName, role: READ_ROLE}
  return api.request({method: 'GET', path: jobsPath(groupId, clusterName), version: V_RESTORE_JOBS, query: pageQuery(page), context, schema: paginatedSchema(restoreJobSchema)})
}

export function getRestoreJob(api: AtlasHttp, groupId: string, clusterName: string, restoreJobId: string): Promise<RestoreJob> {
  const context: RequestContext = {clusterName, restoreJobId, role: READ_ROLE}
  return api.request({method: 'GET', path: `${jobsPath(groupId, clusterName)}/${enc(restoreJobId)}`, version: V_RESTORE_JOBS, context, schema: restoreJobSchema})
}

/** Atlas answers 200 (not 201) with the new job, `deliveryUrl: []` and no `finishedAt` yet. */
export function createRestoreJob(api: AtlasHttp, groupId: string, clusterName: string, request: RestoreJobRequest): Promise<RestoreJob> {
  const context: RequestContext = {clusterName, role: createRole(request)}
  return api.request({method: 'POST', path: jobsPath(groupId, clusterName), version: V_RESTORE_JOBS, body: request, context, schema: restoreJobSchema})
}

/**
 * Atlas answers 204. It refuses with its own error what cannot be cancelled: 400 CANNOT_CANCEL_AUTOMATED_RESTORE,
 * 405 ATLAS_BACKUP_CANCEL_SHARD_RESTORE_JOB_NOT_ALLOWED (one shard's job of a sharded restore); those pass through.
 */
export async function cancelRestoreJob(api: AtlasHttp, groupId: string, clusterName: string, restoreJobId: string): Promise<void> {
  const context: RequestContext = {clusterName, restoreJobId, role: CANCEL_ROLE}
  await api.request({method: 'DELETE', path: `${jobsPath(groupId, clusterName)}/${enc(restoreJobId)}`, version: V_RESTORE_JOBS, context})
}

// The serverless calls carry `serverless: true`: the client then notes the deprecation once per command, and turns
// the 410 VERSION_GONE Atlas answers after the sunset into a message saying where serverless backups went.

export function listServerlessRestoreJobs(api: AtlasHttp, groupId: string, instanceName: string, page?: PageRequest): Promise<Paginated<ServerlessRestoreJob>> {
  const context: RequestContext = {clusterName: instanceName, serverless: true, role: SERVERLESS_ROLE}
  return api.request({method: 'GET', path: serverlessJobsPath(groupId, instanceName), version: V_SERVERLESS_RESTORE_JOBS, query: pageQuery(page), context, schema: paginatedSchema(serverlessRestoreJobSchema)})
}

export function getServerlessRestoreJob(api: AtlasHttp, groupId: string, instanceName: string, restoreJobId: string): Promise<ServerlessRestoreJob> {
  const context: RequestContext = {clusterName: instanceName, restoreJobId, serverless: true, role: SERVERLESS_ROLE}
  return api.request({method: 'GET', path: `${serverlessJobsPath(groupId, instanceName)}/${enc(restoreJobId)}`, version: V_SERVERLESS_RESTORE_JOBS, context, schema: serverlessRestoreJobSchema})
}

export function createServerlessRestoreJob(api: AtlasHttp, groupId: string, instanceName: string, request: ServerlessRestoreJobRequest): Promise<ServerlessRestoreJob> {
  const context: RequestContext = {clusterName: instanceName, serverless: true, role: SERVERLESS_ROLE}
  return api.request({method: 'POST', path: serverlessJobsPath(groupId, instanceName), version: V_SERVERLESS_RESTORE_JOBS, body: request, context, schema: serverlessRestoreJobSchema})
}
