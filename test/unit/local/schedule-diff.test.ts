import {afterAll, beforeAll, describe, expect, test} from 'vitest'

import type {Backend} from '../../../src/lib/backends/backend.js'
import {createCloudBackend} from '../../../src/lib/backends/cloud/index.js'
import {previewScheduleChange, type ScheduleChangeRequest} from '../../../src/lib/cli/schedule-change.js'
import {DAY_MS} from '../../../src/lib/domain/time.js'
import type {BackupSchedule, BackupSchedulePatch, PolicyItem, Snapshot} from '../../../src/lib/domain/types.js'
import {planSchedule} from '../../../src/lib/schedule/plan.js'
import {startServer, type RunningServer} from '../../../src/lib/server/index.js'
import {cloudSettings} from '../../helpers/cloud-settings.js'
import {freezeClock, tempHome} from '../../server/helpers.js'
import {putPolicy} from '../../helpers/compliance-store.js'
import {atlasError, GROUP, localWorld, type LocalWorld, START} from './harness.js'

/**
 * `schedule diff` (issue 15 §2) against what the emulator really does: the diff of an update is worked out through
 * the Backend, then the same update is applied and the snapshots listed before and after are compared.
 * The seed's default policy: hourly every 6 h kept 2 days, daily kept 7 days, weekly (Saturday) kept 4 weeks,
 * monthly (last day) kept 12 months; at START (Monday June 15 2026, 10:30 UTC) the cluster holds 4 weekly and 12
 * monthly snapshots.
 */

type Edit = (items: PolicyItem[]) => PolicyItem[]

function request(base: BackupSchedulePatch, flags: {updateSnapshots?: boolean; deleteSnapshots?: boolean} = {}): ScheduleChangeRequest {
  return {values: {policies: [], removeItemIds: [], ...flags}, copies: {put: [], remove: [], deleteCopiedBackups: false}, base}
}

/** The schedule as a file would hold it, its items edited. */
function fileWith(current: BackupSchedule, edit: Edit): BackupSchedulePatch {
  const {clusterId: _id, clusterName: _name, links: _links, nextSnapshot: _next, ...fields} = current
  return {...fields, policies: [{id: current.policies[0]!.id, policyItems: edit(structuredClone(current.policies[0]!.policyItems))}]}
}

const ofType = (type: string) => (item: PolicyItem) => item.frequencyType === type
const shortenWeeklyDropMonthly: Edit = (items) => items.filter((item) => !ofType('monthly')(item)).map((item) => (ofType('weekly')(item) ? {...item, retentionUnit: 'weeks', retentionValue: 2} : item))

async function allSnapshots(backend: Backend): Promise<Snapshot[]> {
  return (await backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 500})).results
}

/** What the update did, read off the two lists: the counts the diff promises. */
function observed(before: Snapshot[], after: Snapshot[], removedItemIds: Set<string>) {
  const later = new Map(after.map((s) => [s.id, s]))
  const gone = before.filter((s) => !later.has(s.id))
  const stayed = before.filter((s) => later.has(s.id))
  return {
    deleted: gone.filter((s) => removedItemIds.has(s.policyItems?.[0] ?? '')).map((s) => s.id).sort(),
    expireAtOnce: gone.filter((s) => !removedItemIds.has(s.policyItems?.[0] ?? '')).map((s) => s.id).sort(),
    expireEarlier: stayed.filter((s) => Date.parse(later.get(s.id)!.expiresAt!) < Date.parse(s.expiresAt!)).length,
    expireLater: stayed.filter((s) => Date.parse(later.get(s.id)!.expiresAt!) > Date.parse(s.expiresAt!)).length,
  }
}

/** Diffs the edit, applies it, and returns both: what the diff said and what the emulator did. */
async function diffThenApply(world: LocalWorld, edit: Edit, flags: {updateSnapshots?: boolean; deleteSnapshots?: boolean}) {
  const current = await world.backend.getSchedule(GROUP, 'Cluster0')
  const preview = await previewScheduleChange(world.backend, GROUP, 'Cluster0', request(fileWith(current, edit), flags), async () => world.now())
  const before = await allSnapshots(world.backend)
  await world.backend.updateSchedule(GROUP, 'Cluster0', preview.patch)
  const after = await allSnapshots(world.backend)
  const removed = new Set(preview.diff.itemsRemoved.map((item) => item.id!))
  const {diff} = preview
  const said = {deleted: [...diff.snapshots.deleted].sort(), expireAtOnce: [...diff.snapshots.expireAtOnce].sort(), expireEarlier: diff.snapshots.expireEarlier, expireLater: diff.snapshots.expireLater}
  return {diff, said, did: observed(before, after, removed), before, current}
}

describe('schedule diff: the seed policy, weekly kept 2 weeks instead of 4 and the monthly item removed', () => {
  test('without --updateSnapshots or --deleteSnapshots no snapshot changes, and the diff says which would', async () => {
    const world = localWorld()
    const {diff, said, did} = await diffThenApply(world, shortenWeeklyDropMonthly, {})
    expect(said).toEqual(did)
    expect(said).toEqual({deleted: [], expireAtOnce: [], expireEarlier: 0, expireLater: 0})
    expect(diff.itemsRemoved.map((item) => item.frequencyType)).toEqual(['monthly'])
    expect(diff.itemsChanged).toMatchObject([{changed: ['retention'], before: {retentionValue: 4}, after: {retentionValue: 2}}])
    expect(diff.itemsAdded).toEqual([])
    expect(diff.fieldsChanged).toEqual([])
    expect(diff.snapshots).toMatchObject({notUpdated: 4, keptFromRemovedItems: 12})
    expect(diff).toMatchObject({changed: true, destructive: false})
    await world.backend.close()
  })

  test('with --updateSnapshots: 2 weekly snapshots expire earlier and the 2 oldest at once, as the emulator does', async () => {
    const world = localWorld()
    const {diff, said, did, before} = await diffThenApply(world, shortenWeeklyDropMonthly, {updateSnapshots: true})
    expect(said).toEqual(did)
    expect(said.expireEarlier).toBe(2)
    // Saturdays May 23 and May 30 at 18:00, plus 2 weeks, are before now (June 15).
    const atOnce = before.filter((s) => said.expireAtOnce.includes(s.id)).map((s) => s.createdAt).sort()
    expect(atOnce).toEqual(['2026-05-23T18:00:12Z', '2026-05-30T18:00:12Z'])
    expect(diff.snapshots).toMatchObject({deleted: [], keptFromRemovedItems: 12})
    expect(diff.destructive).toBe(true)
    await world.backend.close()
  })

  test('with --deleteSnapshots: the 12 monthly snapshots are deleted, as the emulator does', async () => {
    const world = localWorld()
    const {diff, said, did} = await diffThenApply(world, shortenWeeklyDropMonthly, {deleteSnapshots: true})
    expect(said).toEqual(did)
    expect(said.deleted).toHaveLength(12)
    expect(said.expireAtOnce).toEqual([])
    expect(diff.snapshots.notUpdated).toBe(4)
    expect(diff.destructive).toBe(true)
    await world.backend.close()
  })

  test('with both: the deletions and the new expiries together, and fewer snapshots kept in steady state', async () => {
    const world = localWorld()
    const {diff, said, did} = await diffThenApply(world, shortenWeeklyDropMonthly, {updateSnapshots: true, deleteSnapshots: true})
    expect(said).toEqual(did)
    expect([said.deleted.length, said.expireAtOnce.length, said.expireEarlier, said.expireLater]).toEqual([12, 2, 2, 0])
    // Steady state: 2 weekly and no monthly snapshot are kept instead of 4 and 12, as `schedule plan` counts the
    // schedule the update stored.
    expect(diff.steadyState.retainedBefore - diff.steadyState.retainedAfter).toBe(2 + 12)
    const plan = planSchedule(await world.backend.getSchedule(GROUP, 'Cluster0'), {now: world.now(), next: 0, restoreWindowDays: 2})
    expect(diff.steadyState).toMatchObject({retainedAfter: plan.retainedTotal, worstGapAfterMs: plan.worstGapWithoutContinuous!.gapMs})
    // The worst gap was between two monthly snapshots (31 days); now it is Saturday June 6 to the daily of June 8.
    expect([diff.steadyState.worstGapBeforeMs, diff.steadyState.worstGapAfterMs]).toEqual([31 * DAY_MS, 2 * DAY_MS])
    await world.backend.close()
  })
})

describe('schedule diff: other retention changes agree with the emulator', () => {
  test('monthly kept 6 months instead of 12 (calendar months, last-day firings): earlier and at once as applied', async () => {
    const world = localWorld()
    const edit: Edit = (items) => items.map((item) => (ofType('monthly')(item) ? {...item, retentionValue: 6} : item))
    const {said, did} = await diffThenApply(world, edit, {updateSnapshots: true})
    expect(said).toEqual(did)
    // June 2025 to December 2025 plus 6 months are past June 15 2026 except December 31 (June 30); January to May stay.
    expect(said.expireAtOnce).toHaveLength(6)
    expect(said.expireEarlier).toBe(6)
    await world.backend.close()
  })

  test('weekly kept 8 weeks: the 4 weekly snapshots expire later', async () => {
    const world = localWorld()
    const edit: Edit = (items) => items.map((item) => (ofType('weekly')(item) ? {...item, retentionValue: 8} : item))
    const {said, did, diff} = await diffThenApply(world, edit, {updateSnapshots: true})
    expect(said).toEqual(did)
    expect(said.expireLater).toBe(4)
    expect(diff.destructive).toBe(false)
    await world.backend.close()
  })

  test('a snapshot whose retention was changed on its own is left alone, by the diff as by the emulator (rule 34)', async () => {
    const world = localWorld()
    const weekly = (await allSnapshots(world.backend)).find((s) => s.frequencyType === 'weekly')!
    await world.backend.updateSnapshotRetention(GROUP, 'Cluster0', weekly.id, {retentionUnit: 'WEEKS', retentionValue: 4})
    const {said, did} = await diffThenApply(world, shortenWeeklyDropMonthly, {updateSnapshots: true})
    expect(said).toEqual(did)
    expect(said.expireEarlier + said.expireAtOnce.length).toBe(3)
    await world.backend.close()
  })

  test('the file the schedule already is changes nothing', async () => {
    const world = localWorld()
    const {diff, said} = await diffThenApply(world, (items) => items, {updateSnapshots: true, deleteSnapshots: true})
    expect(diff).toMatchObject({changed: false, destructive: false, itemsAdded: [], itemsRemoved: [], itemsChanged: [], fieldsChanged: []})
    expect(said).toEqual({deleted: [], expireAtOnce: [], expireEarlier: 0, expireLater: 0})
    await world.backend.close()
  })
})

describe('schedule diff under a Backup Compliance Policy (rules 36, 89)', () => {
  test('rule 36: a shorter retention leaves every expiry, by the diff as by the emulator', async () => {
    const world = localWorld()
    putPolicy(world.backend, world.now())
    const edit: Edit = (items) => items.map((item) => (ofType('weekly')(item) ? {...item, retentionValue: 3} : item))
    const {diff, said, did} = await diffThenApply(world, edit, {updateSnapshots: true})
    expect(said).toEqual(did)
    expect(said).toEqual({deleted: [], expireAtOnce: [], expireEarlier: 0, expireLater: 0})
    expect(diff).toMatchObject({compliancePolicyInForce: true, destructive: false})
    await world.backend.close()
  })

  test('rule 89 refused: the diff lists the snapshots --deleteSnapshots would delete, and the emulator refuses the update', async () => {
    const world = localWorld()
    putPolicy(world.backend, world.now())
    const current = await world.backend.getSchedule(GROUP, 'Cluster0')
    const preview = await previewScheduleChange(world.backend, GROUP, 'Cluster0', request(fileWith(current, shortenWeeklyDropMonthly), {deleteSnapshots: true}), async () => world.now())
    expect(preview.diff).toMatchObject({compliancePolicyInForce: true, destructive: true})
    expect(preview.diff.snapshots.deleted.length).toBeGreaterThan(0)
    const error = await atlasError(world.backend.updateSchedule(GROUP, 'Cluster0', preview.patch))
    expect(error.errorCode).toBe('CANNOT_DELETE_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY')
    expect(preview.diff.snapshots.deleted).toContain(error.parameters[0])
    await world.backend.close()
  })
})

describe('schedule diff over the cloud backend (serve)', () => {
  let server: RunningServer
  let cloud: Backend

  beforeAll(async () => {
    const home = tempHome()
    await freezeClock(home, START)
    server = await startServer({home, port: 0, log: () => {}})
    cloud = await createCloudBackend(cloudSettings(server.url, {kind: 'apiKey', publicKey: 'p', privateKey: 'k', source: 'env'}), {debug: () => {}, warn: () => {}})
  })

  afterAll(async () => {
    await cloud?.close()
    await server?.close()
  })

  test('reads every page of snapshots through the API and gives the counts the local backend gives', async () => {
    const current = await cloud.getSchedule(GROUP, 'Cluster0')
    const preview = await previewScheduleChange(cloud, GROUP, 'Cluster0', request(fileWith(current, shortenWeeklyDropMonthly), {updateSnapshots: true, deleteSnapshots: true}), async () => START)
    expect(preview.diff.snapshots).toMatchObject({expireEarlier: 2, expireLater: 0})
    expect(preview.diff.snapshots.expireAtOnce).toHaveLength(2)
    expect(preview.diff.snapshots.deleted).toHaveLength(12)
  })
})
