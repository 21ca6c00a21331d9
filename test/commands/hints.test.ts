import {afterAll, describe, expect, it} from 'vitest'

import type {Snapshot} from '../../src/lib/domain/types.js'
import {cleanupHomes, expectFailure, frozenHome, runCli} from '../helpers/cli.js'

afterAll(cleanupHomes)

const env = {MONGODB_ATLAS_SERVICE: 'local'}

describe('error hints name the values the user gave, not placeholders', () => {
  it('a second on-demand snapshot, deleting a queued one, an unknown one, an unknown policy item', async () => {
    const home = await frozenHome()
    const first = await runCli(['backups', 'snapshots', 'create', 'Cluster0', '--desc', 'first', '-o', 'json'], {home, env})
    expect(first.code, first.stderr).toBe(0)
    const {id} = JSON.parse(first.stdout) as Snapshot

    const second = await runCli(['backups', 'snapshots', 'create', 'Cluster0', '--desc', 'second'], {home, env})
    expectFailure(second, 1, 'UNFINISHED_ON_DEMAND_SNAPSHOT')
    expect(second.stderr).toContain(`Wait for it with \`atlas-backups backups snapshots watch ${id} --clusterName Cluster0\``)

    const deleting = await runCli(['backups', 'snapshots', 'delete', id, '--clusterName', 'Cluster0', '--force'], {home, env})
    expectFailure(deleting, 1, 'CANNOT_DELETE_IN_PROGRESS_SNAPSHOT')
    expect(deleting.stderr).toContain(`\`atlas-backups backups snapshots watch ${id} --clusterName Cluster0\``)

    const unknown = await runCli(['backups', 'snapshots', 'describe', '0123456789abcdef01234567', '--clusterName', 'Sharded0'], {home, env})
    expectFailure(unknown, 1, 'SNAPSHOT_NOT_FOUND')
    expect(unknown.stderr).toContain('List the snapshots with `atlas-backups backups snapshots list Sharded0`.')

    const item = await runCli(['backups', 'schedule', 'update', '--clusterName', 'Cluster0', '--removePolicyItem', '0123456789abcdef01234567'], {home, env})
    expect(item.code).toBe(2)
    expect(item.stderr).toContain('`backups schedule describe Cluster0`')

    for (const result of [second, deleting, unknown, item]) expect(result.stderr).not.toMatch(/<(clusterName|cluster|snapshotId|name)>/)
   })
})
