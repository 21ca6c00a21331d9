/**
 * A deliberately naive model of the firing rules (backup-rules.md §3 steps 1–2) for the property tests: it asks a
 * Date about every hour of the window and applies the rules literally, sharing no code with src/lib/schedule.
 */
import type {BackupSchedule, PolicyItem, RetentionUnit} from '../../../src/lib/domain/types.js'

export const HOUR = 3_600_000
export const DAY = 86_400_000
const MINUTE = 60_000

const UNIT_DAYS: Record<RetentionUnit, number> = {days: 1, weeks: 7, months: 31, years: 372}
const TYPE_ORDER = ['hourly', 'daily', 'weekly', 'monthly', 'yearly']

export interface OracleFiring {
  at: number
  itemIndex: number
  expiresAt: number
}

export function items(schedule: BackupSchedule): PolicyItem[] {
  return schedule.policies[0]?.policyItems ?? []
}

export function normalised(item: PolicyItem): number {
  return UNIT_DAYS[item.retentionUnit] * item.retentionValue
}

export function maxNormalisedDays(schedule: BackupSchedule): number {
  return Math.max(0, ...items(schedule).filter((item) => item.frequencyType !== 'ondemand').map(normalised))
}

/** Calendar months via Date: take the same day in the target month, or that month's last day if it is shorter. */
export function oracleAddRetention(at: number, unit: RetentionUnit, value: number): number {
  if (unit === 'days') return at + value * DAY
  if (unit === 'weeks') return at + value * 7 * DAY
  const months = unit === 'years' ? value * 12 : value
  const date = new Date(at)
  const targetMonth = date.getUTCMonth() + months
  const lastDayOfTarget = new Date(Date.UTC(date.getUTCFullYear(), targetMonth + 1, 0)).getUTCDate()
  return Date.UTC(
    date.getUTCFullYear(),
    targetMonth,
    Math.min(date.getUTCDate(), lastDayOfTarget),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
    date.getUTCMilliseconds(),
  )
}

/** Whether one item fires at `at`, straight from the rule table. */
export function oracleFires(schedule: BackupSchedule, item: PolicyItem, at: number): boolean {
  const date = new Date(at)
  const refHour = schedule.referenceHourOfDay ?? 0
  const refMinute = schedule.referenceMinuteOfHour ?? 0
  if (date.getUTCMinutes() !== refMinute || date.getUTCSeconds() !== 0 || date.getUTCMilliseconds() !== 0) return false
  const hour = date.getUTCHours()
  const atReference = hour === refHour
  const isoWeekday = date.getUTCDay() === 0 ? 7 : date.getUTCDay()
  const day = date.getUTCDate()
  const isLastDay = new Date(at + DAY).getUTCDate() === 1
  switch (item.frequencyType) {
    case 'hourly':
      return (((hour - refHour) % item.frequencyInterval) + item.frequencyInterval) % item.frequencyInterval === 0
    case 'daily':
      return atReference
    case 'weekly':
      return atReference && isoWeekday === item.frequencyInterval
    case 'monthly':
      return atReference && (item.frequencyInterval === 40 ? isLastDay : day === item.frequencyInterval)
    case 'yearly':
      return atReference && date.getUTCMonth() + 1 === item.frequencyInterval && day === 1
    default:
      return false
  }
}

/** Index of the item that owns the snapshot at `at` among those firing, or undefined when none fires. */
export function oracleWinner(schedule: BackupSchedule, at: number): number | undefined {
  let best: number | undefined
  items(schedule).forEach((item, index) => {
    if (!oracleFires(schedule, item, at)) return
    if (best === undefined) {
      best = index
      return
    }
    const current = items(schedule)[best]!
    const longer = normalised(item) - normalised(current)
    const rarer = TYPE_ORDER.indexOf(item.frequencyType) - TYPE_ORDER.indexOf(current.frequencyType)
    if (longer > 0 || (longer === 0 && rarer > 0)) best = index
  })
  return best
}

/** Every snapshot in (from, to], found by testing every candidate minute (each hour at the reference minute). */
export function oracleFirings(schedule: BackupSchedule, from: number, to: number): OracleFiring[] {
  const refMinute = schedule.referenceMinuteOfHour ?? 0
  const result: OracleFiring[] = []
  for (let at = Math.floor(from / HOUR) * HOUR + refMinute * MINUTE; at <= to; at += HOUR) {
    if (at <= from) continue
    const winner = oracleWinner(schedule, at)
    if (winner === undefined) continue
    const item = items(schedule)[winner]!
    result.push({at, itemIndex: winner, expiresAt: oracleAddRetention(at, item.retentionUnit, item.retentionValue)})
  }
  return result
}
