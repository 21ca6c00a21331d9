import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {ClusterSummary} from '../../src/lib/backends/local/admin.js'
import type {ClusterUpdateResult} from '../../src/lib/backends/local/cluster-changes.js'
import {DEMO_PROJECT_ID} from '../../src/lib/backends/local/fleet.js'
import {LocalBackend} from '../../src/lib/backends/local/local-backend.js'
import type {RolloverResult} from '../../src/lib/backends/local/oplog-rollover.js'
import {cleanupHomes, expectFailure, expectOneErrorLine, frozenHome, runCli, storeBytes} from '../helpers/cli.js'
import {json} from '../helpers/values.js'

afterAll(cleanupHomes)

const NOW = '2026-06-10T10:00:00Z'
const HOUR = 3_600_000

async function fleet(home: string): Promise<ClusterSummary[]> {
  return json<ClusterSummary[]>(await runCli(['local', 'clusters', 'list', '-o', 'json'], {home}))
}

describe('local clusters update', () => {
  it('prints each change with its effects, as text and as JSON, and the change is stored', async () => {
    const home = await frozenHome(NOW)
    const text = await runCli(['local', 'clusters', 'update', 'Cluster0', '--tier', 'M30', '--mdbVersion', '8.0.30'], {home})
    expect(text.code, text.stderr).toBe(0)
    expect(text.stderr).toBe('')
    expect(text.stdout).toBe(
      [
        `Cluster Cluster0 changed at ${NOW}:`,
        '  tier: M10 -> M30',
        "    - tier change: every replica set's snapshot volume is invalid: the next snapshot elects a node in the primary's region and takes a full copy",
        '  mongoDBVersion: 8.0.29 -> 8.0.30',
        '    - snapshots from now on are of MongoDB 8.0.30; earlier ones (8.0.29) still restore into Cluster0 while it runs their major version or the next one (rule 73)',
        '',
      ].join('\n'),
    )
    const result = json<ClusterUpdateResult>(await runCli(['local', 'clusters', 'update', 'Cluster0', '--noContinuousBackup', '--tier', 'M30', '-o', 'json'], {home}))
    expect(result).toMatchObject({cluster: 'Cluster0', at: NOW, unchanged: ['tier'], changes: [{setting: 'continuousBackup', from: true, to: false, effects: [{kind: 'coverageDeleted'}]}]})
    expect((await fleet(home)).find((c) => c.name === 'Cluster0')).toMatchObject({tier: 'M30', mongoDBVersion: '8.0.30', continuousBackup: false, paused: false})
  })

  it('pause shows in clusters list; nothing to change says so', async () => {
    const home = await frozenHome(NOW)
    const paused = await runCli(['local', 'clusters', 'update', 'MultiRegion0', '--pause'], {home})
    expect(paused.code, paused.stderr).toBe(0)
    expect(paused.stdout).toContain('no scheduled snapshot is taken while the cluster is paused')
    const table = await runCli(['local', 'clusters', 'list'], {home})
    expect(table.stdout.split('\n')[0]).toMatch(/CONTINUOUS BACKUP\s+PAUSED\s+MONGODB VERSION/)
    expect(table.stdout).toMatch(/^MultiRegion0 .* false\s+true\s+8\.0\.29/m)
    const again = await runCli(['local', 'clusters', 'update', 'MultiRegion0', '--pause'], {home})
    expect(again.stdout).toBe('Nothing changed on MultiRegion0.\nAlready as asked: paused.\n')
  })

  describe('bad flags: exit 2, one line, nothing changed', () => {
    let home = ''
    let before: Buffer | undefined
    beforeAll(async () => {
      home = await frozenHome(NOW)
      before = storeBytes(home)
    })
    it.each<[string[], RegExp]>([
      [[], /nothing to change\. Give at least one of --tier/],
      [['--tier', 'M7'], /unknown tier "M7"/],
      [['--tier', 'M2'], /--tier M2: a cluster changes only between dedicated tiers/],
      [['--diskSizeGB', '5'], /--diskSizeGB must be between 10 and 4096, got 5/],
      [['--diskIOPS', '99999999'], /--diskIOPS must be between 100 and 64000/],
      [['--shards', '0'], /--shards must be between 1 and 50, got 0\. A sharded cluster keeps at least one shard/],
      [['--mongodbVersion', '8.0'], /--mongodbVersion "8\.0" is not x\.y\.z/],
      [['--mdbVersion', '3.9.1'], /--mongodbVersion 3\.9\.1 is not a MongoDB release/],
      [['--region', 'MOON_BASE_1'], /--region "MOON_BASE_1" is not an Atlas region name/],
      [['--pause', '--resume'], /--resume|--pause/],
      [['--continuousBackup', '--noContinuousBackup'], /--noContinuousBackup|--continuousBackup/],
      [['--tier', 'M30', '--projectId', 'nope'], /'nope' is not a valid project ID/],
      [['--tier', 'M30', '-o', 'yaml'], /yaml/],
    ])('%j', async (flags, pattern) => {
      expectOneErrorLine(await runCli(['local', 'clusters', 'update', 'Cluster0', ...flags], {home}), 2, pattern)
    })
    it('left the store as it was', async () => {
      expect(before && storeBytes(home).equals(before)).toBe(true)
      expect((await fleet(home)).find((c) => c.name === 'Cluster0')).toMatchObject({tier: 'M10', continuousBackup: true, paused: false})
    })
  })

  it('a change the cluster refuses: exit 1, one line with the Atlas code, nothing changed', async () => {
    const home = await frozenHome(NOW)
    expectOneErrorLine(await runCli(['local', 'clusters', 'update', 'NVMe0', '--pause'], {home}), 1, /NVMe clusters cannot be paused \(rule 85\) \(CANNOT_PAUSE_NVME_CLUSTER\)/)
    expectOneErrorLine(await runCli(['local', 'clusters', 'update', 'Cluster0', '--mongodbVersion', '10.0.0'], {home}), 1, /one major version at a time/)
    expectOneErrorLine(await runCli(['local', 'clusters', 'update', 'Nope', '--tier', 'M30'], {home}), 1, /CLUSTER_NOT_FOUND/)
    // A change the backup policy would not survive lists the policy's problems, as `backups schedule update` does.
    const nvme = await runCli(['local', 'clusters', 'update', 'Cluster0', '--tier', 'M40_NVME'], {home})
    expectFailure(nvme, 2, 'would break a rule after this change')
    expect(nvme.stderr).toContain('policies[0].policyItems[0].frequencyInterval')
    expect((await fleet(home)).find((c) => c.name === 'Cluster0')).toMatchObject({tier: 'M10', mongoDBVersion: '8.0.29'})
  })

  it('refused while a restore into the cluster runs, accepted once it has finished', async () => {
    const home = await frozenHome(NOW)
    const backend = new LocalBackend({home})
    backend.transact((s) => {
      const cluster = s.repo.findCluster(DEMO_PROJECT_ID, 'Cluster0')!
      cluster.state.restoringUntil = s.now + HOUR
      s.repo.saveCluster(cluster)
    })
    await backend.close()
    const refused = await runCli(['local', 'clusters', 'update', 'Cluster0', '--tier', 'M30'], {home})
    expectOneErrorLine(refused, 1, /A restore into cluster Cluster0 is running: the cluster cannot be changed until it finishes \(CLUSTER_RESTORE_IN_PROGRESS_CANNOT_UPDATE\)/)
    expect((await runCli(['local', 'clock', 'advance', '1h'], {home})).code).toBe(0)
    const accepted = await runCli(['local', 'clusters', 'update', 'Cluster0', '--tier', 'M30', '-o', 'json'], {home})
    expect(json<ClusterUpdateResult>(accepted).changes.map((c) => c.setting)).toEqual(['tier'])
  })
})

describe('local clusters oplog-rollover', () => {
  it('says what was lost, erasing the history by default or leaving a hole', async () => {
    const home = await frozenHome(NOW)
    const hole = json<RolloverResult>(await runCli(['local', 'clusters', 'oplog-rollover', 'Cluster0', '--from', '2026-06-10T07:00:00Z', '--to', '2026-06-10T08:00:00Z', '--effect', 'hole', '-o', 'json'], {home}))
    expect(hole.lost).toEqual([{from: '2026-06-10T07:00:00Z', to: '2026-06-10T08:00:00Z'}])
    expect(hole.coverage.at(-1)).toEqual({from: '2026-06-10T08:00:00Z', to: NOW})
    const erased = await runCli(['local', 'clusters', 'oplog-rollover', 'Cluster0', '--from', '2026-06-10T09:00:00Z'], {home})
    expect(erased.code, erased.stderr).toBe(0)
    expect(erased.stdout).toMatch(/^The oplog of Cluster0 rolled over: the operations written from 2026-06-10T09:00:00Z to 2026-06-10T10:00:00Z were never collected\.\nOplog coverage lost \(erasesHistory\): .* to 2026-06-10T07:00:00Z, 2026-06-10T08:00:00Z to 2026-06-10T10:00:00Z\.\nNo oplog coverage is left/)
  })

  it('bad input: exit 2 and nothing changed; a cluster without continuous backup: exit 1', async () => {
    const home = await frozenHome(NOW)
    const before = storeBytes(home)
    const rollover = (...flags: string[]) => runCli(['local', 'clusters', 'oplog-rollover', 'Cluster0', ...flags], {home})
    expectOneErrorLine(await rollover(), 2, /Missing required flag --from/)
    expectOneErrorLine(await rollover('--from', 'yesterday'), 2, /"yesterday" is not an ISO 8601 instant/)
    expectOneErrorLine(await rollover('--from', '2026-06-10T09:00:00Z', '--to', '2026-06-10T08:00:00Z'), 2, /--from 2026-06-10T09:00:00Z is not before --to/)
    expectOneErrorLine(await rollover('--from', '2026-06-10T09:00:00Z', '--effect', 'gap'), 2, /--effect/)
    const future = await rollover('--from', '2026-06-10T09:00:00Z', '--to', '2026-06-10T11:00:00Z')
    expectFailure(future, 2, 'nothing was changed')
    expect(future.stderr).toContain('give --to before 2026-06-10T10:00:00Z')
    expect(storeBytes(home).equals(before)).toBe(true)
    expectOneErrorLine(await runCli(['local', 'clusters', 'oplog-rollover', 'MultiRegion0', '--from', '2026-06-10T09:00:00Z'], {home}), 1, /Continuous Cloud Backup off/)
  })
})
