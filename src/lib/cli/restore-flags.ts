import * as Args from '@oclif/core/args'

import type {RestoreJobRequest} from '../domain/types.js'
import {checkRestoreJobId} from '../restores/state.js'
import {parseRestoreRequest, type DeliveryType} from '../restores/request.js'
import {RestoreRuleError} from '../restores/errors.js'
import {UsageError} from './errors.js'
import {instantArgument} from './instants.js'

export const restoreJobIdArg = Args.string({description: 'ID of the restore job.', required: true})

/** A malformed job ID is refused before anything is sent (Atlas would answer 404 INVALID_JOB_ID). */
export function requireRestoreJobId(restoreJobId: string): string {
  try {
    checkRestoreJobId(restoreJobId)
  } catch {
    throw new UsageError(`"${restoreJobId}" is not a restore job ID (24 hexadecimal characters)`, 'List the jobs with `atlas-backups backups restores list <clusterName>`')
  }
  return restoreJobId
}

/** The flags of `backups restores start` that make up the request body. */
export interface RestoreStartFlags {
  snapshotId?: string
  targetClusterName?: string
  targetProjectId?: string
  oplogTs?: number
  oplogInc?: number
  pointInTimeUTCSeconds?: number
  /** ISO 8601 with a zone: the readable form of --pointInTimeUTCSeconds. */
  pointInTime?: string
}

/** Which flags name what: the API's field names, as the user typed them. */
const TIME_FLAGS = ['oplogTs', 'oplogInc', 'pointInTimeUTCSeconds', 'pointInTime'] as const
const TARGET_FLAGS = ['targetClusterName', 'targetProjectId'] as const

function given(flags: RestoreStartFlags, names: readonly (keyof RestoreStartFlags)[]): string[] {
  return names.filter((name) => flags[name] !== undefined).map((name) => `--${name}`)
}

function list(flags: string[]): string {
  return flags.length === 1 ? flags[0]! : `${flags.slice(0, -1).join(', ')} and ${flags.at(-1)}`
}

/**
 * --pointInTime as whole seconds since the epoch. A zone is required (a local time would mean another instant on
 * another machine) and a fraction of a second is refused rather than dropped: Atlas restores to whole seconds, and
 * a restore to another moment than the one asked for is the worst surprise a restore can hold.
 */
function pointInTimeSeconds(text: string): number {
  let ms: number
  try {
    ms = instantArgument(text)
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`--pointInTime: ${error.message}`, error.hint)
    throw error
  }
  if (ms % 1000 !== 0) throw new UsageError(`--pointInTime ${text} has a fraction of a second, and Atlas restores to whole seconds`, 'Give whole seconds, or name an oplog entry with --oplogTs and --oplogInc')
  return ms / 1000
}

/**
 * Flags a delivery type does not use are refused rather than dropped: a download given --targetClusterName, or an
 * automated restore given a time, would otherwise do something else than the user believes (the Atlas CLI sends
 * them and Atlas ignores them).
 */
function refuseUnused(deliveryType: DeliveryType, flags: RestoreStartFlags): void {
  const times = given(flags, TIME_FLAGS)
  if (deliveryType !== 'pointInTime' && times.length > 0) {
    throw new UsageError(
      `${list(times)} ${times.length === 1 ? 'applies' : 'apply'} to pointInTime restores only: ${deliveryType === 'automated' ? 'an automated' : 'a download'} restore restores the snapshot --snapshotId as it was taken`,
      'Use `backups restores start pointInTime` to restore to a moment, or leave the time out',
    )
  }
  const targets = given(flags, TARGET_FLAGS)
  if (deliveryType === 'download' && targets.length > 0) {
    throw new UsageError(`${list(targets)} ${targets.length === 1 ? 'does' : 'do'} not apply to a download: it writes no cluster, it prepares a file to fetch`, 'Use `backups restores start automated` to restore into a cluster')
  }
}

/** The API's field names in a rule's explanation, as the flags the user gives them with. */
function inFlagTerms(text: string, usedPointInTime: boolean): string {
  return text.replace(/\b(targetGroupId|targetClusterName|snapshotId|pointInTimeUTCSeconds|oplogTs|oplogInc)\b/g, (field) => {
    if (field === 'targetGroupId') return '--targetProjectId'
    if (field === 'pointInTimeUTCSeconds' && usedPointInTime) return '--pointInTime'
    return `--${field}`
  })
}

/**
 * The request body `backups restores start` sends, checked by the same request rules Atlas applies
 * (parseRestoreRequest, backup-rules.md rows 68–70), so that every refusal they would cause is a usage error
 * (exit 2) before anything is sent. Field order is the Atlas CLI's.
 */
export function restoreRequestFromFlags(deliveryType: DeliveryType, flags: RestoreStartFlags): RestoreJobRequest {
  refuseUnused(deliveryType, flags)
  const pointInTimeUTCSeconds = flags.pointInTime === undefined ? flags.pointInTimeUTCSeconds : pointInTimeSeconds(flags.pointInTime)
  const candidate = {
    deliveryType,
    oplogInc: flags.oplogInc,
    oplogTs: flags.oplogTs,
    pointInTimeUTCSeconds,
    snapshotId: flags.snapshotId,
    targetClusterName: flags.targetClusterName,
    targetGroupId: flags.targetProjectId,
  }
  const request = Object.fromEntries(Object.entries(candidate).filter(([, value]) => value !== undefined)) as unknown as RestoreJobRequest
  try {
    parseRestoreRequest(request)
  } catch (error) {
    if (!(error instanceof RestoreRuleError)) throw error
    // The detail is "<what is wrong with field>: <why>"; the why is the part worth reading, in flag terms.
    const usedPointInTime = flags.pointInTime !== undefined
    const why = inFlagTerms(error.detail.slice(error.detail.indexOf(': ') + 2), usedPointInTime)
    const hint = 'See `atlas-backups backups restores start --help` for the flags each type takes'
    if (error.errorCode === 'MISSING_ATTRIBUTE' && error.field === 'pointInTimeUTCSeconds') {
      throw new UsageError('missing the moment to restore to: a pointInTime restore needs --pointInTime, --pointInTimeUTCSeconds, or --oplogTs with --oplogInc', hint)
    }
    const flag = inFlagTerms(error.field, usedPointInTime)
    throw new UsageError(`${error.errorCode === 'MISSING_ATTRIBUTE' ? 'missing' : 'invalid'} ${flag}: ${why}`, hint)
  }
  return request
}
