import {isAbsolute, join, resolve} from 'node:path'

import {exportBucketInUse, exportBucketNotFound, invalidAttribute} from '../../domain/atlas-errors.js'
import {AtlasApiError} from '../../domain/errors.js'
import {deterministicObjectId, deterministicUuid, isObjectId} from '../../domain/ids.js'
import type {ExportBucket, ExportBucketPatch, PageRequest, Paginated} from '../../domain/types.js'
import type {ExportBucketRecord} from './export-records.js'
import {ExportRepository} from './export-repository.js'
import type {LocalSession} from './session.js'
import {readMeta, writeMeta} from './store.js'
import {compact, countedTotal, groupPath, paginateStored} from './views.js'

/**
 * The export-buckets resource of the emulator. A bucket is a folder on this machine: by default
 * `$ATLAS_BACKUPS_HOME/export-buckets/<provider>/<bucketName>` (two buckets of one name share it, as two Atlas
 * entries naming the same S3 bucket do), or a folder given at creation (`exports buckets create --localFolder`).
 */

/** S3 bucket names: 3–63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/

function bucketNameInvalid(name: string): AtlasApiError {
  return new AtlasApiError(400, 'EXPORT_BUCKET_NAME_INVALID', `Export bucket name ${name} is invalid: use 3 to 63 lower-case letters, digits, dots and hyphens.`, [name])
}

function requiredString(body: Record<string, unknown>, name: string): string {
  const value = body[name]
  if (typeof value !== 'string' || value === '') throw invalidAttribute(name, `${name} is required.`)
  return value
}

function roleIdOf(body: Record<string, unknown>, name: string): string {
  const value = requiredString(body, name)
  if (!isObjectId(value)) throw invalidAttribute(name, `${value} is not 24 hexadecimal characters.`)
  return value
}

function optionalBoolean(body: Record<string, unknown>, name: string): boolean | undefined {
  const value = body[name]
  if (value !== undefined && typeof value !== 'boolean') throw invalidAttribute(name, `${JSON.stringify(value)} is neither true nor false.`)
  return value
}

/** An Azure container is named by the first path segment of the service URL, when the request names none. */
function azureContainer(serviceUrl: string): string | undefined {
  try {
    return new URL(serviceUrl).pathname.split('/').find((part) => part !== '')
  } catch {
    return undefined
  }
}

type ParsedBucket = Omit<ExportBucketRecord, 'id' | 'groupId' | 'createdAt' | 'folder'>

/** The create body as the spec's discriminated DiskBackupSnapshotExportBucketRequest has it (AWS or AZURE). */
export function parseBucketRequest(body: unknown): ParsedBucket {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidAttribute('body', 'the request body must be a JSON object.')
  const fields = body as Record<string, unknown>
  const provider = fields.cloudProvider
  const requirePrivateNetworking = optionalBoolean(fields, 'requirePrivateNetworking') ?? false
  if (provider === 'AWS') {
    const bucketName = requiredString(fields, 'bucketName')
    if (!BUCKET_NAME.test(bucketName)) throw bucketNameInvalid(bucketName)
    return {cloudProvider: 'AWS', bucketName, iamRoleId: roleIdOf(fields, 'iamRoleId'), requirePrivateNetworking}
  }
  if (provider === 'AZURE') {
    const serviceUrl = requiredString(fields, 'serviceUrl')
    if (serviceUrl.length < 33 || serviceUrl.length > 2048 || !/^https:\/\//.test(serviceUrl)) {
      throw invalidAttribute('serviceUrl', `${serviceUrl} is not an https:// URL of 33 to 2048 characters (https://<account>.blob.core.windows.net/<container>).`)
    }
    const bucketName = typeof fields.bucketName === 'string' ? fields.bucketName : azureContainer(serviceUrl)
    if (bucketName === undefined || bucketName.length < 3 || bucketName.length > 63) throw bucketNameInvalid(bucketName ?? '')
    const tenantId = fields.tenantId
    if (tenantId !== undefined && (typeof tenantId !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(tenantId))) {
      throw invalidAttribute('tenantId', `${JSON.stringify(tenantId)} is not a UUID.`)
    }
    return {cloudProvider: 'AZURE', bucketName, roleId: roleIdOf(fields, 'roleId'), serviceUrl, tenantId: tenantId ?? deterministicUuid(`azure-tenant/${serviceUrl}`), requirePrivateNetworking}
  }
  if (provider === 'GCP') throw invalidAttribute('cloudProvider', 'the local emulator exports to AWS S3 and Azure Blob buckets; GCP is not emulated.')
  throw new AtlasApiError(400, 'INVALID_ENUM_VALUE', `An invalid enumeration value ${JSON.stringify(provider)} was specified for cloudProvider: use AWS or AZURE.`, [provider, 'cloudProvider'])
}

/** The folder standing for a bucket: the one given (relative to the working directory), else under the home. */
export function bucketFolder(home: string, bucket: ParsedBucket, given: string | undefined): string {
  if (given !== undefined) return isAbsolute(given) ? given : resolve(given)
  return join(home, 'export-buckets', bucket.cloudProvider.toLowerCase(), bucket.bucketName)
}

export function createExportBucket(s: LocalSession, groupId: string, body: unknown, home: string, folder?: string): ExportBucketRecord {
  s.requireProject(groupId)
  const parsed = parseBucketRequest(body)
  const repo = new ExportRepository(s.repo.db)
  // A counter that never goes back (deletions included), so that ids stay unique under a frozen clock.
  const sequence = Number(readMeta(s.repo.db, 'export-bucket-sequence') ?? '0') + 1
  writeMeta(s.repo.db, 'export-bucket-sequence', String(sequence))
  const bucket: ExportBucketRecord = {
    ...parsed,
    id: deterministicObjectId(s.now, `${groupId}/export-bucket/${sequence}`),
    groupId,
    createdAt: s.now,
    folder: bucketFolder(home, parsed, folder),
  }
  repo.insertBucket(bucket)
  return bucket
}

export function findExportBucket(s: LocalSession, groupId: string, bucketId: string): ExportBucketRecord {
  s.requireProject(groupId)
  const bucket = isObjectId(bucketId) ? new ExportRepository(s.repo.db).findBucket(groupId, bucketId) : undefined
  if (!bucket) throw exportBucketNotFound(bucketId)
  return bucket
}

export function pageOfExportBuckets(s: LocalSession, groupId: string, page: PageRequest): Paginated<ExportBucket> {
  s.requireProject(groupId)
  const repo = new ExportRepository(s.repo.db)
  return paginateStored(s.view, `${groupPath(groupId)}/backup/exportBuckets`, page, countedTotal(page, () => repo.countBuckets(groupId)), (limit, offset) => repo.bucketPage(groupId, limit, offset), exportBucketView)
}

export function patchExportBucket(s: LocalSession, groupId: string, bucketId: string, patch: ExportBucketPatch): ExportBucketRecord {
  const bucket = findExportBucket(s, groupId, bucketId)
  const value = optionalBoolean((patch ?? {}) as unknown as Record<string, unknown>, 'requirePrivateNetworking')
  if (value === undefined) throw invalidAttribute('requirePrivateNetworking', 'requirePrivateNetworking is required.')
  bucket.requirePrivateNetworking = value
  new ExportRepository(s.repo.db).updateBucket(bucket)
  return bucket
}

/**
 * Deletes a bucket no export job and no auto-export policy uses. Atlas refuses the others; the emulator names the
 * user (a job, or a cluster's schedule) so the fix is plain. The folder and its files stay: they are the user's.
 */
export function deleteExportBucket(s: LocalSession, groupId: string, bucketId: string): void {
  const bucket = findExportBucket(s, groupId, bucketId)
  const repo = new ExportRepository(s.repo.db)
  const job = repo.jobUsingBucket(bucket.id)
  if (job) throw exportBucketInUse(bucket.id, `export job ${job.id} of cluster ${job.clusterName}`)
  const policy = s.repo.clusters(groupId).find((cluster) => cluster.schedule?.export?.exportBucketId === bucket.id)
  if (policy) throw exportBucketInUse(bucket.id, `the auto-export policy of cluster ${policy.name}`)
  repo.deleteBucket(bucket.id)
}

/** A bucket as Atlas answers it (2024-05-30): the provider's own fields, keys in Atlas's order. */
export function exportBucketView(bucket: ExportBucketRecord): ExportBucket {
  if (bucket.cloudProvider === 'AZURE') {
    return {_id: bucket.id, bucketName: bucket.bucketName, cloudProvider: 'AZURE', requirePrivateNetworking: bucket.requirePrivateNetworking, roleId: bucket.roleId, serviceUrl: bucket.serviceUrl, tenantId: bucket.tenantId}
  }
  return compact({_id: bucket.id, bucketName: bucket.bucketName, cloudProvider: bucket.cloudProvider, iamRoleId: bucket.iamRoleId, requirePrivateNetworking: bucket.requirePrivateNetworking})
}
