import {describe, expect, test} from 'vitest'

import {cutCoverageAt} from '../../../src/lib/backends/local/coverage-catch-up.js'
import type {OplogCoverage} from '../../../src/lib/restores/coverage.js'
import {GROUP, localWorld, START} from './harness.js'

/**
 * The oplog coverage of a cluster cut at the instant the clock was moved back to (cutCoverageAt): what began after it
 * never happened, what was running at it is running again. Spans that begin or end exactly at that instant are the
 * edges: a span is [from, to), so one that begins at `now` is running then, and one that ends at `now` is over; a lost
 * span that begins at `now` had lost nothing yet.
 */

const NOW = 1_000_000

function coverage(fields: Partial<OplogCoverage>): OplogCoverage {
  return {enabled: true, stretches: [], collectingSince: null, blackoutSince: null, lost: [], trimmedBefore: null, ...fields}
}

describe('the coverage cut at the instant the clock was moved back to', () => {
  test('a stretch that ended exactly then is closed, and collection starts again from then', () => {
    expect(cutCoverageAt(coverage({stretches: [{from: 1000, to: NOW}], collectingSince: null}), NOW)).toEqual(
      coverage({stretches: [{from: 1000, to: NOW}], collectingSince: NOW}),
    )
  })

  test('a stretch that began exactly then is running then, even with backup turned off later', () => {
    expect(cutCoverageAt(coverage({enabled: false, stretches: [{from: 1000, to: 2000}], collectingSince: NOW}), NOW)).toEqual(
      coverage({enabled: false, stretches: [{from: 1000, to: 2000}], collectingSince: NOW}),
    )
    expect(cutCoverageAt(coverage({enabled: false, stretches: [{from: NOW, to: NOW + 5000}]}), NOW)).toEqual(coverage({enabled: false, collectingSince: NOW}))
  })

  test('a restore blackout running then stays running: no collection, its start kept', () => {
    expect(cutCoverageAt(coverage({stretches: [{from: 1000, to: 2000}], blackoutSince: 5000}), NOW)).toEqual(
      coverage({stretches: [{from: 1000, to: 2000}], blackoutSince: 5000, collectingSince: null}),
    )
  })

  test('a blackout that began exactly then is running then: no collection', () => {
    expect(cutCoverageAt(coverage({blackoutSince: NOW}), NOW)).toEqual(coverage({blackoutSince: NOW, collectingSince: null}))
  })

  test('a blackout that ended exactly then is a lost span up to then, and collection goes on', () => {
    const ended = {from: 5000, to: NOW, reason: 'restoreBlackout' as const}
    expect(cutCoverageAt(coverage({lost: [ended], collectingSince: NOW}), NOW)).toEqual(coverage({lost: [ended], collectingSince: NOW}))
  })

  test('a rollover lost span that begins exactly then never happened; one before is cut at then', () => {
    const later = {from: NOW, to: NOW + 5000, reason: 'oplogRollover' as const}
    const across = {from: 5000, to: NOW + 5000, reason: 'oplogRollover' as const}
    expect(cutCoverageAt(coverage({lost: [later, across]}), NOW)).toEqual(coverage({lost: [{...across, to: NOW}], collectingSince: NOW}))
  })
})

describe('a cluster without Continuous Cloud Backup moved back before the instant the seed left it at', () => {
  test('has no coverage to cut: it answers, and the store still holds none', async () => {
    const world = localWorld()
    const stored = () => world.backend.transact((s) => s.repo.findCluster(GROUP, 'Sharded0')!)
    // The seeded world is brought up to START lazily: the cluster stands where the seed left it.
    const seededTo = stored().advancedTo
    expect(seededTo).toBeLessThan(START)
    expect(stored().state.coverage).toBeUndefined()
    world.setNow(seededTo - 60_000)
    expect((await world.backend.getCluster(GROUP, 'Sharded0')).name).toBe('Sharded0')
    expect(stored().state.coverage).toBeUndefined()
    expect(stored().advancedTo).toBe(seededTo - 60_000)
    await world.backend.close()
  })
})
