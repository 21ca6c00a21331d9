import {COPY_FREQUENCIES, copyFrequencyOf} from '../domain/copy-frequency.js'
import {AtlasApiError} from '../domain/errors.js'
import {DAY_MS} from '../domain/time.js'
import type {CopyFrequency, ExtraRetentionSetting, SnapshotFrequencyType} from '../domain/types.js'
import type {PolicyInForce} from './enforcement.js'

/**
 * Extra snapshot retention (rule 92): the schedule's `extraRetentionSettings` keep snapshots of a frequency some days
 * past their retention. It exists only with a Backup Compliance Policy: the policy protects a snapshot for its
 * retention, the extra days follow, during which it may be deleted, then it is deleted at its (extended) expiry. It
 * reaches existing snapshots of that frequency as well as future ones. Pure: the emulator applies what these decide.
 */

function invalid(index: number, field: string, why: string, errorCode = 'INVALID_ATTRIBUTE'): AtlasApiError {
  const path = `extraRetentionSettings[${index}].${field}`
  return new AtlasApiError(400, errorCode, `Invalid attribute ${path}: ${why}.`, [path])
}

/**
 * Checks the settings a schedule PATCH sends. Without a policy any setting is refused rather than stored to no
 * effect (the API accepts the field, but rule 92 gives it meaning only under a policy); an empty list clears it.
 */
export function checkExtraRetentionSettings(policy: PolicyInForce | undefined, settings: readonly ExtraRetentionSetting[] | undefined): void {
  if (settings === undefined || settings.length === 0) return
  if (!policy) {
    throw new AtlasApiError(
      400,
      'INVALID_ATTRIBUTE',
      'Invalid attribute extraRetentionSettings: extra snapshot retention applies only under a Backup Compliance Policy (rule 92); the project has none. Send an empty list, or leave the field out.',
      ['extraRetentionSettings'],
    )
  }
  const seen = new Set<string>()
  settings.forEach((setting, index) => {
    const frequency = setting?.frequencyType
    if (!COPY_FREQUENCIES.includes(frequency as CopyFrequency)) {
      throw invalid(index, 'frequencyType', `${JSON.stringify(frequency)} is not a frequency: use ${COPY_FREQUENCIES.join(', ')}`, 'INVALID_ENUM_VALUE')
    }
    if (seen.has(frequency!)) throw invalid(index, 'frequencyType', `${frequency} is given twice: give each frequency once`)
    seen.add(frequency!)
    const days = setting.retentionDays
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1) {
      throw invalid(index, 'retentionDays', `${JSON.stringify(days)} is not a number of days: give a whole number, 1 or more`)
    }
  })
}

/** The extra days the settings give snapshots of a frequency (0 when none). */
export function extraRetentionDays(settings: readonly ExtraRetentionSetting[] | undefined, frequencyType: SnapshotFrequencyType): number {
  const frequency = copyFrequencyOf(frequencyType)
  return settings?.find((setting) => setting.frequencyType === frequency)?.retentionDays ?? 0
}

/** The longest extra retention of any frequency, in ms: how much longer than its item a snapshot may live. */
export function longestExtraRetentionMs(settings: readonly ExtraRetentionSetting[] | undefined): number {
  return Math.max(0, ...(settings ?? []).map((setting) => setting.retentionDays ?? 0)) * DAY_MS
}

/**
 * A snapshot's life under extra retention: protected until `protectedUntil` (the expiry its retention gives), kept
 * `days` more. A snapshot already kept longer keeps its expiry: extra retention never shortens one (rule 89), so a
 * setting lowered or removed reaches future snapshots only.
 */
export function withExtraRetention(snapshot: {expiresAt: number; protectedUntil?: number}, days: number): {expiresAt: number; protectedUntil?: number} {
  if (days <= 0) return {expiresAt: snapshot.expiresAt, protectedUntil: snapshot.protectedUntil}
  const protectedUntil = snapshot.protectedUntil ?? snapshot.expiresAt
  return {protectedUntil, expiresAt: Math.max(snapshot.expiresAt, protectedUntil + days * DAY_MS)}
}
