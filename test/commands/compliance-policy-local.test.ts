import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {afterAll, describe, expect, it} from 'vitest'

import {DEMO_PROJECT_ID} from '../../src/lib/backends/local/fleet.js'
import {cleanupHomes, frozenHome, makeHome, runCli, type CliResult} from '../helpers/cli.js'
import {startServe} from '../helpers/serve.js'

/**
 * `backups compliancePolicy …` on the local emulator, its clock frozen: `check` before and after a policy is set up
 * (the emulator raises the cluster policies, rule 88), the state flow a --watch waits for (rule 87), and a watch
 * that cannot finish because the clock is frozen.
 */

const AT = '2026-11-30T12:00:00Z'
const local = {MONGODB_ATLAS_SERVICE: 'local'}

const run = (home: string, args: string[]): Promise<CliResult> => runCli(args, {home, env: local})

function policyFile(home: string, items: unknown[]): string {
  const file = join(home, 'policy.json')
  writeFileSync(file, JSON.stringify({authorizedEmail: 'jane.doe@example.com', authorizedUserFirstName: 'Jane', authorizedUserLastName: 'Doe', scheduledPolicyItems: items}))
  return file
}

interface Report {
  complies: boolean
  policy: string
  projectId: string
  clusters: Array<{clusterName: string; tier: string; verdict: string; shortfalls: Array<{field: string; raisable: boolean}>}>
}

afterAll(cleanupHomes)

describe('compliancePolicy check on the local emulator', () => {
  it('rule 88: a file whose hourly minimum an NVMe cluster cannot meet: raised clusters, one refused, the small ones not covered; exit 1', async () => {
    const home = await frozenHome(AT)
    const file = policyFile(home, [{frequencyType: 'hourly', frequencyInterval: 6, retentionUnit: 'days', retentionValue: 2}])
    const result = await run(home, ['backups', 'compliancePolicy', 'check', '-f', file, '-o', 'json'])
    expect(result.code, result.stderr).toBe(1)
    expect(result.stderr).toBe('')
    const report = JSON.parse(result.stdout) as Report
    expect(report.complies).toBe(false)
    expect(report.policy).toBe(file)
    expect(Object.fromEntries(report.clusters.map((c) => [c.clusterName, c.verdict]))).toEqual({
      Cluster0: 'complies',
      Free0: 'not covered',
      MultiRegion0: 'raise',
      NVMe0: 'refuse',
      Sharded0: 'raise',
      Shared0: 'not covered',
    })
    expect(report.clusters.find((c) => c.clusterName === 'NVMe0')!.shortfalls).toEqual([expect.objectContaining({field: 'policies[0].policyItems[0].frequencyInterval', raisable: false})])

    const text = await run(home, ['backups', 'compliancePolicy', 'check', '-f', file])
    expect(text.code).toBe(1)
    expect(text.stdout.split('\n')[0]!.split(/ {3,}/)).toEqual(['CLUSTER', 'TIER', 'RESULT', 'FIELD', 'HAS', 'POLICY REQUIRES'])
    expect(text.stdout).toMatch(/^NVMe0 +M40_NVME +refused +policies\[0\]\.policyItems\[0\]\.frequencyInterval +every 12 hours +every 6 hours or more often$/m)
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe(`Not every cluster complies with the backup compliance policy in ${file}: 2 would be raised to its minimum; 1 cannot be raised, so Atlas refuses the policy.`)
  })

  it('rule 88: set up, the emulator raises every cluster, and check (the project\'s policy) then passes with exit 0; the watch waits for ACTIVE', async () => {
    const home = await frozenHome(AT)
    const file = policyFile(home, [{frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 14}])
    const before = await run(home, ['backups', 'compliancePolicy', 'check', '-f', file, '-o', 'json'])
    expect(before.code).toBe(1)
    expect((JSON.parse(before.stdout) as Report).clusters.filter((c) => c.verdict === 'raise').map((c) => c.clusterName)).toEqual(['Cluster0', 'MultiRegion0', 'NVMe0', 'Sharded0'])

    // Rule 87: the policy is ENABLING until applied; with the clock frozen the watch says at once that it cannot finish.
    const setup = await run(home, ['backups', 'compliancePolicy', 'setup', '-f', file, '--force', '--watch'])
    expect(setup.code).toBe(1)
    expect(setup.stdout).toBe('')
    expect(setup.stderr).toMatch(/^Error: the backup compliance policy of project [0-9a-f]{24} is ENABLING and cannot finish: the local emulator's clock is frozen at 2026-11-30T12:00:00Z/)
    const pending = await run(home, ['backups', 'compliancePolicy', 'describe', '-o', 'json'])
    expect(JSON.parse(pending.stdout)).toMatchObject({state: 'ENABLING', authorizedEmail: 'jane.doe@example.com', scheduledPolicyItems: [{frequencyType: 'daily', retentionValue: 14}]})

    expect((await run(home, ['local', 'clock', 'advance', '1m'])).code).toBe(0)
    const described = await run(home, ['backups', 'compliancePolicy', 'describe'])
    expect(described.code, described.stderr).toBe(0)
    expect(described.stdout).toMatch(/^Authorized e-mail: +jane\.doe@example\.com$/m)
    expect(described.stdout).toMatch(/^[0-9a-f]{24} +- +daily +14 days$/m)

    const after = await run(home, ['backups', 'compliancePolicy', 'check'])
    expect(after.code, after.stdout + after.stderr).toBe(0)
    expect(after.stdout.trimEnd().split('\n').at(-1)).toBe("Every cluster covered complies with the project's backup compliance policy.")
  })
})

describe('both backends: the cloud backend against serve on the same emulator answers as the local backend', () => {
  it('check -f prints the same JSON; setup through serve is the policy the local backend then describes', async () => {
    const home = await frozenHome(AT)
    const file = policyFile(home, [{frequencyType: 'hourly', frequencyInterval: 6, retentionUnit: 'days', retentionValue: 2}])
    const viaLocal = await run(home, ['backups', 'compliancePolicy', 'check', '-f', file, '-o', 'json'])
    expect(viaLocal.code, viaLocal.stderr).toBe(1)

    const served = await startServe(home, ['--public-key', 'bcppub', '--private-key', 'bcp-private-key'])
    let described: CliResult
    try {
      const cloud = (args: string[]) =>
        runCli([...args, '--projectId', DEMO_PROJECT_ID], {home: makeHome(), env: {MONGODB_ATLAS_BASE_URL: served.url, MONGODB_ATLAS_PUBLIC_API_KEY: 'bcppub', MONGODB_ATLAS_PRIVATE_API_KEY: 'bcp-private-key'}})
      const viaCloud = await cloud(['backups', 'compliancePolicy', 'check', '-f', file, '-o', 'json'])
      expect(viaCloud.code, viaCloud.stderr).toBe(1)
      expect(JSON.parse(viaCloud.stdout)).toEqual(JSON.parse(viaLocal.stdout))

      // The NVMe cluster's hourly interval cannot be raised: the emulator refuses the policy (a 400 naming the field,
      // which the CLI reports as bad input, exit 2), as check said.
      const refused = await cloud(['backups', 'compliancePolicy', 'setup', '-f', file, '--force'])
      expect(refused.code).toBe(2)
      expect(refused.stderr).toMatch(/BACKUP_POLICIES?_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS/)
      expect(refused.stderr).toMatch(/NVMe0\.policies\[0\]\.policyItems\[0\]\.frequencyInterval/)

      const daily = policyFile(home, [{frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 14}])
      const setup = await cloud(['backups', 'compliancePolicy', 'setup', '-f', daily, '--force', '-o', 'json'])
      expect(setup.code, setup.stderr).toBe(0)
      expect(JSON.parse(setup.stdout)).toMatchObject({state: 'ENABLING'})
      described = await cloud(['backups', 'compliancePolicy', 'describe', '-o', 'json'])
      expect(described.code, described.stderr).toBe(0)
    } finally {
      await served.stop()
    }
    const local = await run(home, ['backups', 'compliancePolicy', 'describe', '-o', 'json'])
    expect(JSON.parse(local.stdout)).toEqual(JSON.parse(described.stdout))
  })
})
