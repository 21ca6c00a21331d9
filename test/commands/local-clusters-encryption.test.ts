import {afterAll, describe, expect, it} from 'vitest'

import type {ClusterUpdateResult} from '../../src/lib/backends/local/cluster-changes.js'
import {DEMO_PROJECT_ID, masterKeyUuid} from '../../src/lib/backends/local/fleet.js'
import {cleanupHomes, expectOneErrorLine, frozenHome, runCli, storeBytes} from '../helpers/cli.js'
import {json} from '../helpers/values.js'

afterAll(cleanupHomes)

const NOW = '2026-06-10T10:00:00Z'

describe('local clusters create|update --encryptionAtRestProvider', () => {
  it('creates an encrypted cluster, turns a key on for another, and refuses what cannot have one (exit 2, nothing changed)', async () => {
    const home = await frozenHome(NOW)
    const created = await runCli(['local', 'clusters', 'create', 'Vault0', '--tier', 'M30', '--encryptionAtRestProvider', 'AZURE'], {home})
    expect(created.code, created.stderr).toBe(0)
    const updated = json<ClusterUpdateResult>(await runCli(['local', 'clusters', 'update', 'Cluster0', '--encryptionAtRestProvider', 'GCP', '-o', 'json'], {home}))
    expect(updated.changes).toEqual([
      {setting: 'encryptionAtRestProvider', from: 'NONE', to: 'GCP', effects: [{kind: 'snapshotEncryption', detail: expect.stringContaining(masterKeyUuid(DEMO_PROJECT_ID, 'GCP'))}]},
    ])
    const before = storeBytes(home)
    expectOneErrorLine(await runCli(['local', 'clusters', 'create', 'Tiny0', '--tier', 'M5', '--encryptionAtRestProvider', 'AWS'], {home}), 2, /--encryptionAtRestProvider: M5 clusters have no encryption at rest/)
    expectOneErrorLine(await runCli(['local', 'clusters', 'update', 'Cluster0', '--encryptionAtRestProvider', 'IBM'], {home}), 2, /encryptionAtRestProvider/)
    expect(storeBytes(home).equals(before)).toBe(true)
  })
})
