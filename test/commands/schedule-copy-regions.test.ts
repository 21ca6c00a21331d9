import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest'

import type {BackupSchedule, BackupSchedulePatch} from '../../src/lib/domain/types.js'
import {FaultServer, json} from '../cloud/fault-server.js'
import {cleanupHomes, expectOneErrorLine, frozenHome, runCli, storeBytes, type CliResult} from '../helpers/cli.js'

/**
 * The copy-region flags of `backups schedule update` (beyond the Atlas CLI, which has only --file for copy settings)
 * and the copy settings in `backups schedule describe`: what the schedule holds afterwards, on the local backend
 * (read-modify-write in one transaction) and through the cloud backend (GET, then one PATCH).
 */

const LOCAL = {MONGODB_ATLAS_SERVICE: 'local'}

afterAll(cleanupHomes)

function local(home: string, args: string[]): Promise<CliResult> {
  return runCli(args, {home, env: LOCAL})
}

async function schedule(home: string): Promise<BackupSchedule> {
  const result = await local(home, ['backups', 'schedule', 'describe', 'Cluster0', '-o', 'json'])
  expect(result.code, result.stderr).toBe(0)
  return JSON.parse(result.stdout) as BackupSchedule
}

function update(home: string, ...flags: string[]): Promise<CliResult> {
  return local(home, ['backups', 'schedule', 'update', '--clusterName', 'Cluster0', ...flags])
}

describe('backups schedule update --copyRegion / --removeCopyRegion (local backend)', () => {
  it('adds regions with their frequencies and oplog choice, in the cluster\'s only zone, with its provider', async () => {
    const home = await frozenHome()
    const result = await update(home, '--copyRegion', 'us_west_2:daily,weekly:oplog', '--copyRegion', 'EU_WEST_1:ondemand,daily,daily')
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toBe("Snapshot backup policy for cluster 'Cluster0' updated.\n")
    const after = await schedule(home)
    const zoneId = after.copySettings![0]!.zoneId
    expect(zoneId).toMatch(/^[0-9a-f]{24}$/)
    expect(after.copySettings).toEqual([
      {cloudProvider: 'AWS', frequencies: ['DAILY', 'WEEKLY'], regionName: 'US_WEST_2', shouldCopyOplogs: true, zoneId},
      {cloudProvider: 'AWS', frequencies: ['ON_DEMAND', 'DAILY'], regionName: 'EU_WEST_1', shouldCopyOplogs: false, zoneId},
    ])
  })

  it('replaces a region\'s whole setting, keeps the others, and removes one region', async () => {
    const home = await frozenHome()
    expect((await update(home, '--copyRegion', 'US_WEST_2:daily:oplog', '--copyRegion', 'EU_WEST_1:weekly')).code).toBe(0)
    expect((await update(home, '--copyRegion', 'US_WEST_2:hourly,monthly')).code).toBe(0)
    let copies = (await schedule(home)).copySettings!
    expect(copies.map((c) => [c.regionName, c.frequencies, c.shouldCopyOplogs])).toEqual([
      ['US_WEST_2', ['HOURLY', 'MONTHLY'], false],
      ['EU_WEST_1', ['WEEKLY'], false],
    ])
    const removed = await update(home, '--removeCopyRegion', 'US_WEST_2', '-o', 'json')
    expect(removed.code, removed.stderr).toBe(0)
    copies = (JSON.parse(removed.stdout) as BackupSchedule).copySettings!
    expect(copies.map((c) => c.regionName)).toEqual(['EU_WEST_1'])
    expect((await schedule(home)).copySettings!.map((c) => c.regionName)).toEqual(['EU_WEST_1'])
  })

  it('--deleteCopiedBackups with --force removes the region (the emulator deletes its copies)', async () => {
    const home = await frozenHome()
    expect((await update(home, '--copyRegion', 'US_WEST_2:daily')).code).toBe(0)
    const result = await update(home, '--removeCopyRegion', 'US_WEST_2', '--deleteCopiedBackups', '--force')
    expect(result.code, result.stderr).toBe(0)
    expect((await schedule(home)).copySettings).toEqual([])
  })

  it('leaves the policy items and the other fields alone', async () => {
    const home = await frozenHome()
    const before = await schedule(home)
    expect((await update(home, '--copyRegion', 'US_WEST_2:daily', '--referenceHourOfDay', '4')).code).toBe(0)
    const after = await schedule(home)
    expect(after.policies).toEqual(before.policies)
    expect(after.referenceHourOfDay).toBe(4)
    expect(after.restoreWindowDays).toBe(before.restoreWindowDays)
  })

  const refusals: Array<[string, string[], RegExp]> = [
    ['a frequency that does not exist', ['--copyRegion', 'US_WEST_2:fortnightly'], /"fortnightly" is not a snapshot frequency/],
    ['no frequency', ['--copyRegion', 'US_WEST_2'], /expected a region, its frequencies/],
    ['an option other than oplog', ['--copyRegion', 'US_WEST_2:daily:oplogs'], /"oplogs" is not a copy option/],
    ['an AWS-style region name', ['--copyRegion', 'us-west-2:daily'], /does not name a region.*US_WEST_2/],
    ['the same region twice', ['--copyRegion', 'US_WEST_2:daily', '--removeCopyRegion', 'us_west_2'], /US_WEST_2 is given more than once/],
    ['--deleteCopiedBackups without a removal', ['--copyRegion', 'US_WEST_2:daily', '--deleteCopiedBackups', '--force'], /--deleteCopiedBackups .* none is given/],
    ['--deleteCopiedBackups without a terminal or --force', ['--removeCopyRegion', 'US_WEST_2', '--deleteCopiedBackups'], /no terminal to confirm on.*--force/],
    ['a malformed --zoneId', ['--copyRegion', 'US_WEST_2:daily', '--zoneId', 'zone1'], /--zoneId "zone1" must be 24 hexadecimal/],
    ['--zoneId alone', ['--zoneId', '0123456789abcdef01234567'], /--zoneId says which zone/],
  ]
  describe('refused before anything is sent', () => {
    // One home for every refusal: each leaves the store as it was, which is what each of them checks.
    let home = ''
    beforeAll(async () => {
      home = await frozenHome()
      await schedule(home)
    })
    for (const [what, flags, message] of refusals) {
      it(`refuses ${what} before anything is sent (exit 2, store unchanged)`, async () => {
        const before = storeBytes(home)
        expectOneErrorLine(await update(home, ...flags), 2, message)
        expect(storeBytes(home).equals(before)).toBe(true)
      })
    }
  })

  it('refuses to remove a region the zone does not copy to, naming the ones it does; nothing changes', async () => {
    const home = await frozenHome()
    expect((await update(home, '--copyRegion', 'EU_WEST_1:daily')).code).toBe(0)
    const before = storeBytes(home)
    expectOneErrorLine(await update(home, '--removeCopyRegion', 'US_WEST_2'), 2, /US_WEST_2 is not a copy region of zone [0-9a-f]{24}\. Its copy regions: EU_WEST_1/)
    expect(storeBytes(home).equals(before)).toBe(true)
  })

  it('refuses a --zoneId the cluster does not have', async () => {
    const home = await frozenHome()
    expectOneErrorLine(await update(home, '--copyRegion', 'US_WEST_2:daily', '--zoneId', '0123456789abcdef01234567'), 2, /zone 0123456789abcdef01234567 is not a zone of Cluster0\. Its zones: [0-9a-f]{24} \(Zone 1\)/)
  })
})

describe('backups schedule describe shows the copy settings', () => {
  it('a third table, one row a region: region, provider, zone, frequencies, oplog', async () => {
    const home = await frozenHome()
    expect((await update(home, '--copyRegion', 'US_WEST_2:daily,weekly:oplog', '--copyRegion', 'EU_WEST_1:ondemand')).code).toBe(0)
    const result = await local(home, ['backups', 'schedule', 'describe', 'Cluster0'])
    expect(result.code, result.stderr).toBe(0)
    const blocks = result.stdout.trimEnd().split('\n\n')
    expect(blocks).toHaveLength(3)
    const rows = blocks[2]!.split('\n').map((line) => line.trim().split(/ {3,}/))
    expect(rows[0]).toEqual(['Copy Region', 'Cloud Provider', 'Zone ID', 'Frequencies', 'Copy Oplogs'])
    expect(rows[1]).toEqual(['US_WEST_2', 'AWS', expect.stringMatching(/^[0-9a-f]{24}$/), 'DAILY, WEEKLY', 'true'])
    expect(rows[2]).toEqual(['EU_WEST_1', 'AWS', expect.stringMatching(/^[0-9a-f]{24}$/), 'ON_DEMAND', 'false'])
  })

  it('no copy table when the schedule copies nothing, and JSON keeps Atlas\'s copySettings', async () => {
    const home = await frozenHome()
    const result = await local(home, ['backups', 'schedule', 'describe', 'Cluster0'])
    expect(result.stdout.trimEnd().split('\n\n')).toHaveLength(2)
    expect((await schedule(home)).copySettings).toEqual([])
  })
})

describe('backups schedule update --copyRegion through the cloud backend', () => {
  const GROUP = '6a793f6b2c88faeba59bae37'
  const ZONE_A = '6a7940000000000000000001'
  const ZONE_B = '6a7940000000000000000002'
  let server: FaultServer
  const current: BackupSchedule = {
    clusterName: 'Global0',
    copySettings: [{cloudProvider: 'AWS', frequencies: ['DAILY'], regionName: 'EU_WEST_1', shouldCopyOplogs: false, zoneId: ZONE_B}],
    policies: [{id: '6a7940000000000000000010', policyItems: [{id: '6a7940000000000000000011', frequencyInterval: 1, frequencyType: 'daily', retentionUnit: 'days', retentionValue: 7}]}],
  }
  const globalCluster = {
    name: 'Global0',
    clusterType: 'GEOSHARDED',
    pitEnabled: true,
    replicationSpecs: [
      {id: '6a7940000000000000000021', zoneId: ZONE_A, zoneName: 'Americas', regionConfigs: [{providerName: 'AWS', regionName: 'US_EAST_1', priority: 7, electableSpecs: {instanceSize: 'M30'}}]},
      {id: '6a7940000000000000000022', zoneId: ZONE_B, zoneName: 'Europe', regionConfigs: [{providerName: 'AWS', regionName: 'EU_CENTRAL_1', priority: 7, electableSpecs: {instanceSize: 'M30'}}]},
    ],
  }

  beforeEach(async () => {
    server = await new FaultServer().start()
    server.handler = (request, response) => {
      if (request.method === 'GET' && request.url.endsWith('/clusters/Global0')) return json(response, 200, globalCluster)
      if (request.method === 'GET') return json(response, 200, current)
      return json(response, 200, {...current, ...(JSON.parse(request.body) as BackupSchedulePatch)})
    }
  })
  afterEach(async () => server.stop())

  function cloud(args: string[]): Promise<CliResult> {
    return runCli(['backups', 'schedule', 'update', '--clusterName', 'Global0', ...args], {
      env: {MONGODB_ATLAS_BASE_URL: server.url, MONGODB_ATLAS_PUBLIC_API_KEY: 'copypub', MONGODB_ATLAS_PRIVATE_API_KEY: 'copy-private', MONGODB_ATLAS_PROJECT_ID: GROUP},
    })
  }

  it('a Global Cluster needs --zoneId: refused after reading the cluster, with its zones named, and no PATCH', async () => {
    expectOneErrorLine(await cloud(['--copyRegion', 'US_WEST_2:daily']), 2, new RegExp(`Global0 has 2 zones.*--zoneId with one of ${ZONE_A} \\(Americas\\), ${ZONE_B} \\(Europe\\)`))
    expect(server.count('PATCH')).toBe(0)
  })

  it('with --zoneId: one PATCH carrying the whole list, the new region with the zone\'s provider, the other zone\'s kept', async () => {
    const result = await cloud(['--copyRegion', 'US_WEST_2:daily:oplog', '--zoneId', ZONE_A])
    expect(result.code, result.stderr).toBe(0)
    const patches = server.seen.filter((s) => s.method === 'PATCH')
    expect(patches).toHaveLength(1)
    expect(JSON.parse(patches[0]!.body)).toEqual({
      copySettings: [
        current.copySettings![0],
        {cloudProvider: 'AWS', frequencies: ['DAILY'], regionName: 'US_WEST_2', shouldCopyOplogs: true, zoneId: ZONE_A},
      ],
    })
  })

  it('--removeCopyRegion --deleteCopiedBackups sends the region to delete copies in, with its provider and zone', async () => {
    const result = await cloud(['--removeCopyRegion', 'EU_WEST_1', '--zoneId', ZONE_B, '--deleteCopiedBackups', '--force'])
    expect(result.code, result.stderr).toBe(0)
    const patch = JSON.parse(server.seen.find((s) => s.method === 'PATCH')!.body) as BackupSchedulePatch
    expect(patch).toEqual({copySettings: [], deleteCopiedBackups: [{cloudProvider: 'AWS', regionName: 'EU_WEST_1', zoneId: ZONE_B}]})
  })

  it('a syntax error is refused before any request', async () => {
    expectOneErrorLine(await cloud(['--copyRegion', 'US_WEST_2:daily:yes']), 2, /"yes" is not a copy option/)
    expect(server.seen).toHaveLength(0)
  })
})
