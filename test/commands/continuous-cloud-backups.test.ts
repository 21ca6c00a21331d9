import {afterAll, describe, expect, it} from 'vitest'

import {changeClock} from '../../src/lib/backends/local/admin.js'
import {freezeClockAt, setClock} from '../../src/lib/backends/local/clock.js'
import {updateCluster} from '../../src/lib/backends/local/cluster-changes.js'
import {DEMO_PROJECT_ID} from '../../src/lib/backends/local/fleet.js'
import {LocalBackend} from '../../src/lib/backends/local/local-backend.js'
import type {RestoreWindowReport} from '../../src/lib/cli/restore-window.js'
import {cleanupHomes, makeHome, runCli} from '../helpers/cli.js'
import {iso, json} from '../helpers/values.js'

afterAll(cleanupHomes)

const LOCAL = {MONGODB_ATLAS_SERVICE: 'local'}
const START = iso('2026-06-10T10:00:00Z')
const MOVE = iso('2026-06-11T10:00:00Z')
const NOW = iso('2026-06-12T10:00:00Z')

/**
 * The demo world with Cluster0 (continuous backup on, a 2-day window) moved from US_EAST_1 to EU_WEST_1 a day ago,
 * set up in-process so only the commands under test are spawned. Returns a snapshot taken before the move.
 */
async function movedHome(home: string): Promise<string> {
  let wall = START
  const backend = new LocalBackend({home, wallClock: () => wall})
  try {
    changeClock(backend, (state) => freezeClockAt(state, START))
    wall = MOVE
    changeClock(backend, (state, now) => setClock(state, MOVE, now))
    updateCluster(backend, DEMO_PROJECT_ID, 'Cluster0', {region: 'EU_WEST_1'})
    changeClock(backend, (state, now) => setClock(state, NOW, now))
    const snapshots = await backend.listSnapshots(DEMO_PROJECT_ID, 'Cluster0', {itemsPerPage: 500})
    return snapshots.results.find((s) => s.status === 'completed' && Date.parse(s.createdAt!) >= START && Date.parse(s.createdAt!) < MOVE)!.id
  } finally {
    await backend.close()
  }
}

// Seed section "Continuous Cloud Backups", end to end: where the oplog lives reaches the window and explain.
describe('Continuous Cloud Backups (backups restores window, local snapshots explain)', () => {
  it('shows the oplog in both regions during the overlap, in JSON and text, on stdout only', async () => {
    const home = makeHome()
    const snapshotId = await movedHome(home)
    const asJson = await runCli(['backups', 'restores', 'window', 'Cluster0', '-o', 'json'], {home, env: LOCAL})
    expect([asJson.code, asJson.stderr]).toEqual([0, ''])
    expect(json<RestoreWindowReport>(asJson.stdout).oplogRegions).toEqual([
      {regionName: 'US_EAST_1', from: '2026-06-10T10:00:00Z', to: '2026-06-11T10:00:00Z', deletedAt: '2026-06-13T10:00:00Z', movedTo: 'EU_WEST_1'},
      {regionName: 'EU_WEST_1', from: '2026-06-11T10:00:00Z', to: '2026-06-12T10:00:00Z'},
    ])

    const text = await runCli(['backups', 'restores', 'window', 'Cluster0'], {home, env: LOCAL})
    expect([text.code, text.stderr]).toEqual([0, ''])
    expect(text.stdout).toMatch(/^OPLOG IN +FROM +TO +DELETED AT\nUS_EAST_1 +2026-06-10T10:00:00Z +2026-06-11T10:00:00Z +2026-06-13T10:00:00Z\nEU_WEST_1 +2026-06-11T10:00:00Z +2026-06-12T10:00:00Z\n/m)

    const explained = await runCli(['local', 'snapshots', 'explain', snapshotId], {home, env: LOCAL})
    expect([explained.code, explained.stderr]).toEqual([0, ''])
    const lines = explained.stdout.trimEnd().split('\n')
    expect(lines.at(-3)).toMatch(/^Oplog after it, replayed by point-in-time restores from it \(Atlas keeps oplog on AWS S3/)
    expect(lines.at(-2)).toMatch(
      /^ {2}- US_EAST_1 from 2026-06-1\dT\d\d:\d\d:\d\dZ to 2026-06-11T10:00:00Z, kept there until 2026-06-13T10:00:00Z, when the oplog collected since the move to EU_WEST_1 spans the restore window$/,
    )
    expect(lines.at(-1)).toBe('  - EU_WEST_1 from 2026-06-11T10:00:00Z to 2026-06-12T10:00:00Z')
  })
})
