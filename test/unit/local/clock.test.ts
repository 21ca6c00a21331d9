import {describe, expect, test} from 'vitest'

import {changeClock, showClock, storeStatus} from '../../../src/lib/backends/local/admin.js'
import {
  EARLIEST_INSTANT,
  freezeClock,
  freezeClockAt,
  isWithinClockRange,
  LATEST_INSTANT,
  readClock,
  readVirtualNow,
  RESET_CLOCK,
  setClock,
  unfreezeClock,
  virtualNow,
  writeClock,
} from '../../../src/lib/backends/local/clock.js'
import {DamagedRowError, readMeta, writeMeta} from '../../../src/lib/backends/local/store.js'
import {CliError} from '../../../src/lib/cli/errors.js'
import {iso} from '../../helpers/values.js'
import {localWorld, WALL} from './harness.js'

const HOUR = 3_600_000

describe('the virtual clock as pure state', () => {
  test('the range is what an ObjectId timestamp can hold: 1970 to 2106-02-07T06:28:15Z', () => {
    expect(EARLIEST_INSTANT).toBe(0)
    expect(LATEST_INSTANT).toBe(iso('2106-02-07T06:28:15Z'))
  })

  test.each([
    [0, true],
    [-1, false],
    [LATEST_INSTANT, true],
    [LATEST_INSTANT + 1, false],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
  ])('isWithinClockRange(%s) is %s', (instant, expected) => {
    expect(isWithinClockRange(instant)).toBe(expected)
  })

  test('a running clock is the wall clock plus the offset; a frozen one ignores both', () => {
    expect(virtualNow({offsetMs: 5 * HOUR, frozenAt: null}, WALL)).toBe(WALL + 5 * HOUR)
    expect(virtualNow({offsetMs: 5 * HOUR, frozenAt: iso('2026-01-01T00:00:00Z')}, WALL)).toBe(iso('2026-01-01T00:00:00Z'))
  })

  test('setting a running clock keeps it running, at an offset from the wall clock', () => {
    expect(setClock({offsetMs: 7, frozenAt: null}, WALL + 3 * HOUR, WALL)).toEqual({offsetMs: 3 * HOUR, frozenAt: null})
  })

  test('setting a frozen clock keeps it frozen at the target and leaves the offset alone', () => {
    expect(setClock({offsetMs: 7, frozenAt: WALL}, WALL - HOUR, WALL + 99)).toEqual({offsetMs: 7, frozenAt: WALL - HOUR})
  })

  test('freezing stops the clock where it stands; freezing at an instant stops it there', () => {
    expect(freezeClock({offsetMs: HOUR, frozenAt: null}, WALL)).toEqual({offsetMs: HOUR, frozenAt: WALL + HOUR})
    expect(freezeClockAt({offsetMs: HOUR, frozenAt: null}, 42)).toEqual({offsetMs: HOUR, frozenAt: 42})
  })

  test('unfreezing resumes from the frozen instant; a running clock is left as it is', () => {
    expect(unfreezeClock({offsetMs: 0, frozenAt: WALL - HOUR}, WALL)).toEqual({offsetMs: -HOUR, frozenAt: null})
    const running = {offsetMs: 5, frozenAt: null}
    expect(unfreezeClock(running, WALL)).toBe(running)
  })

  test('the reset clock is the wall clock, running', () => {
    expect(RESET_CLOCK).toEqual({offsetMs: 0, frozenAt: null})
  })
})

describe('the clock as stored in the meta table', () => {
  test('a new store runs at the wall clock; settings round to whole milliseconds and read back', () => {
    const {backend} = localWorld(WALL)
    expect(showClock(backend)).toEqual({now: '2026-06-10T10:00:00Z', frozen: false, offsetMs: 0})
    const db = backend.database()
    expect(readClock(db)).toEqual({offsetMs: 0, frozenAt: null})
    writeClock(db, {offsetMs: 1.6, frozenAt: 2.4})
    expect(readMeta(db, 'clock_offset_ms')).toBe('2')
    expect(readMeta(db, 'clock_frozen_at')).toBe('2')
    expect(readClock(db)).toEqual({offsetMs: 2, frozenAt: 2})
    writeClock(db, {offsetMs: -HOUR, frozenAt: null})
    expect(readMeta(db, 'clock_frozen_at')).toBe('')
    expect(readClock(db)).toEqual({offsetMs: -HOUR, frozenAt: null})
  })

  test('a missing or empty offset reads as 0', () => {
    const {backend} = localWorld(WALL)
    showClock(backend)
    const db = backend.database()
    db.prepare('DELETE FROM meta WHERE key = ?').run('clock_offset_ms')
    expect(readClock(db).offsetMs).toBe(0)
    writeMeta(db, 'clock_offset_ms', '')
    expect(readClock(db).offsetMs).toBe(0)
  })

  test('a negative offset is a valid setting (only the frozen instant has to be in range)', () => {
    const {backend} = localWorld(WALL)
    showClock(backend)
    writeMeta(backend.database(), 'clock_offset_ms', String(-2 * LATEST_INSTANT))
    expect(readClock(backend.database()).offsetMs).toBe(-2 * LATEST_INSTANT)
  })

  test.each([
    ['clock_offset_ms', 'soon', 'the clock setting clock_offset_ms (meta table) is "soon", not a number of milliseconds'],
    ['clock_offset_ms', 'Infinity', 'the clock setting clock_offset_ms (meta table) is "Infinity", not a number of milliseconds'],
    ['clock_frozen_at', 'noon', 'the clock setting clock_frozen_at (meta table) is "noon", not an instant the clock can show'],
    ['clock_frozen_at', '-1', 'the clock setting clock_frozen_at (meta table) is "-1", not an instant the clock can show'],
    ['clock_frozen_at', String(LATEST_INSTANT + 1), `the clock setting clock_frozen_at (meta table) is "${LATEST_INSTANT + 1}", not an instant the clock can show`],
  ])('a damaged %s of %j is refused, not guessed', (key, value, where) => {
    const {backend} = localWorld(WALL)
    showClock(backend)
    writeMeta(backend.database(), key, value)
    expect(() => readClock(backend.database())).toThrow(new DamagedRowError(where))
    // Through a command the damage becomes a CliError that names the store and the way out.
    let error: unknown
    try {
      showClock(backend)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(CliError)
    expect((error as CliError).message).toBe(`the local emulator's store ${backend.storePath} is damaged: ${where}; nothing was changed`)
    expect((error as CliError).hint).toBe('Move the file away to keep it, or run `atlas-backups local reset --force` to start a new demo world')
  })

  test('an offset that puts the clock past 2106 is damage, named as such', () => {
    const {backend} = localWorld(WALL)
    showClock(backend)
    const db = backend.database()
    writeMeta(db, 'clock_offset_ms', String(LATEST_INSTANT))
    expect(() => readVirtualNow(db, WALL)).toThrow(
      new DamagedRowError('the clock setting clock_offset_ms (meta table) puts the clock outside 1970-01-01T00:00:00Z to 2106-02-07T06:28:15Z'),
    )
    writeMeta(db, 'clock_offset_ms', String(LATEST_INSTANT - WALL))
    expect(readVirtualNow(db, WALL)).toBe(LATEST_INSTANT)
  })
})

describe('local clock commands (changeClock, showClock)', () => {
  test('freeze, then set: the view shows the frozen instant and offset 0', () => {
    const h = localWorld(WALL)
    expect(changeClock(h.backend, (state, wall) => setClock(state, wall + 2 * HOUR, wall))).toEqual({now: '2026-06-10T12:00:00Z', frozen: false, offsetMs: 2 * HOUR})
    expect(changeClock(h.backend, freezeClock)).toEqual({now: '2026-06-10T12:00:00Z', frozen: true, offsetMs: 0})
    h.wall += 5 * HOUR
    expect(showClock(h.backend)).toEqual({now: '2026-06-10T12:00:00Z', frozen: true, offsetMs: 0})
    expect(storeStatus(h.backend)).toMatchObject({now: '2026-06-10T12:00:00Z', frozen: true, offsetMs: 0})
    expect(changeClock(h.backend, unfreezeClock)).toEqual({now: '2026-06-10T12:00:00Z', frozen: false, offsetMs: -3 * HOUR})
    h.wall += HOUR
    expect(showClock(h.backend)).toEqual({now: '2026-06-10T13:00:00Z', frozen: false, offsetMs: -3 * HOUR})
  })

  test('changeClock hands the change the stored state and the wall clock, and stores what it returns', () => {
    const h = localWorld(WALL)
    changeClock(h.backend, () => ({offsetMs: 11, frozenAt: null}))
    const seen: Array<[unknown, number]> = []
    changeClock(h.backend, (state, wall) => {
      seen.push([state, wall])
      return freezeClockAt(state, iso('2030-01-01T00:00:00Z'))
    })
    expect(seen).toEqual([[{offsetMs: 11, frozenAt: null}, WALL]])
    expect(readClock(h.backend.database())).toEqual({offsetMs: 11, frozenAt: iso('2030-01-01T00:00:00Z')})
  })
})
