import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {afterAll, describe, expect, it} from 'vitest'

import type {BackupSchedule} from '../../src/lib/domain/types.js'
import {cleanupHomes, expectFailure, makeHome, REPO_ROOT, runCli} from '../helpers/cli.js'

afterAll(cleanupHomes)

async function describeSchedule(home: string, cluster = 'Cluster0'): Promise<BackupSchedule> {
  const result = await runCli(['backups', 'schedule', 'describe', cluster, '-o', 'json'], {home})
  expect(result.code).toBe(0)
  return JSON.parse(result.stdout) as BackupSchedule
}

describe('backups schedule describe|update|delete', () => {
  it('describe prints two tables by default', async () => {
    const result = await runCli(['backups', 'schedule', 'describe', 'Cluster0'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^CLUSTER NAME\s+AUTO EXPORT ENABLED\s+NEXT SNAPSHOT/m)
    expect(result.stdout).toMatch(/^ID\s+Frequency Interval\s+Frequency Type\s+Retention Value\s+Retention Unit/m)
  })

  it('answers in Atlas\'s shape: keys in alphabetical order at every level, the group linked through the v1.0 API', async () => {
    const home = makeHome()
    // Items written by a user's file keep the user's key order in the store; the answer must not.
    const file = join(home, 'schedule.json')
    const item = {retentionValue: 3, retentionUnit: 'days', frequencyType: 'daily', frequencyInterval: 1}
    writeFileSync(file, JSON.stringify({policies: [{policyItems: [item]}]}))
    expect((await runCli(['backups', 'schedule', 'update', '--clusterName', 'Cluster0', '-f', file], {home})).code).toBe(0)
    const result = await runCli(['backups', 'schedule', 'describe', 'Cluster0', '-o', 'json'], {home})
    const unsorted: string[] = []
    JSON.parse(result.stdout, function (this: unknown, key, value: unknown) {
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        const keys = Object.keys(value)
        if (keys.join() !== [...keys].sort().join()) unsorted.push(keys.join())
      }
      return value
    })
    expect(unsorted).toEqual([])
    const schedule = JSON.parse(result.stdout) as BackupSchedule
    expect(schedule.policies[0]!.policyItems).toHaveLength(1)
    expect(schedule.links?.find((l) => l.rel === 'https://cloud.mongodb.com/group')?.href).toMatch(/\/api\/public\/v1\.0\/groups\/[0-9a-f]{24}$/)
  })

  it('update moves the reference time and the restore window', async () => {
    const home = makeHome()
    const result = await runCli(['backups', 'schedule', 'update', '--clusterName', 'Cluster0', '--referenceHourOfDay', '3', '--referenceMinuteOfHour', '30', '--restoreWindowDays', '1', '-o', 'json'], {home})
    expect(result.code).toBe(0)
    const schedule = JSON.parse(result.stdout) as BackupSchedule
    expect(schedule).toMatchObject({referenceHourOfDay: 3, referenceMinuteOfHour: 30, restoreWindowDays: 1})
    expect(schedule.nextSnapshot).toMatch(/T(03:30|09:30|15:30|21:30):00Z$/)
  })

  it('--policy adds an item (years accepted) and changes one in place; --removePolicyItem removes it', async () => {
    const home = makeHome()
    const before = await describeSchedule(home)
    const daily = before.policies[0]!.policyItems.find((i) => i.frequencyType === 'daily')!
    const added = await runCli(['backups', 'schedule', 'update', '--clusterName', 'Cluster0', '--policy', ',,yearly,12,years,2', '--policy', `,${daily.id},daily,1,days,10`, '-o', 'json'], {home, env: {MONGODB_ATLAS_SERVICE: 'local'}})
    expect(added.stderr).toBe('')
    expect(added.code).toBe(0)
    const items = (JSON.parse(added.stdout) as BackupSchedule).policies[0]!.policyItems
    expect(items.find((i) => i.id === daily.id)?.retentionValue).toBe(10)
    const yearly = items.find((i) => i.frequencyType === 'yearly')!
    expect(yearly).toMatchObject({frequencyInterval: 12, retentionUnit: 'years', retentionValue: 2})
    const removed = await runCli(['backups', 'schedule', 'update', '--clusterName', 'Cluster0', '--removePolicyItem', yearly.id!, '-o', 'json'], {home})
    expect(removed.code).toBe(0)
    expect((JSON.parse(removed.stdout) as BackupSchedule).policies[0]!.policyItems.some((i) => i.id === yearly.id)).toBe(false)
  })

  it('update -f takes a YAML schedule in the API shape', async () => {
    const home = makeHome()
    const result = await runCli(['backups', 'schedule', 'update', '--clusterName', 'Cluster0', '-f', join(REPO_ROOT, 'examples', 'schedule-atlas-2026.yaml'), '-o', 'json'], {home, env: {MONGODB_ATLAS_SERVICE: 'local'}})
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const schedule = JSON.parse(result.stdout) as BackupSchedule
    expect(schedule.policies[0]!.policyItems.map((i) => i.frequencyType)).toEqual(['hourly', 'daily', 'weekly', 'monthly', 'yearly'])
    expect(schedule.restoreWindowDays).toBe(7)
  })

  it('a bad --policy or an out-of-range flag is refused before anything is sent', async () => {
    const home = makeHome()
    const bad = await runCli(['backups', 'schedule', 'update', '--clusterName', 'Cluster0', '--policy', 'x,y'], {home})
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/expected 6 comma-separated values/)
    const hour = await runCli(['backups', 'schedule', 'update', '--clusterName', 'Cluster0', '--referenceHourOfDay', '24'], {home})
    expect(hour.code).toBe(2)
    expect(hour.stderr).toMatch(/referenceHourOfDay/)
  })

  it('an invalid file lists every violation with path and code, exit 2, schedule unchanged', async () => {
    const home = makeHome()
    const before = await describeSchedule(home)
    const result = await runCli(['backups', 'schedule', 'update', '--clusterName', 'Cluster0', '-f', join(REPO_ROOT, 'examples', 'schedule-invalid.json')], {home})
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    for (const line of ['referenceHourOfDay  INVALID_REFERENCE_HOUR_OF_DAY', 'policies[0].policyItems[0].frequencyInterval  INVALID_HOURLY_SNAPSHOT_INTERVAL_OR_RETENTION_PERIOD', 'policies[0].policyItems[2].frequencyInterval  INVALID_BACKUP_POLICY']) {
      expect(result.stderr).toContain(line)
    }
    expect(await describeSchedule(home)).toEqual(before)
  })

  it('shared and free tiers have no schedule to change', async () => {
    const home = makeHome()
    const shared = await runCli(['backups', 'schedule', 'update', '--clusterName', 'Shared0', '--referenceHourOfDay', '3', '--referenceMinuteOfHour', '0'], {home})
    expectFailure(shared, 1, 'Error: Cluster Shared0 is on the M2 tier: it has no configurable backup schedule (one snapshot a day, the last 8 kept) (TENANT_CLUSTER_UPDATE_UNSUPPORTED).')
    const free = await runCli(['backups', 'schedule', 'describe', 'Free0'], {home})
    expect(free.code).toBe(1)
    expect(free.stderr).toContain('PROVIDER_BACKUP_NOT_SUPPORTED')
  })

  it('delete needs --force without a terminal, then removes every item and keeps the reference time', async () => {
    const home = makeHome()
    const refused = await runCli(['backups', 'schedule', 'delete', 'Cluster0'], {home})
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/--force/)
    const before = await describeSchedule(home)
    const deleted = await runCli(['backups', 'schedule', 'delete', 'Cluster0', '--force'], {home})
    expect(deleted.code).toBe(0)
    const after = await describeSchedule(home)
    expect(after.policies[0]!.policyItems).toEqual([])
    expect(after.referenceHourOfDay).toBe(before.referenceHourOfDay)
    expect(after.restoreWindowDays).toBe(before.restoreWindowDays)
  })

  it('validate and update agree: a file that validates is accepted by update', async () => {
    const home = makeHome()
    const file = join(home, 'weekly.json')
    writeFileSync(file, JSON.stringify({referenceHourOfDay: 1, referenceMinuteOfHour: 15, restoreWindowDays: 2, policies: [{policyItems: [{frequencyType: 'hourly', frequencyInterval: 6, retentionUnit: 'days', retentionValue: 2}, {frequencyType: 'weekly', frequencyInterval: 7, retentionUnit: 'weeks', retentionValue: 8}]}]}))
    expect((await runCli(['backups', 'schedule', 'validate', '-f', file, '--pit'], {home})).code).toBe(0)
    expect((await runCli(['backups', 'schedule', 'update', '--clusterName', 'Cluster0', '-f', file], {home})).code).toBe(0)
  })
})
