import {DAY_MS, HOUR_MS} from '../domain/time.js'

/**
 * Fixed schedules of the tiers without custom policies (backup-rules.md rows 81–83, §3 step 8). Their snapshots
 * fire on a fixed cadence counted from the cluster's creation, so every window is a range of multiples of the
 * cadence and "still alive at now" is just a later lower bound.
 */

export interface TierFiring {
  at: number
  expiresAt: number
  frequencyType: 'hourly' | 'daily'
}

/** M2/M5 and Flex keep the last 8 daily snapshots; Flex was observed with expiration = scheduled time + 8 days. */
export const SHARED_TIER_KEPT = 8
const SHARED_RETENTION_MS = SHARED_TIER_KEPT * DAY_MS

const SERVERLESS_CADENCE_MS = 6 * HOUR_MS
/** Basic backup keeps the 2 most recent 6-hourly snapshots: each lives until two more have been taken. */
const SERVERLESS_BASIC_RETENTION_MS = 2 * SERVERLESS_CADENCE_MS
/** Continuous backup: point-in-time over 72 h and daily snapshots kept 35 days. */
const SERVERLESS_CONTINUOUS_RETENTION_MS = 72 * HOUR_MS
const SERVERLESS_DAILY_RETENTION_MS = 35 * DAY_MS
/** The daily snapshot is the 6-hourly one that falls a whole number of days after creation. */
const SERVERLESS_FIRINGS_PER_DAY = DAY_MS / SERVERLESS_CADENCE_MS

function isUsableWindow(createdAt: number, from: number, to: number): boolean {
  return Number.isFinite(createdAt) && Number.isFinite(to) && !Number.isNaN(from) && from < to
}

/** The k ≥ 1 of `createdAt + k·cadence` that fall in (from, to], as an inclusive range (empty when first > last). */
function cadenceRange(createdAt: number, cadenceMs: number, from: number, to: number): {first: number; last: number} {
  // A window that starts before creation (even at -Infinity) gives a k ≤ 0 here, and the first firing is k = 1.
  const first = Math.max(1, Math.floor((from - createdAt) / cadenceMs) + 1)
  const last = Math.floor((to - createdAt) / cadenceMs)
  return {first, last}
}

/**
 * M2/M5 (and Flex): one snapshot a day at the time of day the cluster was created, the first 24 h after creation,
 * each kept 8 days so exactly the last 8 are alive.
 */
export function sharedTierFirings(clusterCreatedAt: number, from: number, to: number): TierFiring[] {
  if (!isUsableWindow(clusterCreatedAt, from, to)) return []
  const {first, last} = cadenceRange(clusterCreatedAt, DAY_MS, from, to)
  const result: TierFiring[] = []
  for (let k = first; k <= last; k++) {
    const at = clusterCreatedAt + k * DAY_MS
    result.push({at, expiresAt: at + SHARED_RETENTION_MS, frequencyType: 'daily'})
  }
  return result
}

/** The shared-tier firings in (from, now] still alive at now; costs O(8). */
export function aliveSharedTierFirings(clusterCreatedAt: number, from: number, now: number): TierFiring[] {
  return sharedTierFirings(clusterCreatedAt, Math.max(from, now - SHARED_RETENTION_MS), now)
}

function serverlessFiring(createdAt: number, k: number, continuous: boolean): TierFiring {
  const at = createdAt + k * SERVERLESS_CADENCE_MS
  if (!continuous) return {at, expiresAt: at + SERVERLESS_BASIC_RETENTION_MS, frequencyType: 'hourly'}
  if (k % SERVERLESS_FIRINGS_PER_DAY === 0) return {at, expiresAt: at + SERVERLESS_DAILY_RETENTION_MS, frequencyType: 'daily'}
  return {at, expiresAt: at + SERVERLESS_CONTINUOUS_RETENTION_MS, frequencyType: 'hourly'}
}

/**
 * Serverless: a snapshot every 6 h from creation. Basic keeps the 2 most recent. Continuous keeps the 6-hourly
 * ones 72 h, and every 4th one, a whole number of days after creation, is that day's snapshot kept 35 days: one
 * snapshot per instant, labelled daily because its retention is the longer one.
 */
export function serverlessFirings(instanceCreatedAt: number, continuous: boolean, from: number, to: number): TierFiring[] {
  if (!isUsableWindow(instanceCreatedAt, from, to)) return []
  const {first, last} = cadenceRange(instanceCreatedAt, SERVERLESS_CADENCE_MS, from, to)
  const result: TierFiring[] = []
  for (let k = first; k <= last; k++) result.push(serverlessFiring(instanceCreatedAt, k, continuous))
  return result
}

/**
 * The serverless firings in (from, now] still alive at now. For continuous backup the 35 days before the 72-hour
 * window only hold daily snapshots, so that stretch steps a day at a time: O(alive) either way.
 */
export function aliveServerlessFirings(instanceCreatedAt: number, continuous: boolean, from: number, now: number): TierFiring[] {
  if (!continuous) return serverlessFirings(instanceCreatedAt, false, Math.max(from, now - SERVERLESS_BASIC_RETENTION_MS), now)
  const recentFrom = Math.max(from, now - SERVERLESS_CONTINUOUS_RETENTION_MS)
  const dailies = serverlessDailies(instanceCreatedAt, Math.max(from, now - SERVERLESS_DAILY_RETENTION_MS), recentFrom)
  return [...dailies, ...serverlessFirings(instanceCreatedAt, true, recentFrom, now)]
}

function serverlessDailies(createdAt: number, from: number, to: number): TierFiring[] {
  if (!isUsableWindow(createdAt, from, to)) return []
  const {first, last} = cadenceRange(createdAt, DAY_MS, from, to)
  const result: TierFiring[] = []
  for (let k = first; k <= last; k++) result.push(serverlessFiring(createdAt, k * SERVERLESS_FIRINGS_PER_DAY, true))
  return result
}
