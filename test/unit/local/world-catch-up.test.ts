import {describe, expect, test} from 'vitest'

import {changeClock, createCluster, listFleet, storageEvent} from '../../../src/lib/backends/local/admin.js'
import {freezeClockAt, setClock} from '../../../src/lib/backends/local/clock.js'
import type {LocalBackend} from '../../../src/lib/backends/local/local-backend.js'
import type {SnapshotRecord} from '../../../src/lib/backends/local/records.js'
import {IN_PROGRESS_MS, previousFiring, QUEUED_MS, scheduledSnapshotId} from '../../../src/lib/backends/local/world.js'
import {deterministicObjectId} from '../../../src/lib/domain/ids.js'
import {compileSchedule} from '../../../src/lib/schedule/index.js'
import {iso, scheduleOf} from '../../helpers/values.js'
import {GROUP, localWorld, WALL} from './harness.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const GIB = 1024 ** 3

function frozen(at: number = WALL): LocalBackend {
  const {backend} = localWorld(WALL)
  changeClock(backend, (state) => freezeClockAt(state, at))
  return backend
}

function moveClock(backend: LocalBackend, to: number): void {
  changeClock(backend, (state, wall) => setClock(state, to, wall))
}

/** What the store holds for a cluster, oldest first, after bringing it up to now (listFleet looks at every cluster). */
function stored(backend: LocalBackend, cluster: string): SnapshotRecord[] {
  listFleet(backend)
  const rows = backend
    .database()
    .prepare('SELECT s.body FROM snapshots s JOIN clusters c ON c.id = s.cluster_id WHERE c.name = ? ORDER BY s.started_at, s.id')
    .all(cluster) as Array<{body: string}>
  return rows.map((row) => JSON.parse(row.body) as SnapshotRecord)
}

const clusterId = (backend: LocalBackend, name: string): string =>
  (backend.database().prepare('SELECT id FROM clusters WHERE name = ?').get(name) as {id: string}).id

/** One line per snapshot: firing instant, expiry, type, retention. */
const timeline = (records: SnapshotRecord[]): string[] =>
  records.map((r) => `${new Date(r.requestedAt).toISOString().slice(0, 16)} ${new Date(r.expiresAt).toISOString().slice(0, 16)} ${r.frequencyType} ${r.retentionValue} ${r.retentionUnit}`)

describe('catch-up: the scheduled snapshots alive at a frozen now (rules table 1.3, section 3 of the simulator algorithm)', () => {
  test('a dedicated cluster with PIT keeps hourly (2 d), daily (7 d), weekly (4 w) and monthly (12 months) snapshots, expiring at firing + retention', () => {
    const backend = frozen()
    expect(timeline(stored(backend, 'Cluster0'))).toEqual([
      ...['2025-06-30', '2025-07-31', '2025-08-31', '2025-09-30', '2025-10-31', '2025-11-30', '2025-12-31', '2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30'].map(
        (day) => `${day}T18:00 ${String(Number(day.slice(0, 4)) + 1)}${day.slice(4)}T18:00 monthly 12 months`,
      ),
      '2026-05-16T18:00 2026-06-13T18:00 weekly 4 weeks',
      '2026-05-23T18:00 2026-06-20T18:00 weekly 4 weeks',
      '2026-05-30T18:00 2026-06-27T18:00 weekly 4 weeks',
      '2026-05-31T18:00 2027-05-31T18:00 monthly 12 months',
      '2026-06-03T18:00 2026-06-10T18:00 daily 7 days',
      '2026-06-04T18:00 2026-06-11T18:00 daily 7 days',
      '2026-06-05T18:00 2026-06-12T18:00 daily 7 days',
      '2026-06-06T18:00 2026-07-04T18:00 weekly 4 weeks',
      '2026-06-07T18:00 2026-06-14T18:00 daily 7 days',
      '2026-06-08T12:00 2026-06-10T12:00 hourly 2 days',
      '2026-06-08T18:00 2026-06-15T18:00 daily 7 days',
      '2026-06-09T00:00 2026-06-11T00:00 hourly 2 days',
      '2026-06-09T06:00 2026-06-11T06:00 hourly 2 days',
      '2026-06-09T12:00 2026-06-11T12:00 hourly 2 days',
      '2026-06-09T18:00 2026-06-16T18:00 daily 7 days',
      '2026-06-10T00:00 2026-06-12T00:00 hourly 2 days',
      '2026-06-10T06:00 2026-06-12T06:00 hourly 2 days',
    ])
  })

  test('each scheduled snapshot is queued 3 s and in progress 9 s, is attributed to its policy item, and carries the cluster version and provider', async () => {
    expect([QUEUED_MS, IN_PROGRESS_MS]).toEqual([3000, 9000])
    const backend = frozen()
    const records = stored(backend, 'Cluster0')
    const id = clusterId(backend, 'Cluster0')
    const schedule = await backend.getSchedule(GROUP, 'Cluster0')
    const itemOf = new Map(schedule.policies[0]!.policyItems.map((i) => [i.frequencyType, i.id]))
    for (const r of records) {
      expect(r).toMatchObject({
        id: scheduledSnapshotId(id, r.requestedAt),
        snapshotType: 'scheduled',
        policyItemId: itemOf.get(r.frequencyType),
        startedAt: r.requestedAt + 3000,
        finishesAt: r.requestedAt + 12_000,
        failed: false,
        mongodVersion: '8.0.29',
        cloudProvider: 'AWS',
      })
      expect(r.members.map((m) => m.id)).toEqual([r.id])
    }
    expect(scheduledSnapshotId('c', 1000)).toBe(deterministicObjectId(1000, 'c/scheduled/1000'))
  })

  test('shared tier: one snapshot a day at the creation time of day, kept 8 days', () => {
    expect(timeline(stored(frozen(), 'Shared0'))).toEqual(
      ['03', '04', '05', '06', '07', '08', '09', '10'].map((d) => `2026-06-${d}T00:00 2026-06-${String(Number(d) + 8).padStart(2, '0')}T00:00 daily 8 days`),
    )
  })

  test('serverless: every 6 h kept 12 h (basic); with continuous backup 6-hourly kept 3 days and dailies kept 35 days', () => {
    const backend = frozen()
    expect(timeline(stored(backend, 'Serverless0'))).toEqual(['2026-06-10T00:00 2026-06-10T12:00 hourly 1 days', '2026-06-10T06:00 2026-06-10T18:00 hourly 1 days'])
    const continuous = timeline(stored(backend, 'Serverless1'))
    expect(continuous).toHaveLength(44)
    expect(continuous.filter((line) => line.includes('daily 35 days'))).toHaveLength(35)
    expect(continuous[0]).toBe('2026-05-07T00:00 2026-06-11T00:00 daily 35 days')
    expect(continuous.filter((line) => line.includes('hourly'))).toEqual([
      '2026-06-07T12:00 2026-06-10T12:00 hourly 3 days',
      '2026-06-07T18:00 2026-06-10T18:00 hourly 3 days',
      '2026-06-08T06:00 2026-06-11T06:00 hourly 3 days',
      '2026-06-08T12:00 2026-06-11T12:00 hourly 3 days',
      '2026-06-08T18:00 2026-06-11T18:00 hourly 3 days',
      '2026-06-09T06:00 2026-06-12T06:00 hourly 3 days',
      '2026-06-09T12:00 2026-06-12T12:00 hourly 3 days',
      '2026-06-09T18:00 2026-06-12T18:00 hourly 3 days',
      '2026-06-10T06:00 2026-06-13T06:00 hourly 3 days',
    ])
  })

  test('a free cluster has no snapshots', () => {
    expect(stored(frozen(), 'Free0')).toEqual([])
  })
})

describe('snapshot sizes follow the schedule, not how often the store was looked at', () => {
  test('incremental copies hold 0.5 % of the data per hour since the previous scheduled firing', () => {
    const backend = frozen()
    // Cluster0 (M10, 2.5 GiB) fires every 6 h: the 18:00 daily follows the 12:00 hourly.
    expect(new Set(stored(backend, 'Cluster0').flatMap((r) => r.members.map((m) => `${m.kind}:${m.sizeBytes}`)))).toEqual(new Set([`incremental:${Math.round(2.5 * GIB * 0.005 * 6)}`]))
    // Shared0 (M2, 1.5 GiB) fires daily.
    expect(new Set(stored(backend, 'Shared0').flatMap((r) => r.members.map((m) => m.sizeBytes)))).toEqual(new Set([Math.round(1.5 * GIB * 0.005 * 24)]))
    // Serverless0 (2 GiB) fires every 6 h.
    expect(new Set(stored(backend, 'Serverless0').flatMap((r) => r.members.map((m) => m.sizeBytes)))).toEqual(new Set([Math.round(2 * GIB * 0.005 * 6)]))
  })

  test('a sharded cluster splits its data over its shards and config server, one member id per replica set', () => {
    const backend = frozen()
    const records = stored(backend, 'Sharded0')
    expect(records).toHaveLength(22)
    for (const r of records) {
      expect(r.members.map((m) => m.replicaSetName)).toEqual(['Sharded0-shard-0', 'Sharded0-shard-1', 'Sharded0-config-0'])
      expect(r.members.map((m) => m.id)).toEqual(r.members.map((m) => deterministicObjectId(r.requestedAt, `${r.id}/${m.replicaSetName}`)))
      // M30 holds 7.5 GiB: 2.5 GiB per replica set; daily firings are 24 h apart.
      expect(r.members.map((m) => m.sizeBytes)).toEqual(Array(3).fill(Math.round(2.5 * GIB * 0.005 * 24)))
    }
  })

  test('looking every 5 hours gives the same world, byte for byte, as looking once', () => {
    const once = frozen()
    // Eleven days back covers a monthly (05-31), a weekly (06-06), dailies and hourlies.
    const often = frozen(WALL - 11 * DAY)
    for (let t = WALL - 11 * DAY; t < WALL; t += 5 * HOUR) {
      moveClock(often, t)
      listFleet(often)
    }
    moveClock(often, WALL)
    for (const name of ['Cluster0', 'MultiRegion0', 'Sharded0', 'Shared0', 'Serverless1']) expect(stored(often, name)).toEqual(stored(once, name))
  })
})

describe('the first snapshot of a new volume is a full copy; later ones are incremental', () => {
  test('a new cluster: the first firing copies in full, the next is incremental', () => {
    const backend = frozen()
    createCluster(backend, GROUP, {name: 'Fresh'})
    // Looking before the first firing plans nothing: the 18:00 snapshot still starts the volume.
    moveClock(backend, iso('2026-06-10T12:00:00Z'))
    expect(stored(backend, 'Fresh')).toEqual([])
    moveClock(backend, iso('2026-06-11T19:00:00Z'))
    expect(stored(backend, 'Fresh').map((r) => [new Date(r.requestedAt).toISOString(), r.members[0]!.kind, r.members[0]!.sizeBytes])).toEqual([
      ['2026-06-10T18:00:00.000Z', 'full', Math.round(2.5 * GIB)],
      ['2026-06-11T18:00:00.000Z', 'incremental', Math.round(2.5 * GIB * 0.005 * 24)],
    ])
  })

  test('when the first firings expired unseen, the oldest snapshot kept is still incremental: the volume they made exists', () => {
    for (const tier of ['M10', 'M2', 'FLEX', 'SERVERLESS']) {
      const backend = frozen()
      createCluster(backend, GROUP, {name: `Old${tier}`, tier})
      moveClock(backend, WALL + 60 * DAY)
      const records = stored(backend, `Old${tier}`)
      expect(records.length, tier).toBeGreaterThan(0)
      expect(records.map((r) => r.members[0]!.kind), tier).toEqual(records.map(() => 'incremental'))
    }
  })

  test('a shared or serverless cluster looked at before its first firing starts its volume with a full copy', () => {
    for (const [tier, firstAt, later] of [
      ['M2', '2026-06-11T10:00:00.000Z', 2 * DAY],
      ['SERVERLESS', '2026-06-10T16:00:00.000Z', 13 * HOUR],
    ] as const) {
      const backend = frozen()
      createCluster(backend, GROUP, {name: 'T', tier})
      moveClock(backend, WALL + HOUR)
      expect(stored(backend, 'T')).toEqual([])
      moveClock(backend, WALL + later)
      const records = stored(backend, 'T')
      expect(records.length, tier).toBe(2)
      expect(new Date(records[0]!.requestedAt).toISOString(), tier).toBe(firstAt)
      expect(records.map((r) => r.members[0]!.kind), tier).toEqual(records.map((_, i) => (i === 0 ? 'full' : 'incremental')))
    }
  })
})

describe('volumes rebuilt by snapshots that expired unseen', () => {
  test('a serverless instance first looked at within a day: the warm-up is its first 6-hourly firing, not a daily one', () => {
    const backend = frozen()
    createCluster(backend, GROUP, {name: 'S', tier: 'SERVERLESS'})
    // Fired at 16:00, 22:00 and 04:00; basic backup keeps 12 h, so the 16:00 copy that started the volume is gone.
    moveClock(backend, WALL + 23 * HOUR)
    expect(stored(backend, 'S').map((r) => [new Date(r.requestedAt).toISOString(), r.members[0]!.kind])).toEqual([
      ['2026-06-10T22:00:00.000Z', 'incremental'],
      ['2026-06-11T04:00:00.000Z', 'incremental'],
    ])
  })

  test('after a storage event, the full copy that rebuilt the volume may expire unseen: the oldest one kept is incremental', () => {
    const backend = frozen()
    createCluster(backend, GROUP, {name: 'T', tier: 'M2'})
    moveClock(backend, WALL + 3 * DAY + HOUR)
    expect(stored(backend, 'T')).toHaveLength(3)
    storageEvent(backend, GROUP, 'T', 'maintenance')
    // Days 4 to 23 fire unseen; days 16 to 23 are alive. Day 4 copied in full onto a new volume, days 5 to 15 expired.
    moveClock(backend, WALL + 23 * DAY + HOUR)
    const records = stored(backend, 'T')
    expect(records.map((r) => new Date(r.requestedAt).toISOString().slice(0, 10))).toEqual(Array.from({length: 8}, (_, i) => new Date(WALL + (16 + i) * DAY).toISOString().slice(0, 10)))
    expect(records.map((r) => r.members[0]!.kind)).toEqual(Array(8).fill('incremental'))
  })
})

describe('flex clusters (rule 81): one snapshot a day from creation, the last 8 kept', () => {
  test('ten days after creation the store holds days 3 to 10, each expiring 8 days after it fired', () => {
    const backend = frozen()
    createCluster(backend, GROUP, {name: 'F', tier: 'FLEX'})
    moveClock(backend, WALL + 10 * DAY + HOUR)
    const day = (n: number): string => new Date(WALL + n * DAY).toISOString().slice(0, 16)
    expect(timeline(stored(backend, 'F'))).toEqual(Array.from({length: 8}, (_, i) => `${day(3 + i)} ${day(11 + i)} daily 8 days`))
  })
})

describe('moving the clock back and forth (issue 11, change 6)', () => {
  test('moving back deletes the snapshots started after the new now; moving forward again brings the same ones back', () => {
    const backend = frozen()
    const before = stored(backend, 'Cluster0')
    moveClock(backend, iso('2026-06-09T19:00:00Z'))
    const back = stored(backend, 'Cluster0')
    expect(timeline(back).slice(-3)).toEqual(['2026-06-09T06:00 2026-06-11T06:00 hourly 2 days', '2026-06-09T12:00 2026-06-11T12:00 hourly 2 days', '2026-06-09T18:00 2026-06-16T18:00 daily 7 days'])
    expect(back).toEqual(before.filter((r) => r.requestedAt <= iso('2026-06-09T19:00:00Z')))
    moveClock(backend, WALL)
    expect(stored(backend, 'Cluster0')).toEqual(before)
  })
})

describe('previousFiring looks back far enough for any schedule', () => {
  test.each([
    ['hourly every 6 h', [{frequencyType: 'hourly', frequencyInterval: 6, retentionUnit: 'days', retentionValue: 2}], '2026-06-10T12:00:00Z'],
    ['weekly on Saturday', [{frequencyType: 'weekly', frequencyInterval: 6, retentionUnit: 'weeks', retentionValue: 4}], '2026-06-06T18:00:00Z'],
    ['monthly on the last day', [{frequencyType: 'monthly', frequencyInterval: 40, retentionUnit: 'months', retentionValue: 12}], '2026-05-31T18:00:00Z'],
    ['yearly in December', [{frequencyType: 'yearly', frequencyInterval: 12, retentionUnit: 'years', retentionValue: 1}], '2025-12-01T18:00:00Z'],
  ])('%s', (_, items, expected) => {
    const compiled = compileSchedule(scheduleOf(items, {referenceHourOfDay: 18, referenceMinuteOfHour: 0}))
    expect(previousFiring(compiled, iso('2026-06-10T16:00:00Z'))).toBe(iso(expected))
  })

  test('the firing at the instant itself does not count; nothing before a schedule that never fired', () => {
    const compiled = compileSchedule(scheduleOf([{frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7}], {referenceHourOfDay: 18, referenceMinuteOfHour: 0}))
    expect(previousFiring(compiled, iso('2026-06-10T18:00:00Z'))).toBe(iso('2026-06-09T18:00:00Z'))
    expect(previousFiring(compileSchedule(scheduleOf([])), iso('2026-06-10T18:00:00Z'))).toBeUndefined()
  })
})

describe('on-demand snapshots (rule table 1.6)', () => {
  test('expire their retention after completion; with no scheduled firing in the year before, the increment counts 24 h', async () => {
    const backend = frozen()
    stored(backend, 'Cluster0')
    await backend.deleteSchedule(GROUP, 'Cluster0')
    const taken = await backend.takeSnapshot(GROUP, 'Cluster0', {description: 'before upgrade', retentionInDays: 3})
    const record = stored(backend, 'Cluster0').find((r) => r.id === taken.id)!
    expect(record).toMatchObject({
      snapshotType: 'onDemand',
      frequencyType: 'ondemand',
      description: 'before upgrade',
      requestedAt: WALL,
      startedAt: WALL + 3000,
      finishesAt: WALL + 12_000,
      expiresAt: WALL + 12_000 + 3 * DAY,
      retentionUnit: 'days',
      retentionValue: 3,
    })
    expect(record.members.map((m) => [m.kind, m.sizeBytes])).toEqual([['incremental', Math.round(2.5 * GIB * 0.005 * 24)]])
  })

  test('with the schedule in place, the increment counts from the last scheduled firing', async () => {
    const backend = frozen()
    const taken = await backend.takeSnapshot(GROUP, 'Cluster0', {retentionInDays: 1})
    const record = stored(backend, 'Cluster0').find((r) => r.id === taken.id)!
    // The last firing was the 06:00 hourly, 4 h before.
    expect(record.members.map((m) => [m.kind, m.sizeBytes])).toEqual([['incremental', Math.round(2.5 * GIB * 0.005 * 4)]])
  })
})
