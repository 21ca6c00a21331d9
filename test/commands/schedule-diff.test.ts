import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {afterAll, describe, expect, it} from 'vitest'

import {DEMO_PROJECT_ID} from '../../src/lib/backends/local/fleet.js'
import {LocalBackend} from '../../src/lib/backends/local/local-backend.js'
import type {ScheduleDiffView} from '../../src/lib/cli/views/schedule-diff.js'
import type {BackupSchedule, PolicyItem} from '../../src/lib/domain/types.js'
import {cleanupHomes, expectOneErrorLine, frozenHome, runCli, storeBytes} from '../helpers/cli.js'
import {hasTerminal, runOnTerminal, terminalTitle} from '../helpers/terminal.js'

/**
 * `backups schedule diff` and the confirmed `schedule update` as a user runs them (issue 15 §2). The counts
 * themselves are checked against the emulator in-process (test/unit/local/schedule-diff.test.ts); here: exit codes,
 * clean stdout, the JSON, the question on a terminal, --force, and the refusal without a terminal.
 * Monday 2026-06-15 10:30 UTC: the demo Cluster0 has the seed's default policy, 4 weekly and some monthly snapshots.
 */

afterAll(cleanupHomes)

const LOCAL = {MONGODB_ATLAS_SERVICE: 'local'}
const NOW = '2026-06-15T10:30:00Z'

/** The cluster's schedule and how many monthly snapshots it holds, read in-process (which also brings the store up to its clock). */
async function currentSchedule(home: string): Promise<BackupSchedule & {monthlySnapshots: number}> {
  const backend = new LocalBackend({home})
  try {
    const snapshots = (await backend.listSnapshots(DEMO_PROJECT_ID, 'Cluster0', {itemsPerPage: 500})).results
    return {...(await backend.getSchedule(DEMO_PROJECT_ID, 'Cluster0')), monthlySnapshots: snapshots.filter((s) => s.frequencyType === 'monthly').length}
  } finally {
    await backend.close()
  }
}

/** A schedule file: the cluster's schedule with weekly kept 2 weeks instead of 4 and the monthly item removed. */
function writeFile(home: string, {monthlySnapshots: _count, ...schedule}: BackupSchedule & {monthlySnapshots: number}, edit: (items: PolicyItem[]) => PolicyItem[], name = 'schedule.json'): string {
  const file = join(home, name)
  writeFileSync(file, JSON.stringify({...schedule, policies: [{...schedule.policies[0]!, policyItems: edit(schedule.policies[0]!.policyItems)}]}))
  return file
}

const shortenWeeklyDropMonthly = (items: PolicyItem[]) =>
  items.filter((item) => item.frequencyType !== 'monthly').map((item) => (item.frequencyType === 'weekly' ? {...item, retentionValue: 2} : item))

function cli(home: string, ...args: string[]) {
  return runCli(args, {home, env: LOCAL})
}

describe('backups schedule diff', () => {
  it('exit 1 with the change in JSON and as text, exit 0 for the schedule as it is, nothing written either way', async () => {
    const home = await frozenHome(NOW)
    const schedule = await currentSchedule(home)
    const file = writeFile(home, schedule, shortenWeeklyDropMonthly)
    const before = storeBytes(home)

    const json = await cli(home, 'backups', 'schedule', 'diff', 'Cluster0', '-f', file, '--updateSnapshots', '--deleteSnapshots', '-o', 'json')
    expect(json.code, json.stderr).toBe(1)
    expect(json.stderr).toBe('')
    const view = JSON.parse(json.stdout) as ScheduleDiffView
    expect(view).toMatchObject({clusterName: 'Cluster0', now: NOW, changed: true, destructive: true, fields: [], copiesDeletedIn: []})
    expect(view.policyItems.removed.map((i) => i.frequencyType)).toEqual(['monthly'])
    expect(view.policyItems.changed).toMatchObject([{changed: ['retention'], before: {frequencyType: 'weekly', retentionValue: 4}, after: {retentionValue: 2}}])
    expect(view.snapshots).toMatchObject({updateSnapshots: true, deleteSnapshots: true, expireEarlier: 2, expireLater: 0, notUpdated: 0, keptFromRemovedItems: 0})
    expect(view.snapshots.expireAtOnce).toHaveLength(2)
    expect(schedule.monthlySnapshots).toBeGreaterThan(0)
    expect(view.snapshots.deleted).toHaveLength(schedule.monthlySnapshots)
    expect(view.steadyState).toEqual({totalSnapshots: {before: 28, after: 14}, worstGapSeconds: {before: 31 * 86_400, after: 2 * 86_400}})

    const text = await cli(home, 'backups', 'schedule', 'diff', 'Cluster0', '-f', file)
    expect(text.code, text.stderr).toBe(1)
    expect(text.stdout).toContain('  - removed  monthly every 40, kept 12 months')
    expect(text.stdout).toContain('  ~ changed  weekly every 6, kept 4 weeks → weekly every 6, kept 2 weeks')
    expect(text.stdout).toContain('4 snapshots keep their old expiry (--updateSnapshots would apply the new retention to them)')
    expect(text.stdout).toContain(`${schedule.monthlySnapshots} snapshots of removed items stay until they expire (--deleteSnapshots would delete them)`)
    expect(text.stdout).toContain('Estimated number of snapshots: 28 → 14')

    const same = await cli(home, 'backups', 'schedule', 'diff', 'Cluster0', '-f', writeFile(home, schedule, (items) => items, 'same.json'), '--updateSnapshots')
    expect(same.code, same.stderr).toBe(0)
    expect(same.stdout.trim()).toBe("No change: the backup schedule of cluster 'Cluster0' already is what the update asks for.")
    expect(storeBytes(home).equals(before)).toBe(true)
  })

  it('exit 2 for bad input, with the violations update gives for the same file; nothing sent', async () => {
    const home = await frozenHome(NOW)
    const schedule = await currentSchedule(home)
    // Rule: an hourly item fires every 1, 2, 4, 6, 8 or 12 hours.
    const file = writeFile(home, schedule, (items) => items.map((item) => (item.frequencyType === 'hourly' ? {...item, frequencyInterval: 5} : item)), 'bad.json')
    const before = storeBytes(home)
    const diff = await cli(home, 'backups', 'schedule', 'diff', 'Cluster0', '-f', file)
    const update = await cli(home, 'backups', 'schedule', 'update', '--clusterName', 'Cluster0', '-f', file, '--force')
    expect(diff.code, diff.stderr).toBe(2)
    expect(diff.stdout).toBe('')
    expect(diff.stderr).toMatch(/frequencyInterval/)
    expect(update.code).toBe(2)
    expect(diff.stderr).toBe(update.stderr)
    expectOneErrorLine(await cli(home, 'backups', 'schedule', 'diff', 'Cluster0'), 2, /nothing to update/)
    expect(storeBytes(home).equals(before)).toBe(true)
  })
})

describe('schedule update confirms what deletes snapshots', () => {
  it('without a terminal, snapshots expiring at once need --force (exit 2, nothing changed); with --force it applies', async () => {
    const home = await frozenHome(NOW)
    const file = writeFile(home, await currentSchedule(home), shortenWeeklyDropMonthly)
    const before = storeBytes(home)
    expectOneErrorLine(await cli(home, 'backups', 'schedule', 'update', '--clusterName', 'Cluster0', '-f', file, '--updateSnapshots'), 2, /--updateSnapshots would make 2 snapshots expire at once, and there is no terminal to confirm on\. Pass --force/)
    expect(storeBytes(home).equals(before)).toBe(true)
    const forced = await cli(home, 'backups', 'schedule', 'update', '--clusterName', 'Cluster0', '-f', file, '--updateSnapshots', '--force', '-o', 'json')
    expect(forced.code, forced.stderr).toBe(0)
    expect((JSON.parse(forced.stdout) as BackupSchedule).policies[0]!.policyItems.map((i) => i.frequencyType)).toEqual(['hourly', 'daily', 'weekly'])
  })

  describe.skipIf(!hasTerminal)(terminalTitle('on a terminal it shows the diff and asks once'), () => {
    it('names the snapshots deleted and expiring at once in one question; yes applies', async () => {
      const home = await frozenHome(NOW)
      const schedule = await currentSchedule(home)
      const file = writeFile(home, schedule, shortenWeeklyDropMonthly)
      const result = await runOnTerminal(['backups', 'schedule', 'update', '--clusterName', 'Cluster0', '-f', file, '--updateSnapshots', '--deleteSnapshots'], home, 'y\r')
      expect(result.output).toContain('--updateSnapshots: 2 expire earlier, 0 later, 2 snapshots expire at once')
      expect(result.output).toContain(`--deleteSnapshots: ${schedule.monthlySnapshots} snapshots deleted`)
      // The terminal wraps the question: check its parts, and that it is asked once.
      expect(result.output).toContain('delete every snapshot taken for it')
      expect(result.output).toContain('whose new retention has run out')
      // The prompt redraws its question as keys arrive; one question answered shows one tick.
      expect(result.output.split('✔ Are you sure').length - 1).toBe(1)
      expect(result.output).toContain("Snapshot backup policy for cluster 'Cluster0' updated.")
      expect(result.code).toBe(0)
    })

    it('asks before a change that deletes nothing too; no (the default) changes nothing, exit 1', async () => {
      const home = await frozenHome(NOW)
      await currentSchedule(home)
      const before = storeBytes(home)
      const result = await runOnTerminal(['backups', 'schedule', 'update', '--clusterName', 'Cluster0', '--referenceHourOfDay', '4', '--referenceMinuteOfHour', '0'], home, '\r')
      expect(result.output).toMatch(/referenceHourOfDay\s+18 → 4/)
      expect(result.output).toContain('schedule not updated: the change was not confirmed')
      expect(result.code).toBe(1)
      expect(storeBytes(home).equals(before)).toBe(true)
    })
  })
})
