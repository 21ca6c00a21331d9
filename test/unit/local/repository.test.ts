import {describe, expect, test} from 'vitest'

import type {SnapshotRecord} from '../../../src/lib/backends/local/records.js'
import type {Repository} from '../../../src/lib/backends/local/repository.js'
import {newCluster} from '../../../src/lib/backends/local/seed.js'
import {DamagedRowError} from '../../../src/lib/backends/local/store.js'
import {GROUP, localWorld, START} from './harness.js'

/**
 * The SQL of the local backend (repository.ts), read back through the same store: which rows each statement touches,
 * at which boundary instants, in which order, and what a damaged row says.
 */

function record(id: string, requestedAt: number, expiresAt: number, over: Partial<SnapshotRecord> = {}): SnapshotRecord {
  return {
    id,
    snapshotType: 'onDemand',
    frequencyType: 'ondemand',
    requestedAt,
    startedAt: requestedAt + 3_000,
    finishesAt: requestedAt + 12_000,
    failed: false,
    retentionUnit: 'days',
    retentionValue: 1,
    expiresAt,
    mongodVersion: '8.0.29',
    cloudProvider: 'AWS',
    members: [],
    ...over,
  }
}

const ID = (n: number) => n.toString(16).padStart(24, '0')

/** A store with one empty project P holding clusters Alpha and Beta (M10), the demo world beside them. */
function withTwoClusters() {
  const world = localWorld()
  const P = 'cccccccccccccccccccccccc'
  const ids = world.backend.transact((s) => {
    s.repo.insertProject(P, 'P', START)
    const alpha = newCluster(P, {name: 'Alpha'}, START)
    const beta = newCluster(P, {name: 'Beta'}, START)
    s.repo.insertCluster(beta)
    s.repo.insertCluster(alpha)
    return {alpha: alpha.id, beta: beta.id}
  })
  const run = <T>(work: (repo: Repository) => T): T => world.backend.transact((s) => work(s.repo))
  return {world, P, ...ids, run}
}

describe('snapshots', () => {
  test('expiry deletes at expiresAt exactly, not before, and only that cluster\'s (rule 54)', () => {
    const {world, alpha, beta, run} = withTwoClusters()
    run((repo) => {
      repo.insertSnapshot(alpha, record(ID(1), START, START + 100))
      repo.insertSnapshot(alpha, record(ID(2), START, START + 101))
      repo.insertSnapshot(beta, record(ID(3), START, START + 50))
      expect(repo.deleteExpired(alpha, START + 100)).toBe(1)
      expect(repo.snapshotsOf(alpha).map((r) => r.id)).toEqual([ID(2)])
      expect(repo.countSnapshots(beta)).toBe(1)
    })
    return world.backend.close()
  })

  test('going back in time deletes what was requested after now, keeps what was requested at now', () => {
    const {world, alpha, beta, run} = withTwoClusters()
    run((repo) => {
      repo.insertSnapshot(alpha, record(ID(1), START, START + 1e9))
      repo.insertSnapshot(alpha, record(ID(2), START + 1, START + 1e9))
      repo.insertSnapshot(beta, record(ID(3), START + 1, START + 1e9))
      expect(repo.deleteLaterThan(alpha, START)).toBe(1)
      expect(repo.snapshotsOf(alpha).map((r) => r.id)).toEqual([ID(1)])
      expect(repo.countSnapshots(beta)).toBe(1)
    })
    return world.backend.close()
  })

  test('pages newest first, ties by id descending; limit and offset as asked', () => {
    const {world, alpha, run} = withTwoClusters()
    run((repo) => {
      repo.insertSnapshot(alpha, record(ID(1), START, START + 1e9))
      repo.insertSnapshot(alpha, record(ID(3), START, START + 1e9))
      repo.insertSnapshot(alpha, record(ID(2), START + 5, START + 1e9))
      repo.insertSnapshot(alpha, record(ID(4), START - 5, START + 1e9))
      expect(repo.snapshotsOf(alpha).map((r) => r.id)).toEqual([ID(2), ID(3), ID(1), ID(4)])
      expect(repo.pageOfSnapshots(alpha, 2, 1).map((r) => r.id)).toEqual([ID(3), ID(1)])
      expect(repo.countSnapshots(alpha)).toBe(4)
    })
    return world.backend.close()
  })

  test('insert replaces a snapshot with the same id; update and delete touch only the named cluster\'s row', () => {
    const {world, alpha, beta, run} = withTwoClusters()
    run((repo) => {
      repo.insertSnapshot(alpha, record(ID(1), START, START + 1e9))
      repo.insertSnapshot(alpha, record(ID(1), START, START + 2e9, {description: 'again'}))
      expect(repo.snapshotsOf(alpha)).toEqual([record(ID(1), START, START + 2e9, {description: 'again'})])
      // The same id under the other cluster is not that snapshot.
      repo.updateSnapshot(beta, record(ID(1), START, START + 5))
      repo.deleteSnapshot(beta, ID(1))
      expect(repo.findSnapshot(alpha, ID(1))?.expiresAt).toBe(START + 2e9)
      repo.updateSnapshot(alpha, record(ID(1), START, START + 7, {retentionEdited: true}))
      expect(repo.findSnapshot(alpha, ID(1))).toMatchObject({expiresAt: START + 7, retentionEdited: true})
      // The expiry column moved with the body: expiry at START + 7 deletes it.
      expect(repo.deleteExpired(alpha, START + 7)).toBe(1)
      expect(repo.findSnapshot(alpha, ID(1))).toBeUndefined()
      expect(repo.findSnapshot(beta, ID(1))).toBeUndefined()
    })
    return world.backend.close()
  })

  test('findSnapshotAnywhere names the cluster that holds the snapshot', () => {
    const {world, beta, run} = withTwoClusters()
    run((repo) => {
      repo.insertSnapshot(beta, record(ID(9), START, START + 1e9))
      expect(repo.findSnapshotAnywhere(ID(9))).toEqual({clusterId: beta, record: record(ID(9), START, START + 1e9)})
      expect(repo.findSnapshotAnywhere(ID(8))).toBeUndefined()
    })
    return world.backend.close()
  })
})

describe('clusters and projects', () => {
  test('clusters of one project by name; of all projects by project, then name', () => {
    const {world, P, run} = withTwoClusters()
    run((repo) => {
      expect(repo.clusters(P).map((c) => c.name)).toEqual(['Alpha', 'Beta'])
      const all = repo.clusters().map((c) => `${c.projectId}/${c.name}`)
      expect(all).toEqual([...all].sort())
      expect(all.filter((name) => name.startsWith(P))).toEqual([`${P}/Alpha`, `${P}/Beta`])
      expect(all).toContain(`${GROUP}/Cluster0`)
      expect(repo.projectExists(P)).toBe(true)
      expect(repo.projectExists('dddddddddddddddddddddddd')).toBe(false)
      expect(repo.projects()).toEqual([{id: GROUP, name: 'Demo Project'}, {id: P, name: 'P'}])
    })
    return world.backend.close()
  })

  test('a cluster reads back as stored; a tenant has no schedule; saving keeps spec, schedule, state and advance', () => {
    const {world, P, alpha, run} = withTwoClusters()
    run((repo) => {
      const read = repo.findCluster(P, 'Alpha')!
      expect(read).toEqual(newCluster(P, {name: 'Alpha'}, START))
      expect(repo.findCluster(P, 'Gamma')).toBeUndefined()
      expect(repo.findCluster(GROUP, 'Shared0')!.schedule).toBeUndefined()
      read.schedule = undefined
      read.state.sequence = 41
      read.advancedTo = START + 99
      read.spec.mongoDBVersion = '8.2.0'
      repo.saveCluster(read)
      expect(repo.findCluster(P, 'Alpha')).toEqual(read)
      expect(repo.findCluster(P, 'Alpha')!.id).toBe(alpha)
    })
    return world.backend.close()
  })

  test('deleting a cluster deletes its snapshots, not another cluster\'s (rule 55)', () => {
    const {world, P, alpha, beta, run} = withTwoClusters()
    run((repo) => {
      repo.insertSnapshot(alpha, record(ID(1), START, START + 1e9))
      repo.insertSnapshot(beta, record(ID(2), START, START + 1e9))
      repo.deleteCluster(alpha)
      expect(repo.findCluster(P, 'Alpha')).toBeUndefined()
      expect(repo.countSnapshots(alpha)).toBe(0)
      expect(repo.countSnapshots(beta)).toBe(1)
    })
    return world.backend.close()
  })
})

describe('damaged rows', () => {
  test.each([
    ['spec', 'the spec of cluster Alpha (clusters table) is not valid JSON'],
    ['schedule', 'the schedule of cluster Alpha (clusters table) is not valid JSON'],
    ['state', 'the state of cluster Alpha (clusters table) is not valid JSON'],
  ])('a cluster whose %s column is not JSON says which row and column', (column, where) => {
    const {world, P, alpha, run} = withTwoClusters()
    const error = run((repo) => {
      repo.db.prepare(`UPDATE clusters SET ${column} = '{' WHERE id = ?`).run(alpha)
      try {
        repo.findCluster(P, 'Alpha')
      } catch (caught) {
        return caught
      }
      return undefined
    })
    expect(error).toBeInstanceOf(DamagedRowError)
    expect((error as DamagedRowError).where).toBe(where)
    return world.backend.close()
  })

  test('a snapshot whose body is not JSON says which snapshot', () => {
    const {world, alpha, run} = withTwoClusters()
    const error = run((repo) => {
      repo.insertSnapshot(alpha, record(ID(1), START, START + 1e9))
      repo.db.prepare(`UPDATE snapshots SET body = 'x' WHERE id = ?`).run(ID(1))
      const caught: unknown[] = []
      for (const read of [() => repo.findSnapshot(alpha, ID(1)), () => repo.findSnapshotAnywhere(ID(1)), () => repo.snapshotsOf(alpha)]) {
        try {
          read()
        } catch (error) {
          caught.push(error)
        }
      }
      return caught
    })
    expect(error.map((e) => (e as DamagedRowError).where)).toEqual(Array(3).fill(`the body of snapshot ${ID(1)} (snapshots table) is not valid JSON`))
    return world.backend.close()
  })
})
