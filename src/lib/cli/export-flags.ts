import * as Flags from '@oclif/core/flags'

import {isObjectId} from '../domain/ids.js'
import type {BackupLabel, CloudProvider, ExportBucketRequest} from '../domain/types.js'
import {UsageError} from './errors.js'

/** Flags and checks shared by the `backups exports …` commands: every one refuses bad input before a request. */

export const bucketIdFlag = Flags.string({description: 'Unique identifier that Atlas assigns to the bucket.', required: true})

/** A 24-hexadecimal id given in `flag`, or exit 2 naming the flag and where to find a good one. */
export function requireId(flag: string, value: string, where: string): string {
  if (!isObjectId(value)) throw new UsageError(`${flag} "${value}" must be 24 hexadecimal characters`, where)
  return value
}

export const BUCKET_ID_HINT = 'Copy it from `atlas-backups backups exports buckets list`'

/**
 * --customData as the Atlas CLI takes it (a string-to-string map): `key=value` pairs separated by commas, the flag
 * repeatable. A later key replaces an earlier one, as a map does; the order given is kept, so the body is stable.
 */
export function parseCustomData(values: string[]): BackupLabel[] {
  const labels = new Map<string, string>()
  for (const pair of values.flatMap((value) => value.split(','))) {
    const equals = pair.indexOf('=')
    if (equals <= 0) throw new UsageError(`--customData "${pair}" must be key=value`, 'Give pairs like --customData name=test,info=test')
    labels.set(pair.slice(0, equals), pair.slice(equals + 1))
  }
  return [...labels].map(([key, value]) => ({key, value}))
}

export interface BucketFlags {
  cloudProvider: string
  iamRoleId?: string
  roleId?: string
  serviceUrl?: string
}

/**
 * The create body for `exports buckets create <bucketName>`: AWS needs --iamRoleId (the Atlas CLI's only case);
 * Azure, which the API also takes, needs --roleId and --serviceUrl. The provider is matched without regard to case.
 */
export function bucketRequest(bucketName: string, flags: BucketFlags): ExportBucketRequest {
  const provider = flags.cloudProvider.toUpperCase() as CloudProvider
  if (bucketName.length < 3 || bucketName.length > 63) throw new UsageError(`bucket name "${bucketName}" must be 3 to 63 characters`, 'Give the name of an existing S3 bucket or Azure container')
  if (provider === 'AWS') {
    if (flags.roleId !== undefined || flags.serviceUrl !== undefined) throw new UsageError('--roleId and --serviceUrl are for Azure buckets', 'For AWS give --iamRoleId only')
    if (flags.iamRoleId === undefined) throw new UsageError('an AWS bucket needs --iamRoleId', 'Give the id of the cloud provider access role that can write to the bucket')
    return {cloudProvider: 'AWS', bucketName, iamRoleId: requireId('--iamRoleId', flags.iamRoleId, 'Copy the role id from your project\'s cloud provider access settings')}
  }
  if (provider === 'AZURE') {
    if (flags.iamRoleId !== undefined) throw new UsageError('--iamRoleId is for AWS buckets', 'For Azure give --roleId and --serviceUrl')
    if (flags.roleId === undefined || flags.serviceUrl === undefined) throw new UsageError('an Azure bucket needs --roleId and --serviceUrl', 'Give the access role id and the container URL, https://<account>.blob.core.windows.net/<container>')
    if (!/^https:\/\/\S{25,}$/.test(flags.serviceUrl)) throw new UsageError(`--serviceUrl "${flags.serviceUrl}" must be an https:// URL`, 'Give the container URL, https://<account>.blob.core.windows.net/<container>')
    return {cloudProvider: 'AZURE', bucketName, roleId: requireId('--roleId', flags.roleId, 'Copy the role id from your project\'s cloud provider access settings'), serviceUrl: flags.serviceUrl}
  }
  throw new UsageError(`--cloudProvider "${flags.cloudProvider}" is not supported`, 'Use AWS (or AZURE)')
}
