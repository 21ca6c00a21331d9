import {describe, expect, it} from 'vitest'

import {COMPLIANCE_SETTLE_MS} from '../../src/lib/backends/local/compliance-policies.js'
import {iso} from '../helpers/values.js'
import {type Answer, call, CLUSTER0, expectAtlasError, freezeClock, frozenServer, GROUP, V20230101} from './helpers.js'

/**
 * `serve` answering …/backupCompliancePolicy over real HTTP on a frozen clock: GET and PUT in 2023-01-01 and
 * 2023-10-01, DELETE in 2024-11-13 only, the overwriteBackupPolicies query flag, and Atlas's error envelopes.
 */

const START = iso('2026-06-15T10:30:00Z')
const POLICY = `${GROUP}/backupCompliancePolicy`
const V20231001 = 'application/vnd.atlas.2023-10-01+json'
const V20241113 = 'application/vnd.atlas.2024-11-13+json'
const PERSON = {authorizedEmail: 'dpo@example.com', authorizedUserFirstName: 'Dana', authorizedUserLastName: 'Officer'}

const served = frozenServer(START)

const put = (body: unknown, accept = V20231001, query = ''): Promise<Answer> => call(served.url, `${POLICY}${query}`, {method: 'PUT', accept, body: JSON.stringify(body)})

describe('serve: the Backup Compliance Policy', () => {
  it('rule 87: GET without a policy is 404; PUT answers ENABLING in the version asked, GET ACTIVE once settled', async () => {
    expectAtlasError(await call(served.url, POLICY, {accept: V20231001}), 404, 'RESOURCE_NOT_FOUND')
    const created = await put({...PERSON, scheduledPolicyItems: []})
    expect(created.status, created.text).toBe(200)
    expect(created.type).toBe('application/vnd.atlas.2023-10-01+json;charset=utf-8')
    expect(created.body).toMatchObject({...PERSON, state: 'ENABLING', onDemandPolicyItem: null, restoreWindowDays: 0, deletable: false, updatedDate: '2026-06-15T10:30:00Z'})
    await freezeClock(served.home, START + COMPLIANCE_SETTLE_MS)
    const got = await call(served.url, POLICY, {accept: V20231001})
    expect(got.status).toBe(200)
    expect(got.body).toEqual({...created.body, state: 'ACTIVE'})
    // 2023-01-01 answers the same fields, with the deprecation and sunset headers of an older version.
    const old = await call(served.url, POLICY, {accept: V20230101})
    expect(old.type).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8')
    expect(old.body).toEqual(got.body)
    expect(old.headers.get('sunset')).toBe('Thu, 1 Jul 2027 00:00:00 GMT')
  })

  it('rule 86: a 2023-10-01 PUT must name the person, a 2023-01-01 PUT may not; a bad body is 400 BACKUP_COMPLIANCE_POLICY_SETTINGS_INVALID', async () => {
    await freezeClock(served.home, START + 2 * COMPLIANCE_SETTLE_MS)
    const missing = await put({authorizedEmail: 'dpo@example.com'})
    expectAtlasError(missing, 400, 'BACKUP_COMPLIANCE_POLICY_SETTINGS_INVALID')
    expect(missing.body.badRequestDetail.fields.map((f: {field: string}) => f.field)).toEqual(['authorizedUserFirstName', 'authorizedUserLastName'])
    const old = await put({authorizedEmail: 'dpo@example.com', copyProtectionEnabled: true}, V20230101)
    expect(old.status, old.text).toBe(200)
    expect(old.body).toMatchObject({...PERSON, copyProtectionEnabled: true, state: 'UPDATING'})
  })

  it('rule 87: a PUT while UPDATING is refused with CANNOT_UPDATE_…_WITH_PENDING_ACTION', async () => {
    expectAtlasError(await put({...PERSON}), 400, 'CANNOT_UPDATE_BACKUP_COMPLIANCE_POLICY_SETTINGS_WITH_PENDING_ACTION')
  })

  it('rule 88: overwriteBackupPolicies=false refuses clusters below the minimum; the default raises them', async () => {
    await freezeClock(served.home, START + 3 * COMPLIANCE_SETTLE_MS)
    const body = {...PERSON, scheduledPolicyItems: [{frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 14}]}
    const refused = await put(body, V20231001, '?overwriteBackupPolicies=false')
    expectAtlasError(refused, 400, 'BACKUP_POLICIES_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS')
    expect(refused.body.parameters).toContain('Cluster0')
    expectAtlasError(await put(body, V20231001, '?overwriteBackupPolicies=maybe'), 400, 'INVALID_ATTRIBUTE')
    const raised = await put(body, V20231001, '?overwriteBackupPolicies=true')
    expect(raised.status, raised.text).toBe(200)
    const schedule = await call(served.url, `${CLUSTER0}/backup/schedule`)
    const daily = (schedule.body.policies[0].policyItems as Array<{frequencyType: string; retentionValue: number; retentionUnit: string}>).find((i) => i.frequencyType === 'daily')
    expect(daily).toMatchObject({retentionUnit: 'days', retentionValue: 14})
  })

  it('rule 90: DELETE is served in 2024-11-13 only, and refused in a project with clusters', async () => {
    await freezeClock(served.home, START + 4 * COMPLIANCE_SETTLE_MS)
    expectAtlasError(await call(served.url, POLICY, {method: 'DELETE', accept: V20230101}), 406, 'INVALID_VERSION_DATE')
    expectAtlasError(await call(served.url, POLICY, {method: 'DELETE', accept: V20241113}), 400, 'CANNOT_DISABLE_BACKUP_COMPLIANCE_POLICY')
    expectAtlasError(await call(served.url, POLICY, {method: 'GET', accept: V20241113}), 406, 'INVALID_VERSION_DATE')
  })

  it('rule 90: DELETE in an empty project answers 204 and the policy is gone', async () => {
    const empty = '0123456789abcdef01234567'
    await freezeClock(served.home, START + 5 * COMPLIANCE_SETTLE_MS, (backend) => backend.transact((s) => s.repo.insertProject(empty, 'Empty', s.now)))
    const path = `/api/atlas/v2/groups/${empty}/backupCompliancePolicy`
    expect((await call(served.url, path, {method: 'PUT', accept: V20231001, body: JSON.stringify(PERSON)})).status).toBe(200)
    await freezeClock(served.home, START + 6 * COMPLIANCE_SETTLE_MS)
    const deleted = await call(served.url, path, {method: 'DELETE', accept: V20241113})
    expect(deleted.status, deleted.text).toBe(204)
    expect(deleted.text).toBe('')
    expect(deleted.type).toBe('application/vnd.atlas.2024-11-13+json;charset=utf-8')
    expectAtlasError(await call(served.url, path, {accept: V20231001}), 404, 'RESOURCE_NOT_FOUND')
  })
})
