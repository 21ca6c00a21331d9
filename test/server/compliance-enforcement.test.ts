import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {startServer, type RunningServer} from '../../src/lib/server/index.js'
import {iso} from '../helpers/values.js'
import {call, CLUSTER0, freezeClock, GROUP, tempHome, V20240805, type Answer} from './helpers.js'

/**
 * `serve` refusing what a Backup Compliance Policy forbids (rules 45, 67, 89, 92) over real HTTP on a frozen clock:
 * Atlas's status and error envelope, and the resource unchanged afterwards.
 */

const START = iso('2026-06-15T10:30:00Z')
const V20231001 = 'application/vnd.atlas.2023-10-01+json'

let home: string
let server: RunningServer

beforeAll(async () => {
  home = tempHome()
  await freezeClock(home, START)
  server = await startServer({home, port: 0, log: () => {}})
})

afterAll(async () => {
  await server?.close()
})

function expectError(answer: Answer, errorCode: string): void {
  expect(answer.status, answer.text).toBe(400)
  expect(answer.type).toBe('application/json')
  expect(answer.body).toMatchObject({error: 400, errorCode})
}

describe('serve under a Backup Compliance Policy', () => {
  it('rules 45, 67, 89, 92: refuses each forbidden action with 400 and its code; extraRetentionSettings refused before the policy, applied under it', async () => {
    const list = await call(server.url, `${CLUSTER0}/backup/snapshots?itemsPerPage=500`)
    const daily = (list.body.results as Array<{id: string; frequencyType: string; expiresAt: string}>).find((s) => s.frequencyType === 'daily')!
    const snapshot = `${CLUSTER0}/backup/snapshots/${daily.id}`
    expectError(await call(server.url, `${CLUSTER0}/backup/schedule`, {method: 'PATCH', accept: V20240805, body: JSON.stringify({extraRetentionSettings: [{frequencyType: 'DAILY', retentionDays: 3}]})}), 'INVALID_ATTRIBUTE')

    const body = {
      authorizedEmail: 'dpo@example.com',
      authorizedUserFirstName: 'Dana',
      authorizedUserLastName: 'Officer',
      pitEnabled: true,
      restoreWindowDays: 2,
      onDemandPolicyItem: {frequencyType: 'ondemand', frequencyInterval: 0, retentionUnit: 'days', retentionValue: 3},
      scheduledPolicyItems: [{frequencyType: 'hourly', frequencyInterval: 12, retentionUnit: 'days', retentionValue: 2}],
    }
    const put = await call(server.url, `${GROUP}/backupCompliancePolicy`, {method: 'PUT', accept: V20231001, body: JSON.stringify(body)})
    expect(put.status, put.text).toBe(200)

    expectError(await call(server.url, snapshot, {method: 'DELETE'}), 'CANNOT_DELETE_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY')
    expectError(await call(server.url, snapshot, {method: 'PATCH', body: JSON.stringify({retentionUnit: 'DAYS', retentionValue: 1})}), 'CANNOT_DECREASE_SNAPSHOT_RETENTION_WITH_BACKUP_COMPLIANCE_POLICY')
    expect((await call(server.url, snapshot)).body.expiresAt).toBe(daily.expiresAt)
    expectError(await call(server.url, `${CLUSTER0}/backup/snapshots`, {method: 'POST', body: JSON.stringify({retentionInDays: 2})}), 'SNAPSHOT_RETENTION_LESS_THAN_BACKUP_COMPLIANCE_POLICY')
    expectError(await call(server.url, `${CLUSTER0}/backup/schedule`, {method: 'PATCH', accept: V20240805, body: JSON.stringify({restoreWindowDays: 1})}), 'CANNOT_DECREASE_PIT_WINDOW_WITH_BACKUP_COMPLIANCE_POLICY')
    expectError(await call(server.url, `${CLUSTER0}/backup/schedule`, {method: 'DELETE', accept: V20240805}), 'BACKUP_POLICY_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS')
    expect((await call(server.url, `${CLUSTER0}/backup/schedule`, {accept: V20240805})).body.policies[0].policyItems.length).toBeGreaterThan(0)

    const extra = await call(server.url, `${CLUSTER0}/backup/schedule`, {method: 'PATCH', accept: V20240805, body: JSON.stringify({extraRetentionSettings: [{frequencyType: 'DAILY', retentionDays: 3}]})})
    expect(extra.status, extra.text).toBe(200)
    expect(extra.body.extraRetentionSettings).toEqual([{frequencyType: 'DAILY', retentionDays: 3}])
    expect(Date.parse((await call(server.url, snapshot)).body.expiresAt)).toBe(Date.parse(daily.expiresAt) + 3 * 86_400_000)
  })
})
