import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {afterAll, describe, expect, it} from 'vitest'

import {cleanupHomes, makeHome, REPO_ROOT, runCli} from '../helpers/cli.js'

afterAll(cleanupHomes)

const example = (name: string): string => join(REPO_ROOT, 'examples', name)

describe('backups schedule validate', () => {
  it('accepts the seed default policy (continuous backup on) with exit 0', async () => {
    const result = await runCli(['backups', 'schedule', 'validate', '-f', example('schedule-default.json'), '--pit'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('The backup schedule is valid')
  })

  it('accepts today\'s Atlas default in YAML, and prints an empty list with -o json', async () => {
    const result = await runCli(['backups', 'schedule', 'validate', '-f', example('schedule-atlas-2026.yaml'), '--pit', '-o', 'json'])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual([])
  })

  /** Every fault planted in examples/schedule-invalid.json (with --pit), in document order. */
  const invalidFaults = [
    ['referenceHourOfDay', 'INVALID_REFERENCE_HOUR_OF_DAY'],
    ['policies[0].policyItems[0].frequencyInterval', 'INVALID_HOURLY_SNAPSHOT_INTERVAL_OR_RETENTION_PERIOD'],
    ['policies[0].policyItems[2].frequencyInterval', 'INVALID_BACKUP_POLICY'],
    ['policies[0].policyItems[3].retentionValue', 'INVALID_BACKUP_POLICY'],
    ['policies[0].policyItems[1].retentionValue', 'INVALID_BACKUP_POLICY'],
    ['policies[0].policyItems[3].retentionValue', 'INVALID_BACKUP_POLICY'],
    ['restoreWindowDays', 'INVALID_RESTORE_WINDOW'],
  ]

  it('lists every fault of a bad file, one per line with path, errorCode and message, exit 2', async () => {
    const result = await runCli(['backups', 'schedule', 'validate', '-f', example('schedule-invalid.json'), '--pit'])
    expect(result.code).toBe(2)
    const rows = result.stdout.split('\n').filter((line) => / error /.test(line))
    expect(rows.map((line) => line.split(/\s+/).slice(0, 3))).toEqual(invalidFaults.map(([path, code]) => [path, 'error', code]))
    for (const row of rows) expect(row.split(/\s{2,}/)[3]!.length).toBeGreaterThan(20)
    expect(result.stdout).toContain('breaks 7 rules')
  })

  it('gives the same violations as a JSON list with -o json', async () => {
    const result = await runCli(['backups', 'schedule', 'validate', '-f', example('schedule-invalid.json'), '--pit', '-o', 'json'])
    expect(result.code).toBe(2)
    const list = JSON.parse(result.stdout) as Array<{path: string; errorCode: string; severity: string; message: string}>
    expect(list.map((v) => [v.path, v.errorCode])).toEqual(invalidFaults)
    for (const v of list) expect(v).toMatchObject({severity: 'error', message: expect.stringMatching(/.{20,}/)})
  })

  it('says in --help how retentions in different units are compared', async () => {
    const result = await runCli(['backups', 'schedule', 'validate', '--help'])
    expect(result.code).toBe(0)
    expect(result.stdout.replace(/\s+/g, ' ')).toMatch(/a month as 31 and a year as 12 months \(372 days\)/)
  })

  it('knows NVMe clusters snapshot every 12 hours only', async () => {
    const result = await runCli(['backups', 'schedule', 'validate', '-f', example('schedule-default.json'), '--pit', '--tier', 'M40_NVME', '-o', 'json'])
    expect(result.code).toBe(2)
    expect(result.stdout).toContain('INVALID_HOURLY_SNAPSHOT_INTERVAL_OR_RETENTION_PERIOD')
  })

  it('refuses a custom policy on M0, M2 and SERVERLESS', async () => {
    for (const [tier, code] of [['M0', 'PROVIDER_BACKUP_NOT_SUPPORTED'], ['M2', 'TENANT_CLUSTER_UPDATE_UNSUPPORTED'], ['SERVERLESS', 'FEATURE_UNSUPPORTED']]) {
      const result = await runCli(['backups', 'schedule', 'validate', '-f', example('schedule-default.json'), '--tier', tier!])
      expect(result.code).toBe(2)
      expect(result.stdout).toContain(code)
    }
  })

  it('reads stdin with -f -', async () => {
    const text = JSON.stringify({referenceHourOfDay: 3, referenceMinuteOfHour: 0, policies: [{policyItems: [{frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7}]}]})
    const result = await runCli(['backups', 'schedule', 'validate', '-f', '-'], {input: text})
    expect(result.code).toBe(0)
  })

  it('bad input: a missing file, broken JSON, an unknown tier each give one line on stderr and exit 2', async () => {
    const home = makeHome()
    const broken = join(home, 'broken.json')
    writeFileSync(broken, '{"policies": [')
    const cases: Array<[string[], RegExp]> = [
      [['-f', join(home, 'absent.json')], /cannot read .*absent\.json: no such file/],
      [['-f', broken], /broken\.json is not valid JSON/],
      [['-f', example('schedule-default.json'), '--tier', 'M3'], /unknown tier "M3"/],
    ]
    for (const [args, message] of cases) {
      const result = await runCli(['backups', 'schedule', 'validate', ...args])
      expect(result.code).toBe(2)
      expect(result.stdout).toBe('')
      expect(result.stderr).toMatch(message)
      expect(result.stderr).not.toMatch(/\n\s+at /)
    }
  })
})
