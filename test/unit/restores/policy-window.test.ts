import {describe, expect, it} from 'vitest'

import {DAY_MS, HOUR_MS} from '../../../src/lib/domain/time.js'
import {assumedCoverage, policyWindow} from '../../../src/lib/restores/index.js'

/**
 * The cloud backend's restore window: built from what the Admin API reports (continuous backup on or off,
 * restoreWindowDays, completed snapshots), with oplog assumed over the whole window when continuous backup is on.
 */

const NOW = Date.parse('2026-11-29T10:00:00Z')
const START = NOW - 7 * DAY_MS
const snap = (id: string, at: number) => ({id, createdAt: at})

describe('policyWindow (rules 63, 64 as far as the API tells them)', () => {
  it('continuous backup on, a snapshot before the window: the whole window is restorable', () => {
    const window = policyWindow({continuousBackup: true, restoreWindowDays: 7, snapshots: [snap('old', START - HOUR_MS), snap('mid', NOW - DAY_MS)], now: NOW})
    expect(window).toMatchObject({from: START, to: NOW, ranges: [{from: START, to: NOW}], gaps: []})
    expect(window.snapshots.map((s) => s.id)).toEqual(['old', 'mid'])
  })

  it('continuous backup on, the first snapshot inside the window: the time before it has no snapshot to replay from', () => {
    const first = START + 2 * DAY_MS
    const window = policyWindow({continuousBackup: true, restoreWindowDays: 7, snapshots: [snap('later', NOW - HOUR_MS), snap('first', first)], now: NOW})
    expect(window.gaps).toEqual([{from: START, to: first, reason: 'noSnapshotBefore'}])
    expect(window.ranges).toEqual([{from: first, to: NOW}])
  })

  it('continuous backup off: no range, the whole window a continuousBackupOff gap, the snapshots still listed', () => {
    const window = policyWindow({continuousBackup: false, restoreWindowDays: 2, snapshots: [snap('a', NOW - HOUR_MS)], now: NOW})
    expect(window.ranges).toEqual([])
    expect(window.gaps).toEqual([{from: NOW - 2 * DAY_MS, to: NOW, reason: 'continuousBackupOff'}])
    expect(window.snapshots).toEqual([snap('a', NOW - HOUR_MS)])
  })

  it('a snapshot dated after now (clock skew) is not offered', () => {
    const window = policyWindow({continuousBackup: true, restoreWindowDays: 1, snapshots: [snap('future', NOW + HOUR_MS)], now: NOW})
    expect(window.snapshots).toEqual([])
    expect(window.ranges).toEqual([])
    expect(window.gaps).toEqual([{from: NOW - DAY_MS, to: NOW, reason: 'noSnapshotBefore'}])
  })
})

describe('assumedCoverage', () => {
  it('starts at the latest snapshot at or before the window start', () => {
    const coverage = assumedCoverage({continuousBackup: true, restoreWindowDays: 7, snapshots: [snap('a', START - 3 * HOUR_MS), snap('b', START - HOUR_MS), snap('c', START + HOUR_MS)], now: NOW})
    expect(coverage).toMatchObject({enabled: true, collectingSince: START - HOUR_MS, stretches: [], lost: []})
  })

  it('starts at the window start when no snapshot precedes it, and is empty with continuous backup off', () => {
    expect(assumedCoverage({continuousBackup: true, restoreWindowDays: 7, snapshots: [], now: NOW}).collectingSince).toBe(START)
    expect(assumedCoverage({continuousBackup: false, restoreWindowDays: 7, snapshots: [snap('a', START)], now: NOW})).toMatchObject({enabled: false, collectingSince: null})
  })
})
