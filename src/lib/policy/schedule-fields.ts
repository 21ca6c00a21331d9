import {describeValue, type Findings, isWholeNumber} from './violation.js'

/** Rows 24–26: the reference time of day, UTC. */
export function checkReferenceTime(input: Record<string, unknown>, isPatch: boolean, findings: Findings): void {
  const hour = input.referenceHourOfDay
  const minute = input.referenceMinuteOfHour
  if (hour !== undefined && !(isWholeNumber(hour) && hour >= 0 && hour <= 23)) {
    findings.error('referenceHourOfDay', 'INVALID_REFERENCE_HOUR_OF_DAY', 24, `referenceHourOfDay ${describeValue(hour)} is not valid: use a whole hour from 0 to 23 (UTC)`)
  }
  if (minute !== undefined && !(isWholeNumber(minute) && minute >= 0 && minute <= 59)) {
    findings.error('referenceMinuteOfHour', 'INVALID_REFERENCE_MINUTE_OF_HOUR', 25, `referenceMinuteOfHour ${describeValue(minute)} is not valid: use a whole minute from 0 to 59`)
  }
  // Only a change (PATCH) can leave one of the two out and keep the other from the stored schedule; Atlas may
  // refuse that, so a change sends both. A whole schedule document may rely on the defaults.
  if (isPatch && (hour === undefined) !== (minute === undefined)) {
    const missing = hour === undefined ? 'referenceHourOfDay' : 'referenceMinuteOfHour'
    findings.error('$', 'INVALID_REFERENCE_TIME_OF_DAY_MISSING_FIELDS', 26, `${missing} is missing: send referenceHourOfDay and referenceMinuteOfHour together`)
  }
}

/** Row 21: the restore window is a positive whole number of days, checked even when continuous backup is off. */
export function checkRestoreWindowValue(value: unknown, findings: Findings): value is number {
  if (value === undefined) return false
  if (isWholeNumber(value) && value >= 1) return true
  findings.error('restoreWindowDays', 'INVALID_RESTORE_WINDOW', 21, `restoreWindowDays ${describeValue(value)} is not valid: the restore window is a positive whole number of days`)
  return false
}

const BOOLEAN_FIELDS = ['autoExportEnabled', 'copyPolicyItemsEnabled', 'deleteSnapshots', 'updateSnapshots', 'useOrgAndGroupNamesInExportPrefix']

/** Rows 34–35: the one-shot and on/off flags are booleans. */
export function checkBooleans(input: Record<string, unknown>, findings: Findings): void {
  for (const key of BOOLEAN_FIELDS) {
    const value = input[key]
    if (value !== undefined && typeof value !== 'boolean') findings.error(key, 'INVALID_ATTRIBUTE', key === 'deleteSnapshots' ? 35 : 34, `${key} must be true or false, not ${describeValue(value)}`)
  }
}

/** Every field of a schedule or of its PATCH body; anything else is ignored by Atlas, so it is worth a warning. */
const KNOWN_FIELDS = new Set([
  'autoCopySettingsEnabled',
  'autoExportEnabled',
  'clusterId',
  'clusterName',
  'copyPolicyItemsEnabled',
  'copySettings',
  'deleteCopiedBackups',
  'deleteCopySnapshots',
  'deleteSnapshots',
  'export',
  'extraRetentionSettings',
  'links',
  'nextSnapshot',
  'policies',
  'referenceHourOfDay',
  'referenceMinuteOfHour',
  'restoreWindowDays',
  'updateCopySnapshots',
  'updateSnapshots',
  'useOrgAndGroupNamesInExportPrefix',
])

export function checkUnknownFields(input: Record<string, unknown>, findings: Findings): void {
  for (const key of Object.keys(input)) {
    if (!KNOWN_FIELDS.has(key)) findings.warning(key, 'INVALID_ATTRIBUTE', 1, `${key} is not a field of a backup schedule and will be ignored: check its spelling`)
  }
}
