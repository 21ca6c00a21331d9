import * as Flags from '@oclif/core/flags'

import type {ServerlessRestoreJobRequest} from '../domain/types.js'
import type {DeliveryType} from '../restores/request.js'
import {UsageError} from './errors.js'
import {restoreRequestFromFlags, type RestoreStartFlags} from './restore-flags.js'

/** The serverless commands name the job with a flag, not an argument, as the Atlas CLI had them. */
export const serverlessRestoreJobIdFlag = Flags.string({description: 'Unique identifier that identifies the restore job.', required: true})

/**
 * The body of `serverless backups restores create`: the cluster request rules (restoreRequestFromFlags), then what a
 * serverless instance does not offer (backup-rules.md row 83), refused before anything is sent: no download, and a
 * point in time by date and time only, never by oplog entry. The target fields are always present, as the Atlas CLI
 * sent them and the spec requires.
 */
export function serverlessRestoreRequest(deliveryType: DeliveryType, flags: RestoreStartFlags): ServerlessRestoreJobRequest {
  if (deliveryType === 'download') {
    throw new UsageError('serverless instances offer no download restore', 'Restore the snapshot into a cluster with --deliveryType automated --targetClusterName … --targetProjectId …')
  }
  if (flags.oplogTs !== undefined || flags.oplogInc !== undefined) {
    throw new UsageError('a serverless instance restores to a date and time only, not to an oplog entry (--oplogTs, --oplogInc)', 'Give the moment with --pointInTime (e.g. 2026-11-29T10:15:00Z) or --pointInTimeUTCSeconds')
  }
  let request
  try {
    request = restoreRequestFromFlags(deliveryType, flags)
  } catch (error) {
    // The same rules as `backups restores start`, but the help to read is this command's.
    if (error instanceof UsageError) throw new UsageError(error.message, 'See `atlas-backups serverless backups restores create --help` for the flags each type takes', error.details)
    throw error
  }
  return {...request, targetClusterName: request.targetClusterName ?? '', targetGroupId: request.targetGroupId ?? ''}
}
