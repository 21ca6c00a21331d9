import {describe, expect, it} from 'vitest'

import {AtlasApiError} from '../../../src/lib/domain/errors.js'
import {DAY_MS} from '../../../src/lib/domain/time.js'
import {checkDelete, checkOnDemandRequest, checkRetentionChange, onDemandRetentionDays, snapshotStateAt, type SnapshotTimeline} from '../../../src/lib/snapshots/index.js'

function codeOf(run: () => void): string | undefined {
  try {
    run()
    return undefined
  } catch (error) {
    if (error instanceof AtlasApiError) return error.errorCode
    throw error
  }
}

describe('on-demand snapshot rules', () => {
  it.each([
    ['M0', 'PROVIDER_BACKUP_NOT_SUPPORTED'],
    ['M2', 'TENANT_CLUSTER_UPDATE_UNSUPPORTED'],
    ['M5', 'TENANT_CLUSTER_UPDATE_UNSUPPORTED'],
    ['FLEX', 'TENANT_CLUSTER_UPDATE_UNSUPPORTED'],
    ['SERVERLESS', 'FEATURE_UNSUPPORTED'],
    ['M10', undefined],
    ['M40_NVME', undefined],
  ])('tier %s → %s', (tier, code) => {
    expect(codeOf(() => checkOnDemandRequest({tier, snapshots: []}))).toBe(code)
  })

  it.each([[0], [-1], [1.5], ['2']])('retention %j is refused', (retentionInDays) => {
    expect(codeOf(() => checkOnDemandRequest({tier: 'M10', retentionInDays, snapshots: []}))).toBe('BACKUP_SNAPSHOT_RETENTION_VALUE_INVALID')
  })

  it('retention defaults to one day', () => {
    expect(onDemandRetentionDays({})).toBe(1)
    expect(onDemandRetentionDays({retentionInDays: 5})).toBe(5)
  })

  it('only one on-demand snapshot queued or in progress at a time', () => {
    for (const status of ['queued', 'inProgress'] as const) {
      expect(codeOf(() => checkOnDemandRequest({tier: 'M10', snapshots: [{snapshotType: 'onDemand', status}]}))).toBe('UNFINISHED_ON_DEMAND_SNAPSHOT')
    }
    expect(codeOf(() => checkOnDemandRequest({tier: 'M10', snapshots: [{snapshotType: 'onDemand', status: 'completed'}]}))).toBeUndefined()
  })

  it('a queued or in-progress scheduled snapshot does not block one', () => {
    const snapshots = [{snapshotType: 'scheduled' as const, status: 'queued' as const}, {snapshotType: 'scheduled' as const, status: 'inProgress' as const}]
    expect(codeOf(() => checkOnDemandRequest({tier: 'M10', snapshots}))).toBeUndefined()
  })
})

describe('snapshot lifecycle', () => {
  const t0 = Date.parse('2026-08-10T12:00:00Z')
  const onDemand: SnapshotTimeline = {snapshotType: 'onDemand', requestedAt: t0, startedAt: t0 + 3000, finishesAt: t0 + 12_000, failed: false, retentionValue: 2, expiresAt: t0 + 12_000 + 2 * DAY_MS}

  it('goes queued → inProgress → completed, with the fields Atlas reveals on the way', () => {
    const queued = snapshotStateAt(onDemand, t0)
    expect(queued).toMatchObject({status: 'queued', mongodVersionVisible: false, cloudProviderVisible: false, createdAt: undefined})
    expect(queued.expiresAt).toBe(t0 + 2 * DAY_MS)
    expect(snapshotStateAt(onDemand, t0 + 4000)).toMatchObject({status: 'inProgress', mongodVersionVisible: true, cloudProviderVisible: false})
    expect(snapshotStateAt(onDemand, t0 + 9000)).toMatchObject({status: 'inProgress', cloudProviderVisible: true})
    const done = snapshotStateAt(onDemand, t0 + 12_000)
    expect(done).toMatchObject({status: 'completed', createdAt: t0 + 12_000})
    expect(done.expiresAt).toBe(t0 + 12_000 + 2 * DAY_MS)
  })

  it('a failed snapshot ends failed, without createdAt', () => {
    const failed = snapshotStateAt({...onDemand, failed: true}, t0 + 60_000)
    expect(failed.status).toBe('failed')
    expect(failed.createdAt).toBeUndefined()
  })

  it('retention changes only on completed snapshots, with an upper-case unit and a whole value', () => {
    expect(codeOf(() => checkRetentionChange({status: 'inProgress', retentionUnit: 'DAYS', retentionValue: 3}))).toBe('CANNOT_MODIFY_IN_PROGRESS_SNAPSHOT_RETENTION')
    expect(codeOf(() => checkRetentionChange({status: 'completed', retentionUnit: 'days', retentionValue: 3}))).toBe('INVALID_ENUM_VALUE')
    expect(codeOf(() => checkRetentionChange({status: 'completed', retentionUnit: 'WEEKS', retentionValue: 0}))).toBe('BACKUP_SNAPSHOT_RETENTION_VALUE_INVALID')
    expect(codeOf(() => checkRetentionChange({status: 'completed', retentionUnit: 'MONTHS', retentionValue: 2}))).toBeUndefined()
  })

  it.each(['queued', 'inProgress', 'failed'] as const)('the retention of a %s snapshot cannot be changed, even with a valid unit and value', (status) => {
    let refused: unknown
    try {
      checkRetentionChange({status, retentionUnit: 'DAYS', retentionValue: 3})
    } catch (error) {
      refused = error
    }
    expect(refused).toBeInstanceOf(AtlasApiError)
    expect(refused).toMatchObject({status: 400, errorCode: 'CANNOT_MODIFY_IN_PROGRESS_SNAPSHOT_RETENTION'})
    expect((refused as Error).message).toContain(`The snapshot is ${status}`)
  })

  it('deletes are refused while queued or in progress', () => {
    expect(codeOf(() => checkDelete({status: 'queued'}))).toBe('CANNOT_DELETE_IN_PROGRESS_SNAPSHOT')
    expect(codeOf(() => checkDelete({status: 'inProgress'}))).toBe('CANNOT_DELETE_IN_PROGRESS_SNAPSHOT')
    expect(codeOf(() => checkDelete({status: 'completed'}))).toBeUndefined()
    expect(codeOf(() => checkDelete({status: 'failed'}))).toBeUndefined()
  })
})
