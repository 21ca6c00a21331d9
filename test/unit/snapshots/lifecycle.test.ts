import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {DAY_MS} from '../../../src/lib/domain/time.js'
import {checkDelete, checkExpiry, checkRetentionChange, checkSnapshotsManagedByUser, MAX_RETENTION_VALUE, snapshotStateAt, snapshotStateChangesAfter, type SnapshotTimeline} from '../../../src/lib/snapshots/index.js'
import {refusal} from '../../helpers/rejection.js'

const t0 = Date.parse('2026-08-10T12:00:00Z')
// Queued 3 s, in progress 9 s (half way at t0 + 7.5 s), as the emulator plans them.
const onDemand: SnapshotTimeline = {snapshotType: 'onDemand', requestedAt: t0, startedAt: t0 + 3000, finishesAt: t0 + 12_000, failed: false, retentionValue: 2, expiresAt: t0 + 12_000 + 2 * DAY_MS}
const scheduled: SnapshotTimeline = {...onDemand, snapshotType: 'scheduled', expiresAt: t0 + 12_000 + 7 * DAY_MS}

describe('snapshot state over time (rule 46)', () => {
  it('is in progress from the very instant it starts, and completed from the instant it finishes', () => {
    expect(snapshotStateAt(onDemand, t0 + 2999).status).toBe('queued')
    expect(snapshotStateAt(onDemand, t0 + 3000).status).toBe('inProgress')
    expect(snapshotStateAt(onDemand, t0 + 11_999).status).toBe('inProgress')
    expect(snapshotStateAt(onDemand, t0 + 12_000).status).toBe('completed')
  })

  it('shows cloudProvider from exactly half way through the copy, and keeps it once completed or failed', () => {
    expect(snapshotStateAt(onDemand, t0 + 7499).cloudProviderVisible).toBe(false)
    expect(snapshotStateAt(onDemand, t0 + 7500).cloudProviderVisible).toBe(true)
    expect(snapshotStateAt(onDemand, t0 + 12_000)).toMatchObject({status: 'completed', cloudProviderVisible: true, mongodVersionVisible: true})
    expect(snapshotStateAt({...onDemand, failed: true}, t0 + 12_000)).toMatchObject({status: 'failed', cloudProviderVisible: true, mongodVersionVisible: true})
  })

  it('a scheduled snapshot has its final expiry from the start: only on-demand ones count from the request until they complete', () => {
    for (const now of [t0, t0 + 5000, t0 + 12_000]) expect(snapshotStateAt(scheduled, now).expiresAt).toBe(scheduled.expiresAt)
  })

  it('a failed on-demand snapshot keeps its planned expiry, not request time + retention', () => {
    const failed = {...onDemand, failed: true}
    expect(snapshotStateAt(failed, t0 + 12_000).expiresAt).toBe(failed.expiresAt)
    expect(snapshotStateAt(failed, t0 + 5000).expiresAt).toBe(t0 + 2 * DAY_MS)
  })
})

describe('the next instant a snapshot\'s state changes (what serve keeps an answer until)', () => {
  it('is the start, then half way, then the end, and nothing once it has ended', () => {
    expect(snapshotStateChangesAfter(onDemand, t0)).toBe(t0 + 3000)
    expect(snapshotStateChangesAfter(onDemand, t0 + 3000)).toBe(t0 + 7500)
    expect(snapshotStateChangesAfter(onDemand, t0 + 7500)).toBe(t0 + 12_000)
    expect(snapshotStateChangesAfter(onDemand, t0 + 12_000)).toBeUndefined()
  })

  it('the state is the same at every instant before it, and differs at it', () => {
    const timeline = fc.record({requested: fc.integer({min: 0, max: 10_000}), queued: fc.integer({min: 0, max: 10_000}), running: fc.integer({min: 0, max: 10_000}), failed: fc.boolean(), onDemand: fc.boolean()})
    fc.assert(
      fc.property(timeline, fc.integer({min: -100, max: 25_000}), fc.double({min: 0, max: 1, noNaN: true}), (t, offset, fraction) => {
        const startedAt = t0 + t.requested + t.queued
        const record: SnapshotTimeline = {snapshotType: t.onDemand ? 'onDemand' : 'scheduled', requestedAt: t0 + t.requested, startedAt, finishesAt: startedAt + t.running, failed: t.failed, retentionValue: 1, expiresAt: startedAt + t.running + DAY_MS}
        const now = t0 + offset
        const next = snapshotStateChangesAfter(record, now)
        const state = snapshotStateAt(record, now)
        const end = next === undefined ? now + 30_000 : Math.ceil(next)
        const inside = now + Math.floor((end - 1 - now) * fraction)
        expect(snapshotStateAt(record, inside)).toEqual(state)
        expect(snapshotStateAt(record, end - 1)).toEqual(state)
        if (next !== undefined) expect(snapshotStateAt(record, end)).not.toEqual(state)
      }),
    )
  })
})

describe('changing one snapshot\'s retention (rule 49)', () => {
  it.each(['DAYS', 'WEEKS', 'MONTHS', 'YEARS'])('accepts the unit %s on a completed snapshot', (retentionUnit) => {
    expect(refusal(() => checkRetentionChange({status: 'completed', retentionUnit, retentionValue: 3}))).toBeUndefined()
  })

  it.each([['days'], ['HOURS'], [undefined], [7], [['DAYS']]])('refuses the unit %j, naming it and the accepted units', (retentionUnit) => {
    const error = refusal(() => checkRetentionChange({status: 'completed', retentionUnit, retentionValue: 3}))
    expect(error).toMatchObject({status: 400, errorCode: 'INVALID_ENUM_VALUE', parameters: ['retentionUnit']})
    expect(error?.message).toBe(`Invalid retentionUnit ${JSON.stringify(retentionUnit)}: use DAYS, WEEKS, MONTHS or YEARS.`)
  })

  it.each([[1], [2], [MAX_RETENTION_VALUE]])('accepts the whole value %d (int32, 1 or more)', (retentionValue) => {
    expect(refusal(() => checkRetentionChange({status: 'completed', retentionUnit: 'DAYS', retentionValue}))).toBeUndefined()
  })

  it.each([[0], [-3], [1.5], [MAX_RETENTION_VALUE + 1], ['2'], [undefined], [Number.NaN]])('refuses the value %j, naming it', (retentionValue) => {
    const error = refusal(() => checkRetentionChange({status: 'completed', retentionUnit: 'DAYS', retentionValue}))
    expect(error).toMatchObject({status: 400, errorCode: 'BACKUP_SNAPSHOT_RETENTION_VALUE_INVALID', parameters: [retentionValue]})
    expect(error?.message).toBe(`Invalid retentionValue ${JSON.stringify(retentionValue)}: use a whole number, 1 or more.`)
  })
})

describe('an expiry beyond the calendar', () => {
  const latest = Date.UTC(9999, 11, 31, 23, 59, 59)

  it('stores any expiry up to the last second of 9999', () => {
    expect(refusal(() => checkExpiry(t0, {retentionUnit: 'DAYS', retentionValue: 3}))).toBeUndefined()
    expect(refusal(() => checkExpiry(latest, {retentionUnit: 'YEARS', retentionValue: 7973}))).toBeUndefined()
  })

  it.each([[latest + 1], [Number.POSITIVE_INFINITY], [Number.NaN]])('refuses the expiry %d, saying the retention ends after 9999', (expiresAt) => {
    const error = refusal(() => checkExpiry(expiresAt, {retentionUnit: 'YEARS', retentionValue: 8000}))
    expect(error).toMatchObject({status: 400, errorCode: 'BACKUP_SNAPSHOT_RETENTION_VALUE_INVALID', parameters: [8000]})
    expect(error?.message).toBe("Invalid retentionValue 8000: 8000 years from the snapshot's creation ends after the year 9999.")
  })
})

describe('snapshots Atlas manages itself (rule 81: M2/M5; rule 82: Flex)', () => {
  it.each([
    ['M2', 'deleted', 'Cluster c1 is on the M2 tier: Atlas manages its snapshots (one a day, the last 8 kept), so they cannot be deleted.'],
    ['M5', 'changed', 'Cluster c1 is on the M5 tier: Atlas manages its snapshots (one a day, the last 8 kept), so they cannot be given another retention.'],
    ['FLEX', 'deleted', 'Cluster c1 is on the FLEX tier: Atlas manages its snapshots (one a day, the last 8 kept), so they cannot be deleted.'],
    ['FLEX', 'changed', 'Cluster c1 is on the FLEX tier: Atlas manages its snapshots (one a day, the last 8 kept), so they cannot be given another retention.'],
  ] as const)('a %s cluster\'s snapshots cannot be %s', (tier, action, message) => {
    const error = refusal(() => checkSnapshotsManagedByUser({tier, clusterName: 'c1', action}))
    expect(error).toMatchObject({status: 400, errorCode: 'TENANT_CLUSTER_UPDATE_UNSUPPORTED', parameters: ['c1']})
    expect(error?.message).toBe(message)
  })

  it.each(['M10', 'M40_NVME', 'SERVERLESS', 'M0'])('a %s cluster is not refused here (other rules cover it)', (tier) => {
    for (const action of ['deleted', 'changed'] as const) expect(refusal(() => checkSnapshotsManagedByUser({tier, clusterName: 'c1', action}))).toBeUndefined()
  })
})

describe('deleting a snapshot (rule 53)', () => {
  it.each(['queued', 'inProgress'] as const)('refuses a %s snapshot, saying when it can be deleted', (status) => {
    const error = refusal(() => checkDelete({status}))
    expect(error).toMatchObject({status: 400, errorCode: 'CANNOT_DELETE_IN_PROGRESS_SNAPSHOT'})
    expect(error?.message).toBe(`The snapshot is ${status}: it can be deleted once it has completed or failed.`)
  })
})
