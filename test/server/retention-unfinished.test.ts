import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {startServer, type RunningServer} from '../../src/lib/server/index.js'
import {runCli} from '../helpers/cli.js'
import {call, CLUSTER0, tempHome} from './helpers.js'

let home: string
let server: RunningServer
/** The emulator's frozen clock when the snapshot is requested. */
let requestedAt: number

/** Runs a `local …` admin command on the served store; the server reads the same SQLite file. */
async function admin(args: string[]): Promise<string> {
  const result = await runCli(['local', ...args], {home})
  expect(result.code, result.stderr).toBe(0)
  return result.stdout
}

beforeAll(async () => {
  home = tempHome()
  requestedAt = Date.parse((JSON.parse(await admin(['clock', 'freeze', '-o', 'json'])) as {now: string}).now)
  // No healthy node in Cluster0: every snapshot taken from now on fails once its time is up.
  const nodes = JSON.parse(await admin(['nodes', 'list', '--clusterName', 'Cluster0', '-o', 'json'])) as Array<{hostname: string}>
  for (const node of nodes) await admin(['nodes', 'set-health', node.hostname, '--status', 'unhealthy'])
  server = await startServer({home, port: 0, log: () => {}})
})

afterAll(async () => {
  await server?.close()
})

describe('serve: the retention of a snapshot that has not completed', () => {
  it('is refused while queued, in progress and once failed, and the stored snapshot keeps its expiry', async () => {
    const taken = await call(server.url, `${CLUSTER0}/backup/snapshots`, {method: 'POST', body: JSON.stringify({description: 'doomed', retentionInDays: 3})})
    expect(taken.status).toBe(200)
    const path = `${CLUSTER0}/backup/snapshots/${taken.body.id}`
    const patch = JSON.stringify({retentionUnit: 'WEEKS', retentionValue: 2})

    // Frozen clock: queued now, in progress after the 3 s queue, failed after the 9 s copy (no healthy node). The
    // expiry is the request + 3 days until the snapshot ends, then its end (12 s later) + 3 days; never 2 weeks.
    const threeDays = 3 * 86_400_000
    const steps = [
      {status: 'queued', advance: undefined, expiresAt: requestedAt + threeDays},
      {status: 'inProgress', advance: '5s', expiresAt: requestedAt + threeDays},
      {status: 'failed', advance: '1m', expiresAt: requestedAt + 12_000 + threeDays},
    ]
    for (const {status, advance, expiresAt} of steps) {
      if (advance) await admin(['clock', 'advance', advance])
      const before = await call(server.url, path)
      expect(before.status).toBe(200)
      expect(before.body.status).toBe(status)
      const refused = await call(server.url, path, {method: 'PATCH', body: patch})
      expect(refused.status).toBe(400)
      expect(refused.body).toMatchObject({error: 400, errorCode: 'CANNOT_MODIFY_IN_PROGRESS_SNAPSHOT_RETENTION'})
      expect(refused.body.detail).toContain(`The snapshot is ${status}`)
      const after = await call(server.url, path)
      // Nothing stored changed: the expiry of a 3-day retention, and the same answer field for field.
      expect(Date.parse(after.body.expiresAt)).toBe(expiresAt)
      expect(after.body).toEqual(before.body)
    }
  })
})
