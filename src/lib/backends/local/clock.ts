import type {Database} from './store.js'
import {readMeta, writeMeta} from './store.js'

/**
 * The emulator's virtual clock: the wall clock plus an offset, or a fixed instant while frozen. A frozen clock
 * lets a CI job see the same world on every run; an offset lets a user jump a month ahead.
 */
export interface ClockState {
  offsetMs: number
  frozenAt: number | null
}

export function readClock(db: Database): ClockState {
  const offset = Number(readMeta(db, 'clock_offset_ms') ?? '0')
  const frozenText = readMeta(db, 'clock_frozen_at')
  const frozen = frozenText === undefined || frozenText === '' ? null : Number(frozenText)
  return {offsetMs: Number.isFinite(offset) ? offset : 0, frozenAt: frozen !== null && Number.isFinite(frozen) ? frozen : null}
}

export function writeClock(db: Database, state: ClockState): void {
  writeMeta(db, 'clock_offset_ms', String(Math.round(state.offsetMs)))
  writeMeta(db, 'clock_frozen_at', state.frozenAt === null ? '' : String(Math.round(state.frozenAt)))
}

/**
 * The instants the virtual clock may show. The emulator names snapshots with ObjectIds, whose first 4 bytes hold
 * the creation time as unsigned seconds since 1970, so a clock outside this range would mint ids that wrap around
 * and sort before older ones. (JavaScript dates and ISO 8601's four-digit years reach further; ObjectIds do not.)
 */
export const EARLIEST_INSTANT = 0
export const LATEST_INSTANT = 0xff_ff_ff_ff * 1000

export function isWithinClockRange(instant: number): boolean {
  return Number.isFinite(instant) && instant >= EARLIEST_INSTANT && instant <= LATEST_INSTANT
}

export function virtualNow(state: ClockState, wallNow: number): number {
  return state.frozenAt ?? wallNow + state.offsetMs
}

/** Moves the clock to `target`, keeping it frozen or running as it was. */
export function setClock(state: ClockState, target: number, wallNow: number): ClockState {
  return state.frozenAt === null ? {offsetMs: target - wallNow, frozenAt: null} : {offsetMs: state.offsetMs, frozenAt: target}
}

export function freezeClock(state: ClockState, wallNow: number): ClockState {
  return {offsetMs: state.offsetMs, frozenAt: virtualNow(state, wallNow)}
}

export function freezeClockAt(state: ClockState, instant: number): ClockState {
  return {offsetMs: state.offsetMs, frozenAt: instant}
}

/** Unfreezing resumes from the frozen instant: time does not jump to where it would have been. */
export function unfreezeClock(state: ClockState, wallNow: number): ClockState {
  return state.frozenAt === null ? state : {offsetMs: state.frozenAt - wallNow, frozenAt: null}
}

export const RESET_CLOCK: ClockState = {offsetMs: 0, frozenAt: null}
