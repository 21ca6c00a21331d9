import {afterAll, describe, expect, it} from 'vitest'

import type {Paginated, ServerlessSnapshot, Snapshot} from '../../src/lib/domain/types.js'
import {DAY_MS, HOUR_MS} from '../../src/lib/domain/time.js'
import {cleanupHomes, expectFailure, frozenHome, makeHome, runCli, spawnCli} from '../helpers/cli.js'
import {json} from '../helpers/values.js'
import {cloudTarget} from '../scenario/targets.js'

afterAll(cleanupHomes)

/** With the clock frozen, an on-demand snapshot stays queued until the clock is moved. */
async function queuedSnapshot(home: string): Promise<string> {
  expect((await runCli(['local', 'clock', 'freeze'], {home})).code).toBe(0)
  const created = await runCli(['backups', 'snapshots', 'create', 'Cluster0', '--desc', 'w', '-o', 'json'], {home})
  expect(created.code).toBe(0)
  return json<Snapshot>(created.stdout).id
}

describe('backups snapshots watch', () => {
  it('exits 1 when the snapshot fails (no healthy node), with the statuses on stderr and nothing on stdout', async () => {
    const home = makeHome()
    const nodes = json<Array<{hostname: string}>>((await runCli(['local', 'nodes', 'list', '--clusterName', 'Cluster0', '-o', 'json'], {home})).stdout)
    for (const node of nodes) expect((await runCli(['local', 'nodes', 'set-health', node.hostname, '--status', 'unhealthy'], {home})).code).toBe(0)
    const id = await queuedSnapshot(home)
    expect((await runCli(['local', 'clock', 'advance', '1m'], {home})).code).toBe(0)
    const watched = await runCli(['backups', 'snapshots', 'watch', id, '--clusterName', 'Cluster0', '-o', 'json'], {home})
    expectFailure(watched, 1, `snapshot ${id}: failed`)
    expect(watched.stderr).toContain(`Error: snapshot ${id} failed`)
    expect(watched.stderr).not.toMatch(/\n\s+at /)
   })

  it('with the local clock frozen, says at once (one line) that the snapshot cannot finish and how to move the clock: exit 1', async () => {
    const home = makeHome()
    const id = await queuedSnapshot(home)
    const watched = await runCli(['backups', 'snapshots', 'watch', id, '--clusterName', 'Cluster0', '-o', 'json'], {home, env: {MONGODB_ATLAS_SERVICE: 'local'}})
    expectFailure(watched, 1, `Error: snapshot ${id} is queued and cannot finish: the local emulator's clock is frozen at `)
    expect(watched.stderr).toContain('`atlas-backups local clock advance 1m`')
    expect(watched.stderr).toContain('`atlas-backups local clock unfreeze`')
    expect(watched.stderr.trim().split('\n')).toHaveLength(1)
    // Once the clock moves, the same watch completes.
    expect((await runCli(['local', 'clock', 'advance', '1m'], {home})).code).toBe(0)
    const done = await runCli(['backups', 'snapshots', 'watch', id, '--clusterName', 'Cluster0'], {home})
    expect(done.code, done.stderr).toBe(0)
    expect(done.stdout.trim()).toBe('Snapshot changes completed.')
   })

  it('over the cloud backend (serve on a frozen emulator) it cannot tell: it waits, and Ctrl-C exits 130', async () => {
    const target = await cloudTarget()
    try {
      expect((await target.admin(['clock', 'freeze'])).code).toBe(0)
      const created = await target.backups(['backups', 'snapshots', 'create', 'Cluster0', '--desc', 'w', '-o', 'json'])
      expect(created.code, created.stderr).toBe(0)
      const id = json<Snapshot>(created.stdout).id
      const child = spawnCli(['backups', 'snapshots', 'watch', id, '--clusterName', 'Cluster0', '--interval', '1s'], target.home, target.env)
      let stdout = ''
      let stderr = ''
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
      let interrupting = false
      const code = await new Promise<number | null>((resolve) => {
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
          stderr += chunk
          // Interrupt a few polls after the first, as a person would: by then the watch has kept waiting.
          if (stderr.includes(': queued') && !interrupting) {
            interrupting = true
            setTimeout(() => child.kill('SIGINT'), 2500)
          }
        })
        child.on('close', (exitCode) => resolve(exitCode))
        setTimeout(() => child.kill('SIGKILL'), 40_000)
      })
      expect(code).toBe(130)
      expect(stdout).toBe('')
      expect(stderr).toContain(`snapshot ${id}: queued`)
      expect(stderr).not.toContain('frozen')
      expect(stderr).toContain('Interrupted')
    } finally {
      await target.stop()
    }
  })

  it('an unknown snapshot, a bad --interval or one under a second is an error, not a wait', async () => {
    const home = makeHome()
    const unknown = await runCli(['backups', 'snapshots', 'watch', '0123456789abcdef01234567', '--clusterName', 'Cluster0'], {home})
    expectFailure(unknown, 1, 'SNAPSHOT_NOT_FOUND')
    const badInterval = await runCli(['backups', 'snapshots', 'watch', '0123456789abcdef01234567', '--clusterName', 'Cluster0', '--interval', 'often'], {home})
    expect(badInterval.code).toBe(2)
    expect(badInterval.stdout).toBe('')
    expect(badInterval.stderr).toMatch(/--interval/)
    const id = await queuedSnapshot(home)
    expectFailure(await runCli(['backups', 'snapshots', 'watch', id, '--clusterName', 'Cluster0', '--interval', '0s'], {home}), 2, '--interval must be at least 1s')
  })
})

describe('serverless backups snapshots watch', () => {
  it('prints the completion line, or the snapshot with -o json', async () => {
    const home = makeHome()
    const list = json<Paginated<ServerlessSnapshot>>((await runCli(['serverless', 'backups', 'snapshots', 'list', 'Serverless0', '-o', 'json'], {home})).stdout)
    const id = list.results[0]!.id
    const watched = await runCli(['serverless', 'backups', 'snapshots', 'watch', '--clusterName', 'Serverless0', '--snapshotId', id], {home})
    expect(watched.code).toBe(0)
    expect(watched.stdout.trim()).toBe('Snapshot changes completed.')
    expect(watched.stderr).toContain(`snapshot ${id}: completed`)
    const asJson = await runCli(['serverless', 'backups', 'snapshots', 'watch', '--clusterName', 'Serverless0', '--snapshotId', id, '-o', 'json'], {home})
    expect(asJson.code).toBe(0)
    expect(json<ServerlessSnapshot>(asJson.stdout)).toMatchObject({id, status: 'completed', serverlessInstanceName: 'Serverless0'})
  })

  it('with the local clock frozen just after a 6-hourly firing, the new snapshot cannot finish: exit 1 at once, saying why', async () => {
    const justAfterNoon = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS + DAY_MS + 12 * HOUR_MS + 1000).toISOString().replace('.000Z', 'Z')
    const home = await frozenHome(justAfterNoon)
    const list = json<Paginated<ServerlessSnapshot>>((await runCli(['serverless', 'backups', 'snapshots', 'list', 'Serverless0', '-o', 'json'], {home})).stdout)
    const queued = list.results.find((s) => s.status === 'queued')
    expect(queued, JSON.stringify(list.results.map((s) => [s.status, s.createdAt]))).toBeDefined()
    const watched = await runCli(['serverless', 'backups', 'snapshots', 'watch', '--clusterName', 'Serverless0', '--snapshotId', queued!.id], {home, env: {MONGODB_ATLAS_SERVICE: 'local'}})
    expectFailure(watched, 1, `Error: snapshot ${queued!.id} is queued and cannot finish: the local emulator's clock is frozen at ${justAfterNoon}`)
    expect(watched.stderr).toContain('`atlas-backups local clock advance 1m`')
    expect(watched.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('an unknown or malformed snapshot ID, a cluster that is not serverless, and a missing --snapshotId fail clearly', async () => {
    const home = makeHome()
    const unknown = await runCli(['serverless', 'backups', 'snapshots', 'watch', '--clusterName', 'Serverless0', '--snapshotId', '0123456789abcdef01234567'], {home})
    expectFailure(unknown, 1, 'SNAPSHOT_NOT_FOUND')
    const malformed = await runCli(['serverless', 'backups', 'snapshots', 'watch', '--clusterName', 'Serverless0', '--snapshotId', 'nope'], {home})
    expectFailure(malformed, 1, 'Invalid snapshot ID nope: snapshot IDs are 24 hexadecimal characters (INVALID_SNAPSHOT_ID)')
    expect(malformed.stderr).toContain('`atlas-backups serverless backups snapshots list Serverless0`')
    const dedicated = await runCli(['serverless', 'backups', 'snapshots', 'watch', '--clusterName', 'Cluster0', '--snapshotId', '0123456789abcdef01234567'], {home})
    expectFailure(dedicated, 1, 'SERVERLESS_INSTANCE_NOT_FOUND')
    const missing = await runCli(['serverless', 'backups', 'snapshots', 'watch', '--clusterName', 'Serverless0'], {home})
    expectFailure(missing, 2, 'snapshotId')
  })
})
