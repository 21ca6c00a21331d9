import {afterEach, describe, expect, it} from 'vitest'

import type {LocalBackend} from '../../../src/lib/backends/local/local-backend.js'
import {DAY_MS, HOUR_MS} from '../../../src/lib/domain/time.js'
import {GROUP, type LocalWorld, localWorld, START, westCopy, zoneOf} from './harness.js'

// A snapshot read names the instants its answer holds over while the store is unchanged (LocalBackend.answerSpan):
// from the instant it was computed at up to the first instant anything in it changes (a snapshot's state, a copy made
// or expiring, the cluster's next firing or expiry). serve gives the answer again over that span with a running clock,
// so an answer computed anywhere in it must be the same answer. Each world below walks its clock forward from span to
// span for weeks, and computes the answer again a millisecond before each span ends and half way through it.

const open: LocalWorld[] = []
afterEach(async () => {
  for (const world of open.splice(0)) await world.backend.close()
})

type Read = (backend: LocalBackend) => Promise<object>

interface Walk {
  /** Spans named, and how many of them were longer than a second. */
  named: number
  long: number
  /** Answers that differed from the one before. */
  changes: number
}

/** Walks `read` over `steps` spans from START, checking each span, and says what it saw. */
async function walk(world: LocalWorld, read: Read, steps: number): Promise<Walk> {
  const seen: Walk = {named: 0, long: 0, changes: 0}
  let now = START
  let previous: unknown
  for (let step = 0; step < steps; step++) {
    world.setNow(now)
    const answer = await read(world.backend)
    if (previous !== undefined && JSON.stringify(previous) !== JSON.stringify(answer)) seen.changes += 1
    previous = answer
    const span = world.backend.answerSpan(answer)
    if (!span) {
      // The write path answered (a catch-up was due): nothing is named, and serve keeps nothing. A millisecond on,
      // the cluster is caught up and the next span starts.
      now += 1
      continue
    }
    seen.named += 1
    expect(span.at).toBe(now)
    expect(span.until).toBeGreaterThan(now)
    if (span.until - now > 1000) seen.long += 1
    const end = Number.isFinite(span.until) ? Math.ceil(span.until) : now + 3 * DAY_MS
    for (const probe of [now + Math.floor((end - now) / 2), end - 1]) {
      if (probe <= now) continue
      world.setNow(probe)
      expect(await read(world.backend), `computed at ${new Date(probe).toISOString()}, in the span from ${new Date(now).toISOString()}`).toEqual(answer)
    }
    now = Math.min(end, now + 2 * DAY_MS)
  }
  return seen
}

function running(): LocalWorld {
  const world = localWorld()
  open.push(world)
  return world
}

describe('the span a snapshot read names holds: the answer computed anywhere in it is the same', () => {
  it('Cluster0 with copies in another region and an on-demand snapshot: the page and the snapshot', async () => {
    const world = running()
    // Its schedule moved by 15 minutes, the snapshots it took so far expire apart from the firings to come.
    const {referenceHourOfDay, referenceMinuteOfHour} = await world.backend.getSchedule(GROUP, 'Cluster0')
    await world.backend.updateSchedule(GROUP, 'Cluster0', {referenceHourOfDay, referenceMinuteOfHour: (referenceMinuteOfHour! + 15) % 60, copySettings: [westCopy(await zoneOf(world))]})
    const taken = await world.backend.takeSnapshot(GROUP, 'Cluster0', {description: 'spans', retentionInDays: 2})
    const page = await walk(world, (b) => b.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 500}), 60)
    expect(page.named).toBeGreaterThan(25)
    expect(page.long).toBe(page.named)
    expect(page.changes).toBeGreaterThan(40)
    const one = running()
    await one.backend.updateSchedule(GROUP, 'Cluster0', {referenceHourOfDay, referenceMinuteOfHour: (referenceMinuteOfHour! + 15) % 60, copySettings: [westCopy(await zoneOf(one))]})
    const again = await one.backend.takeSnapshot(GROUP, 'Cluster0', {description: 'spans', retentionInDays: 2})
    expect(again.id).toBe(taken.id)
    // Queued, in progress, half way, completed: each a span of its own; then it lasts until its expiry.
    const snapshot = await walk(one, (b) => b.getSnapshot(GROUP, 'Cluster0', taken.id!), 6)
    expect(snapshot.changes).toBeGreaterThanOrEqual(3)
  })

  it('Sharded0: the sharded listing and the page', async () => {
    const world = running()
    expect((await walk(world, (b) => b.listShardedSnapshots(GROUP, 'Sharded0'), 30)).changes).toBeGreaterThan(10)
    expect((await walk(running(), (b) => b.listSnapshots(GROUP, 'Sharded0', {itemsPerPage: 20}), 30)).changes).toBeGreaterThan(10)
  })

  it('Shared0 and Serverless0: snapshots Atlas takes on its own cadence', async () => {
    expect((await walk(running(), (b) => b.listSnapshots(GROUP, 'Shared0'), 30)).changes).toBeGreaterThan(10)
    expect((await walk(running(), (b) => b.listServerlessSnapshots(GROUP, 'Serverless0'), 30)).changes).toBeGreaterThan(10)
  })

  it('a copy setting kept to the last N snapshots moves copies’ expiries at instants of its own: its answers hold for one instant', async () => {
    const world = running()
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId: await zoneOf(world), lastNumberOfSnapshots: 2, shouldCopyOplogs: false}]})
    world.setNow(START + HOUR_MS)
    const answer = await world.backend.listSnapshots(GROUP, 'Cluster0')
    const span = world.backend.answerSpan(answer)
    if (span) expect(span.until).toBe(span.at + 1)
    world.setNow(START + HOUR_MS + 1)
    const next = await world.backend.listSnapshots(GROUP, 'Cluster0')
    expect(world.backend.answerSpan(next)).toEqual({at: START + HOUR_MS + 1, until: START + HOUR_MS + 2})
  })

  it('an answer of the write path names no span', async () => {
    const world = running()
    // The first read of a fresh home seeds the demo world: a write.
    const answer = await world.backend.listSnapshots(GROUP, 'Cluster0')
    expect(world.backend.answerSpan(answer)).toBeUndefined()
    expect(world.backend.answerSpan(await world.backend.listSnapshots(GROUP, 'Cluster0'))).toBeDefined()
  })
})
