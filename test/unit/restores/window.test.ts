import {describe, expect, it} from 'vitest'

import {DAY_MS, HOUR_MS, SECOND_MS} from '../../../src/lib/domain/time.js'
import {
  checkPointInTime,
  classifyInstant,
  continuousBackupOff,
  continuousBackupOn,
  coverageAfter,
  coverageFrom,
  describeGapReason,
  emptyCoverage,
  oplogRollover,
  restoreStarted,
  restoreWindow,
  snapshotCompleted,
  trimCoverage,
  windowStart,
  type CoverageEvent,
  type OplogCoverage,
  type PointInTimeRequest,
  type WindowInput,
} from '../../../src/lib/restores/index.js'
import {expectRefused} from './fixtures.js'

const T0 = Date.parse('2026-11-01T00:00:00Z')
const NOW = T0 + 10 * DAY_MS
const seconds = (at: number): PointInTimeRequest => ({by: 'seconds', seconds: at / 1000})

/** On since T0, a snapshot every 6 hours from T0 + 5 min. */
function steady(events: CoverageEvent[] = [], restoreWindowDays = 7): WindowInput {
  const snapshots = Array.from({length: 40}, (_, i) => ({id: `s${i}`, createdAt: T0 + i * 6 * HOUR_MS + 5 * 60_000})).filter((s) => s.createdAt < NOW)
  return {coverage: coverageAfter([{kind: 'continuousBackupOn', at: T0}, ...events]), snapshots, now: NOW, restoreWindowDays}
}

function pitCheck(input: WindowInput, at: number, request: PointInTimeRequest = seconds(at)) {
  return () => checkPointInTime({...input, clusterName: 'source', pointInTime: request})
}

describe('rule 63: the window reaches back restoreWindowDays, up to now', () => {
  const input = steady()
  const edge = NOW - 7 * DAY_MS

  it('accepts a time exactly at the window edge, and refuses one second before it', () => {
    expect(checkPointInTime({...input, clusterName: 'source', pointInTime: seconds(edge)}).at).toBe(edge)
    expectRefused(pitCheck(input, edge - SECOND_MS), {rule: 63, field: 'pointInTimeUTCSeconds', status: 400, errorCode: 'INVALID_PIT_RESTORE_TIME'})
  })

  it('accepts one second ago and refuses now itself (not yet collected)', () => {
    expect(checkPointInTime({...input, clusterName: 'source', pointInTime: seconds(NOW - SECOND_MS)}).at).toBe(NOW - SECOND_MS)
    expectRefused(pitCheck(input, NOW), {rule: 63, field: 'pointInTimeUTCSeconds', status: 400, errorCode: 'INVALID_PIT_RESTORE_TIME'})
  })

  it('names oplogTs when the time was given as an oplog entry', () => {
    expectRefused(pitCheck(input, 0, {by: 'oplog', oplogTs: (edge - SECOND_MS) / 1000, oplogInc: 1}), {rule: 63, field: 'oplogTs', status: 400, errorCode: 'INVALID_PIT_RESTORE_TIME'})
  })

  it('returns the latest snapshot at or before the time as the base', () => {
    const at = T0 + 8 * DAY_MS + 6 * HOUR_MS + 5 * 60_000
    expect(checkPointInTime({...input, clusterName: 'source', pointInTime: seconds(at)}).baseSnapshotId).toBe('s33')
    expect(checkPointInTime({...input, clusterName: 'source', pointInTime: seconds(at - SECOND_MS)}).baseSnapshotId).toBe('s32')
    expect(classifyInstant(input, at + 6 * HOUR_MS)).toEqual({restorable: true, baseSnapshotId: 's34'})
    expect(classifyInstant({...input, snapshots: [...input.snapshots].reverse()}, at + 6 * HOUR_MS)).toEqual({restorable: true, baseSnapshotId: 's34'})
  })

  it('the window is [now − days, now) and lists the snapshots oldest first', () => {
    const window = restoreWindow({...input, snapshots: [...input.snapshots].reverse()})
    expect(window).toMatchObject({from: edge, to: NOW, ranges: [{from: edge, to: NOW}], gaps: []})
    expect(window.snapshots.map((s) => s.id)).toEqual(input.snapshots.map((s) => s.id))
  })

  it('a window grown after a trim does not bring deleted oplog back', () => {
    const trimmed = {...input, coverage: trimCoverage(input.coverage, NOW, 2)}
    expect(windowStart(trimmed)).toBe(NOW - 2 * DAY_MS)
    expect(classifyInstant(trimmed, NOW - 2 * DAY_MS - SECOND_MS)).toEqual({restorable: false, reason: 'outsideWindow'})
    expect(classifyInstant(trimmed, NOW - 2 * DAY_MS).restorable).toBe(true)
  })

  it('a window of no length has no ranges and no gaps', () => {
    expect(restoreWindow({...input, restoreWindowDays: 0})).toMatchObject({from: NOW, to: NOW, ranges: [], gaps: []})
  })

  it('oplog trimmed by a shorter window shows as a gap outside the window', () => {
    const window = restoreWindow({...input, coverage: trimCoverage(input.coverage, NOW, 2)})
    expect(window.from).toBe(edge)
    expect(window.gaps).toEqual([{from: edge, to: NOW - 2 * DAY_MS, reason: 'outsideWindow'}])
    expect(window.ranges).toEqual([{from: NOW - 2 * DAY_MS, to: NOW}])
    expect(restoreWindow({...input, coverage: trimCoverage(input.coverage, NOW + DAY_MS, 1)})).toMatchObject({ranges: [], gaps: [{from: edge, to: NOW, reason: 'outsideWindow'}]})
  })
})

describe('rule 64: turning continuous backup off deletes the oplog; a rollover loses it', () => {
  it('a source with continuous backup off cannot restore to a point in time: NO_CHECKPOINT_FOR_PIT_RESTORE 409', () => {
    const input = steady([{kind: 'continuousBackupOff', at: NOW - DAY_MS}])
    expectRefused(pitCheck(input, NOW - 2 * DAY_MS), {rule: 70, field: 'deliveryType', status: 409, errorCode: 'NO_CHECKPOINT_FOR_PIT_RESTORE'})
  })

  it('after off and on again, only the time since is covered (from the first snapshot after it)', () => {
    const on = NOW - DAY_MS + HOUR_MS
    const input = steady([
      {kind: 'continuousBackupOff', at: NOW - DAY_MS},
      {kind: 'continuousBackupOn', at: on},
    ])
    expectRefused(pitCheck(input, NOW - 2 * DAY_MS), {rule: 64, field: 'pointInTimeUTCSeconds', status: 400, errorCode: 'INVALID_PIT_RESTORE_TIME'})
    const firstSnapshot = NOW - DAY_MS + 6 * HOUR_MS + 5 * 60_000
    expect(restoreWindow(input).ranges).toEqual([{from: firstSnapshot, to: NOW}])
    expect(restoreWindow(input).gaps).toEqual([
      {from: NOW - 7 * DAY_MS, to: on, reason: 'continuousBackupOff'},
      {from: on, to: firstSnapshot, reason: 'noSnapshotBefore'},
    ])
  })

  it('rule 70: covered oplog with no snapshot before it in its stretch: UNABLE_T0_FIND_SNAPSHOT_PRIOR_TO_PIT_RESTORE_OPTIME 404', () => {
    const input = steady([
      {kind: 'continuousBackupOff', at: NOW - DAY_MS},
      {kind: 'continuousBackupOn', at: NOW - DAY_MS + HOUR_MS},
    ])
    const firstSnapshot = NOW - DAY_MS + 6 * HOUR_MS + 5 * 60_000
    expectRefused(pitCheck(input, firstSnapshot - SECOND_MS), {rule: 70, field: 'pointInTimeUTCSeconds', status: 404, errorCode: 'UNABLE_T0_FIND_SNAPSHOT_PRIOR_TO_PIT_RESTORE_OPTIME'})
    expect(checkPointInTime({...input, clusterName: 'source', pointInTime: seconds(firstSnapshot)}).baseSnapshotId).toBeDefined()
  })

  it('an oplog rollover erases the history up to the first operation collected (the seed)', () => {
    const from = NOW - 2 * DAY_MS
    const to = from + HOUR_MS
    const input = steady([{kind: 'oplogRollover', from, to}])
    expectRefused(pitCheck(input, to - SECOND_MS), {rule: 64, field: 'pointInTimeUTCSeconds', status: 400, errorCode: 'INVALID_PIT_RESTORE_TIME'})
    expectRefused(pitCheck(input, NOW - 3 * DAY_MS), {rule: 64, field: 'pointInTimeUTCSeconds', status: 400, errorCode: 'INVALID_PIT_RESTORE_TIME'})
    expect(classifyInstant(input, NOW - 3 * DAY_MS)).toEqual({restorable: false, reason: 'oplogRollover'})
    // The oplog from `to` on is whole, but replays only from the next snapshot (06:05).
    expect(classifyInstant(input, to)).toEqual({restorable: false, reason: 'noSnapshotBefore'})
    expect(classifyInstant(input, to + 5 * HOUR_MS + 5 * 60_000).restorable).toBe(true)
  })

  it("an oplog rollover as a hole keeps the oplog before it (the issue's reading)", () => {
    const from = NOW - 2 * DAY_MS
    const to = from + HOUR_MS
    const input = {...steady(), coverage: oplogRollover(steady().coverage, {from, to}, 'hole')}
    expect(classifyInstant(input, from - SECOND_MS).restorable).toBe(true)
    expect(classifyInstant(input, from)).toEqual({restorable: false, reason: 'oplogRollover'})
    expect(classifyInstant(input, to - SECOND_MS)).toEqual({restorable: false, reason: 'oplogRollover'})
    expect(classifyInstant(input, to)).toEqual({restorable: false, reason: 'noSnapshotBefore'})
  })
})

describe('rule 65: no point-in-time restore between a restore and the first snapshot after it', () => {
  const restoreAt = NOW - 2 * DAY_MS + HOUR_MS
  const nextSnapshot = NOW - 2 * DAY_MS + 6 * HOUR_MS + 5 * 60_000

  it('refuses the restore start and one second before the snapshot, accepts the snapshot and just before the restore', () => {
    const input = steady([
      {kind: 'restoreStarted', at: restoreAt},
      {kind: 'snapshotCompleted', at: nextSnapshot},
    ])
    expectRefused(pitCheck(input, restoreAt), {rule: 65, field: 'pointInTimeUTCSeconds', status: 400, errorCode: 'INVALID_PIT_RESTORE_TIME'})
    expectRefused(pitCheck(input, nextSnapshot - SECOND_MS), {rule: 65, field: 'pointInTimeUTCSeconds', status: 400, errorCode: 'INVALID_PIT_RESTORE_TIME'})
    expect(checkPointInTime({...input, clusterName: 'source', pointInTime: seconds(nextSnapshot)}).at).toBe(nextSnapshot)
    expect(checkPointInTime({...input, clusterName: 'source', pointInTime: seconds(restoreAt - SECOND_MS)}).at).toBe(restoreAt - SECOND_MS)
    expect(restoreWindow(input).gaps).toEqual([{from: restoreAt, to: nextSnapshot, reason: 'restoreBlackout'}])
  })

  it('the blackout stays open until a snapshot completes', () => {
    const input = steady([{kind: 'restoreStarted', at: restoreAt}])
    expect(restoreWindow(input).gaps).toEqual([{from: restoreAt, to: NOW, reason: 'restoreBlackout'}])
    expect(input.coverage.blackoutSince).toBe(restoreAt)
  })

  it('a snapshot completing at the restore start does not close it; a second restore keeps the first start', () => {
    let coverage = restoreStarted(coverageFrom(T0, true), restoreAt)
    expect(snapshotCompleted(coverage, restoreAt)).toBe(coverage)
    coverage = restoreStarted(coverage, restoreAt + HOUR_MS)
    expect(coverage.blackoutSince).toBe(restoreAt)
    coverage = snapshotCompleted(coverage, nextSnapshot)
    expect(coverage).toMatchObject({blackoutSince: null, collectingSince: nextSnapshot, lost: [{from: restoreAt, to: nextSnapshot, reason: 'restoreBlackout'}]})
  })

  it('turning continuous backup on during a blackout starts collecting at the snapshot that ends it', () => {
    let coverage = restoreStarted(emptyCoverage(), restoreAt)
    coverage = continuousBackupOn(coverage, restoreAt + HOUR_MS)
    expect(coverage.collectingSince).toBeNull()
    coverage = snapshotCompleted(coverage, nextSnapshot)
    expect(coverage.collectingSince).toBe(nextSnapshot)
    // Off, the snapshot ends the blackout but nothing is collected.
    expect(snapshotCompleted(restoreStarted(emptyCoverage(), restoreAt), nextSnapshot).collectingSince).toBeNull()
  })

  it('describes every reason', () => {
    for (const reason of ['continuousBackupOff', 'oplogRollover', 'restoreBlackout', 'noSnapshotBefore', 'outsideWindow', 'notYet'] as const) {
      expect(describeGapReason(reason).length).toBeGreaterThan(10)
    }
  })
})

describe('coverage events', () => {
  it('turning on twice or off twice changes nothing', () => {
    const on = continuousBackupOn(emptyCoverage(), T0)
    expect(continuousBackupOn(on, T0 + HOUR_MS)).toBe(on)
    const off = emptyCoverage()
    expect(continuousBackupOff(off, T0)).toBe(off)
  })

  it('a cluster created without continuous backup has no coverage', () => {
    expect(coverageFrom(T0, false)).toEqual(emptyCoverage())
    expect(coverageFrom(T0, true)).toMatchObject({enabled: true, collectingSince: T0})
  })

  it('trimming drops what ends before the window and keeps a stretch reaching into it whole', () => {
    const coverage: OplogCoverage = {
      ...emptyCoverage(),
      enabled: true,
      stretches: [
        {from: T0, to: T0 + DAY_MS},
        {from: T0 + 2 * DAY_MS, to: T0 + 4 * DAY_MS},
      ],
      collectingSince: T0 + 5 * DAY_MS,
      lost: [
        {from: T0 + DAY_MS, to: T0 + 2 * DAY_MS, reason: 'oplogRollover'},
        {from: T0 + 4 * DAY_MS, to: T0 + 5 * DAY_MS, reason: 'restoreBlackout'},
      ],
    }
    const trimmed = trimCoverage(coverage, T0 + 4 * DAY_MS, 1)
    expect(trimmed.stretches).toEqual([{from: T0 + 2 * DAY_MS, to: T0 + 4 * DAY_MS}])
    expect(trimmed.lost).toEqual([{from: T0 + 4 * DAY_MS, to: T0 + 5 * DAY_MS, reason: 'restoreBlackout'}])
    expect(trimmed.trimmedBefore).toBe(T0 + 3 * DAY_MS)
    // A stretch ending exactly at the cutoff is gone; a later, smaller trim does not lower the mark.
    expect(trimCoverage(coverage, T0 + 5 * DAY_MS, 1).stretches).toEqual([])
    expect(trimCoverage(trimmed, T0 + 4 * DAY_MS, 3).trimmedBefore).toBe(T0 + 3 * DAY_MS)
    // A lost span ending exactly at the cutoff is gone too.
    expect(trimCoverage(coverage, T0 + 3 * DAY_MS, 1).lost.map((l) => l.reason)).toEqual(['restoreBlackout'])
    expect(trimCoverage(coverage, T0 + 3 * DAY_MS, 1).stretches).toEqual([{from: T0 + 2 * DAY_MS, to: T0 + 4 * DAY_MS}])
  })

  it('a rollover while nothing is collected records only what it removed', () => {
    const coverage = continuousBackupOff(coverageFrom(T0, true), T0 + DAY_MS)
    expect(oplogRollover(coverage, {from: T0, to: T0 + 2 * DAY_MS})).toMatchObject({lost: [], collectingSince: null})
  })
})
