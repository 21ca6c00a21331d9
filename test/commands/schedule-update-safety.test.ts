import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {afterAll, afterEach, beforeEach, describe, expect, it} from 'vitest'

import {DEMO_PROJECT_ID} from '../../src/lib/backends/local/fleet.js'
import {LocalBackend} from '../../src/lib/backends/local/local-backend.js'
import type {BackupSchedule, Paginated, PolicyItem, Snapshot} from '../../src/lib/domain/types.js'
import {atlasError, FaultServer, json} from '../cloud/fault-server.js'
import {cleanupHomes, expectOneErrorLine, frozenHome, makeHome, runCli, storeBytes, type CliResult} from '../helpers/cli.js'
import {hasTerminal, runOnTerminal, terminalTitle} from '../helpers/terminal.js'

afterAll(cleanupHomes)

// The emulator chosen on purpose: no "answering because no credentials" note in the way of the one-line checks.
const LOCAL = {MONGODB_ATLAS_SERVICE: 'local'}
// Each trial starts both commands at the same instant, so a lost update shows in most trials (a read and a write split
// across transactions failed trials 1 and 3 of 20): four keep the suite within CI's time.
const TRIALS = 4

function cli(args: string[], home: string): Promise<CliResult> {
  return runCli(args, {home, env: LOCAL})
}

function update(home: string, ...args: string[]): Promise<CliResult> {
  return cli(['backups', 'schedule', 'update', '--clusterName', 'Cluster0', ...args], home)
}

async function schedule(home: string): Promise<BackupSchedule> {
  const result = await cli(['backups', 'schedule', 'describe', 'Cluster0', '-o', 'json'], home)
  expect(result.code, result.stderr).toBe(0)
  return JSON.parse(result.stdout) as BackupSchedule
}

function items(of: BackupSchedule): PolicyItem[] {
  return of.policies[0]!.policyItems
}

async function snapshots(home: string): Promise<Snapshot[]> {
  const result = await cli(['backups', 'snapshots', 'list', 'Cluster0', '--limit', '500', '-o', 'json'], home)
  return (JSON.parse(result.stdout) as Paginated<Snapshot>).results
}

function expectUsageLine(result: CliResult, pattern: RegExp): void {
  expectOneErrorLine(result, 2, pattern)
}

/**
 * Both updates print the schedule they wrote (-o json). Whichever wrote last printed the final state, and only it
 * can show both changes; so "one of the two answers shows both" is "nothing was lost", at two runs a trial. A
 * describe after the last trial checks the store itself.
 */
async function concurrently(home: string, first: string[], second: string[]): Promise<BackupSchedule[]> {
  const results = await Promise.all([update(home, ...first, '-o', 'json'), update(home, ...second, '-o', 'json')])
  for (const result of results) expect(result.code, result.stderr).toBe(0)
  return results.map((result) => JSON.parse(result.stdout) as BackupSchedule)
}

describe('concurrent schedule updates lose nothing (8 trials of each pair, run at once on a shared store)', () => {
  it.concurrent('--referenceHourOfDay and --referenceMinuteOfHour at once: both land', async () => {
    const home = await frozenHome()
    const times = (of: BackupSchedule): [number | undefined, number | undefined] => [of.referenceHourOfDay, of.referenceMinuteOfHour]
    let expected: [number, number] = [0, 0]
    for (let trial = 0; trial < TRIALS; trial++) {
      // Each trial moves both values away from the last trial's, so a lost change shows.
      expected = [(9 + trial) % 24, (13 + trial) % 60]
      const answers = await concurrently(home, ['--referenceHourOfDay', String(expected[0])], ['--referenceMinuteOfHour', String(expected[1])])
      expect(answers.map(times), `trial ${trial}`).toContainEqual(expected)
    }
    expect(times(await schedule(home))).toEqual(expected)
  }, 300_000)

  it.concurrent('--removePolicyItem and --policy adding an item at once: both land', async () => {
    const home = await frozenHome()
    let before = items(await schedule(home))
    let removable = before.find((item) => item.frequencyType === 'weekly')!.id!
    for (let trial = 0; trial < TRIALS; trial++) {
      // The item removed next is the one added now; the interval tells this trial's item from the last one's.
      const interval = (trial % 12) + 1
      const answers = await concurrently(home, ['--removePolicyItem', removable], ['--policy', `,,yearly,${interval},years,3`])
      const kept = before.filter((item) => item.id !== removable).map((item) => item.id)
      const complete = answers.map(items).find((after) => {
        const added = after.filter((item) => !before.some((old) => old.id === item.id))
        return after.every((item) => item.id !== removable) && kept.every((id) => after.some((item) => item.id === id)) && added.length === 1 && added[0]!.frequencyType === 'yearly' && added[0]!.frequencyInterval === interval
      })
      expect(complete, `trial ${trial}: no answer shows both the removal and the new item: ${JSON.stringify(answers.map(items))}`).toBeDefined()
      removable = complete!.find((item) => !before.some((old) => old.id === item.id))!.id!
      before = complete!
    }
    expect(items(await schedule(home))).toEqual(before)
  }, 300_000)
})

describe('schedule documents that are not a schedule', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['list.json', '[1,2,3]', /list\.json holds a list, not a backup schedule/],
    ['null.json', 'null', /null\.json holds null, not a backup schedule/],
    ['number.yaml', '5\n', /number\.yaml holds a number \(5\), not a backup schedule/],
    ['text.json', '"hourly"', /text\.json holds a string \("hourly"\), not a backup schedule/],
    ['empty.json', '{}', /empty\.json sets no schedule field, so there is nothing to update/],
    ['unknown.json', '{"referenceHour": 3}', /unknown\.json sets no schedule field \(referenceHour change nothing\)/],
  ]

  it('update -f: exit 2, one line, the store unchanged byte for byte', async () => {
    const home = await frozenHome()
    for (const [name, text, message] of cases) {
      const file = join(home, name)
      writeFileSync(file, text)
      const before = storeBytes(home)
      expectUsageLine(await update(home, '-f', file), message)
      expect(storeBytes(home).equals(before), name).toBe(true)
    }
  })

  it('validate -f: a null or a list is one line, exit 2', async () => {
    const home = makeHome()
    for (const [name, text, message] of cases.slice(0, 2)) {
      const file = join(home, name)
      writeFileSync(file, text)
      expectUsageLine(await cli(['backups', 'schedule', 'validate', '-f', file], home), message)
    }
  })

  it('a YAML key that is a list or a map: one line naming its line, no raw process warning, nothing changed', async () => {
    const home = await frozenHome()
    const file = join(home, 'complex.yaml')
    writeFileSync(file, 'referenceHourOfDay: 3\nreferenceMinuteOfHour: 0\n? [a, b]\n: 1\n')
    const before = storeBytes(home)
    for (const args of [['backups', 'schedule', 'update', '--clusterName', 'Cluster0', '-f', file], ['backups', 'schedule', 'validate', '-f', file]]) {
      const result = await cli(args, home)
      expectUsageLine(result, /complex\.yaml is not a document this tool reads: the key on line 3 is a list, a map or an alias/)
      expect(result.stderr).not.toContain('(node:')
    }
    expect(storeBytes(home).equals(before)).toBe(true)
  })
})

describe('-f together with schedule flags', () => {
  it('the README example works: -f FILE --updateSnapshots applies the file and re-dates earlier snapshots', async () => {
    const home = await frozenHome()
    const current = await schedule(home)
    const daily = items(current).find((item) => item.frequencyType === 'daily')!
    const dailySnapshot = (await snapshots(home)).find((s) => s.policyItems?.includes(daily.id!) && s.status === 'completed')!
    const longer = {...current, policies: [{...current.policies[0]!, policyItems: items(current).map((item) => (item.id === daily.id ? {...item, retentionValue: item.retentionValue + 7} : item))}]}
    const file = join(home, 'schedule.json')
    writeFileSync(file, JSON.stringify(longer))
    const result = await update(home, '-f', file, '--updateSnapshots')
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const after = (await snapshots(home)).find((s) => s.id === dailySnapshot.id)!
    expect(Date.parse(after.expiresAt!) - Date.parse(dailySnapshot.expiresAt!)).toBe(7 * 86_400_000)
  })

  it('a flag given with -f overrides the file\'s field; --policy and --removePolicyItem do not combine with -f', async () => {
    const home = await frozenHome()
    const file = join(home, 'time.yaml')
    writeFileSync(file, 'referenceHourOfDay: 3\nreferenceMinuteOfHour: 30\nrestoreWindowDays: 2\n')
    const result = await update(home, '-f', file, '--referenceHourOfDay', '5', '-o', 'json')
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({referenceHourOfDay: 5, referenceMinuteOfHour: 30, restoreWindowDays: 2})
    const before = storeBytes(home)
    const mixed = await update(home, '-f', file, '--policy', ',,yearly,1,years,3')
    expect(mixed.code).toBe(2)
    expect(mixed.stderr).toMatch(/--policy|--file/)
    expect(storeBytes(home).equals(before)).toBe(true)
  })
})

describe('--deleteSnapshots deletes only when confirmed', () => {
  async function weeklyItem(home: string): Promise<string> {
    return items(await schedule(home)).find((item) => item.frequencyType === 'weekly')!.id!
  }

  async function weeklySnapshots(home: string, id: string): Promise<number> {
    return (await snapshots(home)).filter((s) => s.policyItems?.includes(id)).length
  }

  it('without a terminal it needs --force when items are removed: exit 2 and nothing changed, then --force deletes', async () => {
    const home = await frozenHome()
    const weekly = await weeklyItem(home)
    expect(await weeklySnapshots(home, weekly)).toBeGreaterThan(0)
    const before = storeBytes(home)
    expectUsageLine(await update(home, '--removePolicyItem', weekly, '--deleteSnapshots'), /--deleteSnapshots deletes snapshots, and there is no terminal to confirm on\. Pass --force/)
    expect(storeBytes(home).equals(before)).toBe(true)
    const forced = await update(home, '--removePolicyItem', weekly, '--deleteSnapshots', '--force')
    expect(forced.code, forced.stderr).toBe(0)
    expect(await weeklySnapshots(home, weekly)).toBe(0)
  })

  it('deleteSnapshots: true in a file that leaves items out asks the same: exit 2 without a terminal or --force', async () => {
    const home = await frozenHome()
    const current = await schedule(home)
    const file = join(home, 'fewer.json')
    writeFileSync(file, JSON.stringify({deleteSnapshots: true, policies: [{...current.policies[0]!, policyItems: items(current).filter((item) => item.frequencyType !== 'weekly')}]}))
    const before = storeBytes(home)
    expectUsageLine(await update(home, '-f', file), /--deleteSnapshots deletes snapshots, and there is no terminal to confirm on/)
    expect(storeBytes(home).equals(before)).toBe(true)
  })

  it('an update that removes no item deletes nothing and needs no --force', async () => {
    const home = await frozenHome()
    const result = await update(home, '--referenceHourOfDay', '4', '--deleteSnapshots', '-o', 'json')
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({referenceHourOfDay: 4})
  })

  describe.skipIf(!hasTerminal)(terminalTitle('on a terminal it asks, naming the items'), () => {
    it('yes removes the item and its snapshots', async () => {
      const home = await frozenHome()
      const weekly = await weeklyItem(home)
      const result = await runOnTerminal(['backups', 'schedule', 'update', '--clusterName', 'Cluster0', '--removePolicyItem', weekly, '--deleteSnapshots'], home, 'y\r')
      // The terminal wraps the question: check its parts.
      expect(result.output).toContain(`remove policy item ${weekly} (weekly)`)
      expect(result.output).toContain('delete every snapshot taken for it')
      expect(result.output).toContain("Snapshot backup policy for cluster 'Cluster0' updated.")
      expect(result.code).toBe(0)
      expect(await weeklySnapshots(home, weekly)).toBe(0)
    })

    it('no (the default) changes nothing, exit 1', async () => {
      const home = await frozenHome()
      const weekly = await weeklyItem(home)
      const before = storeBytes(home)
      const result = await runOnTerminal(['backups', 'schedule', 'update', '--clusterName', 'Cluster0', '--removePolicyItem', weekly, '--deleteSnapshots'], home, '\r')
      expect(result.output).toContain('schedule not updated: the deletion was not confirmed')
      expect(result.code).toBe(1)
      expect(storeBytes(home).equals(before)).toBe(true)
    })
  })
})

describe('--autoExport needs a bucket and a frequency', () => {
  /** An export bucket of the demo project, made in-process: the emulator refuses a bucket the project does not have. */
  async function bucketIn(home: string): Promise<string> {
    const backend = new LocalBackend({home})
    try {
      return (await backend.createExportBucket(DEMO_PROJECT_ID, {cloudProvider: 'AWS', bucketName: 'auto-export', iamRoleId: '0123456789abcdef01234567'}))._id
    } finally {
      await backend.close()
    }
  }

  it('alone, or with a frequency the API does not take, is exit 2 with nothing changed; once the schedule has both, it is enough', async () => {
    const home = await frozenHome()
    const BUCKET = await bucketIn(home)
    const before = storeBytes(home)
    expectUsageLine(await update(home, '--autoExport'), /automatic export needs an export bucket and a frequency.*--exportBucketId <bucketId> --exportFrequencyType monthly\|yearly/)
    expectUsageLine(await update(home, '--autoExport', '--exportBucketId', BUCKET), /automatic export needs a frequency/)
    expectUsageLine(await update(home, '--autoExport', '--exportBucketId', BUCKET, '--exportFrequencyType', 'weekly'), /--exportFrequencyType.*monthly, yearly/)
    expectUsageLine(await update(home, '--autoExport', '--exportBucketId', 'bucket-1', '--exportFrequencyType', 'monthly'), /--exportBucketId "bucket-1" must be 24 hexadecimal characters/)
    expect(storeBytes(home).equals(before)).toBe(true)
    const enabled = await update(home, '--autoExport', '--exportBucketId', BUCKET, '--exportFrequencyType', 'monthly', '-o', 'json')
    expect(enabled.code, enabled.stderr).toBe(0)
    expect(JSON.parse(enabled.stdout)).toMatchObject({autoExportEnabled: true, export: {exportBucketId: BUCKET, frequencyType: 'monthly'}})
    expect((await update(home, '--noAutoExport')).code).toBe(0)
    const again = await update(home, '--autoExport', '-o', 'json')
    expect(again.code, again.stderr).toBe(0)
    expect(JSON.parse(again.stdout)).toMatchObject({autoExportEnabled: true, export: {exportBucketId: BUCKET, frequencyType: 'monthly'}})
  })
})

describe('over the cloud backend', () => {
  const GROUP = '5e2211c17a3e5a48f5497de3'
  const current: BackupSchedule = {
    clusterName: 'Cluster0',
    policies: [{id: '68fd6480b41ea7a2db75f7b0', policyItems: [{id: '68fd6480b41ea7a2db75f7b9', frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7}]}],
    referenceHourOfDay: 18,
    referenceMinuteOfHour: 0,
    restoreWindowDays: 2,
  }
  let server: FaultServer

  beforeEach(async () => {
    server = await new FaultServer().start()
    server.handler = (request, response) => {
      if (request.method === 'GET' && request.url.includes('/backup/schedule')) return json(response, 200, current)
      if (request.method === 'GET') return json(response, 200, {name: 'Cluster0', replicationSpecs: [{regionConfigs: [{providerName: 'AWS', electableSpecs: {instanceSize: 'M10'}}]}]})
      if (request.method === 'PATCH') return json(response, 200, {...current, ...(JSON.parse(request.body) as object)})
      return atlasError(response, 500, 'UNEXPECTED', 'not scripted')
    }
  })
  afterEach(async () => server.stop())

  function cloud(args: string[]): Promise<CliResult> {
    return runCli(['backups', 'schedule', 'update', '--clusterName', 'Cluster0', ...args], {
      env: {MONGODB_ATLAS_BASE_URL: server.url, MONGODB_ATLAS_PUBLIC_API_KEY: 'writespub', MONGODB_ATLAS_PRIVATE_API_KEY: 'writes-private', MONGODB_ATLAS_PROJECT_ID: GROUP},
    })
  }

  it('a scalar change sends only the fields given: no policies, so an item change made meanwhile is not undone', async () => {
    const result = await cloud(['--referenceHourOfDay', '9', '--restoreWindowDays', '1'])
    expect(result.code, result.stderr).toBe(0)
    const patches = server.seen.filter((s) => s.method === 'PATCH')
    expect(patches).toHaveLength(1)
    expect(JSON.parse(patches[0]!.body)).toEqual({referenceHourOfDay: 9, referenceMinuteOfHour: 0, restoreWindowDays: 1})
  })

  it('a document that is not an object sends no request at all', async () => {
    const home = makeHome()
    const file = join(home, 'list.json')
    writeFileSync(file, '[1,2,3]')
    expectUsageLine(await cloud(['-f', file]), /holds a list, not a backup schedule/)
    expect(server.seen).toEqual([])
  })

  it('--autoExport without a bucket sends no PATCH', async () => {
    expectUsageLine(await cloud(['--autoExport']), /automatic export needs an export bucket and a frequency/)
    expect(server.count('PATCH')).toBe(0)
  })
})
