import {describe, expect, it} from 'vitest'

import {checkOnDemandRequest, snapshotSizeBytes} from '../../../src/lib/snapshots/index.js'
import {refusal} from '../../helpers/rejection.js'

describe('on-demand snapshot requests', () => {
  it.each([
    ['M0', 'PROVIDER_BACKUP_NOT_SUPPORTED', 'M0 free clusters have no Cloud Backup: on-demand snapshots need an M10 or larger cluster.'],
    ['SERVERLESS', 'FEATURE_UNSUPPORTED', 'Serverless instances do not support on-demand snapshots.'],
    ['M2', 'TENANT_CLUSTER_UPDATE_UNSUPPORTED', 'M2 clusters do not support on-demand snapshots: they take one snapshot a day. Use an M10 or larger cluster.'],
    ['FLEX', 'TENANT_CLUSTER_UPDATE_UNSUPPORTED', 'FLEX clusters do not support on-demand snapshots: they take one snapshot a day. Use an M10 or larger cluster.'],
  ])('rule 44: a %s cluster is refused with %s and says why', (tier, errorCode, message) => {
    const error = refusal(() => checkOnDemandRequest({tier, snapshots: []}))
    expect(error).toMatchObject({status: 400, errorCode})
    expect(error?.message).toBe(message)
  })

  it.each([[1], [2], [365]])('rule 41: a whole retention of %d days is accepted', (retentionInDays) => {
    expect(refusal(() => checkOnDemandRequest({tier: 'M10', retentionInDays, snapshots: []}))).toBeUndefined()
  })

  it.each([[0], [-1], [1.5], ['2'], [null], [Number.NaN]])('rule 41: the retention %j is refused, naming it', (retentionInDays) => {
    const error = refusal(() => checkOnDemandRequest({tier: 'M10', retentionInDays, snapshots: []}))
    expect(error).toMatchObject({status: 400, errorCode: 'BACKUP_SNAPSHOT_RETENTION_VALUE_INVALID', parameters: [retentionInDays]})
    expect(error?.message).toBe(`Invalid retentionInDays ${JSON.stringify(retentionInDays)}: use a whole number of days, 1 or more.`)
  })

  it('rule 40: a second unfinished on-demand snapshot is refused with a message saying to wait', () => {
    const error = refusal(() => checkOnDemandRequest({tier: 'M10', snapshots: [{snapshotType: 'onDemand', status: 'inProgress'}]}))
    expect(error).toMatchObject({status: 400, errorCode: 'UNFINISHED_ON_DEMAND_SNAPSHOT'})
    expect(error?.message).toBe('Another on-demand snapshot is queued or in progress: wait until it completes before taking another.')
  })
})

describe('modelled snapshot sizes', () => {
  const MIB = 1024 * 1024

  it('an incremental copy is at least 1 MiB, even when nothing changed', () => {
    expect(snapshotSizeBytes({kind: 'incremental', dataSizeBytes: 100 * MIB, hoursSincePrevious: 0})).toBe(MIB)
    expect(snapshotSizeBytes({kind: 'incremental', dataSizeBytes: 100 * MIB, hoursSincePrevious: -5})).toBe(MIB)
  })

  it('an incremental copy is 0.5 % of the data per hour, rounded to a byte, and never more than the data', () => {
    expect(snapshotSizeBytes({kind: 'incremental', dataSizeBytes: 1000 * MIB, hoursSincePrevious: 2})).toBe(Math.round(1000 * MIB * 0.01))
    expect(snapshotSizeBytes({kind: 'incremental', dataSizeBytes: MIB / 2, hoursSincePrevious: 1})).toBe(MIB / 2)
  })
})
