import {expect} from 'vitest'

import {AtlasApiError} from '../../../src/lib/domain/errors.js'
import {RestoreRuleError, type RestoreCluster, type RestoreSnapshot} from '../../../src/lib/restores/index.js'

export const GROUP = '6a793f6b2c88faeba59bae37'
export const OTHER_GROUP = '6a794320c0eb9e7a17728a63'
export const SNAPSHOT_ID = '6a79468a2c88faeba59de489'

export interface Refusal {
  rule?: number
  field?: string
  status: number
  errorCode: string
}

/** What a rule refused, or undefined when it accepted. */
export function refusal(run: () => unknown): Refusal | undefined {
  try {
    run()
    return undefined
  } catch (error) {
    if (error instanceof RestoreRuleError) return {rule: error.rule, field: error.field, status: error.status, errorCode: error.errorCode}
    if (error instanceof AtlasApiError) return {status: error.status, errorCode: error.errorCode}
    throw error
  }
}

/** Asserts a refusal by its rule, field, status and code, and that the error is in Atlas's envelope form. */
export function expectRefused(run: () => unknown, expected: Refusal): void {
  expect(refusal(run)).toEqual(expected)
  try {
    run()
  } catch (error) {
    const body = (error as AtlasApiError).toBody()
    expect(body).toMatchObject({error: expected.status, errorCode: expected.errorCode})
    expect(body.detail).toBeTruthy()
    expect(body.badRequestDetail).toBeUndefined()
  }
}

export function replicaSet(overrides: Partial<RestoreCluster> = {}): RestoreCluster {
  return {name: 'target', groupId: OTHER_GROUP, tier: 'M10', clusterType: 'REPLICASET', shards: ['target-shard-0'], mongoDBVersion: '8.0.4', ...overrides}
}

export function sharded(shardCount: number, overrides: Partial<RestoreCluster> = {}): RestoreCluster {
  const shards = Array.from({length: shardCount}, (_, i) => `target-shard-${i}`)
  return replicaSet({clusterType: 'SHARDED', shards, configServerType: 'DEDICATED', ...overrides})
}

export function rsSnapshot(overrides: Partial<RestoreSnapshot> = {}): RestoreSnapshot {
  return {
    id: SNAPSHOT_ID,
    status: 'completed',
    createdAt: Date.parse('2026-11-20T06:05:00Z'),
    type: 'replicaSet',
    shards: ['source-shard-0'],
    mongodVersion: '8.0.4',
    sourceCluster: {name: 'source', groupId: GROUP, tier: 'M10'},
    ...overrides,
  }
}

export function shardedSnapshot(shardCount: number, overrides: Partial<RestoreSnapshot> = {}): RestoreSnapshot {
  const shards = Array.from({length: shardCount}, (_, i) => `source-shard-${i}`)
  return rsSnapshot({type: 'shardedCluster', shards, configServerType: 'DEDICATED', ...overrides})
}
