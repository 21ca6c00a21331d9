import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {afterAll, describe, expect, it} from 'vitest'

import {DAY_MS} from '../../src/lib/domain/time.js'
import type {BackupSchedule, Paginated, ServerlessSnapshot, Snapshot} from '../../src/lib/domain/types.js'
import {cleanupHomes, makeHome, type CliResult} from '../helpers/cli.js'
import {json} from '../helpers/values.js'
import {oracleFirings} from '../unit/schedule/oracle.js'
import {cloudTarget, freezeAtScenarioStart, FROZEN_AT, localTarget, normaliseLinks, type Target} from './targets.js'

/**
 * The user-facing scenario of the backups commands, run once against the local backend and once against the cloud
 * backend talking to `serve` over real HTTP with digest auth. The clock is frozen at the same instant in both, so
 * both runs must print the same JSON; the last test compares them.
 */

const transcripts = new Map<string, Array<{step: string; code: number | null; stdout: string}>>()

afterAll(cleanupHomes)

function scenario(name: string, makeTarget: () => Promise<Target>): void {
  describe.sequential(`backups scenario: ${name}`, () => {
    let target: Target
    let snapshotId = ''
    const transcript: Array<{step: string; code: number | null; stdout: string}> = []
    transcripts.set(name, transcript)
    const run = async (step: string, args: string[]): Promise<CliResult> => {
      const result = await target.backups(args)
      transcript.push({step, code: result.code, stdout: normaliseLinks(result.stdout)})
      return result
    }

    afterAll(async () => target?.stop())

    it('starts with the clock frozen at a fixed instant', async () => {
      target = await makeTarget()
      await freezeAtScenarioStart(target)
    })

    it('describes the schedule of Cluster0', async () => {
      const result = await run('schedule describe', ['backups', 'schedule', 'describe', 'Cluster0', '-o', 'json'])
      expect(result.code).toBe(0)
      const schedule = json<BackupSchedule>(result)
      expect(schedule.clusterName).toBe('Cluster0')
      expect(schedule.policies[0]!.policyItems.map((i) => i.frequencyType)).toEqual(['hourly', 'daily', 'weekly', 'monthly'])
      expect(schedule.nextSnapshot).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    })

    it('creates an on-demand snapshot: queued, ondemand, expiring after its retention', async () => {
      const result = await run('snapshots create', ['backups', 'snapshots', 'create', 'Cluster0', '--desc', 'nightly', '--retention', '3', '-o', 'json'])
      expect(result.code).toBe(0)
      const snapshot = json<Snapshot>(result)
      expect(snapshot).toMatchObject({status: 'queued', snapshotType: 'onDemand', frequencyType: 'ondemand', description: 'nightly', policyItems: []})
      expect(snapshot.id).toMatch(/^[0-9a-f]{24}$/)
      expect(Date.parse(snapshot.expiresAt!) - Date.parse(FROZEN_AT)).toBe(3 * DAY_MS)
      snapshotId = snapshot.id
    })

    it('refuses a second on-demand snapshot while the first is queued', async () => {
      const result = await run('snapshots create again', ['backups', 'snapshots', 'create', 'Cluster0', '--desc', 'again'])
      expect(result.code).toBe(1)
      expect(result.stdout).toBe('')
      expect(result.stderr).toContain('UNFINISHED_ON_DEMAND_SNAPSHOT')
    })

    it('refuses to delete a queued snapshot, and without --force when there is no terminal', async () => {
      const queued = await run('delete queued', ['backups', 'snapshots', 'delete', snapshotId, '--clusterName', 'Cluster0', '--force'])
      expect(queued.code).toBe(1)
      expect(queued.stderr).toContain('CANNOT_DELETE_IN_PROGRESS_SNAPSHOT')
      const noForce = await run('delete without force', ['backups', 'snapshots', 'delete', snapshotId, '--clusterName', 'Cluster0'])
      expect(noForce.code).toBe(2)
      expect(noForce.stderr).toMatch(/--force/)
    })

    it('watches the snapshot to completion once the clock moves on', async () => {
      expect((await target.admin(['clock', 'advance', '1m'])).code).toBe(0)
      const result = await run('snapshots watch', ['backups', 'snapshots', 'watch', snapshotId, '--clusterName', 'Cluster0', '-o', 'json'])
      expect(result.code).toBe(0)
      const snapshot = json<Snapshot>(result)
      expect(snapshot.status).toBe('completed')
      expect(snapshot.createdAt).toBeDefined()
      expect(Date.parse(snapshot.expiresAt!) - Date.parse(snapshot.createdAt!)).toBe(3 * DAY_MS)
    })

    it('keeps it two weeks from its creation instead, and the new expiry is stored', async () => {
      const result = await run('snapshots update', ['backups', 'snapshots', 'update', snapshotId, '--clusterName', 'Cluster0', '--retentionValue', '2', '--retentionUnit', 'weeks', '-o', 'json'])
      expect(result.code).toBe(0)
      const updated = json<Snapshot>(result)
      expect(Date.parse(updated.expiresAt!) - Date.parse(updated.createdAt!)).toBe(14 * DAY_MS)
      const described = json<Snapshot>(await run('describe after update', ['backups', 'snapshots', 'describe', snapshotId, '--clusterName', 'Cluster0', '-o', 'json']))
      expect(described.expiresAt).toBe(updated.expiresAt)
    })

    it('lists and describes it', async () => {
      const list = json<Paginated<Snapshot>>(await run('snapshots list', ['backups', 'snapshots', 'list', 'Cluster0', '-o', 'json']))
      expect(list.results.some((s) => s.id === snapshotId)).toBe(true)
      expect(list.totalCount).toBe(list.results.length)
      const described = await run('snapshots describe', ['backups', 'snapshots', 'describe', snapshotId, '--clusterName', 'Cluster0', '-o', 'json'])
      expect(described.code).toBe(0)
      expect(json<Snapshot>(described)).toMatchObject({id: snapshotId, status: 'completed', storageSizeBytes: expect.any(Number)})
    })

    it('prints a table by default', async () => {
      const result = await run('snapshots list table', ['backups', 'snapshots', 'list', 'Cluster0'])
      expect(result.code).toBe(0)
      expect(result.stdout.split('\n')[0]).toMatch(/^ID\s+TYPE\s+STATUS\s+CREATED AT\s+EXPIRES AT/)
    })

    it('deletes it with --force; then it is gone', async () => {
      const deleted = await run('snapshots delete', ['backups', 'snapshots', 'delete', snapshotId, '--clusterName', 'Cluster0', '--force'])
      expect(deleted.code).toBe(0)
      expect(deleted.stdout).toContain(snapshotId)
      const gone = await run('describe deleted', ['backups', 'snapshots', 'describe', snapshotId, '--clusterName', 'Cluster0'])
      expect(gone.code).toBe(1)
      expect(gone.stderr).toContain('SNAPSHOT_NOT_FOUND')
    })

    it('lists the two snapshots a basic serverless instance keeps', async () => {
      const result = await run('serverless list', ['serverless', 'backups', 'snapshots', 'list', 'Serverless0', '-o', 'json'])
      expect(result.code).toBe(0)
      const list = json<Paginated<ServerlessSnapshot>>(result)
      expect(list.results).toHaveLength(2)
      const described = await run('serverless describe', ['serverless', 'backups', 'snapshots', 'describe', '--clusterName', 'Serverless0', '--snapshotId', list.results[0]!.id, '-o', 'json'])
      expect(json<ServerlessSnapshot>(described).id).toBe(list.results[0]!.id)
    })

    it('rejects an invalid policy file with every violation, exit 2, and changes nothing', async () => {
      const before = (await target.backups(['backups', 'schedule', 'describe', 'Cluster0', '-o', 'json'])).stdout
      const file = join(makeHome(), 'bad.json')
      writeFileSync(file, JSON.stringify({referenceHourOfDay: 25, referenceMinuteOfHour: 0, policies: [{policyItems: [{frequencyType: 'hourly', frequencyInterval: 5, retentionUnit: 'days', retentionValue: 2}, {frequencyType: 'weekly', frequencyInterval: 9, retentionUnit: 'days', retentionValue: 1}]}]}))
      const result = await run('schedule update invalid', ['backups', 'schedule', 'update', '--clusterName', 'Cluster0', '-f', file])
      expect(result.code).toBe(2)
      for (const code of ['INVALID_REFERENCE_HOUR_OF_DAY', 'INVALID_HOURLY_SNAPSHOT_INTERVAL_OR_RETENTION_PERIOD', 'INVALID_BACKUP_POLICY']) expect(result.stderr).toContain(code)
      expect(result.stderr).toContain('policies[0].policyItems[1].frequencyInterval')
      const after = (await target.backups(['backups', 'schedule', 'describe', 'Cluster0', '-o', 'json'])).stdout
      expect(after).toBe(before)
    })

    it('after 30 days holds exactly the scheduled snapshots the policy retains, with their expiry', async () => {
      expect((await target.admin(['clock', 'advance', '30d'])).code).toBe(0)
      const now = Date.parse(FROZEN_AT) + 60_000 + 30 * DAY_MS
      const schedule = json<BackupSchedule>(await target.backups(['backups', 'schedule', 'describe', 'Cluster0', '-o', 'json']))
      const list = json<Paginated<Snapshot>>(await run('list after 30d', ['backups', 'snapshots', 'list', 'Cluster0', '-o', 'json']))
      const items = schedule.policies[0]!.policyItems
      // The expectation comes from the naive hour-by-hour model of the rules, which shares no code with src/lib/schedule.
      const expected = oracleFirings(schedule, now - 400 * DAY_MS, now)
        .filter((f) => f.expiresAt > now)
        .map((f) => `${items[f.itemIndex]!.frequencyType} ${new Date(f.expiresAt).toISOString().replace('.000Z', 'Z')}`)
        .sort()
      const actual = list.results.filter((s) => s.snapshotType === 'scheduled').map((s) => `${s.frequencyType} ${s.expiresAt}`).sort()
      expect(actual).toEqual(expected)
      expect(list.results.every((s) => s.snapshotType === 'scheduled')).toBe(true)
    })

    it('keeps exactly the last 8 daily snapshots of a shared-tier cluster', async () => {
      const list = json<Paginated<Snapshot>>(await run('shared list', ['backups', 'snapshots', 'list', 'Shared0', '-o', 'json']))
      // An M2 cluster takes one snapshot a day and keeps each 8 days (backup-rules.md row 81). The clock stands 30
      // days past FROZEN_AT, itself after the seeding, and the demo clusters were created before the seeding: so the
      // window (now - 8 days, now] is all after the first snapshot and holds exactly 8 firings, one a day.
      const now = Date.parse(FROZEN_AT) + 60_000 + 30 * DAY_MS
      expect(list.totalCount).toBe(8)
      expect(list.results).toHaveLength(8)
      // A snapshot id is an ObjectId minted at the instant the snapshot fired.
      const firedAt = (id: string): number => Number.parseInt(id.slice(0, 8), 16) * 1000
      const fired = list.results.map((s) => firedAt(s.id)).sort((a, b) => a - b)
      for (let i = 1; i < fired.length; i++) expect(fired[i]! - fired[i - 1]!).toBe(DAY_MS)
      expect(fired[0]).toBeGreaterThan(now - 8 * DAY_MS)
      expect(fired[7]).toBeLessThanOrEqual(now)
      for (const s of list.results) expect(Date.parse(s.expiresAt!), s.id).toBe(firedAt(s.id) + 8 * DAY_MS)
    })

    it('refuses to delete a shared-tier snapshot, which Atlas manages, and keeps it', async () => {
      const before = json<Paginated<Snapshot>>(await run('shared list before delete', ['backups', 'snapshots', 'list', 'Shared0', '-o', 'json']))
      const id = before.results[0]!.id
      const result = await run('shared delete', ['backups', 'snapshots', 'delete', id, '--clusterName', 'Shared0', '--force'])
      expect(result.code).toBe(1)
      expect(result.stdout).toBe('')
      expect(result.stderr).toContain('TENANT_CLUSTER_UPDATE_UNSUPPORTED')
      expect(result.stderr).toContain('Shared0 is on the M2 tier')
      const after = json<Paginated<Snapshot>>(await run('shared list after delete', ['backups', 'snapshots', 'list', 'Shared0', '-o', 'json']))
      expect(after.results.map((s) => s.id)).toEqual(before.results.map((s) => s.id))
    })

    it('answers for the M0 cluster that it has no backup', async () => {
      const result = await run('free list', ['backups', 'snapshots', 'list', 'Free0'])
      expect(result.code).toBe(1)
      expect(result.stdout).toBe('')
      expect(result.stderr).toMatch(/M0/)
      expect(result.stderr).toContain('PROVIDER_BACKUP_NOT_SUPPORTED')
    })

    it('names an unknown cluster', async () => {
      const result = await run('unknown cluster', ['backups', 'snapshots', 'list', 'Nope0'])
      expect(result.code).toBe(1)
      expect(result.stderr).toContain('CLUSTER_NOT_FOUND')
      expect(result.stderr).toContain('Nope0')
    })
  })
}

scenario('local', async () => localTarget())
scenario('cloud', cloudTarget)

describe('both backends', () => {
  it('print the same JSON and exit codes at every step', () => {
    const local = transcripts.get('local')!
    const cloud = transcripts.get('cloud')!
    // Both scenarios must have run in full: two empty transcripts (a -t filter, an early failure) are not a match.
    expect(local.length).toBeGreaterThanOrEqual(15)
    expect(cloud.map((s) => s.step)).toEqual(local.map((s) => s.step))
    for (const [i, step] of local.entries()) expect({step: step.step, code: cloud[i]!.code, stdout: cloud[i]!.stdout}).toEqual(step)
  })
})
