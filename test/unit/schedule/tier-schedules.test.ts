import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {aliveServerlessFirings, aliveSharedTierFirings, serverlessFirings, sharedTierFirings} from '../../../src/lib/schedule/index.js'
import {DAY, HOUR} from './oracle.js'
import {iso} from '../../helpers/values.js'

const CREATED = iso('2026-01-05T09:41:27Z')

describe('shared tier (M2/M5, Flex)', () => {
  it('takes the first snapshot 24 h after creation, then one a day at the same time, each kept 8 days', () => {
    expect(sharedTierFirings(CREATED, CREATED - DAY, CREATED + 3 * DAY)).toEqual([1, 2, 3].map((k) => ({at: CREATED + k * DAY, expiresAt: CREATED + (k + 8) * DAY, frequencyType: 'daily'})))
    expect(sharedTierFirings(CREATED, CREATED, CREATED + DAY - 1)).toEqual([])
  })

  it('keeps exactly 8 in steady state', () => {
    fc.assert(
      fc.property(fc.integer({min: 8 * DAY, max: 900 * DAY}), (age) => {
        const now = CREATED + age
        const alive = aliveSharedTierFirings(CREATED, Number.NEGATIVE_INFINITY, now)
        expect(alive).toHaveLength(8)
        expect(alive).toEqual(sharedTierFirings(CREATED, CREATED, now).filter((f) => f.expiresAt > now))
      }),
      {numRuns: 200},
    )
  })

  it('limits the alive firings to the window (from, now]', () => {
    const now = CREATED + 100 * DAY
    expect(aliveSharedTierFirings(CREATED, now - 3 * DAY, now).map((f) => f.at)).toEqual([CREATED + 98 * DAY, CREATED + 99 * DAY, CREATED + 100 * DAY])
  })
})

describe('serverless', () => {
  it('basic backup snapshots every 6 h from creation and keeps the 2 most recent', () => {
    const first = serverlessFirings(CREATED, false, CREATED, CREATED + DAY)
    expect(first.map((f) => (f.at - CREATED) / HOUR)).toEqual([6, 12, 18, 24])
    expect(first.every((f) => f.frequencyType === 'hourly' && f.expiresAt === f.at + 12 * HOUR)).toBe(true)
    fc.assert(
      fc.property(fc.integer({min: 12 * HOUR, max: 400 * DAY}), (age) => {
        const now = CREATED + age
        const alive = aliveServerlessFirings(CREATED, false, Number.NEGATIVE_INFINITY, now)
        expect(alive).toHaveLength(2)
        expect(alive).toEqual(serverlessFirings(CREATED, false, CREATED, now).slice(-2))
      }),
      {numRuns: 200},
    )
  })

  it('continuous backup makes every 4th snapshot (a whole number of days after creation) the daily one, kept 35 days', () => {
    const day = serverlessFirings(CREATED, true, CREATED, CREATED + DAY)
    expect(day.map((f) => [(f.at - CREATED) / HOUR, f.frequencyType, (f.expiresAt - f.at) / HOUR])).toEqual([
      [6, 'hourly', 72],
      [12, 'hourly', 72],
      [18, 'hourly', 72],
      [24, 'daily', 35 * 24],
    ])
  })

  it('continuous backup keeps the 12 snapshots of the last 72 h and 35 daily ones in steady state', () => {
    fc.assert(
      fc.property(fc.integer({min: 35 * DAY, max: 900 * DAY}), (age) => {
        const now = CREATED + age
        const alive = aliveServerlessFirings(CREATED, true, Number.NEGATIVE_INFINITY, now)
        expect(alive.filter((f) => f.at > now - 72 * HOUR)).toHaveLength(12)
        expect(alive.filter((f) => f.frequencyType === 'daily')).toHaveLength(35)
        // One snapshot per instant: three of the 12 recent ones are dailies.
        expect(alive).toHaveLength(12 + 35 - 3)
        expect(alive).toEqual(serverlessFirings(CREATED, true, now - 40 * DAY, now).filter((f) => f.expiresAt > now))
      }),
      {numRuns: 200},
    )
  })

  it('alive firings respect the window and come out ascending', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.integer({min: 0, max: 400 * DAY}), fc.integer({min: 1, max: 60 * DAY}), (continuous, age, back) => {
        const now = CREATED + age
        const from = now - back
        const alive = aliveServerlessFirings(CREATED, continuous, from, now)
        expect(alive).toEqual(serverlessFirings(CREATED, continuous, from, now).filter((f) => f.expiresAt > now))
      }),
      {numRuns: 200},
    )
  })
})
