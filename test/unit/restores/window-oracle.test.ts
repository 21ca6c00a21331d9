import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {classifyInstant, coverageAfter, restoreWindow, type CoverageEvent, type RolloverEffect} from '../../../src/lib/restores/index.js'
import {DAY, HOUR, MINUTE, oracleMinutes, oracleRanges, type OracleInput} from './oracle.js'

const ORIGIN = Date.parse('2026-11-01T00:00:00Z')

function at(days: number, hours = 0, minutes = 0): number {
  return ORIGIN + days * DAY + hours * HOUR + minutes * MINUTE
}

/** Compares the module with the oracle at `now`: the ranges exactly, and the verdict of every minute. */
function expectAgreement(input: OracleInput): void {
  const upToNow = input.events.filter((e) => (e.kind === 'oplogRollover' ? e.to : e.kind === 'trim' ? e.now : e.at) <= input.now)
  const oracleInput = {...input, events: upToNow}
  const verdicts = oracleMinutes(oracleInput)
  const coverage = coverageAfter(upToNow)
  const windowInput = {
    coverage,
    snapshots: input.snapshotTimes.filter((t) => t <= input.now).map((t) => ({id: `s${t}`, createdAt: t})),
    now: input.now,
    restoreWindowDays: input.restoreWindowDays,
  }
  const window = restoreWindow(windowInput)
  expect(window.ranges).toEqual(oracleRanges(oracleInput, verdicts))
  verdicts.forEach((expected, minute) => {
    const t = input.origin + minute * MINUTE
    const verdict = classifyInstant(windowInput, t)
    const actual = verdict.restorable ? 'restorable' : verdict.reason
    if (actual !== expected) expect({at: new Date(t).toISOString(), actual}).toEqual({at: new Date(t).toISOString(), actual: expected})
    const gap = window.gaps.find((g) => t >= g.from && t < g.to)
    if (expected === 'restorable') expect(gap, new Date(t).toISOString()).toBeUndefined()
    else if (t >= input.now - input.restoreWindowDays * DAY) expect(gap?.reason, new Date(t).toISOString()).toBe(expected)
  })
}

/** Six-hourly snapshots, each completing five minutes after the hour. */
function snapshotTimes(days: number): number[] {
  const times: number[] = []
  for (let t = at(0, 0, 5); t < at(days); t += 6 * HOUR) times.push(t)
  return times
}

function scriptedHistory(effect: RolloverEffect): {events: CoverageEvent[]; snapshots: number[]} {
  // The restore starts while the 12:05 snapshot of day 10 is long done; 18:05 is the first snapshot after it.
  const snapshots = snapshotTimes(14).filter((t) => t !== at(12, 6, 5))
  const story: CoverageEvent[] = [
    {kind: 'continuousBackupOn', at: at(0)},
    {kind: 'restoreStarted', at: at(10, 13)},
    {kind: 'oplogRollover', from: at(11, 3), to: at(11, 4), effect},
    {kind: 'continuousBackupOff', at: at(12)},
    {kind: 'continuousBackupOn', at: at(12, 2)},
  ]
  const trims: CoverageEvent[] = Array.from({length: 14}, (_, day) => ({kind: 'trim', now: at(day, 23, 30), restoreWindowDays: 7}))
  const completions: CoverageEvent[] = snapshots.map((t) => ({kind: 'snapshotCompleted', at: t}))
  const time = (e: CoverageEvent): number => (e.kind === 'oplogRollover' ? e.to : e.kind === 'trim' ? e.now : e.at)
  // Same instant: the story first, then snapshots, then trims (the emulator's catch-up order).
  const events = [...story, ...completions, ...trims].map((e, order) => ({e, order})).sort((a, b) => time(a.e) - time(b.e) || a.order - b.order).map(({e}) => e)
  return {events, snapshots}
}

describe('restorable ranges against a naive minute-by-minute model (rules 63–65)', () => {
  for (const effect of ['erasesHistory', 'hole'] as const) {
    describe(`scripted history: 10 days on, a restore, a rollover, off and on again (rollover ${effect})`, () => {
      const {events, snapshots} = scriptedHistory(effect)
      const moments: Array<[string, number]> = [
        ['after 10 days of continuous backup', at(10, 12)],
        ['during the blackout of the restore', at(10, 17)],
        ['once the first snapshot after the restore completed', at(10, 20)],
        ['after the oplog rollover', at(11, 12)],
        ['while continuous backup is off', at(12, 1)],
        ['after it was turned on again, before a snapshot', at(12, 5)],
        ['after it was turned on again, with snapshots', at(13, 23)],
      ]
      it.each(moments)('%s', (_label, now) => {
        expectAgreement({origin: ORIGIN, events, snapshotTimes: snapshots, now, restoreWindowDays: 7})
      })
    })
  }

  it('the scripted history reads as expected after the restore and the rollover (erasesHistory)', () => {
    const {events, snapshots} = scriptedHistory('erasesHistory')
    const now = at(11, 12)
    const upToNow = events.filter((e) => (e.kind === 'oplogRollover' ? e.to : e.kind === 'trim' ? e.now : e.at) <= now)
    const window = restoreWindow({coverage: coverageAfter(upToNow), snapshots: snapshots.filter((t) => t <= now).map((t) => ({id: `s${t}`, createdAt: t})), now, restoreWindowDays: 7})
    // The window reaches back 7 days to day 4 at 12:00. Everything before the rollover is gone, and the oplog from
    // 04:00 needs the 06:05 snapshot to replay from.
    expect(window.ranges).toEqual([{from: at(11, 6, 5), to: now}])
    expect(window.gaps.map((g) => [new Date(g.from).toISOString(), g.reason])).toEqual([
      ['2026-11-05T12:00:00.000Z', 'oplogRollover'],
      ['2026-11-11T13:00:00.000Z', 'restoreBlackout'],
      ['2026-11-11T18:05:00.000Z', 'oplogRollover'],
      ['2026-11-12T04:00:00.000Z', 'noSnapshotBefore'],
    ])
  })

  it('the scripted history reads as expected after the restore and the rollover (hole)', () => {
    const {events, snapshots} = scriptedHistory('hole')
    const now = at(11, 12)
    const upToNow = events.filter((e) => (e.kind === 'oplogRollover' ? e.to : e.kind === 'trim' ? e.now : e.at) <= now)
    const window = restoreWindow({coverage: coverageAfter(upToNow), snapshots: snapshots.filter((t) => t <= now).map((t) => ({id: `s${t}`, createdAt: t})), now, restoreWindowDays: 7})
    expect(window.ranges).toEqual([
      {from: at(4, 12), to: at(10, 13)},
      {from: at(10, 18, 5), to: at(11, 3)},
      {from: at(11, 6, 5), to: now},
    ])
    expect(window.gaps.map((g) => g.reason)).toEqual(['restoreBlackout', 'oplogRollover', 'noSnapshotBefore'])
  })

  it('agrees with the model on random histories', () => {
    const minuteIn = (hours: number) => fc.integer({min: 1, max: hours * 60 - 1}).map((m) => ORIGIN + m * MINUTE)
    const eventArb: fc.Arbitrary<CoverageEvent> = fc.oneof(
      minuteIn(48).map((t) => ({kind: 'continuousBackupOn', at: t}) as CoverageEvent),
      minuteIn(48).map((t) => ({kind: 'continuousBackupOff', at: t}) as CoverageEvent),
      minuteIn(48).map((t) => ({kind: 'restoreStarted', at: t}) as CoverageEvent),
      fc.tuple(minuteIn(48), fc.integer({min: 1, max: 300}), fc.constantFrom<RolloverEffect>('erasesHistory', 'hole')).map(
        ([to, minutes, effect]) => ({kind: 'oplogRollover', from: Math.max(ORIGIN, to - minutes * MINUTE), to, effect}) as CoverageEvent,
      ),
      fc.tuple(minuteIn(48), fc.integer({min: 1, max: 2})).map(([now, days]) => ({kind: 'trim', now, restoreWindowDays: days}) as CoverageEvent),
    )
    const historyArb = fc.record({
      startsOn: fc.boolean(),
      events: fc.array(eventArb, {maxLength: 12}),
      snapshotTimes: fc.uniqueArray(minuteIn(48), {maxLength: 10}),
      expired: fc.array(fc.nat(9), {maxLength: 3}),
      restoreWindowDays: fc.integer({min: 1, max: 2}),
    })
    fc.assert(
      fc.property(historyArb, (history) => {
        const time = (e: CoverageEvent): number => (e.kind === 'oplogRollover' ? e.to : e.kind === 'trim' ? e.now : e.at)
        const completions: CoverageEvent[] = history.snapshotTimes.map((t) => ({kind: 'snapshotCompleted', at: t}))
        const start: CoverageEvent[] = history.startsOn ? [{kind: 'continuousBackupOn', at: ORIGIN}] : []
        const events = [...start, ...history.events, ...completions].map((e, order) => ({e, order})).sort((a, b) => time(a.e) - time(b.e) || a.order - b.order).map(({e}) => e)
        // Some snapshots have expired since: they still closed a blackout, but are no longer a base to replay from.
        const available = history.snapshotTimes.filter((_, i) => !history.expired.includes(i))
        expectAgreement({origin: ORIGIN, events, snapshotTimes: available, now: ORIGIN + 48 * HOUR, restoreWindowDays: history.restoreWindowDays})
      }),
      {numRuns: 150},
    )
  })
})
