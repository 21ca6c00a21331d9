import {describe, expect, it} from 'vitest'

import {checkVersions, mongoRelease} from '../../../src/lib/restores/index.js'
import {expectRefused, refusal, replicaSet, rsSnapshot, sharded, shardedSnapshot} from './fixtures.js'

const refused = {rule: 73, field: 'targetClusterName', status: 403, errorCode: 'CANNOT_RESTORE_TO_TARGET'}

describe('rule 73: versions', () => {
  it.each([
    ['8.1.0', '8.1.3', true],
    ['8.1.2', '8.1.0', true],
    ['8.1.0', '8.2.0', true],
    ['8.1.0', '8.0.9', false],
    ['8.0.4', '9.0.0', true],
    ['8.2.0', '9.0.0', true],
    ['8.0.4', '10.0.0', false],
    ['8.0.4', '7.0.12', false],
    ['7.0.12', '8.0.4', true],
    ['6.0.1', '8.0.4', false],
    ['4.4.29', '5.0.0', true],
    ['4.2.24', '4.4.0', true],
    ['4.2.24', '5.0.0', false],
    ['4.4.1', '4.4.0', true],
    ['4.4.0', '4.2.9', false],
    ['3.6.23', '4.0.0', true],
  ])('%s → %s: accepted %s', (from, to, accepted) => {
    const run = () => checkVersions(rsSnapshot({mongodVersion: from}), replicaSet({mongoDBVersion: to}))
    if (accepted) expect(refusal(run)).toBeUndefined()
    else expectRefused(run, refused)
  })

  it('a backup that pins an FCV goes only to that major version', () => {
    expect(refusal(() => checkVersions(rsSnapshot({mongodVersion: '8.0.4', fcv: '7.0'}), replicaSet({mongoDBVersion: '7.0.12'})))).toBeUndefined()
    expectRefused(() => checkVersions(rsSnapshot({mongodVersion: '8.0.4', fcv: '7.0'}), replicaSet({mongoDBVersion: '8.0.4'})), refused)
    expectRefused(() => checkVersions(rsSnapshot({mongodVersion: '7.0.4', fcv: '7.0'}), replicaSet({mongoDBVersion: '8.0.4'})), refused)
  })

  describe('a 7.0 sharded cluster of up to 3 shards into an 8.0 one with an embedded config server', () => {
    const snapshot = (shards: number) => shardedSnapshot(shards, {mongodVersion: '7.0.12'})
    const target = (shards: number, configServerType: 'EMBEDDED' | 'DEDICATED') => sharded(shards, {mongoDBVersion: '8.0.4', configServerType})

    it('is refused at 1 and at 3 shards', () => {
      expectRefused(() => checkVersions(snapshot(3), target(3, 'EMBEDDED')), refused)
      expectRefused(() => checkVersions(snapshot(1), target(1, 'EMBEDDED')), refused)
    })

    it('is accepted at 4 shards, or with dedicated config servers', () => {
      expect(refusal(() => checkVersions(snapshot(4), target(4, 'EMBEDDED')))).toBeUndefined()
      expect(refusal(() => checkVersions(snapshot(3), target(3, 'DEDICATED')))).toBeUndefined()
      expect(refusal(() => checkVersions(snapshot(3), target(3, undefined as unknown as 'DEDICATED')))).toBeUndefined()
    })

    it('is accepted from 7.0 to 7.0, or 8.0 to 8.0, with an embedded config server', () => {
      expect(refusal(() => checkVersions(snapshot(3), sharded(3, {mongoDBVersion: '7.0.12', configServerType: 'EMBEDDED'})))).toBeUndefined()
      expect(refusal(() => checkVersions(shardedSnapshot(3, {mongodVersion: '8.0.1'}), target(3, 'EMBEDDED')))).toBeUndefined()
    })

    it('replica sets on either side are not this rule (topology speaks for them)', () => {
      expect(refusal(() => checkVersions(rsSnapshot({mongodVersion: '7.0.12', shards: ['rs']}), target(1, 'EMBEDDED')))).toBeUndefined()
      expect(refusal(() => checkVersions(snapshot(1), replicaSet({mongoDBVersion: '8.0.4', configServerType: 'EMBEDDED'})))).toBeUndefined()
    })

    it('a 3-shard snapshot into a 4-shard cluster is not this rule', () => {
      expect(refusal(() => checkVersions(snapshot(3), target(4, 'EMBEDDED')))).toBeUndefined()
      expect(refusal(() => checkVersions(snapshot(4), target(3, 'EMBEDDED')))).toBeUndefined()
    })
  })

  it('an unknown version on either side is left to Atlas', () => {
    expect(refusal(() => checkVersions(rsSnapshot({mongodVersion: undefined}), replicaSet({mongoDBVersion: '4.0.0'})))).toBeUndefined()
    expect(refusal(() => checkVersions(rsSnapshot({mongodVersion: '8.0.4'}), replicaSet({mongoDBVersion: 'latest'})))).toBeUndefined()
  })

  it('reads releases: majors before 5.0 have two parts', () => {
    expect(mongoRelease('4.4.29')).toEqual({rank: 6, major: '4.4', minor: 0})
    expect(mongoRelease('5.0')).toEqual({rank: 7, major: '5', minor: 0})
    expect(mongoRelease(' 8.2.1 ')).toEqual({rank: 10, major: '8', minor: 2})
    expect(mongoRelease('8.10.1')).toEqual({rank: 10, major: '8', minor: 10})
    expect(mongoRelease('4.3.1')).toBeUndefined()
    expect(mongoRelease('v8.0.4')).toBeUndefined()
    expect(['3.0', '3.2', '3.4', '3.6', '4.0', '4.2', '4.4'].map((v) => mongoRelease(`${v}.1`)?.rank)).toEqual([0, 1, 2, 3, 4, 5, 6])
    expect(mongoRelease('eight')).toBeUndefined()
  })
})
