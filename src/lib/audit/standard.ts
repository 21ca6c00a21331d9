import {z} from 'zod'

import {NORMALISED_DAYS, FREQUENCY_ORDER} from '../domain/retention.js'
import type {RetentionUnit, ScheduledFrequencyType} from '../domain/types.js'
import {parseDurationMs} from '../cli/durations.js'
import {UsageError} from '../cli/errors.js'

/**
 * The backup standard `backups audit` measures a fleet against (README, "Auditing a fleet against a standard").
 * Every control is optional; a control left out is not checked. Retentions are compared the way Atlas compares them
 * (domain/retention.ts: a month counts 31 days, a year 372).
 */
export interface RetentionMinimum {
  value: number
  unit: RetentionUnit
  /** In the unit-weighted days of NORMALISED_DAYS, for comparing with a policy item. */
  days: number
}

export interface FrequencyMinimum {
  /** Hourly only: the item must fire every this many hours or more often. */
  everyHours?: number
  keepAtLeast?: RetentionMinimum
}

export interface AuditStandard {
  policy?: Partial<Record<ScheduledFrequencyType, FrequencyMinimum>>
  continuousBackup?: {minRestoreWindowDays?: number}
  copyToAnotherRegion?: boolean
  /** Milliseconds: the newest completed snapshot may be at most this old (the RPO right now). */
  newestSnapshotMaxAgeMs?: number
  /** The words the file used, for messages ("36h"). */
  newestSnapshotMaxAge?: string
  noFailedSnapshotsInLastDays?: number
  compliancePolicyEnabled?: boolean
}

const RETENTION = /^(\d+)\s*(day|week|month|year)s?$/i

const retentionField = z.string({error: 'must be a retention such as "7 days", "4 weeks", "12 months" or "1 year"'}).transform((text, ctx) => {
  const match = RETENTION.exec(text.trim())
  if (!match || Number(match[1]) < 1) {
    ctx.addIssue({code: 'custom', message: `"${text}" is not a retention: use forms like "7 days", "4 weeks", "12 months" or "1 year"`})
    return z.NEVER
  }
  const value = Number(match[1])
  const unit = `${match[2]!.toLowerCase()}s` as RetentionUnit
  return {value, unit, days: NORMALISED_DAYS[unit] * value}
})

const HOURLY_INTERVALS = [1, 2, 4, 6, 8, 12]

const hourlyMinimum = z.strictObject({
  everyHours: z
    .number({error: 'must be a number of hours'})
    .refine((hours) => HOURLY_INTERVALS.includes(hours), {message: `must be one of Atlas's hourly intervals: ${HOURLY_INTERVALS.join(', ')}`})
    .optional(),
  keepAtLeast: retentionField.optional(),
})

// Daily, weekly, monthly and yearly items fire once per period (their interval is the day they fire on), so the
// item's presence is the frequency requirement: only its retention has a minimum.
const periodMinimum = z.strictObject({keepAtLeast: retentionField.optional()})

const positiveDays = z.number({error: 'must be a whole number of days'}).int({message: 'must be a whole number of days'}).min(1, {message: 'must be at least 1'})

const schema = z.strictObject({
  policy: z
    .strictObject({hourly: hourlyMinimum.optional(), daily: periodMinimum.optional(), weekly: periodMinimum.optional(), monthly: periodMinimum.optional(), yearly: periodMinimum.optional()})
    .optional(),
  continuousBackup: z.strictObject({minRestoreWindowDays: positiveDays.optional()}).optional(),
  copyToAnotherRegion: z.boolean({error: 'must be true or false'}).optional(),
  newestSnapshotMaxAge: z
    .string({error: 'must be a duration such as "36h" or "1d12h"'})
    .transform((text, ctx) => {
      try {
        const ms = parseDurationMs(text, 'newestSnapshotMaxAge')
        if (ms > 0) return {text: text.trim(), ms}
      } catch {
        // The issue below says it in the file's terms.
      }
      ctx.addIssue({code: 'custom', message: `"${text}" is not a duration: use forms like 30m, 36h, 2d or 1d12h`})
      return z.NEVER
    })
    .optional(),
  noFailedSnapshotsInLastDays: positiveDays.optional(),
  compliancePolicyEnabled: z.boolean({error: 'must be true or false'}).optional(),
})

function pathOf(path: ReadonlyArray<PropertyKey>): string {
  return path.length === 0 ? 'the document' : path.map(String).join('.')
}

function issueLine(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length === 0 ? '' : ` in ${pathOf(issue.path)}`
    return `unknown key${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((key) => `"${key}"`).join(', ')}${where}`
  }
  return `${pathOf(issue.path)}: ${issue.message}`
}

/**
 * Checks a standard document (already parsed from JSON or YAML) and returns it in the form the controls read.
 * Every problem is reported at once, one line each, as a usage error (exit 2): nothing is read from the backend.
 */
export function parseStandard(document: unknown, file: string): AuditStandard {
  const where = file === '-' ? 'stdin' : file
  const hint = 'See examples/audit-standard.yaml and the README section "Auditing a fleet against a standard"'
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new UsageError(`${where} is not an audit standard: it must be an object of controls`, hint)
  }
  const parsed = schema.safeParse(document)
  if (!parsed.success) {
    const lines = parsed.error.issues.map(issueLine)
    if (lines.length === 1) throw new UsageError(`${where}: ${lines[0]}`, hint)
    throw new UsageError(`${where} has ${lines.length} problems`, hint, lines)
  }
  const data = parsed.data
  const standard: AuditStandard = {}
  if (data.policy) {
    standard.policy = {}
    for (const type of FREQUENCY_ORDER) {
      const minimum = data.policy[type]
      if (minimum) standard.policy[type] = minimum
    }
  }
  if (data.continuousBackup) standard.continuousBackup = data.continuousBackup
  if (data.copyToAnotherRegion !== undefined) standard.copyToAnotherRegion = data.copyToAnotherRegion
  if (data.newestSnapshotMaxAge) {
    standard.newestSnapshotMaxAge = data.newestSnapshotMaxAge.text
    standard.newestSnapshotMaxAgeMs = data.newestSnapshotMaxAge.ms
  }
  if (data.noFailedSnapshotsInLastDays !== undefined) standard.noFailedSnapshotsInLastDays = data.noFailedSnapshotsInLastDays
  if (data.compliancePolicyEnabled !== undefined) standard.compliancePolicyEnabled = data.compliancePolicyEnabled
  const policySet = Object.keys(standard.policy ?? {}).length > 0
  if (!policySet && !standard.continuousBackup && !standard.copyToAnotherRegion && !standard.newestSnapshotMaxAgeMs && !standard.noFailedSnapshotsInLastDays && !standard.compliancePolicyEnabled) {
    throw new UsageError(`${where} sets no control, so an audit would pass everything`, hint)
  }
  return standard
}
