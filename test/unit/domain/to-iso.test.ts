import {describe, expect, it} from 'vitest'

import {toIso} from '../../../src/lib/domain/time.js'

// toIso builds its text from a remembered day and the time of day; Date's own text (milliseconds cut) is the oracle.
const oracle = (epochMs: number): string => new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z')

describe('toIso', () => {
  it('writes the same text as Date for instants across the clock range, whole and fractional milliseconds', () => {
    // A fixed-seed generator: the same instants on every run.
    let seed = 16
    const next = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
      return seed / 2_147_483_648
    }
    for (let i = 0; i < 20_000; i++) {
      const instant = i % 2 === 0 ? next() * 4_294_967_295_000 : next() * 253_402_300_800_000 + next()
      expect(toIso(instant)).toBe(oracle(instant))
    }
  })

  it('agrees at the edges of seconds, days and years, and beyond the years it formats itself', () => {
    const edges = [0, 999, 1000, 59_999, 60_000, 3_599_999, 3_600_000, 86_399_999, 86_400_000, Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(2026, 11, 31, 23, 59, 59), 253_402_300_799_999, 253_402_300_800_000, -1, -86_400_000, 4_294_967_295_000]
    for (const instant of edges) expect(toIso(instant)).toBe(oracle(instant))
    expect(toIso(Date.UTC(2026, 7, 10, 3, 28, 8, 750))).toBe('2026-08-10T03:28:08Z')
    expect(() => toIso(Number.NaN)).toThrow(RangeError)
  })
})
