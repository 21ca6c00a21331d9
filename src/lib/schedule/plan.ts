import {DAY_MS, HOUR_MS} from '../domain/time.js'
import {snapshotSizeBytes} from '../snapshots/size.js'
import {aliveFirings} from './alive.js'
import {asCompiled} from './compile.js'
import type {Firing, ScheduleInput} from './firings.js'
import {firstFirings} from './firings.js'

/**
 * What a schedule will do, computed before it runs (issue 15 §1). Pure: the caller passes `now` (the emulator's
 * virtual clock or the wall clock), so the same schedule and instant always give the same plan.
 *
 * "Steady state" means the schedule has always run unchanged: the snapshots alive at `now` are exactly the firings
 * whose retention has not run out, each owned by the item attribution gives it (one snapshot per instant).
 */

/** The longest span between two firings of a schedulable item is a yearly item's 366 days; twice that bounds the search. */
const NEXT_HORIZON_MS = 2 * 366 * DAY_MS

export interface PlanOptions {
  now: number
  /** How many upcoming snapshots to list. */
  next: number
  /** The restore window of continuous backup, in days (the schedule's restoreWindowDays). */
  restoreWindowDays: number
  /** The cluster's data size, when known: adds an estimate of the bytes the kept snapshots store. */
  dataSizeBytes?: number
}

/** The longest stretch without a restore point, and where it lies. Absent when there is no restore point at all. */
export interface PlanGap {
  gapMs: number
  from: number
  to: number
}

export interface SchedulePlan {
  now: number
  /** The next `next` snapshots after now, each with its owning item (index in policies[0].policyItems) and expiry. */
  nextSnapshots: Firing[]
  /** Per item index of policies[0].policyItems, the snapshots kept in steady state (0 for items that never fire). */
  retainedPerItem: number[]
  retainedTotal: number
  /** The oldest snapshot kept in steady state, or undefined when the schedule keeps none. */
  oldestRestorablePoint: number | undefined
  /**
   * Without continuous backup only snapshots are restore points: the widest gap between two consecutive kept
   * snapshots, or between the newest one and the next firing (the gap the next snapshot closes).
   */
  worstGapWithoutContinuous: PlanGap | undefined
  /**
   * With continuous backup any instant of the restore window [now − restoreWindowDays, now] can be restored, so
   * there the gap is 0; before the window only snapshots remain. The widest gap among those older points, up to
   * the start of the window; undefined when every kept snapshot is inside the window.
   */
  worstGapBeforeRestoreWindow: PlanGap | undefined
  restoreWindowStart: number
  /**
   * An estimate, with the emulator's size model (src/lib/snapshots/size.ts): the oldest kept snapshot holds a full
   * copy, and each later one the blocks changed since the kept snapshot before it (the changes of snapshots that
   * expired in between fold into it). Undefined without a data size.
   */
  storedBytesEstimate: number | undefined
}

function estimateStoredBytes(kept: readonly number[], dataSizeBytes: number): number {
  let total = 0
  for (let i = 0; i < kept.length; i++) {
    total += i === 0
      ? snapshotSizeBytes({kind: 'full', dataSizeBytes, hoursSincePrevious: 0})
      : snapshotSizeBytes({kind: 'incremental', dataSizeBytes, hoursSincePrevious: (kept[i]! - kept[i - 1]!) / HOUR_MS})
  }
  return total
}

/** The widest gap between consecutive instants of an ascending list (the first such gap on a tie). */
function widestGap(instants: readonly number[]): PlanGap | undefined {
  let widest: PlanGap | undefined
  for (let i = 1; i < instants.length; i++) {
    const from = instants[i - 1]!
    const to = instants[i]!
    if (!widest || to - from > widest.gapMs) widest = {gapMs: to - from, from, to}
  }
  return widest
}

export function planSchedule(schedule: ScheduleInput, options: PlanOptions): SchedulePlan {
  const {now, next, restoreWindowDays} = options
  const compiled = asCompiled(schedule)
  const alive = aliveFirings(compiled, Number.NEGATIVE_INFINITY, now)
  const retainedPerItem = new Array<number>(compiled.itemCount).fill(0)
  for (const firing of alive) retainedPerItem[firing.itemIndex] = (retainedPerItem[firing.itemIndex] ?? 0) + 1
  const upcoming = firstFirings(compiled, now, now + NEXT_HORIZON_MS, Math.max(next, 1))
  const kept = alive.map((firing) => firing.at)
  const nextAt = upcoming[0]?.at
  const restoreWindowStart = now - restoreWindowDays * DAY_MS
  const beforeWindow = kept.filter((at) => at < restoreWindowStart)
  return {
    now,
    nextSnapshots: upcoming.slice(0, Math.max(next, 0)),
    retainedPerItem,
    retainedTotal: alive.length,
    oldestRestorablePoint: kept[0],
    worstGapWithoutContinuous: widestGap(nextAt === undefined ? kept : [...kept, nextAt]),
    worstGapBeforeRestoreWindow: beforeWindow.length === 0 ? undefined : widestGap([...beforeWindow, restoreWindowStart]),
    restoreWindowStart,
    storedBytesEstimate: options.dataSizeBytes === undefined ? undefined : estimateStoredBytes(kept, options.dataSizeBytes),
  }
}
