import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {DAY_MS, HOUR_MS} from '../../src/lib/domain/time.js'
import type {Paginated, Snapshot} from '../../src/lib/domain/types.js'
import {cleanupHomes, expectFailure, frozenHome, runCli} from '../helpers/cli.js'
import {cloudTarget, localTarget, type Target} from '../scenario/targets.js'
import {isoText, json} from '../helpers/values.js'

afterAll(cleanupHomes)

// Tomorrow 12:00 UTC: ahead of the instant the emulator is seeded at, and the same for every run of the day.
const FROZEN_AT = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS + DAY_MS + 12 * HOUR_MS).toISOString().replace('.000Z', 'Z')

/** An emulator whose clock stands still at FROZEN_AT: frozen first, then set, so the instant is exact. */
async function frozenTarget(make: () => Promise<Target>): Promise<Target> {
  const target = await make()
  expect((await target.admin(['clock', 'freeze'])).code).toBe(0)
  expect((await target.admin(['clock', 'set', FROZEN_AT])).code).toBe(0)
  return target
}

/** A completed scheduled snapshot of Cluster0 created on day 1–28 of its month, so adding months needs no clamping. */
async function completedSnapshot(target: Target): Promise<Snapshot> {
  const page = json<Paginated<Snapshot>>(await target.backups(['backups', 'snapshots', 'list', 'Cluster0', '-o', 'json']))
  const snapshot = page.results.find((s) => s.status === 'completed' && s.createdAt !== undefined && new Date(s.createdAt).getUTCDate() <= 28)
  expect(snapshot).toBeDefined()
  return snapshot!
}

function describeExpiry(target: Target, id: string): Promise<string | undefined> {
  return target.backups(['backups', 'snapshots', 'describe', id, '--clusterName', 'Cluster0', '-o', 'json']).then((r) => json<Snapshot>(r).expiresAt)
}

for (const [name, make] of [
  ['local backend', async () => localTarget()],
  ['cloud backend over serve', cloudTarget],
] as const) {
  // Several CLI runs per test, over HTTP for the cloud backend: generous on a loaded machine.
  describe.sequential(`backups snapshots update: ${name}`, () => {
    let target: Target
    beforeAll(async () => {
      target = await frozenTarget(make)
    })
    afterAll(async () => target?.stop())

    it('counts the new retention from the snapshot creation and stores it (-o json is the API object)', async () => {
      const snapshot = await completedSnapshot(target)
      const created = Date.parse(snapshot.createdAt!)
      const result = await target.backups(['backups', 'snapshots', 'update', snapshot.id, '--clusterName', 'Cluster0', '--retentionValue', '10', '--retentionUnit', 'days', '-o', 'json'])
      const updated = json<Snapshot>(result)
      expect(updated).toMatchObject({id: snapshot.id, status: 'completed', createdAt: snapshot.createdAt, expiresAt: isoText(created + 10 * DAY_MS)})
      expect(await describeExpiry(target, snapshot.id)).toBe(isoText(created + 10 * DAY_MS))

      const months = await target.backups(['backups', 'snapshots', 'update', snapshot.id, '--clusterName', 'Cluster0', '--retentionValue', '3', '--retentionUnit', 'MONTHS', '-o', 'json'])
      const inThreeMonths = new Date(created)
      inThreeMonths.setUTCMonth(inThreeMonths.getUTCMonth() + 3)
      expect(json<Snapshot>(months).expiresAt).toBe(isoText(inThreeMonths.getTime()))
      expect(await describeExpiry(target, snapshot.id)).toBe(isoText(inThreeMonths.getTime()))
    })

    it('prints the snapshot as describe does by default', async () => {
      const snapshot = await completedSnapshot(target)
      const result = await target.backups(['backups', 'snapshot', 'update', snapshot.id, '--clusterName', 'Cluster0', '--retentionValue', '2', '--retentionUnit', 'weeks'])
      expect(result.code, result.stderr).toBe(0)
      const [header, row] = result.stdout.trimEnd().split('\n')
      expect(header).toMatch(/^ID\s+SNAPSHOT TYPE\s+TYPE\s+DESCRIPTION\s+EXPIRES AT$/)
      expect(row).toMatch(new RegExp(`^${snapshot.id}\\s+scheduled\\s+replicaSet\\s+${isoText(Date.parse(snapshot.createdAt!) + 14 * DAY_MS)}$`))
    })

    it('refuses a snapshot that is still queued, naming it and the cluster in the hint', async () => {
      const taken = json<Snapshot>(await target.backups(['backups', 'snapshots', 'create', 'Cluster0', '--desc', 'queued', '-o', 'json']))
      const result = await target.backups(['backups', 'snapshots', 'update', taken.id, '--clusterName', 'Cluster0', '--retentionValue', '5', '--retentionUnit', 'days'])
      expectFailure(result, 1, 'CANNOT_MODIFY_IN_PROGRESS_SNAPSHOT_RETENTION')
      expect(result.stderr).toContain(`\`atlas-backups backups snapshots watch ${taken.id} --clusterName Cluster0\``)
      expect(await describeExpiry(target, taken.id)).toBe(taken.expiresAt)
    })

    it('refuses a shared-tier snapshot: Atlas manages them', async () => {
      const page = json<Paginated<Snapshot>>(await target.backups(['backups', 'snapshots', 'list', 'Shared0', '-o', 'json']))
      const snapshot = page.results.find((s) => s.status === 'completed')!
      const result = await target.backups(['backups', 'snapshots', 'update', snapshot.id, '--clusterName', 'Shared0', '--retentionValue', '30', '--retentionUnit', 'days'])
      expectFailure(result, 1, 'TENANT_CLUSTER_UPDATE_UNSUPPORTED')
    })

    it('refuses an expiry past the year 9999 without changing anything', async () => {
      const snapshot = await completedSnapshot(target)
      const before = await describeExpiry(target, snapshot.id)
      const result = await target.backups(['backups', 'snapshots', 'update', snapshot.id, '--clusterName', 'Cluster0', '--retentionValue', '2000000000', '--retentionUnit', 'years'])
      expectFailure(result, 1, 'BACKUP_SNAPSHOT_RETENTION_VALUE_INVALID')
      expect(result.stderr.trim().split('\n')).toHaveLength(1)
      expect(await describeExpiry(target, snapshot.id)).toBe(before)
    })
  })
}

describe('backups snapshots update: flags are checked before anything is sent', () => {
  // Nothing listens on port 9: a command that sent a request would fail with a connection error, exit 1.
  const unreachable = {MONGODB_ATLAS_BASE_URL: 'http://127.0.0.1:9', MONGODB_ATLAS_PUBLIC_API_KEY: 'pub', MONGODB_ATLAS_PRIVATE_API_KEY: 'priv', MONGODB_ATLAS_PROJECT_ID: '0123456789abcdef01234567'}
  const id = '0123456789abcdef01234567'
  const cases: Array<[string[], string]> = [
    [['--retentionValue', '0', '--retentionUnit', 'days'], '--retentionValue must be a whole number from 1 to 2147483647, got "0"'],
    [['--retentionValue=-3', '--retentionUnit', 'days'], '--retentionValue must be a whole number'],
    [['--retentionValue', '1.5', '--retentionUnit', 'days'], '--retentionValue must be a whole number'],
    [['--retentionValue', 'ten', '--retentionUnit', 'days'], '--retentionValue must be a whole number'],
    [['--retentionValue', '2147483648', '--retentionUnit', 'days'], '--retentionValue must be a whole number'],
    [['--retentionValue', '3', '--retentionUnit', 'fortnights'], '--retentionUnit must be days, weeks, months or years, got "fortnights"'],
    [['--retentionValue', '3', '--retentionUnit', 'days', '-o', 'yaml'], 'unknown output format "yaml"'],
    [['--retentionUnit', 'days'], 'retentionValue'],
    [['--retentionValue', '3'], 'retentionUnit'],
  ]
  for (const [flags, message] of cases) {
    it(`${flags.join(' ')}: exit 2, one line`, async () => {
      const result = await runCli(['backups', 'snapshots', 'update', id, '--clusterName', 'Cluster0', ...flags], {env: unreachable})
      expectFailure(result, 2, message)
      expect(result.stderr.trim().split('\n')).toHaveLength(1)
    })
  }

  it('on the local backend, a bad value leaves the store as it was', async () => {
    const home = await frozenHome()
    const env = {MONGODB_ATLAS_SERVICE: 'local'}
    const list = (await runCli(['backups', 'snapshots', 'list', 'Cluster0', '-o', 'json'], {home, env})).stdout
    const first = (JSON.parse(list) as Paginated<Snapshot>).results[0]!
    expectFailure(await runCli(['backups', 'snapshots', 'update', first.id, '--clusterName', 'Cluster0', '--retentionValue', '0', '--retentionUnit', 'days'], {home, env}), 2, '--retentionValue')
    expect((await runCli(['backups', 'snapshots', 'list', 'Cluster0', '-o', 'json'], {home, env})).stdout).toBe(list)
  })
})
