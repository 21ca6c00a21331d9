import {toIso} from '../../domain/time.js'
import type {Database} from './store.js'
import {DamagedRowError, readMeta, writeMeta} from './store.js'

/**
 * The emulator's virtual clock: the wall clock plus an offset, or a fixed instant while frozen. A frozen clock
 * lets a CI job see the same world on every run; an offset lets a user jump a month ahead.
 */
export interface ClockState {
  offsetMs: number
  frozenAt: number | null
}

/** A clock setting that is not a number, or an instant out of range, is damage: guessing would move the world. */
function storedInstant(key: string, text: string | undefined): number | null {
  if (text === undefined || text === '') return null
  const value = Number(text)
  if (!Number.isFinite(value) || (key === 'clock_frozen_at' && !isWithinClockRange(value))) {
    throw new DamagedRowError(`the clock setting ${key} (meta table) is ${JSON.stringify(text)}, not ${key === 'clock_frozen_at' ? 'an instant the clock can show' : 'a number of milliseconds'}`)
  }
  return value
}

export function readClock(db: Database): ClockState {
  const offset = storedInstant('clock_offset_ms', readMeta(db, 'clock_offset_ms')) ?? 0
  const frozen = storedInstant('clock_frozen_at', readMeta(db, 'clock_frozen_at'))
  return {offsetMs: offset, frozenAt: frozen}
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
  // NaN and ±Infinity fail one of the two comparisons.
  return instant >= EARLIEST_INSTANT && instant <= LATEST_INSTANT
}

export function virtualNow(state: ClockState, wallNow: number): number {
  return state.frozenAt ?? wallNow + state.offsetMs
}

/** The virtual time, refusing a stored offset that puts it where no snapshot id can be minted. */
export function readVirtualNow(db: Database, wallNow: number): number {
  const now = virtualNow(readClock(db), wallNow)
  if (!isWithinClockRange(now)) throw new DamagedRowError(`the clock setting clock_offset_ms (meta table) puts the clock outside ${toIso(EARLIEST_INSTANT)} to ${toIso(LATEST_INSTANT)}`)
  return now
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
