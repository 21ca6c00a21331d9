import {describe, expect, it} from 'vitest'

import type {PolicyItem} from '../../../src/lib/domain/types.js'
import {byAttributionPriority} from '../../../src/lib/schedule/attribution.js'
import type {CompiledItem} from '../../../src/lib/schedule/index.js'
import {compileSchedule} from '../../../src/lib/schedule/index.js'
import {scheduleOf} from '../../helpers/values.js'

/**
 * The order in which items claim an instant where several fire (backup-rules.md rows 31–33), compared pair by pair
 * and both ways round: the sort that uses it must not depend on which of two items the engine happens to pass first.
 */

const item = (frequencyType: PolicyItem['frequencyType'], frequencyInterval: number, retentionUnit: PolicyItem['retentionUnit'], retentionValue: number): PolicyItem => ({
  frequencyType,
  frequencyInterval,
  retentionUnit,
  retentionValue,
})

const compiled = compileSchedule(
  scheduleOf([
    item('hourly', 6, 'days', 7),
    item('daily', 1, 'days', 7),
    item('weekly', 1, 'weeks', 4),
    item('weekly', 6, 'weeks', 4),
    item('monthly', 40, 'months', 12),
  ]),
)
const byIndex = (index: number): CompiledItem => compiled.items.find((candidate) => candidate.index === index)!
const [hourly7d, daily7d, weeklyMonday, weeklySaturday, monthly] = [0, 1, 2, 3, 4].map(byIndex)

/** The sign of the comparison both ways round: [a against b, b against a]. */
const signs = (a: CompiledItem, b: CompiledItem): [number, number] => [Math.sign(byAttributionPriority(a, b)), Math.sign(byAttributionPriority(b, a))]

describe('byAttributionPriority', () => {
  it('the longer retention comes first (row 31)', () => {
    expect(signs(monthly!, weeklyMonday!)).toEqual([-1, 1])
    expect(signs(weeklySaturday!, daily7d!)).toEqual([-1, 1])
  })

  it('at equal retention the rarer frequency comes first (row 32)', () => {
    expect(signs(daily7d!, hourly7d!)).toEqual([-1, 1])
  })

  it('same type and retention: the lower item index comes first, and an item ties only with itself', () => {
    expect(signs(weeklyMonday!, weeklySaturday!)).toEqual([-1, 1])
    expect(byAttributionPriority(weeklySaturday!, weeklySaturday!)).toBe(0)
  })

  it('compileSchedule lists the items in that order', () => {
    expect(compiled.items.map((candidate) => candidate.index)).toEqual([4, 2, 3, 1, 0])
  })
})
