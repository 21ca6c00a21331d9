import {afterAll, describe, expect, it} from 'vitest'

import {DEMO_PROJECT_ID} from '../../src/lib/backends/local/fleet.js'
import {LocalBackend} from '../../src/lib/backends/local/local-backend.js'
import type {ReplicaSetSnapshot} from '../../src/lib/domain/types.js'
import {cleanupHomes, frozenHome, runCli} from '../helpers/cli.js'
import {json} from '../helpers/values.js'

afterAll(cleanupHomes)

const NOW = '2026-06-10T10:00:00Z'

/** Sets Cluster0's copy settings in-process: the schedule commands that take them are another piece of work. */
async function copyTo(home: string, ...regions: string[]): Promise<void> {
  const backend = new LocalBackend({home})
  try {
    const zoneId = (await backend.getCluster(DEMO_PROJECT_ID, 'Cluster0')).replicationSpecs![0]!.zoneId!
    await backend.updateSchedule(DEMO_PROJECT_ID, 'Cluster0', {
      copySettings: regions.map((regionName) => ({cloudProvider: 'AWS' as const, regionName, zoneId, frequencies: ['DAILY' as const], shouldCopyOplogs: true})),
    })
  } finally {
    await backend.close()
  }
}

describe('copies through the CLI on the local backend', () => {
  it('rule 61: local clusters update says how the copy settings were rewritten when the primary moves onto a copy target', async () => {
    const home = await frozenHome(NOW)
    await copyTo(home, 'US_WEST_2', 'EU_WEST_1')
    const moved = await runCli(['local', 'clusters', 'update', 'Cluster0', '--region', 'US_WEST_2'], {home})
    expect(moved.code, moved.stderr).toBe(0)
    expect(moved.stderr).toBe('')
    expect(moved.stdout).toContain('  region: US_EAST_1 -> US_WEST_2\n')
    expect(moved.stdout).toContain('    - US_WEST_2 was a copy target and is now the primary region: snapshots are copied from US_WEST_2 to US_EAST_1, EU_WEST_1 (rule 61)\n')
  })

  it('rule 33: a day later, backups snapshots list shows the daily snapshot copied to both regions', async () => {
    const home = await frozenHome(NOW)
    await copyTo(home, 'US_WEST_2', 'EU_WEST_1')
    expect((await runCli(['local', 'clock', 'advance', '1d'], {home})).code).toBe(0)
    const listed = json<{results: ReplicaSetSnapshot[]}>(await runCli(['backups', 'snapshots', 'list', 'Cluster0', '-o', 'json'], {home}))
    const copied = listed.results.filter((snapshot) => snapshot.copyRegions!.length > 0)
    expect(copied.map((snapshot) => [snapshot.frequencyType, snapshot.copyRegions])).toEqual([['daily', ['US_WEST_2', 'EU_WEST_1']]])
  })
})
