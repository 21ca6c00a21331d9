import {join} from 'node:path'

import Database from 'better-sqlite3'
import {afterAll, describe, expect, it} from 'vitest'

import type {Snapshot} from '../../src/lib/domain/types.js'
import {cleanupHomes, frozenHome, makeHome, runCli} from '../helpers/cli.js'

afterAll(cleanupHomes)

describe('snapshots on the local backend, in real time', () => {
  // How fast the ~12 s lifecycle runs is bench/'s to measure: a stopwatch here fails on a loaded machine. The run is
  // still bounded, by the kill timeout below.
  it('create then watch completes in real time, with status lines on stderr', async () => {
    const home = makeHome()
    const created = await runCli(['backups', 'snapshots', 'create', 'Cluster0', '--desc', 'nightly', '-o', 'json'], {home})
    expect(created.code).toBe(0)
    const {id} = JSON.parse(created.stdout) as Snapshot
    const watched = await runCli(['backups', 'snapshots', 'watch', id, '--clusterName', 'Cluster0'], {home, timeoutMs: 40_000})
    expect(watched.signal, 'watch was killed after 40 s').toBeNull()
    expect(watched.code, watched.stderr).toBe(0)
    expect(watched.stdout.trim()).toBe('Snapshot changes completed.')
    expect(watched.stderr).toMatch(/queued|inProgress/)
  })

  it('gives up after --timeout with exit code 124, naming the snapshot', async () => {
    const home = makeHome()
    const created = await runCli(['backups', 'snapshots', 'create', 'Cluster0', '--desc', 'slow', '-o', 'json'], {home})
    const {id} = JSON.parse(created.stdout) as Snapshot
    const watched = await runCli(['backups', 'snapshots', 'watch', id, '--clusterName', 'Cluster0', '--timeout', '1s', '--interval', '1s'], {home})
    expect(watched.code).toBe(124)
    expect(watched.stdout).toBe('')
    expect(watched.stderr).toContain(id)
  })

  it('with the clock frozen, 20 concurrent creates: one accepted, the others UNFINISHED_ON_DEMAND_SNAPSHOT; the store stays sound', async () => {
    const home = await frozenHome()
    // Twenty Node processes at once on a loaded two-core machine can take a minute to start: the limit only catches a hang.
    const results = await Promise.all(Array.from({length: 20}, (_, i) => runCli(['backups', 'snapshots', 'create', 'Cluster0', '--desc', `c${i}`, '-o', 'json'], {home, timeoutMs: 150_000})))
    const accepted = results.filter((r) => r.code === 0)
    const refused = results.filter((r) => r.code !== 0)
    expect(accepted).toHaveLength(1)
    expect(refused).toHaveLength(19)
    for (const r of refused) {
      expect(r.code).toBe(1)
      expect(r.stderr).toContain('UNFINISHED_ON_DEMAND_SNAPSHOT')
    }
    const db = new Database(join(home, 'local.db'), {readonly: true})
    try {
      expect(db.pragma('integrity_check', {simple: true})).toBe('ok')
    } finally {
      db.close()
    }
  }, 180_000)
})
