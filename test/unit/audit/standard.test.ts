import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'

import {parseStandard} from '../../../src/lib/audit/standard.js'
import {UsageError} from '../../../src/lib/cli/errors.js'
import {REPO_ROOT} from '../../helpers/cli.js'

function refusal(document: unknown): UsageError {
  try {
    parseStandard(document, 'standard.yaml')
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError)
    return error as UsageError
  }
  throw new Error('the standard was accepted')
}

describe('audit standard file', () => {
  it('reads the example: every control, retentions in Atlas units, the RPO as a duration', () => {
    const document = parse(readFileSync(join(REPO_ROOT, 'examples', 'audit-standard.yaml'), 'utf8'))
    const standard = parseStandard(document, 'examples/audit-standard.yaml')
    expect(standard.policy).toEqual({
      hourly: {everyHours: 12, keepAtLeast: {value: 2, unit: 'days', days: 2}},
      daily: {keepAtLeast: {value: 7, unit: 'days', days: 7}},
      weekly: {keepAtLeast: {value: 4, unit: 'weeks', days: 28}},
      monthly: {keepAtLeast: {value: 12, unit: 'months', days: 372}},
    })
    expect(standard).toMatchObject({continuousBackup: {minRestoreWindowDays: 2}, copyToAnotherRegion: true, newestSnapshotMaxAge: '36h', newestSnapshotMaxAgeMs: 36 * 3_600_000, noFailedSnapshotsInLastDays: 7, compliancePolicyEnabled: true})
  })

  it('takes one control alone, and "1 year" in the singular', () => {
    expect(parseStandard({policy: {yearly: {keepAtLeast: '1 year'}}}, 'f.json').policy).toEqual({yearly: {keepAtLeast: {value: 1, unit: 'years', days: 372}}})
    expect(parseStandard({newestSnapshotMaxAge: '1d12h'}, 'f.json').newestSnapshotMaxAgeMs).toBe(36 * 3_600_000)
  })

  it('refuses one problem in one line naming the key and the fix', () => {
    const error = refusal({policy: {daily: {keepAtLeast: 'a week'}}})
    expect(error.exitCode).toBe(2)
    expect(error.message).toBe('standard.yaml: policy.daily.keepAtLeast: "a week" is not a retention: use forms like "7 days", "4 weeks", "12 months" or "1 year"')
    expect(error.details).toEqual([])
  })

  it('refuses every problem at once, one line each: unknown keys (typos), wrong types, bad durations, hourly intervals Atlas lacks', () => {
    const error = refusal({copyToOtherRegion: true, newestSnapshotMaxAge: 'soon', noFailedSnapshotsInLastDays: 0, policy: {hourly: {everyHours: 3}, daily: {everyHours: 1}}, continuousBackup: {minRestoreWindowDays: '7'}})
    expect(error.message).toBe('standard.yaml has 6 problems')
    expect(error.details.sort()).toEqual(
      [
        'unknown key "copyToOtherRegion"',
        'newestSnapshotMaxAge: "soon" is not a duration: use forms like 30m, 36h, 2d or 1d12h',
        'noFailedSnapshotsInLastDays: must be at least 1',
        "policy.hourly.everyHours: must be one of Atlas's hourly intervals: 1, 2, 4, 6, 8, 12",
        'unknown key "everyHours" in policy.daily',
        'continuousBackup.minRestoreWindowDays: must be a whole number of days',
      ].sort(),
    )
  })

  it('refuses a document that is not an object, and one that sets no control', () => {
    expect(refusal(['policy']).message).toBe('standard.yaml is not an audit standard: it must be an object of controls')
    expect(refusal({copyToAnotherRegion: false}).message).toBe('standard.yaml sets no control, so an audit would pass everything')
  })
})
