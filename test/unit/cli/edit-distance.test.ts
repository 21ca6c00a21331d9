import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {editDistance} from '../../../src/lib/cli/edit-distance.js'

describe('editDistance', () => {
  it.each([
    ['list', 'list', 0],
    ['lst', 'list', 1],
    ['lsit', 'list', 1],
    ['bakcups', 'backups', 1],
    ['shedule', 'schedule', 1],
    ['', 'rm', 2],
    ['zzzzzzzz', 'snapshots', 9],
  ])('%s → %s is %i', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected)
    expect(editDistance(b, a)).toBe(expected)
  })

  it('is zero only for equal words, symmetric, and at most the longer length', () => {
    fc.assert(
      fc.property(fc.string({maxLength: 12}), fc.string({maxLength: 12}), (a, b) => {
        const distance = editDistance(a, b)
        expect(distance === 0).toBe(a === b)
        expect(editDistance(b, a)).toBe(distance)
        expect(distance).toBeLessThanOrEqual(Math.max(a.length, b.length))
        expect(distance).toBeGreaterThanOrEqual(Math.abs(a.length - b.length))
      }),
    )
  })
})
