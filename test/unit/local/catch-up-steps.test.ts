import {createRequire} from 'node:module'

import type BetterSqlite3 from 'better-sqlite3'
import {describe, expect, it} from 'vitest'

import {LocalBackend} from '../../../src/lib/backends/local/local-backend.js'
import {storePath} from '../../../src/lib/backends/local/store.js'
import {DAY_MS} from '../../../src/lib/domain/time.js'
import type {BackupSchedulePatch, Snapshot} from '../../../src/lib/domain/types.js'
import {makeTempDir} from '../../helpers/temp-dirs.js'
import {GROUP, START} from './harness.js'

// A long catch-up is written in bounded steps, each committed, so other processes get the store between them; the
// world it leaves is the one a single catch-up makes, and a crash between steps leaves a store the next command
// catches up from. Hourly snapshots kept 60 days and a 50-day clock jump: 1,200 snapshots, steps of 100.

const Sqlite = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3
const HOURLY_KEPT_60_DAYS = {
  referenceHourOfDay: 0,
  referenceMinuteOfHour: 0,
  restoreWindowDays: 1,
  policies: [{policyItems: [{frequencyType: 'hourly', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 60}]}],
} as unknown as BackupSchedulePatch
const JUMP = 50 * DAY_MS

interface World {
  home: string
  wall: number
  backend(options?: {catchUpStep?: number; crashAtCall?: number}): LocalBackend
}

/** A home with Cluster0 on an hourly schedule kept 60 days, looked at on START; its clock is then 50 days on. */
async function jumpedWorld(): Promise<World> {
  const world: World = {
    home: makeTempDir('atlas-backups-steps-'),
    wall: START,
    backend(options = {}) {
      let calls = 0
      const wallClock = (): number => {
        calls += 1
        // A process that dies mid-walk: the call that would start the next transaction fails.
        if (calls === options.crashAtCall) throw new Error('crashed between two steps')
        return world.wall
      }
      return new LocalBackend({home: world.home, wallClock, catchUpStep: options.catchUpStep})
    },
  }
  const first = world.backend()
  await first.updateSchedule(GROUP, 'Cluster0', HOURLY_KEPT_60_DAYS)
  await first.close()
  world.wall = START + JUMP
  return world
}

async function everySnapshot(backend: LocalBackend): Promise<Snapshot[]> {
  const all: Snapshot[] = []
  for (let pageNum = 1; ; pageNum++) {
    const page = await backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 500, pageNum})
    all.push(...page.results)
    if (page.results.length < 500) return all
  }
}

/** The world as the API shows it: the snapshots, the cluster, its schedule and its restore window. */
async function worldSeen(backend: LocalBackend): Promise<unknown> {
  const seen = {
    snapshots: await everySnapshot(backend),
    cluster: await backend.getCluster(GROUP, 'Cluster0'),
    schedule: await backend.getSchedule(GROUP, 'Cluster0'),
    window: await backend.restoreWindow(GROUP, 'Cluster0'),
  }
  await backend.close()
  return seen
}

/** Where Cluster0 was last brought up to, and how many of its snapshots were requested after `since`. */
function clusterRow(home: string, since = 0): {advancedTo: number; snapshots: number} {
  const db = new Sqlite(storePath(home), {readonly: true})
  try {
    const row = db.prepare("SELECT id, advanced_to FROM clusters WHERE name = 'Cluster0'").get() as {id: string; advanced_to: number}
    const count = db.prepare('SELECT COUNT(*) AS n FROM snapshots WHERE cluster_id = ? AND started_at > ?').get(row.id, since) as {n: number}
    return {advancedTo: row.advanced_to, snapshots: count.n}
  } finally {
    db.close()
  }
}

describe('catch-up in bounded steps', () => {
  it('a catch-up taken in steps of 100 leaves the world a single catch-up makes', async () => {
    const whole = await jumpedWorld()
    const stepped = await jumpedWorld()
    const once = await worldSeen(whole.backend())
    const inSteps = await worldSeen(stepped.backend({catchUpStep: 100}))
    expect((once as {snapshots: unknown[]}).snapshots.length).toBeGreaterThan(1100)
    expect(inSteps).toEqual(once)
  })

  it('a process that dies between steps leaves a consistent store: committed steps stay, the next command finishes', async () => {
    const whole = await jumpedWorld()
    const crashed = await jumpedWorld()
    const before = clusterRow(crashed.home)
    // Call 1 is the read transaction (the cluster is behind), call 2 the write transaction (which finds the catch-up
    // too long), calls 3-5 three steps; call 6 fails.
    const dying = crashed.backend({catchUpStep: 100, crashAtCall: 6})
    await expect(dying.listSnapshots(GROUP, 'Cluster0')).rejects.toThrow('crashed between two steps')
    await dying.close()
    const after = clusterRow(crashed.home, before.advancedTo)
    // Three steps of 100 snapshots committed: the cluster was looked at on the third step's instant, no later.
    expect(after.advancedTo).toBeGreaterThan(before.advancedTo)
    expect(after.advancedTo).toBeLessThan(crashed.wall)
    expect(after.snapshots).toBe(300)
    expect(await worldSeen(crashed.backend({catchUpStep: 100}))).toEqual(await worldSeen(whole.backend()))
  })

  it('another connection (another process) takes the write lock between two steps, with no wait', async () => {
    const world = await jumpedWorld()
    // A busy timeout of 0: the other connection fails at once if the catch-up holds the lock when it writes.
    const other = new Sqlite(storePath(world.home), {timeout: 0})
    let writes = 0
    // The wall clock is read once before each step's transaction, outside it: the other connection writes there.
    // (The command's own read and write transactions read it inside, while they hold the store.)
    const wallClock = (): number => {
      if (stepping.database().inTransaction) return world.wall
      other.prepare("INSERT INTO meta (key, value) VALUES ('written-between-steps', '1') ON CONFLICT (key) DO UPDATE SET value = value + 1").run()
      writes += 1
      return world.wall
    }
    const stepping = new LocalBackend({home: world.home, wallClock, catchUpStep: 100})
    try {
      const page = await stepping.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 1})
      expect(page.totalCount).toBeGreaterThan(1100)
      // Eleven or twelve steps of 100, each after a write of the other connection.
      expect(writes).toBeGreaterThan(10)
      expect(Number((other.prepare("SELECT value FROM meta WHERE key = 'written-between-steps'").get() as {value: string}).value)).toBe(writes)
    } finally {
      other.close()
      await stepping.close()
    }
  })
})
