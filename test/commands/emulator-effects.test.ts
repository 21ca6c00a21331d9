import {afterAll, beforeEach, describe, expect, it} from 'vitest'

import {DAY_MS, HOUR_MS} from '../../src/lib/domain/time.js'
import type {BackupSchedule, Paginated, PolicyItem, Snapshot} from '../../src/lib/domain/types.js'
import {cleanupHomes, makeHome, runCli, type CliResult} from '../helpers/cli.js'

/**
 * What the emulator STORES after a change, read back with later commands: exact expiry instants and exactly which
 * snapshots exist. A status code or an echoed id would not notice a rule that silently does nothing, or too much.
 */

afterAll(cleanupHomes)

const FROZEN_AT = '2026-06-01T00:00:00Z'
const LOCAL = {MONGODB_ATLAS_SERVICE: 'local'}

const iso = (epochMs: number): string => new Date(epochMs).toISOString().replace('.000Z', 'Z')

function json<T>(result: CliResult): T {
  expect(result.code, result.stderr).toBe(0)
  return JSON.parse(result.stdout) as T
}

let home: string

const backups = (args: string[]) => runCli(['backups', ...args], {home, env: LOCAL})
const clock = (args: string[]) => runCli(['local', 'clock', ...args], {home})

async function snapshots(): Promise<Snapshot[]> {
  const page = json<Paginated<Snapshot>>(await backups(['snapshots', 'list', 'Cluster0', '--limit', '500', '-o', 'json']))
  expect(page.totalCount).toBe(page.results.length)
  return page.results
}

const idsOf = (list: Snapshot[]): string[] => list.map((s) => s.id).sort()

async function expiryOf(id: string): Promise<string | undefined> {
  return json<Snapshot>(await backups(['snapshots', 'describe', id, '--clusterName', 'Cluster0', '-o', 'json'])).expiresAt
}

async function scheduleItems(): Promise<{policyId: string; items: PolicyItem[]}> {
  const schedule = json<BackupSchedule>(await backups(['schedule', 'describe', 'Cluster0', '-o', 'json']))
  return {policyId: schedule.policies[0]!.id!, items: schedule.policies[0]!.policyItems}
}

/** The instant a scheduled snapshot fired: its ObjectId's first 4 bytes, in seconds (the emulator mints them so). */
const firedAt = (id: string): number => Number.parseInt(id.slice(0, 8), 16) * 1000

// Several CLI runs per test: generous on a loaded machine.
describe('the local emulator stores the effects of a change', () => {
  beforeEach(async () => {
    home = makeHome()
    const frozen = await clock(['freeze', FROZEN_AT])
    expect(frozen.code, frozen.stderr).toBe(0)
  })

  it('a retention PATCH counts from the snapshot creation, not from the request, and is stored', async () => {
    const now = Date.parse(FROZEN_AT)
    // A daily snapshot created days before the frozen "now", so the two starting points are far apart.
    const snapshot = (await snapshots()).find((s) => s.frequencyType === 'daily' && s.status === 'completed' && now - Date.parse(s.createdAt!) > 2 * DAY_MS)
    expect(snapshot).toBeDefined()
    const created = Date.parse(snapshot!.createdAt!)
    const updated = json<Snapshot>(await backups(['snapshots', 'update', snapshot!.id, '--clusterName', 'Cluster0', '--retentionValue', '9', '--retentionUnit', 'days', '-o', 'json']))
    expect(updated.expiresAt).toBe(iso(created + 9 * DAY_MS))
    expect(await expiryOf(snapshot!.id)).toBe(iso(created + 9 * DAY_MS))
    expect(await expiryOf(snapshot!.id)).not.toBe(iso(now + 9 * DAY_MS))
  })

  it('updateSnapshots re-dates earlier snapshots of the changed item, but not one whose retention was edited by hand (rule 34)', async () => {
    const {policyId, items} = await scheduleItems()
    const daily = items.find((item) => item.frequencyType === 'daily')!
    const hourly = items.find((item) => item.frequencyType === 'hourly')!
    const before = await snapshots()
    const dailies = before.filter((s) => s.policyItems?.[0] === daily.id && s.status === 'completed')
    expect(dailies.length).toBeGreaterThanOrEqual(3)
    const [plain, edited] = dailies
    const otherItem = before.filter((s) => s.policyItems?.[0] === hourly.id)

    // One snapshot's retention edited alone: 20 days from its creation.
    const editedExpiry = iso(Date.parse(edited!.createdAt!) + 20 * DAY_MS)
    expect(json<Snapshot>(await backups(['snapshots', 'update', edited!.id, '--clusterName', 'Cluster0', '--retentionValue', '20', '--retentionUnit', 'days', '-o', 'json'])).expiresAt).toBe(editedExpiry)

    const update = await backups(['schedule', 'update', '--clusterName', 'Cluster0', '--policy', `${policyId},${daily.id},daily,1,days,10`, '--updateSnapshots', '-o', 'json'])
    expect(update.code, update.stderr).toBe(0)

    // A scheduled snapshot's expiry runs from the instant it fired (its id's time), as the schedule's firings do.
    expect(await expiryOf(plain!.id)).toBe(iso(firedAt(plain!.id) + 10 * DAY_MS))
    expect(await expiryOf(edited!.id)).toBe(editedExpiry)
    const after = await snapshots()
    for (const s of dailies.slice(2)) expect(after.find((a) => a.id === s.id)?.expiresAt, s.id).toBe(iso(firedAt(s.id) + 10 * DAY_MS))
    // Another item's snapshots are untouched.
    for (const s of otherItem) expect(after.find((a) => a.id === s.id)?.expiresAt, s.id).toBe(s.expiresAt)
  })

  it('without updateSnapshots, a retention change leaves earlier snapshots as they were', async () => {
    const {policyId, items} = await scheduleItems()
    const daily = items.find((item) => item.frequencyType === 'daily')!
    const before = await snapshots()
    const update = await backups(['schedule', 'update', '--clusterName', 'Cluster0', '--policy', `${policyId},${daily.id},daily,1,days,10`, '--noUpdateSnapshots'])
    expect(update.code, update.stderr).toBe(0)
    expect(await snapshots()).toEqual(before)
  })

  it('deleteSnapshots deletes the snapshots of the removed item, and only those (rule 35)', async () => {
    const {items} = await scheduleItems()
    const weekly = items.find((item) => item.frequencyType === 'weekly')!
    const before = await snapshots()
    const ofWeekly = idsOf(before.filter((s) => s.policyItems?.[0] === weekly.id))
    expect(ofWeekly.length).toBeGreaterThanOrEqual(2)

    const update = await backups(['schedule', 'update', '--clusterName', 'Cluster0', '--removePolicyItem', weekly.id!, '--deleteSnapshots', '--force'])
    expect(update.code, update.stderr).toBe(0)

    const after = idsOf(await snapshots())
    expect(after).toEqual(idsOf(before).filter((id) => !ofWeekly.includes(id)))
    for (const id of ofWeekly) expect(after).not.toContain(id)
  })

  it('removing an item without deleteSnapshots keeps its snapshots', async () => {
    const {items} = await scheduleItems()
    const weekly = items.find((item) => item.frequencyType === 'weekly')!
    const before = idsOf(await snapshots())
    const update = await backups(['schedule', 'update', '--clusterName', 'Cluster0', '--removePolicyItem', weekly.id!])
    expect(update.code, update.stderr).toBe(0)
    expect(idsOf(await snapshots())).toEqual(before)
  })

  it('moving the clock back deletes the snapshots taken after the new now, and only those', async () => {
    const start = idsOf(await snapshots())
    const ahead = Date.parse(FROZEN_AT) + DAY_MS
    expect((await clock(['set', iso(ahead)])).code).toBe(0)
    const later = idsOf(await snapshots())
    const taken = later.filter((id) => !start.includes(id))
    // Cluster0 fires every 6 hours (06:00, 12:00, 18:00, 00:00): four snapshots in the day ahead.
    expect(taken.map((id) => iso(firedAt(id)))).toEqual(['2026-06-01T06:00:00Z', '2026-06-01T12:00:00Z', '2026-06-01T18:00:00Z', '2026-06-02T00:00:00Z'])

    // Back to 09:00: the 06:00 snapshot had been taken by then; the three after it had not.
    const back = Date.parse(FROZEN_AT) + 9 * HOUR_MS
    expect((await clock(['set', iso(back)])).code).toBe(0)
    const remaining = idsOf(await snapshots())
    const gone = taken.filter((id) => firedAt(id) > back)
    expect(gone).toHaveLength(3)
    expect(remaining).toEqual(later.filter((id) => !gone.includes(id)))
    for (const id of gone) expect(remaining).not.toContain(id)
    expect(remaining).toContain(taken[0])
  })
})
