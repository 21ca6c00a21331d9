import {AtlasApiError} from '../domain/errors.js'

/**
 * A restore refused by one rule of backup-rules.md. It is an AtlasApiError, so backends and `serve` report it as
 * Atlas would; it also names the rule and the request field (or cluster/snapshot) at fault, which Atlas's envelope
 * does not carry, for tests and for the CLI's explanations. The field is kept out of badRequestDetail so the envelope
 * stays what Atlas sends.
 */
export class RestoreRuleError extends AtlasApiError {
  readonly rule: number
  readonly field: string

  constructor(rule: number, field: string, status: number, errorCode: string, detail: string, parameters: unknown[] = []) {
    super(status, errorCode, detail, parameters)
    this.name = 'RestoreRuleError'
    this.rule = rule
    this.field = field
  }
}

export function missingAttribute(rule: number, field: string, why: string): RestoreRuleError {
  return new RestoreRuleError(rule, field, 400, 'MISSING_ATTRIBUTE', `The required attribute ${field} was not specified: ${why}`, [field])
}

export function invalidAttribute(rule: number, field: string, why: string): RestoreRuleError {
  return new RestoreRuleError(rule, field, 400, 'INVALID_ATTRIBUTE', `Invalid attribute ${field} specified: ${why}`, [field])
}

export function invalidEnumValue(rule: number, field: string, value: unknown, allowed: readonly string[]): RestoreRuleError {
  return new RestoreRuleError(
    rule,
    field,
    400,
    'INVALID_ENUM_VALUE',
    `An invalid enumeration value ${JSON.stringify(value)} was specified for ${field}: use ${allowed.join(', ')}.`,
    [String(value), field],
  )
}

export function invalidPitRestoreTime(rule: number, field: string, why: string): RestoreRuleError {
  return new RestoreRuleError(rule, field, 400, 'INVALID_PIT_RESTORE_TIME', `Invalid point-in-time restore time: ${why}`)
}

/** The spelling with a zero ("T0") is Atlas's own. */
export function noSnapshotBeforePointInTime(field: string, why: string): RestoreRuleError {
  return new RestoreRuleError(70, field, 404, 'UNABLE_T0_FIND_SNAPSHOT_PRIOR_TO_PIT_RESTORE_OPTIME', `No snapshot to replay the oplog from: ${why}`)
}

export function noCheckpointForPitRestore(clusterName: string): RestoreRuleError {
  return new RestoreRuleError(
    70,
    'deliveryType',
    409,
    'NO_CHECKPOINT_FOR_PIT_RESTORE',
    `Cluster ${clusterName} has Continuous Cloud Backup turned off, so it keeps no oplog to restore a point in time from. Restore a snapshot instead, or turn Continuous Cloud Backup on and wait for it to cover the moment you need.`,
    [clusterName],
  )
}

export function cannotRestoreToTarget(rule: number, field: string, targetName: string, why: string): RestoreRuleError {
  return new RestoreRuleError(rule, field, 403, 'CANNOT_RESTORE_TO_TARGET', `Cannot restore to target cluster ${targetName}: ${why}`, [targetName])
}

export function restoreJobNotFound(restoreJobId: string, clusterName: string): RestoreRuleError {
  return new RestoreRuleError(71, 'restoreJobId', 404, 'RESTORE_JOB_NOT_FOUND', `No restore job with ID ${restoreJobId} exists for cluster ${clusterName}.`, [restoreJobId, clusterName])
}

export function invalidJobId(restoreJobId: string): RestoreRuleError {
  return new RestoreRuleError(71, 'restoreJobId', 404, 'INVALID_JOB_ID', `Invalid restore job ID ${restoreJobId}: job IDs are 24 hexadecimal characters.`, [restoreJobId])
}
