import {describe, expect, it} from 'vitest'

import {checkCompliancePolicySettings, requireCompliancePolicySettings} from '../../../src/lib/compliance/index.js'
import {AtlasApiError} from '../../../src/lib/domain/errors.js'

const person = {authorizedEmail: 'first.last@example.com', authorizedUserFirstName: 'First', authorizedUserLastName: 'Last'}
const hourly = (over: Record<string, unknown> = {}) => ({frequencyType: 'hourly', frequencyInterval: 6, retentionUnit: 'days', retentionValue: 7, ...over})
const daily = (over: Record<string, unknown> = {}) => ({frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7, ...over})

function errorPaths(body: unknown, version: '2023-01-01' | '2023-10-01' = '2023-10-01'): string[] {
  return checkCompliancePolicySettings(body, version).violations.filter((v) => v.severity === 'error').map((v) => v.path)
}

describe('compliance policy settings (rule 86)', () => {
  it('rule 86: accepts the recorded minimal policy and fills the defaults Atlas shows', () => {
    const check = checkCompliancePolicySettings({...person, scheduledPolicyItems: []}, '2023-10-01')
    expect(check.violations).toEqual([])
    expect(check.settings).toEqual({
      ...person,
      copyProtectionEnabled: false,
      encryptionAtRestEnabled: false,
      onDemandPolicyItem: null,
      pitEnabled: false,
      restoreWindowDays: 0,
      scheduledPolicyItems: [],
    })
  })

  it('rule 86: refuses a body without an email, or with a malformed one', () => {
    expect(errorPaths({authorizedUserFirstName: 'a', authorizedUserLastName: 'b'})).toEqual(['authorizedEmail'])
    expect(errorPaths({...person, authorizedEmail: 'not-an-email'})).toEqual(['authorizedEmail'])
    expect(errorPaths([])).toEqual(['$'])
  })

  it('rule 86: the names are required in 2023-10-01 and optional in 2023-01-01', () => {
    const body = {authorizedEmail: person.authorizedEmail}
    expect(errorPaths(body, '2023-10-01')).toEqual(['authorizedUserFirstName', 'authorizedUserLastName'])
    expect(errorPaths(body, '2023-01-01')).toEqual([])
    expect(checkCompliancePolicySettings(body, '2023-01-01').settings?.authorizedUserFirstName).toBe('')
    expect(errorPaths({...body, authorizedUserFirstName: ' '}, '2023-01-01')).toEqual(['authorizedUserFirstName'])
  })

  it('rule 86: scheduled items take the five frequencies; ondemand belongs to onDemandPolicyItem', () => {
    expect(errorPaths({...person, scheduledPolicyItems: [hourly(), daily(), {frequencyType: 'weekly', frequencyInterval: 3, retentionUnit: 'weeks', retentionValue: 1}]})).toEqual([])
    expect(errorPaths({...person, scheduledPolicyItems: [daily({frequencyType: 'ondemand'})]})).toEqual(['scheduledPolicyItems[0].frequencyType'])
    expect(errorPaths({...person, onDemandPolicyItem: daily({frequencyType: 'ondemand', frequencyInterval: 0})})).toEqual([])
    expect(errorPaths({...person, onDemandPolicyItem: daily()})).toEqual(['onDemandPolicyItem.frequencyType'])
  })

  it('rule 86: frequencyInterval is read on hourly items only', () => {
    expect(errorPaths({...person, scheduledPolicyItems: [daily({frequencyInterval: 27}), {frequencyType: 'monthly', retentionUnit: 'months', retentionValue: 1}]})).toEqual([])
    expect(errorPaths({...person, scheduledPolicyItems: [hourly({frequencyInterval: 3})]})).toEqual(['scheduledPolicyItems[0].frequencyInterval'])
    expect(errorPaths({...person, scheduledPolicyItems: [hourly({frequencyInterval: undefined})]})).toEqual(['scheduledPolicyItems[0].frequencyInterval'])
    const settings = requireCompliancePolicySettings({...person, scheduledPolicyItems: [{frequencyType: 'monthly', retentionUnit: 'months', retentionValue: 1}]}, '2023-10-01')
    expect(settings.scheduledPolicyItems[0]).toEqual({frequencyInterval: 1, frequencyType: 'monthly', retentionUnit: 'months', retentionValue: 1})
  })

  it('rules 86, 14-16: retention units and values are those of cluster policy items', () => {
    expect(errorPaths({...person, scheduledPolicyItems: [daily({retentionUnit: 'hours'})]})).toEqual(['scheduledPolicyItems[0].retentionUnit'])
    expect(errorPaths({...person, scheduledPolicyItems: [daily({retentionValue: 0})]})).toEqual(['scheduledPolicyItems[0].retentionValue'])
    expect(errorPaths({...person, scheduledPolicyItems: [{frequencyType: 'weekly', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 3}]})).toEqual(['scheduledPolicyItems[0].retentionValue'])
    expect(errorPaths({...person, onDemandPolicyItem: {frequencyType: 'ondemand', frequencyInterval: 0, retentionUnit: 'days', retentionValue: -1}})).toEqual(['onDemandPolicyItem.retentionValue'])
  })

  it('rules 86, 12, 17: one hourly and one daily item (several weekly ones are fine), less frequent items keep at least as long', () => {
    expect(errorPaths({...person, scheduledPolicyItems: [daily(), daily()]})).toEqual(['scheduledPolicyItems[1].frequencyType'])
    const weekly = (day: number) => ({frequencyType: 'weekly', frequencyInterval: day, retentionUnit: 'weeks', retentionValue: 2})
    expect(errorPaths({...person, scheduledPolicyItems: [weekly(1), weekly(4)]})).toEqual([])
    expect(errorPaths({...person, scheduledPolicyItems: [hourly({retentionValue: 10}), daily({retentionValue: 7})]})).toEqual(['scheduledPolicyItems[1].retentionValue'])
  })

  it('rule 86: with PIT the restore window is positive and within the hourly retention (recorded: 1 day with an hourly item of 1 day)', () => {
    const pit = {...person, pitEnabled: true, restoreWindowDays: 1, scheduledPolicyItems: [hourly({frequencyInterval: 1, retentionValue: 1})]}
    expect(errorPaths(pit)).toEqual([])
    expect(errorPaths({...pit, restoreWindowDays: 2})).toEqual(['restoreWindowDays'])
    expect(errorPaths({...pit, restoreWindowDays: 0})).toEqual(['restoreWindowDays'])
    expect(errorPaths({...pit, scheduledPolicyItems: [daily()]})).toEqual(['scheduledPolicyItems'])
  })

  it('rule 86: without PIT the window does not apply (0, as GET shows it, is accepted), but must not be negative', () => {
    expect(errorPaths({...person, restoreWindowDays: 0})).toEqual([])
    expect(errorPaths({...person, restoreWindowDays: 30})).toEqual([])
    expect(errorPaths({...person, restoreWindowDays: -1})).toEqual(['restoreWindowDays'])
  })

  it('rule 86: ignores the read-only fields a client copies from GET, and refuses flags that are not booleans', () => {
    const fromGet = {...person, deletable: false, state: 'ACTIVE', projectId: 'x', updatedDate: 'y', updatedUser: 'z', scheduledPolicyItems: [{...daily(), id: '6a793fb6c0eb9e7a17717a30'}]}
    expect(requireCompliancePolicySettings(fromGet, '2023-10-01').scheduledPolicyItems).toEqual([daily()])
    expect(errorPaths({...person, copyProtectionEnabled: 'yes'})).toEqual(['copyProtectionEnabled'])
  })

  it('rule 86: requireCompliancePolicySettings throws Atlas 400 BACKUP_COMPLIANCE_POLICY_SETTINGS_INVALID listing every field', () => {
    let thrown: unknown
    try {
      requireCompliancePolicySettings({authorizedEmail: 'x', scheduledPolicyItems: [daily({retentionValue: 0})]}, '2023-10-01')
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(AtlasApiError)
    const error = thrown as AtlasApiError
    expect([error.status, error.errorCode]).toEqual([400, 'BACKUP_COMPLIANCE_POLICY_SETTINGS_INVALID'])
    expect(error.fields.map((f) => f.field)).toEqual(['authorizedEmail', 'authorizedUserFirstName', 'authorizedUserLastName', 'scheduledPolicyItems[0].retentionValue'])
  })
})
