import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {frequencyRank} from '../../../src/lib/domain/retention.js'
import type {RetentionUnit, ScheduledFrequencyType} from '../../../src/lib/domain/types.js'
import {MAX_POLICY_ITEMS, MAX_SCHEDULE_FIELDS, validateSchedule} from '../../../src/lib/policy/index.js'
import {checkMonotonicity} from '../../../src/lib/policy/item-set.js'
import {type CheckedItem, normalisedRetention} from '../../../src/lib/policy/items.js'
import {Findings} from '../../../src/lib/policy/violation.js'

const TYPES: ScheduledFrequencyType[] = ['hourly', 'daily', 'weekly', 'monthly', 'yearly']
const UNITS: RetentionUnit[] = ['days', 'weeks', 'months', 'years']

function item(i: number, frequencyType: ScheduledFrequencyType, retentionUnit: RetentionUnit, retentionValue: number): CheckedItem {
  return {path: `policies[0].policyItems[${i}]`, frequencyType, retentionUnit, retentionValue}
}

/** The rule as first written: every item against the longest of all items that fire more often (quadratic). */
function pairwiseOracle(items: CheckedItem[]): Findings {
  const findings = new Findings()
  for (const it of items) {
    const moreFrequent = items.filter((other) => frequencyRank(other.frequencyType) < frequencyRank(it.frequencyType))
    if (moreFrequent.length === 0) continue
    const longest = moreFrequent.reduce((a, b) => (normalisedRetention(b) > normalisedRetention(a) ? b : a))
    if (normalisedRetention(it) < normalisedRetention(longest)) findings.error(`${it.path}.retentionValue`, 'INVALID_BACKUP_POLICY', 17, longest.path)
  }
  return findings
}

describe('policy validation at scale', () => {
  // No stopwatch (a loaded machine makes any bound flaky; bench/ measures speed): comparing every pair of 100,000
  // items takes minutes, far past this test's 20 s timeout, while the linear check takes well under a second.
  it('compares retentions in linear time: 100,000 items in a moment (comparing every pair took minutes)', () => {
    const items = Array.from({length: 100_000}, (_, i) => item(i, TYPES[i % 5]!, UNITS[i % 4]!, 1 + (i % 97)))
    const findings = new Findings()
    checkMonotonicity(items, findings)
    expect(findings.list.filter((v) => v.rule === 17).length).toBeGreaterThan(0)
  })

  it('finds the same errors, against the same item, as comparing every pair', () => {
    const arbitraryItems = fc.array(fc.tuple(fc.constantFrom(...TYPES), fc.constantFrom(...UNITS), fc.integer({min: 1, max: 40})), {maxLength: 30})
    fc.assert(
      fc.property(arbitraryItems, (tuples) => {
        const items = tuples.map(([type, unit, value], i) => item(i, type, unit, value))
        const findings = new Findings()
        checkMonotonicity(items, findings)
        const errors = findings.list.filter((v) => v.severity === 'error')
        const expected = pairwiseOracle(items).list
        expect(errors.map((v) => v.path)).toEqual(expected.map((v) => v.path))
        // The message names the longest more frequent item; the oracle recorded its path instead of a message.
        for (const [i, error] of errors.entries()) {
          const longest = items.find((candidate) => candidate.path === expected[i]!.message)!
          expect(error.message).toContain(`the ${longest.frequencyType} item (${longest.retentionValue} `)
        }
      }),
      {numRuns: 300},
    )
  })

  it(`refuses more than ${MAX_POLICY_ITEMS} policy items at once, with one violation and without checking each item`, () => {
    const weekly = {frequencyType: 'weekly', frequencyInterval: 1, retentionUnit: 'weeks', retentionValue: 1}
    const tooMany = {policies: [{policyItems: Array.from({length: 80_000}, () => weekly)}]}
    // One violation for the list, none per item, is what shows the items were not checked one by one.
    const violations = validateSchedule(tooMany, {cluster: {tier: 'M10'}})
    expect(violations).toHaveLength(1)
    expect(violations[0]).toMatchObject({path: 'policies[0].policyItems', errorCode: 'INVALID_NUM_OF_POLICY_ITEMS', severity: 'error'})
    expect(violations[0]!.message).toContain('80,000 items')
    const atTheCap = {policies: [{policyItems: Array.from({length: MAX_POLICY_ITEMS}, () => weekly)}]}
    expect(validateSchedule(atTheCap, {cluster: {tier: 'M10'}}).filter((v) => v.severity === 'error')).toEqual([])
  })

  it(`refuses a document with more than ${MAX_SCHEDULE_FIELDS} top-level fields with one violation, not one warning per field`, () => {
    const document = Object.fromEntries(Array.from({length: 50_000}, (_, i) => [`k${i}`, i]))
    const violations = validateSchedule(document, {cluster: {tier: 'M10'}})
    expect(violations).toHaveLength(1)
    expect(violations[0]).toMatchObject({path: '$', errorCode: 'INVALID_ATTRIBUTE', severity: 'error'})
    const few = Object.fromEntries(Array.from({length: MAX_SCHEDULE_FIELDS}, (_, i) => [`k${i}`, i]))
    expect(validateSchedule(few, {cluster: {tier: 'M10'}}).every((v) => v.severity === 'warning')).toBe(true)
  })
})
