import {afterAll, describe, expect, it} from 'vitest'

import type {Paginated, Snapshot} from '../../src/lib/domain/types.js'
import {cleanupHomes, frozenHome, runCli} from '../helpers/cli.js'
import {json} from '../helpers/values.js'

afterAll(cleanupHomes)

const LOCAL = {MONGODB_ATLAS_SERVICE: 'local'}

// Seed section "Backup Snapshot Storage Locations", end to end: the storage line reaches `local snapshots explain`.
describe('Backup Snapshot Storage Locations (local snapshots explain)', () => {
  it('explains where the demo M2 cluster\'s snapshot is stored, in text and JSON, on stdout only', async () => {
    const home = await frozenHome('2026-12-01T10:00:00Z')
    const list = await runCli(['backups', 'snapshots', 'list', 'Shared0', '-o', 'json'], {home, env: LOCAL})
    const id = json<Paginated<Snapshot>>(list.stdout).results[0]!.id
    const text = await runCli(['local', 'snapshots', 'explain', id], {home, env: LOCAL})
    expect([text.code, text.stderr]).toEqual([0, ''])
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe('Stored in USA: Atlas keeps the M2/M5 snapshots of clusters in the USA there (the cluster was in US_EAST_1)')
    const asJson = await runCli(['local', 'snapshots', 'explain', id, '-o', 'json'], {home, env: LOCAL})
    expect(json<{storageLocation: unknown}>(asJson.stdout).storageLocation).toEqual({location: 'USA', regionName: 'US_EAST_1', clusterLocation: 'USA'})
  })
})
