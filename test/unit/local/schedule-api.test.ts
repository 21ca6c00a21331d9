import {describe, expect, test} from 'vitest'

import {clusterIdFor, demoCreationTime} from '../../../src/lib/backends/local/fleet.js'
import {deterministicObjectId} from '../../../src/lib/domain/ids.js'
import {DAY_MS} from '../../../src/lib/domain/time.js'
import type {BackupSchedule, PolicyItem, Snapshot} from '../../../src/lib/domain/types.js'
import {iso, isoText} from '../../helpers/values.js'
import {atlasError, GROUP, type LocalWorld, localWorld, START} from './harness.js'

/**
 * The local backend's schedule operations (GET, PATCH, DELETE of …/backup/schedule), in-process on a fresh demo world
 * at START (2026-06-15T10:30Z), asserting what each call returns and what the store holds afterwards.
 */

const CLUSTER0_ID = clusterIdFor(GROUP, 'Cluster0', demoCreationTime(START))
const BASE = 'http://127.0.0.1:8080'
const CLUSTER0_PATH = `/api/atlas/v2/groups/${GROUP}/clusters/Cluster0`

async function items(world: LocalWorld): Promise<PolicyItem[]> {
  return (await world.backend.getSchedule(GROUP, 'Cluster0')).policies[0]!.policyItems
}

function itemOf(list: PolicyItem[], frequencyType: string): PolicyItem {
  const found = list.find((item) => item.frequencyType === frequencyType)
  expect(found, frequencyType).toBeDefined()
  return found!
}

async function allSnapshots(world: LocalWorld, clusterName = 'Cluster0'): Promise<Snapshot[]> {
  return (await world.backend.listSnapshots(GROUP, clusterName, {itemsPerPage: 500})).results
}

const ofItem = (snapshots: Snapshot[], itemId: string) => snapshots.filter((snapshot) => snapshot.policyItems?.includes(itemId))

describe('GET schedule', () => {
  test('Cluster0 answers the seed default policy with Atlas fields, links and the next firing (rules 27, 30)', async () => {
    const world = localWorld()
    const schedule = await world.backend.getSchedule(GROUP, 'Cluster0')
    const policyId = deterministicObjectId(demoCreationTime(START), `${CLUSTER0_ID}/policy`)
    expect(schedule).toEqual({
      autoExportEnabled: false,
      clusterId: CLUSTER0_ID,
      clusterName: 'Cluster0',
      copyPolicyItemsEnabled: false,
      copySettings: [],
      links: [
        {href: `${BASE}${CLUSTER0_PATH}/backup/schedule`, rel: 'self'},
        {href: `${BASE}/api/public/v1.0/groups/${GROUP}`, rel: 'https://cloud.mongodb.com/group'},
      ],
      // Hourly every 6 h anchored on 18:00: 00, 06, 12, 18; the next after 10:30 is 12:00.
      nextSnapshot: '2026-06-15T12:00:00Z',
      policies: [{id: policyId, policyItems: expect.any(Array)}],
      referenceHourOfDay: 18,
      referenceMinuteOfHour: 0,
      restoreWindowDays: 2,
      useOrgAndGroupNamesInExportPrefix: false,
    })
    // Atlas writes an item's keys alphabetically, whatever order they were stored in.
    for (const item of schedule.policies[0]!.policyItems) expect(Object.keys(item)).toEqual(['frequencyInterval', 'frequencyType', 'id', 'retentionUnit', 'retentionValue'])
    expect(schedule.policies[0]!.policyItems.map((item) => [item.frequencyType, item.frequencyInterval, item.retentionUnit, item.retentionValue])).toEqual([
      ['hourly', 6, 'days', 2],
      ['daily', 1, 'days', 7],
      ['weekly', 6, 'weeks', 4],
      ['monthly', 40, 'months', 12],
    ])
    expect('export' in schedule, 'unset fields are absent').toBe(false)
    await world.backend.close()
  })

  test('links start with the linkBase the backend was given', async () => {
    const world = localWorld(START, 'http://localhost:9999')
    const schedule = await world.backend.getSchedule(GROUP, 'Cluster0')
    expect(schedule.links?.map((link) => link.href)).toEqual([`http://localhost:9999${CLUSTER0_PATH}/backup/schedule`, `http://localhost:9999/api/public/v1.0/groups/${GROUP}`])
    await world.backend.close()
  })

  test.each([
    ['Free0', 400, 'PROVIDER_BACKUP_NOT_SUPPORTED', 'Cluster Free0 is an M0 free cluster, which has no Cloud Backup.', ['Free0']],
    ['Shared0', 400, 'TENANT_CLUSTER_UPDATE_UNSUPPORTED', 'Cluster Shared0 is on the M2 tier: it has no configurable backup schedule (one snapshot a day, the last 8 kept).', ['Shared0']],
    [
      'Serverless0',
      404,
      'CLUSTER_NOT_FOUND',
      `No cluster named Serverless0 exists in group ${GROUP}. Serverless0 is a serverless instance: use the serverless backup commands.`,
      ['Serverless0', GROUP],
    ],
    ['Nowhere0', 404, 'CLUSTER_NOT_FOUND', `No cluster named Nowhere0 exists in group ${GROUP}.`, ['Nowhere0', GROUP]],
  ])('%s has no schedule to read, change or delete (rules 80, 81)', async (name, status, errorCode, detail, parameters) => {
    const world = localWorld()
    const expected = {status, errorCode, detail, parameters}
    expect(await atlasError(world.backend.getSchedule(GROUP, name))).toMatchObject(expected)
    expect(await atlasError(world.backend.updateSchedule(GROUP, name, {referenceHourOfDay: 3}))).toMatchObject(expected)
    expect(await atlasError(world.backend.deleteSchedule(GROUP, name))).toMatchObject(expected)
    expect(await atlasError(world.backend.changeSchedule(GROUP, name, () => ({})))).toMatchObject(expected)
    await world.backend.close()
  })

  test('an unknown project is GROUP_NOT_FOUND', async () => {
    const world = localWorld()
    const missing = '0123456789abcdef01234567'
    expect(await atlasError(world.backend.getSchedule(missing, 'Cluster0'))).toMatchObject({status: 404, errorCode: 'GROUP_NOT_FOUND', detail: `No group with ID ${missing} exists.`, parameters: [missing]})
    await world.backend.close()
  })
})

describe('PATCH schedule: validation', () => {
  test('one violation: its code and message, the cluster as parameter, the field it concerns (rule 24)', async () => {
    const world = localWorld()
    const error = await atlasError(world.backend.updateSchedule(GROUP, 'Cluster0', {referenceHourOfDay: 24, referenceMinuteOfHour: 0}))
    expect(error).toMatchObject({status: 400, errorCode: 'INVALID_REFERENCE_HOUR_OF_DAY', parameters: ['Cluster0']})
    expect(error.detail).not.toMatch(/^Invalid Backup Policy/)
    expect(error.fields).toEqual([{field: 'referenceHourOfDay', description: `INVALID_REFERENCE_HOUR_OF_DAY: ${error.detail}`}])
    expect((await world.backend.getSchedule(GROUP, 'Cluster0')).referenceHourOfDay, 'nothing stored').toBe(18)
    await world.backend.close()
  })

  test('warnings do not count: one error beside a warning is reported alone (rules 23, 24)', async () => {
    const world = localWorld()
    // Cluster0 has PIT: without its hourly item the validator warns (rule 23); hour 24 is the one error.
    const withoutHourly = (await items(world)).filter((item) => item.frequencyType !== 'hourly')
    const error = await atlasError(world.backend.updateSchedule(GROUP, 'Cluster0', {referenceHourOfDay: 24, referenceMinuteOfHour: 0, policies: [{policyItems: withoutHourly}]}))
    expect(error.errorCode).toBe('INVALID_REFERENCE_HOUR_OF_DAY')
    expect(error.fields).toEqual([{field: 'referenceHourOfDay', description: `INVALID_REFERENCE_HOUR_OF_DAY: ${error.detail}`}])
    // A warning alone does not stop the change.
    const answer = await world.backend.updateSchedule(GROUP, 'Cluster0', {policies: [{policyItems: withoutHourly}]})
    expect(answer.policies[0]!.policyItems.map((item) => item.frequencyType)).toEqual(['daily', 'weekly', 'monthly'])
    await world.backend.close()
  })

  test('several violations: the count and the first in the detail, every one in fields (rules 24, 25)', async () => {
    const world = localWorld()
    const error = await atlasError(world.backend.updateSchedule(GROUP, 'Cluster0', {referenceHourOfDay: 24, referenceMinuteOfHour: 60}))
    expect(error.status).toBe(400)
    expect(error.errorCode).toBe('INVALID_REFERENCE_HOUR_OF_DAY')
    expect(error.fields).toHaveLength(2)
    const [first, second] = error.fields as Array<{field: string; description: string}>
    expect(first!.field).toBe('referenceHourOfDay')
    expect(second!.field).toBe('referenceMinuteOfHour')
    expect(second!.description).toMatch(/^INVALID_REFERENCE_MINUTE_OF_HOUR: /)
    expect(error.detail).toBe(`Invalid Backup Policy: 2 problems, the first: ${first!.description.replace('INVALID_REFERENCE_HOUR_OF_DAY: ', '')}`)
    await world.backend.close()
  })
})

describe('PATCH schedule: what is stored', () => {
  test('fields sent replace the stored ones, and the answer is what a later GET reads (rule 3)', async () => {
    const world = localWorld()
    const answer = await world.backend.updateSchedule(GROUP, 'Cluster0', {referenceHourOfDay: 3, referenceMinuteOfHour: 15})
    expect(answer.referenceHourOfDay).toBe(3)
    // Hourly every 6 h now anchored on 03:15: 03:15, 09:15, 15:15, 21:15; the next after 10:30 is 15:15.
    expect(answer.nextSnapshot).toBe('2026-06-15T15:15:00Z')
    expect(await world.backend.getSchedule(GROUP, 'Cluster0')).toEqual(answer)
    await world.backend.close()
  })

  test('export settings sent are answered as stored (autoExportEnabled, copySettings, export prefix flag)', async () => {
    const world = localWorld()
    const bucket = await world.backend.createExportBucket(GROUP, {cloudProvider: 'AWS', bucketName: 'auto-export', iamRoleId: '0123456789abcdef01234567'})
    const exportPolicy = {exportBucketId: bucket._id, frequencyType: 'monthly' as const}
    const answer = await world.backend.updateSchedule(GROUP, 'Cluster0', {autoExportEnabled: true, export: exportPolicy, useOrgAndGroupNamesInExportPrefix: true})
    expect(answer).toMatchObject({autoExportEnabled: true, export: exportPolicy, useOrgAndGroupNamesInExportPrefix: true, copySettings: []})
    expect(await world.backend.getSchedule(GROUP, 'Cluster0')).toMatchObject({autoExportEnabled: true, useOrgAndGroupNamesInExportPrefix: true})
    await world.backend.close()
  })

  test('new items get ids counted per cluster from the PATCH instant, and the count is kept between calls (rule 3)', async () => {
    const world = localWorld()
    const current = await items(world)
    const yearly = {frequencyType: 'yearly', frequencyInterval: 1, retentionUnit: 'years', retentionValue: 1} as const
    const first = await world.backend.updateSchedule(GROUP, 'Cluster0', {policies: [{policyItems: [...current, yearly]}]})
    expect(itemOf(first.policies[0]!.policyItems, 'yearly').id).toBe(deterministicObjectId(START, `${CLUSTER0_ID}/policy-item/1`))
    world.setNow(START + 60_000)
    const withoutYearly = current.map((item) => item)
    const second = await world.backend.updateSchedule(GROUP, 'Cluster0', {policies: [{policyItems: [...withoutYearly, {...yearly, frequencyInterval: 2}]}]})
    expect(itemOf(second.policies[0]!.policyItems, 'yearly').id).toBe(deterministicObjectId(START + 60_000, `${CLUSTER0_ID}/policy-item/2`))
    // The on-demand ids share the counter: the next one is the third.
    world.setNow(START + 120_000)
    const taken = await world.backend.takeSnapshot(GROUP, 'Cluster0', {retentionInDays: 1})
    expect(taken.id).toBe(deterministicObjectId(START + 120_000, `${CLUSTER0_ID}/on-demand/3`))
    await world.backend.close()
  })

  test('changeSchedule hands the change a copy of the stored schedule and the cluster facts, and stores its result', async () => {
    const world = localWorld()
    const stored = await world.backend.getSchedule(GROUP, 'Cluster0')
    const seen: unknown[] = []
    const answer = await world.backend.changeSchedule(GROUP, 'Cluster0', (current, facts) => {
      seen.push(facts)
      expect(current.policies).toEqual(stored.policies)
      expect(current.referenceHourOfDay).toBe(18)
      current.referenceHourOfDay = 5
      return {referenceHourOfDay: current.referenceHourOfDay, referenceMinuteOfHour: 0}
    })
    const description = await world.backend.getCluster(GROUP, 'Cluster0')
    const zone = {zoneId: description.replicationSpecs![0]!.zoneId, replicationSpecIds: [description.replicationSpecs![0]!.id], primaryRegion: 'US_EAST_1', provider: 'AWS', regions: ['US_EAST_1']}
    expect(seen).toEqual([{tier: 'M10', nvme: false, pitEnabled: true, provider: 'AWS', zones: [zone]}])
    expect(answer.referenceHourOfDay).toBe(5)
    expect((await world.backend.getSchedule(GROUP, 'Cluster0')).referenceHourOfDay).toBe(5)
    await world.backend.close()
  })

  test('NVMe0 is validated with its own facts: an hourly interval other than 12 is refused (rule 6)', async () => {
    const world = localWorld()
    const current = (await world.backend.getSchedule(GROUP, 'NVMe0')).policies[0]!.policyItems
    const hourly = current.map((item) => (item.frequencyType === 'hourly' ? {...item, frequencyInterval: 6} : item))
    const error = await atlasError(world.backend.updateSchedule(GROUP, 'NVMe0', {policies: [{policyItems: hourly}]}))
    expect(error.status).toBe(400)
    expect(error.parameters).toEqual(['NVMe0'])
    await world.backend.close()
  })
})

describe('PATCH schedule: effects on earlier snapshots', () => {
  test('updateSnapshots re-dates the changed item\'s snapshots from their firing, and no other (rule 34)', async () => {
    const world = localWorld()
    const before = await allSnapshots(world)
    const list = await items(world)
    const daily = itemOf(list, 'daily')
    const hourly = itemOf(list, 'hourly')
    const answer = await world.backend.updateSchedule(GROUP, 'Cluster0', {
      updateSnapshots: true,
      policies: [{policyItems: list.map((item) => (item.id === daily.id ? {...item, retentionValue: 14} : item))}],
    })
    expect('updateSnapshots' in answer, 'write-only flag').toBe(false)
    const after = await allSnapshots(world)
    expect(after.map((s) => s.id)).toEqual(before.map((s) => s.id))
    const dailyAfter = ofItem(after, daily.id!)
    // June 8 to 14 at 18:00, less Saturday June 13, which the weekly item (longer retention) took (rule 31).
    expect(dailyAfter.length).toBe(6)
    for (const snapshot of dailyAfter) {
      // Fired at 18:00:00, created 12 s later: the new expiry counts from the firing, as the first one did.
      const firing = iso(snapshot.createdAt!) - 12_000
      expect(snapshot.expiresAt).toBe(isoText(firing + 14 * DAY_MS))
    }
    expect(ofItem(after, hourly.id!)).toEqual(ofItem(before, hourly.id!))
    await world.backend.close()
  })

  test('updateSnapshots skips a snapshot whose retention was changed on its own (rules 34, 49)', async () => {
    const world = localWorld()
    const list = await items(world)
    const daily = itemOf(list, 'daily')
    const [edited, untouched] = ofItem(await allSnapshots(world), daily.id!)
    const patched = await world.backend.updateSnapshotRetention(GROUP, 'Cluster0', edited!.id, {retentionUnit: 'DAYS', retentionValue: 3})
    await world.backend.updateSchedule(GROUP, 'Cluster0', {updateSnapshots: true, policies: [{policyItems: list.map((item) => (item.id === daily.id ? {...item, retentionValue: 14} : item))}]})
    expect((await world.backend.getSnapshot(GROUP, 'Cluster0', edited!.id)).expiresAt).toBe(patched.expiresAt)
    expect((await world.backend.getSnapshot(GROUP, 'Cluster0', untouched!.id)).expiresAt).toBe(isoText(iso(untouched!.createdAt!) - 12_000 + 14 * DAY_MS))
    await world.backend.close()
  })

  test('without updateSnapshots a retention change leaves earlier snapshots as they were (rule 34)', async () => {
    const world = localWorld()
    const before = await allSnapshots(world)
    const list = await items(world)
    const daily = itemOf(list, 'daily')
    await world.backend.updateSchedule(GROUP, 'Cluster0', {policies: [{policyItems: list.map((item) => (item.id === daily.id ? {...item, retentionValue: 14} : item))}]})
    expect(await allSnapshots(world)).toEqual(before)
    await world.backend.close()
  })

  test('a shorter retention with updateSnapshots deletes at once the snapshots it makes expired (rules 34, 54)', async () => {
    const world = localWorld()
    const list = await items(world)
    const weekly = itemOf(list, 'weekly')
    const before = ofItem(await allSnapshots(world), weekly.id!)
    // Saturdays 18:00: May 23, May 30, June 6, June 13 (4 weeks kept); 1 week keeps only June 13.
    expect(before.map((s) => s.createdAt)).toEqual(['2026-06-13T18:00:12Z', '2026-06-06T18:00:12Z', '2026-05-30T18:00:12Z', '2026-05-23T18:00:12Z'])
    await world.backend.updateSchedule(GROUP, 'Cluster0', {
      updateSnapshots: true,
      policies: [{policyItems: list.map((item) => (item.id === weekly.id ? {...item, retentionUnit: 'days', retentionValue: 7} : item))}],
    })
    const after = ofItem(await allSnapshots(world), weekly.id!)
    expect(after.map((s) => [s.createdAt, s.expiresAt])).toEqual([['2026-06-13T18:00:12Z', '2026-06-20T18:00:00Z']])
    await world.backend.close()
  })

  test('deleteSnapshots deletes the snapshots of the items the PATCH removed, and only those (rule 35)', async () => {
    const world = localWorld()
    const taken = await world.backend.takeSnapshot(GROUP, 'Cluster0', {retentionInDays: 3})
    world.setNow(START + 60_000)
    const list = await items(world)
    const weekly = itemOf(list, 'weekly')
    const before = await allSnapshots(world)
    expect(ofItem(before, weekly.id!)).toHaveLength(4)
    await world.backend.updateSchedule(GROUP, 'Cluster0', {deleteSnapshots: true, policies: [{policyItems: list.filter((item) => item.id !== weekly.id)}]})
    const after = await allSnapshots(world)
    expect(after.map((s) => s.id)).toEqual(before.filter((s) => !s.policyItems?.includes(weekly.id!)).map((s) => s.id))
    expect(after.map((s) => s.id)).toContain(taken.id)
    await world.backend.close()
  })

  test('without deleteSnapshots a removed item\'s snapshots stay until they expire (rule 35)', async () => {
    const world = localWorld()
    const list = await items(world)
    const weekly = itemOf(list, 'weekly')
    const before = await allSnapshots(world)
    await world.backend.updateSchedule(GROUP, 'Cluster0', {policies: [{policyItems: list.filter((item) => item.id !== weekly.id)}]})
    expect(await allSnapshots(world)).toEqual(before)
    await world.backend.close()
  })

  test('both flags at once: removed items\' snapshots go, changed items\' snapshots are re-dated (rules 34, 35)', async () => {
    const world = localWorld()
    const list = await items(world)
    const weekly = itemOf(list, 'weekly')
    const daily = itemOf(list, 'daily')
    await world.backend.updateSchedule(GROUP, 'Cluster0', {
      updateSnapshots: true,
      deleteSnapshots: true,
      policies: [{policyItems: list.filter((item) => item.id !== weekly.id).map((item) => (item.id === daily.id ? {...item, retentionValue: 10} : item))}],
    })
    const after = await allSnapshots(world)
    expect(ofItem(after, weekly.id!)).toEqual([])
    const dailies = ofItem(after, daily.id!)
    expect(dailies).toHaveLength(6)
    for (const snapshot of dailies) expect(iso(snapshot.expiresAt!) - (iso(snapshot.createdAt!) - 12_000)).toBe(10 * DAY_MS)
    await world.backend.close()
  })

  test('deleteSnapshots with only a retention change deletes nothing and re-dates nothing (rules 34, 35)', async () => {
    const world = localWorld()
    const before = await allSnapshots(world)
    const list = await items(world)
    const daily = itemOf(list, 'daily')
    await world.backend.updateSchedule(GROUP, 'Cluster0', {deleteSnapshots: true, policies: [{policyItems: list.map((item) => (item.id === daily.id ? {...item, retentionValue: 14} : item))}]})
    expect(await allSnapshots(world)).toEqual(before)
    await world.backend.close()
  })
})

describe('DELETE schedule', () => {
  test('removes every item but keeps the policy id, the reference time and the restore window; no next snapshot (rule 37)', async () => {
    const world = localWorld()
    const before = await world.backend.getSchedule(GROUP, 'Cluster0')
    const snapshots = await allSnapshots(world)
    const answer: BackupSchedule = await world.backend.deleteSchedule(GROUP, 'Cluster0')
    expect(answer.policies).toEqual([{id: before.policies[0]!.id, policyItems: []}])
    expect(answer).toMatchObject({clusterId: CLUSTER0_ID, referenceHourOfDay: 18, referenceMinuteOfHour: 0, restoreWindowDays: 2})
    expect('nextSnapshot' in answer).toBe(false)
    const read = await world.backend.getSchedule(GROUP, 'Cluster0')
    expect(read.policies).toEqual([{id: before.policies[0]!.id, policyItems: []}])
    expect('nextSnapshot' in read).toBe(false)
    expect(await allSnapshots(world), 'snapshots already taken stay').toEqual(snapshots)
    // Nothing fires any more: a day later the same snapshots, minus those that expired, and no new one.
    world.setNow(START + DAY_MS)
    const later = await allSnapshots(world)
    expect(later.every((s) => iso(s.createdAt!) < START)).toBe(true)
    await world.backend.close()
  })
})
