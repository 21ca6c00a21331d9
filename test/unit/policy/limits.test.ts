import {describe, expect, it} from 'vitest'

import {MAX_POLICY_ITEMS, MAX_SCHEDULE_FIELDS, scheduleSizeProblem, validateSchedule} from '../../../src/lib/policy/index.js'

/*
 * The size refusal (rules 1 and 13) that runs before any rule: its exact bounds, the words it prints, and the
 * shapes it must leave to the rules themselves (scale.test.ts covers the large documents).
 */

const M10 = {cluster: {tier: 'M10'}}
const fields = (n: number): Record<string, number> => Object.fromEntries(Array.from({length: n}, (_, i) => [`k${i}`, i]))
const weekly = {frequencyType: 'weekly', frequencyInterval: 1, retentionUnit: 'weeks', retentionValue: 1}
const items = (n: number): unknown[] => Array.from({length: n}, () => weekly)

describe('the size refusal before the rules', () => {
  it('rule 1: one field past the cap is refused with its count, the cap and what to check', () => {
    expect(validateSchedule(fields(MAX_SCHEDULE_FIELDS + 1), M10)).toEqual([
      {
        path: '$',
        errorCode: 'INVALID_ATTRIBUTE',
        rule: 1,
        severity: 'error',
        message: 'the document has 101 top-level fields, more than the 100 this tool accepts (a backup schedule has 17): Check that the file is a backup schedule, in the shape `backups schedule describe -o json` prints',
      },
    ])
  })

  it('rule 1: the count is every field, written with thousands separators', () => {
    expect(scheduleSizeProblem(fields(1234))?.message).toBe('the document has 1,234 top-level fields, more than the 100 this tool accepts (a backup schedule has 17)')
  })

  it('rule 1: exactly the cap is not refused, and neither are fields a document only inherits', () => {
    expect(scheduleSizeProblem(fields(MAX_SCHEDULE_FIELDS))).toBeUndefined()
    // for…in also walks inherited keys: only the document's own fields count.
    const inherited = Object.assign(Object.create(fields(2 * MAX_SCHEDULE_FIELDS) as object) as Record<string, unknown>, {policies: []})
    expect(scheduleSizeProblem(inherited)).toBeUndefined()
  })

  it('rule 13: one item past the cap is refused as the list, with its count and the cap', () => {
    expect(validateSchedule({policies: [{policyItems: items(MAX_POLICY_ITEMS + 1)}]}, M10)).toEqual([
      {
        path: 'policies[0].policyItems',
        errorCode: 'INVALID_NUM_OF_POLICY_ITEMS',
        rule: 13,
        severity: 'error',
        message: 'the policy lists 1,001 items, more than the 1,000 this tool accepts: A policy has at most 50 distinct firing times (1 hourly, 1 daily, 7 weekly, 29 monthly, 12 yearly): remove the repeated items',
      },
    ])
    expect(scheduleSizeProblem({policies: [{policyItems: items(MAX_POLICY_ITEMS)}]})).toBeUndefined()
  })

  // Each of these is for the rules to report (or to accept), not a size problem, however long it looks.
  it.each([
    ['not an object', 'x'.repeat(MAX_SCHEDULE_FIELDS + 1)],
    ['a list', Array.from({length: MAX_SCHEDULE_FIELDS + 1}, (_, i) => i)],
    ['no policies', {}],
    ['an empty policies list', {policies: []}],
    ['policies as an object whose "0" holds many items', {policies: {0: {policyItems: items(MAX_POLICY_ITEMS + 1)}}}],
    ['a policy that is a list', {policies: [items(MAX_POLICY_ITEMS + 1)]}],
    ['policyItems as a long string', {policies: [{policyItems: 'x'.repeat(MAX_POLICY_ITEMS + 1)}]}],
  ])('rules 1 and 13: %s is left to the rules', (_name, input) => {
    expect(scheduleSizeProblem(input)).toBeUndefined()
  })
})
