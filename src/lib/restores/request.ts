import type {RestoreJob} from '../domain/types.js'
import {invalidAttribute, invalidEnumValue, missingAttribute} from './errors.js'

export type DeliveryType = RestoreJob['deliveryType']
export const DELIVERY_TYPES: readonly DeliveryType[] = ['automated', 'download', 'pointInTime']

/** A point in time named either by wall-clock second or by oplog entry (second + ordinal within it). */
export type PointInTimeRequest = {by: 'seconds'; seconds: number} | {by: 'oplog'; oplogTs: number; oplogInc: number}

/** A restore request once its shape is known to be valid: what the backends act on. */
export interface RestoreRequest {
  deliveryType: DeliveryType
  snapshotId?: string
  /** Where automated and point-in-time restores write; downloads have none. */
  target?: {clusterName: string; groupId: string}
  pointInTime?: PointInTimeRequest
}

/** 2008-01-01T00:00:00Z, the spec's minimum for pointInTimeUTCSeconds and oplogTs. */
export const MIN_PIT_SECONDS = 1_199_145_600
/** The spec types the time fields as int32. */
export const MAX_INT32 = 2_147_483_647

const HEX_ID = /^[a-f0-9]{24}$/

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null
}

function wholeNumberIn(value: unknown, min: number): value is number {
  return Number.isInteger(value) && (value as number) >= min && (value as number) <= MAX_INT32
}

function requireName(body: Record<string, unknown>, field: string, deliveryType: DeliveryType, serverless: boolean): string {
  const value = body[field]
  if (typeof value !== 'string' || value.trim() === '') {
    const who = serverless ? 'serverless restores' : `${deliveryType} restores`
    throw missingAttribute(69, field, `${who} write into a target cluster, named by targetClusterName and targetGroupId.`)
  }
  return value
}

function parseTarget(body: Record<string, unknown>, deliveryType: DeliveryType, serverless: boolean): {clusterName: string; groupId: string} {
  const clusterName = requireName(body, 'targetClusterName', deliveryType, serverless)
  const groupId = requireName(body, 'targetGroupId', deliveryType, serverless)
  if (!HEX_ID.test(groupId)) throw invalidAttribute(69, 'targetGroupId', `${JSON.stringify(groupId)} is not a project ID (24 hexadecimal characters).`)
  return {clusterName, groupId}
}

function parseSnapshotId(body: Record<string, unknown>, deliveryType: DeliveryType): string | undefined {
  const value = body.snapshotId
  if (!isPresent(value)) {
    if (deliveryType === 'pointInTime') return undefined
    throw missingAttribute(69, 'snapshotId', `${deliveryType} restores need the snapshot to restore.`)
  }
  if (typeof value !== 'string' || !HEX_ID.test(value)) throw invalidAttribute(69, 'snapshotId', `${JSON.stringify(value)} is not a snapshot ID (24 hexadecimal characters).`)
  return value
}

function parsePointInTime(body: Record<string, unknown>, serverless: boolean): PointInTimeRequest {
  const seconds = body.pointInTimeUTCSeconds
  const oplogTs = body.oplogTs
  const oplogInc = body.oplogInc
  const bySeconds = isPresent(seconds)
  const byOplog = isPresent(oplogTs) || isPresent(oplogInc)
  if (bySeconds && byOplog) {
    throw invalidAttribute(70, 'pointInTimeUTCSeconds', 'give either pointInTimeUTCSeconds or oplogTs with oplogInc, not both.')
  }
  if (!bySeconds && !byOplog) {
    throw missingAttribute(70, 'pointInTimeUTCSeconds', 'a pointInTime restore needs pointInTimeUTCSeconds, or oplogTs with oplogInc.')
  }
  if (bySeconds) {
    if (!wholeNumberIn(seconds, MIN_PIT_SECONDS)) {
      throw invalidAttribute(70, 'pointInTimeUTCSeconds', `${JSON.stringify(seconds)} is not a whole number of seconds since the epoch from ${MIN_PIT_SECONDS} (2008-01-01) to ${MAX_INT32}.`)
    }
    return {by: 'seconds', seconds}
  }
  // Serverless instances restore by date and time only, not by oplog entry (backup-rules.md row 83).
  if (serverless) throw invalidAttribute(83, 'oplogTs', 'serverless instances restore to a point in time by pointInTimeUTCSeconds only, not by oplog entry.')
  if (!isPresent(oplogTs)) throw missingAttribute(70, 'oplogTs', 'oplogInc names an entry within the second oplogTs: give both.')
  if (!isPresent(oplogInc)) throw missingAttribute(70, 'oplogInc', 'oplogTs needs oplogInc, the ordinal of the entry within that second: give both.')
  if (!wholeNumberIn(oplogTs, MIN_PIT_SECONDS)) {
    throw invalidAttribute(70, 'oplogTs', `${JSON.stringify(oplogTs)} is not a whole number of seconds since the epoch from ${MIN_PIT_SECONDS} (2008-01-01) to ${MAX_INT32}.`)
  }
  if (!wholeNumberIn(oplogInc, 1)) throw invalidAttribute(70, 'oplogInc', `${JSON.stringify(oplogInc)} is not a whole number from 1 to ${MAX_INT32}.`)
  return {by: 'oplog', oplogTs, oplogInc}
}

/**
 * The shape of a restore job request (backup-rules.md rows 68–70): exactly one delivery type; automated and
 * point-in-time restores name a target cluster and project; a point-in-time restore names its moment one way only.
 * Serverless requests (`serverless: true`) always name a target, as their schema requires.
 *
 * Where Atlas's answer is not recorded: a download's target fields, and the time fields of a restore that is not
 * point-in-time, are dropped rather than refused (the API documents them as used only by the other types, and the
 * Atlas CLI sends flags as given).
 */
export function parseRestoreRequest(body: unknown, options: {serverless?: boolean} = {}): RestoreRequest {
  const serverless = options.serverless === true
  // JSON arrays are objects without these fields, so they read as an empty body.
  const fields: Record<string, unknown> = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {}
  const deliveryType = fields.deliveryType
  if (!isPresent(deliveryType)) throw missingAttribute(68, 'deliveryType', `choose one of ${DELIVERY_TYPES.join(', ')}.`)
  if (!(DELIVERY_TYPES as readonly unknown[]).includes(deliveryType)) {
    throw invalidEnumValue(68, 'deliveryType', deliveryType, DELIVERY_TYPES)
  }
  const type = deliveryType as DeliveryType
  const request: RestoreRequest = {deliveryType: type}
  const snapshotId = parseSnapshotId(fields, type)
  if (snapshotId !== undefined) request.snapshotId = snapshotId
  if (type !== 'download' || serverless) request.target = parseTarget(fields, type, serverless)
  if (type === 'pointInTime') request.pointInTime = parsePointInTime(fields, serverless)
  return request
}

/** The instant (epoch ms) a point-in-time request names; an oplog entry's ordinal does not move it off its second. */
export function pointInTimeMs(pointInTime: PointInTimeRequest): number {
  return (pointInTime.by === 'seconds' ? pointInTime.seconds : pointInTime.oplogTs) * 1000
}

/** The request field a point-in-time error names: the one the caller used. */
export function pointInTimeField(pointInTime: PointInTimeRequest): string {
  return pointInTime.by === 'seconds' ? 'pointInTimeUTCSeconds' : 'oplogTs'
}
