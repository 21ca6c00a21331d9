import {describe, expect, it} from 'vitest'

import {SERVERLESS_RESTORE_WINDOW_DAYS, checkSourceTier, checkTargetTier, pitWindowDays} from '../../../src/lib/restores/index.js'
import {GROUP, expectRefused, refusal, replicaSet, rsSnapshot, sharded} from './fixtures.js'

const fromTier = (tier: string, mongodVersion = '8.0.4') => rsSnapshot({sourceCluster: {name: 'source', groupId: GROUP, tier}, mongodVersion})

describe('rule 80: M0 has nothing to restore', () => {
  it('an M0 source is refused; an M10 source is accepted', () => {
    expectRefused(() => checkSourceTier({name: 'free', tier: 'M0'}, 'automated'), {rule: 80, field: 'clusterName', status: 400, errorCode: 'PROVIDER_BACKUP_NOT_SUPPORTED'})
    expect(refusal(() => checkSourceTier({name: 'source', tier: 'M10'}, 'download'))).toBeUndefined()
  })

  it('nothing restores into M0', () => {
    expectRefused(() => checkTargetTier(rsSnapshot(), replicaSet({tier: 'M0'})), {rule: 80, field: 'targetClusterName', status: 400, errorCode: 'PROVIDER_BACKUP_NOT_SUPPORTED'})
  })
})

describe('rule 81: M2/M5 (and rule 82: Flex, the same)', () => {
  it.each(['M2', 'M5', 'FLEX'])('an %s snapshot restores to a replica set, not to a sharded cluster', (tier) => {
    expect(refusal(() => checkTargetTier(fromTier(tier), replicaSet()))).toBeUndefined()
    expectRefused(() => checkTargetTier(fromTier(tier), sharded(2)), {rule: 81, field: 'targetClusterName', status: 400, errorCode: 'TENANT_RESTORE_INCOMPATIBLE_TOPOLOGY'})
  })

  it('a dedicated snapshot may go to a sharded cluster as far as tiers go', () => {
    expect(refusal(() => checkTargetTier(fromTier('M10'), sharded(2)))).toBeUndefined()
  })

  it.each(['M2', 'M5', 'FLEX'])('%s on MongoDB 5.0 takes a 4.4 snapshot, not a 4.2 one', (tier) => {
    expect(refusal(() => checkTargetTier(fromTier('M10', '4.4.29'), replicaSet({tier, mongoDBVersion: '5.0.0'})))).toBeUndefined()
    expectRefused(() => checkTargetTier(fromTier('M10', '4.2.24'), replicaSet({tier, mongoDBVersion: '5.0.0'})), {
      rule: 81,
      field: 'targetClusterName',
      status: 400,
      errorCode: 'TENANT_RESTORE_VERSION_MISMATCH',
    })
  })

  it('M5 on 6.0 takes 6.0 and 5.0 snapshots, not 4.4', () => {
    const target = replicaSet({tier: 'M5', mongoDBVersion: '6.0.3'})
    expect(refusal(() => checkTargetTier(fromTier('M10', '6.0.1'), target))).toBeUndefined()
    expect(refusal(() => checkTargetTier(fromTier('M10', '5.0.9'), target))).toBeUndefined()
    expectRefused(() => checkTargetTier(fromTier('M10', '4.4.29'), target), {rule: 81, field: 'targetClusterName', status: 400, errorCode: 'TENANT_RESTORE_VERSION_MISMATCH'})
  })

  it('before 5.0 the two-versions limit does not apply', () => {
    expect(refusal(() => checkTargetTier(fromTier('M10', '4.0.1'), replicaSet({tier: 'M2', mongoDBVersion: '4.4.0'})))).toBeUndefined()
  })

  it('an unknown version is left to Atlas', () => {
    expect(refusal(() => checkTargetTier(fromTier('M10', 'unknown'), replicaSet({tier: 'M2', mongoDBVersion: '5.0.0'})))).toBeUndefined()
    expect(refusal(() => checkTargetTier(rsSnapshot({mongodVersion: undefined}), replicaSet({tier: 'M2', mongoDBVersion: '5.0.0'})))).toBeUndefined()
  })

  it.each(['M2', 'M5'])('%s never takes a serverless snapshot', (tier) => {
    expectRefused(() => checkTargetTier(fromTier('SERVERLESS'), replicaSet({tier})), {rule: 81, field: 'targetClusterName', status: 400, errorCode: 'TENANT_RESTORE_INCOMPATIBLE_TOPOLOGY'})
  })
})

describe('rule 83: serverless', () => {
  it('a serverless snapshot restores to serverless or to a dedicated cluster', () => {
    expect(refusal(() => checkTargetTier(fromTier('SERVERLESS'), replicaSet({tier: 'SERVERLESS'})))).toBeUndefined()
    expect(refusal(() => checkTargetTier(fromTier('SERVERLESS'), replicaSet({tier: 'M10'})))).toBeUndefined()
  })

  it.each(['M2', 'M10', 'FLEX'])('a serverless instance takes no snapshot of an %s cluster', (tier) => {
    expectRefused(() => checkTargetTier(fromTier(tier), replicaSet({tier: 'SERVERLESS'})), {rule: 83, field: 'targetClusterName', status: 403, errorCode: 'CANNOT_RESTORE_TO_TARGET'})
  })

  it('nor one taken by Cloud Manager', () => {
    expectRefused(() => checkTargetTier(rsSnapshot({sourceCluster: {name: 'cm', groupId: GROUP, tier: 'SERVERLESS'}, fromCloudManager: true}), replicaSet({tier: 'SERVERLESS'})), {
      rule: 83,
      field: 'targetClusterName',
      status: 403,
      errorCode: 'CANNOT_RESTORE_TO_TARGET',
    })
  })

  it('offers no download', () => {
    expectRefused(() => checkSourceTier({name: 'sl', tier: 'SERVERLESS'}, 'download'), {rule: 83, field: 'deliveryType', status: 403, errorCode: 'FEATURE_UNSUPPORTED'})
    expect(refusal(() => checkSourceTier({name: 'sl', tier: 'SERVERLESS'}, 'pointInTime'))).toBeUndefined()
  })

  it('restores within 72 hours, whatever the schedule says', () => {
    expect(SERVERLESS_RESTORE_WINDOW_DAYS).toBe(3)
    expect(pitWindowDays('SERVERLESS', 7)).toBe(3)
    expect(pitWindowDays('M10', 7)).toBe(7)
  })
})
