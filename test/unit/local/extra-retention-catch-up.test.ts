import {describe, expect, test} from 'vitest'

import {DAY_MS, HOUR_MS} from '../../../src/lib/domain/time.js'
import {putPolicy} from '../../helpers/compliance-store.js'
import {iso} from '../../helpers/values.js'
import {GROUP, localWorld, type LocalWorld} from './harness.js'

/**
 * Rule 92: under a Backup Compliance Policy, extra retention keeps snapshots past their item's retention. A clock
 * jump brings a cluster up to now in one step; it must leave exactly the snapshots that walking there day by day
 * leaves: every firing still alive with its extra days, none that expired, and none a user deleted.
 */

const CLUSTER = 'MultiRegion0'

const DAILY = {frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7} as const
const MONTHLY = {frequencyType: 'monthly', frequencyInterval: 1, retentionUnit: 'months', retentionValue: 3} as const

/** Daily snapshots kept 7 days, plus 30 extra days under the policy; monthly ones kept 3 months (a calendar unit). */
async function underPolicy(policyItems: readonly (typeof DAILY | typeof MONTHLY)[] = [DAILY, MONTHLY]): Promise<LocalWorld> {
  const world = localWorld()
  putPolicy(world.backend, world.now())
  await world.backend.updateSchedule(GROUP, CLUSTER, {
    policies: [
      {
        policyItems: [...policyItems],
      },
    ],
    extraRetentionSettings: [{frequencyType: 'DAILY', retentionDays: 30}],
  })
  return world
}

async function snapshotsAt(world: LocalWorld): Promise<Listed[]> {
  const page = await world.backend.listSnapshots(GROUP, CLUSTER, {itemsPerPage: 500})
  return page.results.map((s) => ({id: s.id, createdAt: s.createdAt, expiresAt: s.expiresAt, frequencyType: s.frequencyType}))
}

type Listed = {id: string; createdAt?: string; expiresAt?: string; frequencyType?: string}

/** What one jump to `end` leaves, after checking that walking there a day at a time leaves the same. */
async function jumpAgreesWithWalk(end: number, policyItems?: readonly (typeof DAILY | typeof MONTHLY)[]): Promise<Listed[]> {
  const jumped = await underPolicy(policyItems)
  jumped.setNow(end)
  const afterJump = await snapshotsAt(jumped)
  const walked = await underPolicy(policyItems)
  for (let at = walked.now() + DAY_MS; at < end; at += DAY_MS) {
    walked.setNow(at)
    await snapshotsAt(walked)
  }
  walked.setNow(end)
  expect(afterJump).toEqual(await snapshotsAt(walked))
  await jumped.backend.close()
  await walked.backend.close()
  return afterJump
}

describe('extra retention across a clock jump (rule 92)', () => {
  test('one jump of 100 days leaves the same snapshots as walking there a day at a time', async () => {
    const afterJump = await jumpAgreesWithWalk(iso('2026-09-23T12:00:00Z'))
    // Dailies from 37 days back are still there (7 days and 30 extra), and the monthlies since the schedule changed (older ones keep the 12 months they were taken with).
    const dailies = afterJump.filter((s) => s.frequencyType === 'daily').map((s) => s.createdAt!.slice(0, 10))
    expect(dailies.at(-1)).toBe('2026-08-17')
    // 36, not 37: on 2026-09-01 the monthly item took the firing.
    expect(dailies).toHaveLength(36)
    expect(afterJump.filter((s) => s.frequencyType === 'monthly').map((s) => s.createdAt!.slice(0, 10)).slice(0, 3)).toEqual(['2026-09-01', '2026-08-01', '2026-07-01'])
  })

  test('with dailies only, a jump of 100 days keeps the dailies of the last 37 days, as the walk does', async () => {
    const afterJump = await jumpAgreesWithWalk(iso('2026-09-23T12:00:00Z'), [DAILY])
    const dailies = afterJump.filter((s) => s.frequencyType === 'daily').map((s) => s.createdAt!.slice(0, 10))
    expect([dailies[0], dailies.at(-1), dailies.length]).toEqual(['2026-09-22', '2026-08-17', 37])
  })

  test('a jump that lands on the instant a daily snapshot\'s extra days end leaves it out', async () => {
    const world = await underPolicy()
    // The 2026-06-15 18:00 daily expires on the 22nd, 30 extra days make it 2026-07-22 18:00.
    world.setNow(iso('2026-07-22T18:00:00Z'))
    const dailies = (await snapshotsAt(world)).filter((s) => s.frequencyType === 'daily' && s.createdAt !== undefined).map((s) => s.createdAt!.slice(0, 10))
    expect(dailies.at(-1)).toBe('2026-06-16')
    await world.backend.close()
  })

  test('a daily snapshot deleted during its extra days stays deleted as the clock moves on', async () => {
    const world = await underPolicy()
    world.setNow(iso('2026-07-10T12:00:00Z'))
    const old = (await snapshotsAt(world)).find((s) => s.createdAt?.startsWith('2026-06-20'))!
    expect(Date.parse(old.expiresAt!)).toBe(iso('2026-07-27T18:00:00Z'))
    await world.backend.deleteSnapshot(GROUP, CLUSTER, old.id)
    world.setNow(iso('2026-07-10T12:00:00Z') + 6 * HOUR_MS)
    expect((await snapshotsAt(world)).map((s) => s.id)).not.toContain(old.id)
    await world.backend.close()
  })
})
