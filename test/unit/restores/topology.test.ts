import {describe, expect, it} from 'vitest'

import {checkTopology, shardMapping} from '../../../src/lib/restores/index.js'
import {GROUP, expectRefused, replicaSet, rsSnapshot, sharded, shardedSnapshot} from './fixtures.js'

const refused = {rule: 72, field: 'targetClusterName', status: 403, errorCode: 'CANNOT_RESTORE_TO_TARGET'}

describe('rule 72: topology', () => {
  it('a replica-set snapshot goes to a replica set, one replica set to the other', () => {
    expect(checkTopology(rsSnapshot(), replicaSet())).toEqual([{source: 'source-shard-0', target: 'target-shard-0'}])
  })

  it('a sharded snapshot never goes to a replica set', () => {
    expectRefused(() => checkTopology(shardedSnapshot(1), replicaSet()), refused)
  })

  it('a replica-set snapshot does not go to a sharded cluster', () => {
    expectRefused(() => checkTopology(rsSnapshot(), sharded(1)), refused)
  })

  it('a sharded snapshot goes to a cluster with as many shards, shard N to shard N in configuration order', () => {
    expect(checkTopology(shardedSnapshot(3), sharded(3))).toEqual([
      {source: 'source-shard-0', target: 'target-shard-0'},
      {source: 'source-shard-1', target: 'target-shard-1'},
      {source: 'source-shard-2', target: 'target-shard-2'},
    ])
  })

  it.each([2, 4])('a 3-shard snapshot does not go to a cluster of %i shards', (shards) => {
    expectRefused(() => checkTopology(shardedSnapshot(3), sharded(shards)), refused)
  })

  it('the config-server type must match (a missing one counts as dedicated)', () => {
    expectRefused(() => checkTopology(shardedSnapshot(2, {configServerType: 'EMBEDDED'}), sharded(2, {configServerType: 'DEDICATED'})), refused)
    expectRefused(() => checkTopology(shardedSnapshot(2, {configServerType: 'DEDICATED'}), sharded(2, {configServerType: 'EMBEDDED'})), refused)
    expect(checkTopology(shardedSnapshot(2, {configServerType: 'EMBEDDED'}), sharded(2, {configServerType: 'EMBEDDED'}))).toHaveLength(2)
    expect(checkTopology(shardedSnapshot(2, {configServerType: undefined}), sharded(2, {configServerType: 'DEDICATED'}))).toHaveLength(2)
    expectRefused(() => checkTopology(shardedSnapshot(2, {configServerType: undefined}), sharded(2, {configServerType: 'EMBEDDED'})), refused)
    expect(checkTopology(shardedSnapshot(2, {configServerType: 'DEDICATED'}), sharded(2, {configServerType: undefined}))).toHaveLength(2)
    expectRefused(() => checkTopology(shardedSnapshot(2, {configServerType: 'EMBEDDED'}), sharded(2, {configServerType: undefined})), refused)
  })

  it('a replica set has no config servers to compare', () => {
    expect(checkTopology(rsSnapshot({configServerType: 'EMBEDDED'}), replicaSet({configServerType: 'DEDICATED'}))).toHaveLength(1)
  })

  it('Global Clusters: shard N to shard N in configuration order, whatever the names', () => {
    const snapshot = shardedSnapshot(2, {shards: ['emea', 'amer']})
    const target = sharded(2, {clusterType: 'GEOSHARDED', shards: ['zone-a', 'zone-b']})
    expect(checkTopology(snapshot, target)).toEqual([
      {source: 'emea', target: 'zone-a'},
      {source: 'amer', target: 'zone-b'},
    ])
    expect(shardMapping(['a'], ['b'])).toEqual([{source: 'a', target: 'b'}])
  })

  describe('a snapshot taken before shards were added or removed', () => {
    const changedAt = Date.parse('2026-11-21T00:00:00Z')
    const source = {name: 'target', groupId: '6a794320c0eb9e7a17728a63', tier: 'M30'}
    // Shards added, then removed again: the count matches, the data layout does not.
    const sameCluster = sharded(2, {shardsChangedAt: changedAt})

    it('cannot go back to that cluster', () => {
      expectRefused(() => checkTopology(shardedSnapshot(2, {sourceCluster: source, createdAt: changedAt - 1000}), sameCluster), refused)
    })

    it('can go to it when taken at or after the change', () => {
      expect(checkTopology(shardedSnapshot(2, {sourceCluster: source, createdAt: changedAt}), sameCluster)).toHaveLength(2)
    })

    it('a cluster whose shards never changed takes its own snapshots back', () => {
      expect(checkTopology(shardedSnapshot(2, {sourceCluster: source, createdAt: changedAt - 1000}), sharded(2))).toHaveLength(2)
      expect(checkTopology(shardedSnapshot(2, {sourceCluster: source, createdAt: undefined}), sameCluster)).toHaveLength(2)
    })

    it('can go to another cluster with the matching topology', () => {
      expect(checkTopology(shardedSnapshot(2, {sourceCluster: {...source, name: 'elsewhere'}, createdAt: changedAt - 1000}), sameCluster)).toHaveLength(2)
      expect(checkTopology(shardedSnapshot(2, {sourceCluster: {...source, groupId: GROUP}, createdAt: changedAt - 1000}), sameCluster)).toHaveLength(2)
    })
  })

  it("one shard's member snapshot cannot be restored on its own: AUTOMATED_RESTORE_OF_SHARD_NOT_ALLOWED 400", () => {
    expectRefused(() => checkTopology(rsSnapshot({shardMemberOf: '6a79468a2c88faeba59de400'}), replicaSet()), {
      rule: 72,
      field: 'snapshotId',
      status: 400,
      errorCode: 'AUTOMATED_RESTORE_OF_SHARD_NOT_ALLOWED',
    })
  })
})
