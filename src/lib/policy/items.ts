import {isObjectId} from '../domain/ids.js'
import {isRetentionUnit, isScheduledFrequencyType, NORMALISED_DAYS} from '../domain/retention.js'
import type {PolicyItem, RetentionUnit, ScheduledFrequencyType} from '../domain/types.js'
import {describeValue, type Findings, isRecord, isWholeNumber} from './violation.js'

/** A policy item whose four fields passed their own checks, ready for the rules that compare items. */
export interface CheckedItem {
  path: string
  frequencyType: ScheduledFrequencyType
  retentionUnit: RetentionUnit
  retentionValue: number
}

const REQUIRED = ['frequencyType', 'frequencyInterval', 'retentionUnit', 'retentionValue'] as const

/** The hours an hourly item may fire every (row 6). */
export const HOURLY_INTERVALS: readonly number[] = [1, 2, 4, 6, 8, 12]

/** Allowed frequencyInterval per type (rows 6–10), with the words that tell the user. */
function intervalRule(type: ScheduledFrequencyType, nvme: boolean): {allowed: (n: number) => boolean; words: string; rule: number} {
  switch (type) {
    case 'hourly':
      return nvme
        ? {allowed: (n) => n === 12, words: '12 (NVMe clusters take hourly snapshots every 12 hours only)', rule: 6}
        : {allowed: (n) => HOURLY_INTERVALS.includes(n), words: '1, 2, 4, 6, 8 or 12 (hours)', rule: 6}
    case 'daily':
      return {allowed: (n) => n === 1, words: '1', rule: 7}
    case 'weekly':
      return {allowed: (n) => n >= 1 && n <= 7, words: '1 to 7 (day of the week, 1 = Monday, 7 = Sunday)', rule: 8}
    case 'monthly':
      return {allowed: (n) => (n >= 1 && n <= 28) || n === 40, words: '1 to 28 (day of the month) or 40 (last day of the month)', rule: 9}
    case 'yearly':
      return {allowed: (n) => n >= 1 && n <= 12, words: '1 to 12 (month; the snapshot is taken on its 1st day)', rule: 10}
  }
}

/**
 * Shortest retention per type (row 16), in normalised days, with how to say it. Hourly and daily items need 1 day,
 * which every retention of 1 or more (row 15) keeps, so only these three types can keep too little.
 */
const MIN_RETENTION: Partial<Record<ScheduledFrequencyType, {days: number; words: string}>> = {
  weekly: {days: 7, words: '7 days or 1 week'},
  monthly: {days: NORMALISED_DAYS.months, words: '31 days, 5 weeks or 1 month'},
  yearly: {days: NORMALISED_DAYS.years, words: '1 year or 12 months'},
}

function checkFrequencyType(value: unknown, path: string, findings: Findings): value is ScheduledFrequencyType {
  if (isScheduledFrequencyType(value)) return true
  const why = value === 'ondemand' ? 'ondemand items belong to a Backup Compliance Policy, not to a backup schedule' : `${describeValue(value)} is not a frequency type`
  findings.error(`${path}.frequencyType`, 'INVALID_ENUM_VALUE', 5, `${why}: use hourly, daily, weekly, monthly or yearly`)
  return false
}

function checkInterval(value: unknown, type: ScheduledFrequencyType | undefined, nvme: boolean, path: string, findings: Findings): void {
  const at = `${path}.frequencyInterval`
  if (!isWholeNumber(value)) {
    findings.error(at, 'INVALID_ATTRIBUTE', 11, `frequencyInterval ${describeValue(value)} must be a whole number`)
    return
  }
  if (!type) return
  const rule = intervalRule(type, nvme)
  if (rule.allowed(value)) return
  const code = type === 'hourly' ? 'INVALID_HOURLY_SNAPSHOT_INTERVAL_OR_RETENTION_PERIOD' : 'INVALID_BACKUP_POLICY'
  findings.error(at, code, rule.rule, `${type} frequencyInterval ${value} is not allowed: use ${rule.words}`)
}

/** Rows 14–15: a known unit and a whole, positive value; true when both are usable. */
export function checkRetention(unit: unknown, value: unknown, path: string, findings: Findings): boolean {
  let ok = true
  if (!isRetentionUnit(unit)) {
    findings.error(`${path}.retentionUnit`, 'INVALID_ENUM_VALUE', 14, `retentionUnit ${describeValue(unit)} is not valid: use days, weeks, months or years`)
    ok = false
  }
  if (!isWholeNumber(value)) {
    findings.error(`${path}.retentionValue`, 'INVALID_ATTRIBUTE', 15, `retentionValue ${describeValue(value)} must be a whole number`)
    ok = false
  } else if (value <= 0) {
    findings.error(`${path}.retentionValue`, 'ATTRIBUTE_NEGATIVE_OR_ZERO', 15, `retentionValue ${value} must be 1 or more`)
    ok = false
  }
  return ok
}

/** Item id rules (rows 3, 4): ids name existing items, which keep their frequency type. */
function checkId(item: Record<string, unknown>, path: string, current: ReadonlyMap<string, PolicyItem> | undefined, findings: Findings): void {
  const id = item.id
  if (id === undefined || id === null) return
  if (typeof id !== 'string' || !isObjectId(id)) {
    findings.error(`${path}.id`, 'INVALID_POLICY_ITEM_ID', 3, `policy item id ${describeValue(id)} is not valid: ids are 24 hexadecimal characters; leave id out to add a new item`)
    return
  }
  if (!current) return
  const existing = current.get(id)
  if (!existing) {
    findings.error(`${path}.id`, 'INVALID_POLICY_ITEM_ID', 3, `no policy item with id ${id} exists in this schedule: use an id from \`backups schedule describe\`, or leave id out to add an item`)
  } else if (item.frequencyType !== undefined && item.frequencyType !== existing.frequencyType) {
    findings.error(`${path}.frequencyType`, 'INVALID_FREQUENCY_TYPE_CHANGE', 4, `policy item ${id} is ${existing.frequencyType} and cannot become ${describeValue(item.frequencyType)}: remove it and add a new item instead`)
  }
}

/**
 * Checks one item on its own (rows 2–11, 14–16); returns it typed when every field is usable. `current` holds the
 * stored schedule's items by id, so looking one up costs the same however long the list is.
 */
export function checkItem(item: unknown, path: string, nvme: boolean, current: ReadonlyMap<string, PolicyItem> | undefined, findings: Findings): CheckedItem | undefined {
  if (!isRecord(item)) {
    findings.error(path, 'INVALID_ATTRIBUTE', 2, `a policy item must be an object with frequencyType, frequencyInterval, retentionUnit and retentionValue, not ${describeValue(item)}`)
    return undefined
  }
  checkId(item, path, current, findings)
  const missing = REQUIRED.filter((key) => item[key] === undefined || item[key] === null)
  if (missing.length > 0) {
    // An hourly item (so its type is there) lacking its interval or its retention value has Atlas's hourly code.
    const hourly = item.frequencyType === 'hourly' && missing.some((key) => key !== 'retentionUnit')
    const code = hourly ? 'INVALID_HOURLY_SNAPSHOT_INTERVAL_OR_RETENTION_PERIOD' : 'MISSING_POLICY_ITEM_PARAMETERS'
    findings.error(path, code, 2, `the policy item lacks ${missing.join(', ')}: every item needs frequencyType, frequencyInterval, retentionUnit and retentionValue`)
  }
  const typeOk = item.frequencyType === undefined || item.frequencyType === null ? false : checkFrequencyType(item.frequencyType, path, findings)
  const type = typeOk ? (item.frequencyType as ScheduledFrequencyType) : undefined
  if (item.frequencyInterval !== undefined && item.frequencyInterval !== null) checkInterval(item.frequencyInterval, type, nvme, path, findings)
  const hasRetention = !missing.includes('retentionUnit') && !missing.includes('retentionValue')
  const retentionOk = hasRetention ? checkRetention(item.retentionUnit, item.retentionValue, path, findings) : false
  // An item with a bad interval still takes part in the retention comparisons (which need only its type and
  // retention), so every fault shows at once.
  if (!type || !retentionOk) return undefined
  const checked: CheckedItem = {
    path,
    frequencyType: type,
    retentionUnit: item.retentionUnit as RetentionUnit,
    retentionValue: item.retentionValue as number,
  }
  checkMinimumRetention(checked, findings)
  return checked
}

/** Row 16: weekly, monthly and yearly items keep their snapshots at least a week, a month and a year. */
export function checkMinimumRetention(item: CheckedItem, findings: Findings): void {
  const minimum = MIN_RETENTION[item.frequencyType]
  if (minimum && normalisedRetention(item) < minimum.days) {
    findings.error(`${item.path}.retentionValue`, 'INVALID_BACKUP_POLICY', 16, `a ${item.frequencyType} item must keep its snapshots at least ${minimum.words}, not ${retentionWords(item)}`)
  }
}

export function normalisedRetention(item: {retentionUnit: RetentionUnit; retentionValue: number}): number {
  return NORMALISED_DAYS[item.retentionUnit] * item.retentionValue
}

export function retentionWords(item: {retentionUnit: RetentionUnit; retentionValue: number}): string {
  const unit = item.retentionValue === 1 ? item.retentionUnit.slice(0, -1) : item.retentionUnit
  return `${item.retentionValue} ${unit}`
}
