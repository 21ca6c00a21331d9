import type {TierKind} from '../tiers/tiers.js'
import type {AuditedItem} from './facts.js'

/**
 * The backup schedules Atlas fixes for deployments that cannot have a policy of their own (backup-rules.md rows 81-83),
 * as audited items, so the frequency and retention controls measure them like any cluster.
 */

// M2/M5 and Flex: one snapshot a day, the last 8 kept, so each one lives 8 days.
const DAILY_KEEP_8: AuditedItem[] = [{frequencyType: 'daily', keptDays: 8, keptWords: 'the 8 most recent (8 days)'}]

// Serverless: a snapshot every 6 hours, the 2 most recent kept (12 hours). Atlas documents no longer retention for
// these 6-hourly snapshots under continuous backup, so the same floor is assumed there.
const SIX_HOURLY_KEEP_2: AuditedItem = {frequencyType: 'hourly', everyHours: 6, keptDays: 0.5, keptWords: 'the 2 most recent (12 hours)'}

/** Serverless Continuous Backup adds daily snapshots kept 35 days, and restores any point of the last 72 hours. */
const SERVERLESS_CONTINUOUS_DAILY: AuditedItem = {frequencyType: 'daily', keptDays: 35, keptWords: '35 days'}
export const SERVERLESS_RESTORE_WINDOW_DAYS = 3

export function fixedPolicy(kind: TierKind, continuousBackup: boolean): AuditedItem[] {
  if (kind === 'serverless') return continuousBackup ? [SIX_HOURLY_KEEP_2, SERVERLESS_CONTINUOUS_DAILY] : [SIX_HOURLY_KEEP_2]
  if (kind === 'shared' || kind === 'flex') return DAILY_KEEP_8
  return []
}
