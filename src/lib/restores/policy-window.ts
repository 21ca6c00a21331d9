import {DAY_MS} from '../domain/time.js'
import {emptyCoverage, type OplogCoverage} from './coverage.js'
import {restoreWindow, type AvailableSnapshot, type RestoreWindow} from './window.js'

export interface PolicyWindowInput {
  /** The cluster's Continuous Cloud Backup setting (pitEnabled). */
  continuousBackup: boolean
  /** The schedule's restoreWindowDays (or 72 hours for a serverless instance: pitWindowDays). */
  restoreWindowDays: number
  /** The cluster's completed snapshots, in any order. */
  snapshots: readonly AvailableSnapshot[]
  now: number
}

/**
 * The oplog coverage the Atlas API lets a client infer: none while Continuous Cloud Backup is off; while it is on,
 * one unbroken stretch reaching back over the whole window, from the snapshot the window's oldest instant would replay
 * from (or the window's start when no snapshot precedes it). The API reports neither when continuous backup was
 * turned on, nor a rollover, nor a restore's blackout, so this is an assumption, and callers must say so.
 */
export function assumedCoverage(input: PolicyWindowInput): OplogCoverage {
  if (!input.continuousBackup) return emptyCoverage()
  const start = input.now - input.restoreWindowDays * DAY_MS
  let base: number | undefined
  for (const snapshot of input.snapshots) {
    if (snapshot.createdAt <= start && (base === undefined || snapshot.createdAt > base)) base = snapshot.createdAt
  }
  return {...emptyCoverage(), enabled: true, collectingSince: base ?? start}
}

/**
 * The restore window as far as the policy and the snapshots tell it: where the cloud backend cannot read the oplog
 * history the emulator keeps. Gaps it can still show are facts (continuous backup off, instants with no snapshot to
 * replay from); restorable ranges rest on assumedCoverage.
 */
export function policyWindow(input: PolicyWindowInput): RestoreWindow {
  const snapshots = input.snapshots.filter((s) => s.createdAt <= input.now)
  return restoreWindow({coverage: assumedCoverage({...input, snapshots}), snapshots, now: input.now, restoreWindowDays: input.restoreWindowDays})
}
