import {afterAll, describe, expect, it} from 'vitest'

import {DEMO_PROJECT_ID} from '../../src/lib/backends/local/fleet.js'
import {HOUR_MS, MINUTE_MS} from '../../src/lib/domain/time.js'
import type {Paginated, RestoreJob, Snapshot} from '../../src/lib/domain/types.js'
import {cleanupHomes, type CliResult} from '../helpers/cli.js'
import {isoText, json} from '../helpers/values.js'
import {tarGzEntries} from '../server/tarball.js'
import {cloudTarget, freezeAtScenarioStart, FROZEN_AT, localTarget, normaliseLinks, type Target, type Step} from './targets.js'

/**
 * The restore story of a user's worst day, run on the local backend and on the cloud backend talking to `serve`:
 * snapshot Cluster0, restore it into a second cluster and watch it, restore Cluster0 as it was an hour ago, download
 * a snapshot and fetch the archive over HTTP, cancel the download, list and describe the jobs. The clock is frozen
 * and moved only by `local clock advance`, so both runs must print the same JSON; the last test compares them.
 */

const transcripts = new Map<string, Step[]>()

afterAll(cleanupHomes)

const TARGET = 'Target0'

function story(name: string, makeTarget: () => Promise<Target>): void {
  describe.sequential(`restore story: ${name}`, () => {
    let target: Target
    let snapshotId = ''
    let automatedId = ''
    let downloadId = ''
    let deliveryUrl = ''
    const transcript: Step[] = []
    transcripts.set(name, transcript)
    const run = async (step: string, args: string[]): Promise<CliResult> => {
      const result = await target.backups(args)
      transcript.push({step, code: result.code, stdout: normaliseLinks(result.stdout)})
      return result
    }
    const describeJob = async (step: string, id: string): Promise<RestoreJob> =>
      json<RestoreJob>(await run(step, ['backups', 'restores', 'describe', id, '--clusterName', 'Cluster0', '-o', 'json']))
    /** The delivery URL's answer, in the transcript as the status, the type and the archive's manifest. */
    const fetchDelivery = async (step: string): Promise<{status: number; type: string | null; files: Map<string, Buffer>}> => {
      const response = await target.fetchDelivery(deliveryUrl)
      const body = Buffer.from(await response.arrayBuffer())
      const type = response.headers.get('content-type')
      const files = response.status === 200 ? await tarGzEntries(body) : new Map<string, Buffer>()
      transcript.push({step, code: response.status, stdout: `${type}\n${files.get('manifest.json')?.toString('utf8') ?? ''}`})
      return {status: response.status, type, files}
    }
    let now = 0
    const advance = async (by: string, ms: number): Promise<void> => {
      expect((await target.admin(['clock', 'advance', by])).code).toBe(0)
      now += ms
    }

    afterAll(async () => target?.stop())

    it('starts with the clock frozen and a second cluster to restore into', async () => {
      target = await makeTarget()
      await freezeAtScenarioStart(target)
      now = Date.parse(FROZEN_AT)
      const created = await target.admin(['clusters', 'create', TARGET, '-o', 'json'])
      expect(created.code, created.stderr).toBe(0)
    })

    it('takes an on-demand snapshot of Cluster0 and watches it complete', async () => {
      const created = json<Snapshot>(await run('snapshots create', ['backups', 'snapshots', 'create', 'Cluster0', '--desc', 'before the migration', '-o', 'json']))
      snapshotId = created.id
      await advance('1m', MINUTE_MS)
      const watched = json<Snapshot>(await run('snapshots watch', ['backups', 'snapshots', 'watch', snapshotId, '--clusterName', 'Cluster0', '-o', 'json']))
      expect(watched.status).toBe('completed')
    })

    const automated = ['backups', 'restores', 'start', 'automated', '--clusterName', 'Cluster0', '--targetClusterName', TARGET, '--targetProjectId', DEMO_PROJECT_ID]

    it('will not wipe the target without --force when there is no terminal, and sends nothing', async () => {
      const result = await run('automated without --force', [...automated, '--snapshotId', snapshotId])
      expect(result.code).toBe(2)
      expect(result.stdout).toBe('')
      expect(result.stderr).toContain(`cluster ${TARGET} of project ${DEMO_PROJECT_ID}`)
      expect(result.stderr).toContain('--force')
      const list = json<Paginated<RestoreJob>>(await run('list before any restore', ['backups', 'restores', 'list', 'Cluster0', '-o', 'json']))
      expect(list).toMatchObject({results: [], totalCount: 0})
    })

    it('restores the snapshot automated into the second cluster', async () => {
      const job = json<RestoreJob>(await run('start automated', [...automated, '--snapshotId', snapshotId, '--force', '-o', 'json']))
      expect(job).toMatchObject({deliveryType: 'automated', snapshotId, targetClusterName: TARGET, targetGroupId: DEMO_PROJECT_ID, cancelled: false, failed: false})
      expect(job.finishedAt).toBeUndefined()
      automatedId = job.id
    })

    it('refuses a second restore into the cluster while the first runs', async () => {
      const result = await run('second automated while running', [...automated, '--snapshotId', snapshotId, '--force'])
      expect(result.code).toBe(1)
      expect(result.stdout).toBe('')
      expect(result.stderr).toContain('ATLAS_CLUSTER_RESTORE_IN_PROGRESS')
    })

    it('watches the restore to completion once the clock moves on', async () => {
      await advance('1m', MINUTE_MS)
      const result = await run('watch automated', ['backups', 'restores', 'watch', automatedId, '--clusterName', 'Cluster0', '-o', 'json'])
      const job = json<RestoreJob>(result)
      expect(job.id).toBe(automatedId)
      expect(Date.parse(job.finishedAt!)).toBeLessThanOrEqual(now)
      expect(result.stderr).toContain('completed')
    })

    it('cannot cancel an automated restore', async () => {
      const result = await run('cancel automated', ['backups', 'restores', 'cancel', automatedId, '--clusterName', 'Cluster0'])
      expect(result.code).toBe(1)
      expect(result.stderr).toContain('CANNOT_CANCEL_AUTOMATED_RESTORE')
    })

    it('restores Cluster0 as it was one hour ago into the second cluster, and watches it', async () => {
      await advance('1h', HOUR_MS)
      const pointInTime = isoText(now - HOUR_MS)
      const started = json<RestoreJob>(
        await run('start pointInTime', ['backups', 'restores', 'start', 'pointInTime', '--clusterName', 'Cluster0', '--pointInTime', pointInTime, '--targetClusterName', TARGET, '--targetProjectId', DEMO_PROJECT_ID, '--force', '-o', 'json']),
      )
      expect(started).toMatchObject({deliveryType: 'pointInTime', targetClusterName: TARGET, pointInTimeUTCSeconds: Date.parse(pointInTime) / 1000})
      expect(started.desiredTimestamp).toMatchObject({date: pointInTime})
      await advance('1m', MINUTE_MS)
      const watched = json<RestoreJob>(await run('watch pointInTime', ['backups', 'restores', 'watch', started.id, '--clusterName', 'Cluster0', '-o', 'json']))
      expect(watched.finishedAt).toBeDefined()
    })

    it('starts a download, with no URL until it is ready, and only one per snapshot', async () => {
      const job = json<RestoreJob>(await run('start download', ['backups', 'restores', 'start', 'download', '--clusterName', 'Cluster0', '--snapshotId', snapshotId, '-o', 'json']))
      expect(job).toMatchObject({deliveryType: 'download', snapshotId, deliveryUrl: []})
      downloadId = job.id
      const again = await run('second download', ['backups', 'restores', 'start', 'download', '--clusterName', 'Cluster0', '--snapshotId', snapshotId])
      expect(again.code).toBe(1)
      expect(again.stderr).toContain('CANNOT_DOWNLOAD_SNAPSHOT_CONCURRENTLY')
    })

    it('fetches the archive at its delivery URL over HTTP once ready', async () => {
      await advance('1m', MINUTE_MS)
      const job = await describeJob('describe ready download', downloadId)
      expect(job.deliveryUrl).toHaveLength(1)
      deliveryUrl = job.deliveryUrl![0]!
      expect(normaliseLinks(deliveryUrl)).toBe(`http://ATLAS/local/downloads/${downloadId}/restore-${snapshotId}.tar.gz`)
      expect(Date.parse(job.expiresAt!)).toBeGreaterThan(now)
      const fetched = await fetchDelivery('fetch delivery URL')
      expect(fetched.status).toBe(200)
      expect(fetched.type).toBe('application/gzip')
      const manifest = JSON.parse(fetched.files.get('manifest.json')!.toString('utf8')) as Record<string, unknown>
      expect(manifest).toMatchObject({restoreJobId: downloadId, snapshotId, clusterName: 'Cluster0', groupId: DEMO_PROJECT_ID})
    })

    it('cancels the download; its URL then serves nothing', async () => {
      const cancelled = await run('cancel download', ['backups', 'restores', 'cancel', downloadId, '--clusterName', 'Cluster0'])
      expect(cancelled.code, cancelled.stderr).toBe(0)
      expect(cancelled.stdout).toContain(downloadId)
      expect(await describeJob('describe cancelled download', downloadId)).toMatchObject({cancelled: true})
      const fetched = await fetchDelivery('fetch cancelled delivery URL')
      expect(fetched.status).toBeGreaterThanOrEqual(400)
    })

    it('lists and describes the jobs, newest first', async () => {
      const list = json<Paginated<RestoreJob>>(await run('restores list', ['backups', 'restores', 'list', 'Cluster0', '--all', '-o', 'json']))
      expect(list.results.map((j) => j.deliveryType)).toEqual(['download', 'pointInTime', 'automated'])
      expect(list.totalCount).toBe(3)
      const table = await run('restores list table', ['backups', 'restores', 'list', 'Cluster0'])
      expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+SNAPSHOT\s+CLUSTER\s+TYPE\s+EXPIRES AT/)
      expect(await describeJob('describe automated', automatedId)).toEqual(list.results[2])
    })
  })
}

story('local', async () => localTarget())
story('cloud', cloudTarget)

describe('both backends', () => {
  it('print the same JSON, archives and exit codes at every step of the restore story', () => {
    const local = transcripts.get('local')!
    const cloud = transcripts.get('cloud')!
    // Both stories must have run in full: two empty transcripts (a -t filter, an early failure) are not a match.
    expect(local.length).toBeGreaterThanOrEqual(18)
    expect(cloud.map((s) => s.step)).toEqual(local.map((s) => s.step))
    for (const [i, step] of local.entries()) expect({step: step.step, code: cloud[i]!.code, stdout: cloud[i]!.stdout}).toEqual(step)
  })
})
