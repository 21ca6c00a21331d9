import {describe, expect, it} from 'vitest'

import type {PolicyItem} from '../../../src/lib/domain/types.js'
import {compileSchedule} from '../../../src/lib/schedule/index.js'
import {walkItemInstantsBackward} from '../../../src/lib/schedule/item-instants.js'
import {iso, isoText, scheduleOf} from '../../helpers/values.js'

/** The first `count` instants of the single item's backward walk from `start`, at the 18:00 reference time. */
function walkBack(policyItem: PolicyItem, start: string, count: number): string[] {
  const compiled = compileSchedule(scheduleOf([policyItem], {referenceHourOfDay: 18, referenceMinuteOfHour: 0}))
  const seen: string[] = []
  walkItemInstantsBackward(compiled, compiled.items[0]!, iso(start), (at) => {
    seen.push(isoText(at))
    return seen.length < count
  })
  return seen
}

const monthlyOn = (day: number): PolicyItem => ({frequencyType: 'monthly', frequencyInterval: day, retentionUnit: 'months', retentionValue: 12})

describe('walkItemInstantsBackward: monthly items', () => {
  it('on the 31st: the months without one are skipped, not rolled over into the next month', () => {
    expect(walkBack(monthlyOn(31), '2026-05-15T00:00:00Z', 4)).toEqual(['2026-03-31T18:00:00Z', '2026-01-31T18:00:00Z', '2025-12-31T18:00:00Z', '2025-10-31T18:00:00Z'])
  })

  it('on the 29th: February only in a leap year', () => {
    expect(walkBack(monthlyOn(29), '2024-03-15T00:00:00Z', 2)).toEqual(['2024-02-29T18:00:00Z', '2024-01-29T18:00:00Z'])
    expect(walkBack(monthlyOn(29), '2026-03-15T00:00:00Z', 2)).toEqual(['2026-01-29T18:00:00Z', '2025-12-29T18:00:00Z'])
  })

  it('on the last day (40): every month, on its own last day; an instant at the start itself is the first one', () => {
    expect(walkBack(monthlyOn(40), '2026-03-31T18:00:00Z', 3)).toEqual(['2026-03-31T18:00:00Z', '2026-02-28T18:00:00Z', '2026-01-31T18:00:00Z'])
  })
})
