import type {ExportBucket, ExportBucketPatch, ExportBucketRequest, ExportJob, ExportJobRequest, PageRequest, Paginated} from '../../domain/types.js'
import {exportBucketSchema, exportJobSchema, paginatedSchema} from '../../domain/schemas.js'
import type {RequestContext} from './errors.js'
import type {AtlasHttp} from './http.js'
import {clusterPath, enc, pageQuery} from './paths.js'

/**
 * Snapshot export buckets and export jobs over the Admin API v2 (atlas-api-notes.md §2). Buckets are read and written
 * in 2024-05-30 (the version with Azure's fields, the one the Atlas CLI sends); their DELETE exists in 2023-01-01 only,
 * and export jobs in 2023-01-01 only. A create is a POST, never retried by the retry policy: a second export job of
 * the same snapshot would write the files twice.
 */
const V_BUCKETS = '2024-05-30'
const V_BUCKET_DELETE = '2023-01-01'
const V_EXPORT_JOBS = '2023-01-01'

const BUCKET_WRITE_ROLE = 'Project Backup Manager role (or Project Owner)'
const EXPORT_ROLE = 'Project Backup Export Operator role (or higher)'

function bucketsPath(groupId: string): string {
  return `/groups/${enc(groupId)}/backup/exportBuckets`
}

function exportsPath(groupId: string, clusterName: string): string {
  return `${clusterPath(groupId, clusterName)}/backup/exports`
}

export function listExportBuckets(api: AtlasHttp, groupId: string, page?: PageRequest): Promise<Paginated<ExportBucket>> {
  return api.request({method: 'GET', path: bucketsPath(groupId), version: V_BUCKETS, query: pageQuery(page), schema: paginatedSchema(exportBucketSchema)}) as Promise<Paginated<ExportBucket>>
}

export function createExportBucket(api: AtlasHttp, groupId: string, request: ExportBucketRequest): Promise<ExportBucket> {
  const context: RequestContext = {role: BUCKET_WRITE_ROLE}
  return api.request({method: 'POST', path: bucketsPath(groupId), version: V_BUCKETS, body: request, context, schema: exportBucketSchema}) as Promise<ExportBucket>
}

export function getExportBucket(api: AtlasHttp, groupId: string, exportBucketId: string): Promise<ExportBucket> {
  return api.request({method: 'GET', path: `${bucketsPath(groupId)}/${enc(exportBucketId)}`, version: V_BUCKETS, schema: exportBucketSchema}) as Promise<ExportBucket>
}

export function updateExportBucket(api: AtlasHttp, groupId: string, exportBucketId: string, patch: ExportBucketPatch): Promise<ExportBucket> {
  const context: RequestContext = {role: BUCKET_WRITE_ROLE}
  return api.request({method: 'PATCH', path: `${bucketsPath(groupId)}/${enc(exportBucketId)}`, version: V_BUCKETS, body: patch, context, schema: exportBucketSchema}) as Promise<ExportBucket>
}

/** Atlas answers 204; a bucket in use is refused with 400 EXPORT_BUCKET_DELETE_FAILED_BUCKET_IN_USE, passed through. */
export async function deleteExportBucket(api: AtlasHttp, groupId: string, exportBucketId: string): Promise<void> {
  const context: RequestContext = {role: BUCKET_WRITE_ROLE}
  await api.request({method: 'DELETE', path: `${bucketsPath(groupId)}/${enc(exportBucketId)}`, version: V_BUCKET_DELETE, context})
}

export function listExportJobs(api: AtlasHttp, groupId: string, clusterName: string, page?: PageRequest): Promise<Paginated<ExportJob>> {
  const context: RequestContext = {clusterName, role: BUCKET_WRITE_ROLE}
  return api.request({method: 'GET', path: exportsPath(groupId, clusterName), version: V_EXPORT_JOBS, query: pageQuery(page), context, schema: paginatedSchema(exportJobSchema)}) as Promise<Paginated<ExportJob>>
}

export function createExportJob(api: AtlasHttp, groupId: string, clusterName: string, request: ExportJobRequest): Promise<ExportJob> {
  const context: RequestContext = {clusterName, role: EXPORT_ROLE}
  return api.request({method: 'POST', path: exportsPath(groupId, clusterName), version: V_EXPORT_JOBS, body: request, context, schema: exportJobSchema}) as Promise<ExportJob>
}

export function getExportJob(api: AtlasHttp, groupId: string, clusterName: string, exportId: string): Promise<ExportJob> {
  const context: RequestContext = {clusterName, role: BUCKET_WRITE_ROLE}
  return api.request({method: 'GET', path: `${exportsPath(groupId, clusterName)}/${enc(exportId)}`, version: V_EXPORT_JOBS, context, schema: exportJobSchema}) as Promise<ExportJob>
}
