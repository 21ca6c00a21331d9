import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'

import {afterAll, describe, expect, it} from 'vitest'

import type {ExportBucket, ExportJob, Paginated, Snapshot} from '../../src/lib/domain/types.js'
import {cleanupHomes, type CliResult} from '../helpers/cli.js'
import {json} from '../helpers/values.js'
import {cloudTarget, freezeAtScenarioStart, localTarget, normaliseLinks, type Target, type Step} from './targets.js'

/**
 * Issue 14's export story, on the local backend and on the cloud backend over `serve`: a bucket created, a snapshot
 * exported and watched, the export's files in the bucket's folder, the bucket's deletion refused while in use, and
 * auto-export exporting the monthly snapshot as the clock passes a month's end. The clock is frozen and moved only
 * by `local clock advance`, so both backends must print the same JSON; the last test compares them.
 */

const ROLE = '6a0b1c2d3e4f5a6b7c8d9e0f'
const transcripts = new Map<string, Step[]>()

afterAll(cleanupHomes)

/** The files an export job wrote under its bucket's folder (the emulator's stand-in for the S3 bucket). */
function exportedFiles(target: Target, job: ExportJob): {manifest: string; complete: string} {
  const dir = join(target.emulatorHome, 'export-buckets', 'aws', 'scenario-bucket', job.prefix!)
  return {manifest: join(dir, 'manifest.json'), complete: join(dir, '.complete')}
}

function story(name: string, makeTarget: () => Promise<Target>): void {
  describe.sequential(`export story: ${name}`, () => {
    let target: Target
    let bucketId = ''
    let snapshotId = ''
    let jobId = ''
    const transcript: Step[] = []
    transcripts.set(name, transcript)
    const record = (step: string, result: CliResult): CliResult => {
      transcript.push({step, code: result.code, stdout: normaliseLinks(result.stdout)})
      return result
    }
    const run = async (step: string, args: string[]): Promise<CliResult> => {
      const result = record(step, await target.backups(args))
      expect(result.code, result.stderr).toBe(0)
      return result
    }

    afterAll(async () => target?.stop())

    it('creates an AWS bucket and exports a completed snapshot of Cluster0 to it', async () => {
      target = await makeTarget()
      await freezeAtScenarioStart(target)
      const bucket = json<ExportBucket>(await run('buckets create', ['backups', 'exports', 'buckets', 'create', 'scenario-bucket', '--cloudProvider', 'AWS', '--iamRoleId', ROLE, '-o', 'json']))
      expect(bucket).toMatchObject({bucketName: 'scenario-bucket', cloudProvider: 'AWS', iamRoleId: ROLE})
      bucketId = bucket._id
      const snapshots = json<Paginated<Snapshot>>(await run('snapshots list', ['backups', 'snapshots', 'list', 'Cluster0', '-o', 'json']))
      snapshotId = snapshots.results.find((s) => s.status === 'completed')!.id
      const job = json<ExportJob>(await run('jobs create', ['backups', 'exports', 'jobs', 'create', '--clusterName', 'Cluster0', '--bucketId', bucketId, '--snapshotId', snapshotId, '--customData', 'team=sre', '-o', 'json']))
      expect(job).toMatchObject({exportBucketId: bucketId, snapshotId, state: 'Queued', customData: [{key: 'team', value: 'sre'}]})
      jobId = job.id
    })

    it('watches the export to Successful once the clock moves, and its files are in the bucket folder', async () => {
      expect((await target.admin(['clock', 'advance', '1m'])).code).toBe(0)
      expect((await run('jobs watch', ['backups', 'exports', 'jobs', 'watch', jobId, '--clusterName', 'Cluster0'])).stdout).toBe('Export completed.\n')
      const job = json<ExportJob>(await run('jobs describe', ['backups', 'exports', 'jobs', 'describe', '--clusterName', 'Cluster0', '--exportId', jobId, '-o', 'json']))
      expect(job).toMatchObject({id: jobId, state: 'Successful'})
      const files = exportedFiles(target, job)
      expect(JSON.parse(readFileSync(files.manifest, 'utf8'))).toMatchObject({snapshotId})
      expect(JSON.parse(readFileSync(files.complete, 'utf8'))).toMatchObject({customData: [{key: 'team', value: 'sre'}]})
    })

    it('refuses to delete the bucket while an export uses it, and keeps it', async () => {
      const refused = record('buckets delete', await target.backups(['backups', 'exports', 'buckets', 'delete', '--bucketId', bucketId, '--force']))
      expect(refused.code).toBe(1)
      expect(refused.stdout).toBe('')
      expect(refused.stderr).toContain('EXPORT_BUCKET_DELETE_FAILED_BUCKET_IN_USE')
      expect(json<ExportBucket>(await run('buckets describe', ['backups', 'exports', 'buckets', 'describe', '--bucketId', bucketId, '-o', 'json']))._id).toBe(bucketId)
    })

    it('auto-exports the monthly snapshot when the month ends', async () => {
      await run('schedule update', ['backups', 'schedule', 'update', '--clusterName', 'Cluster0', '--autoExport', '--exportBucketId', bucketId, '--exportFrequencyType', 'monthly', '-o', 'json'])
      expect((await target.admin(['clock', 'advance', '32d'])).code).toBe(0)
      const jobs = json<Paginated<ExportJob>>(await run('jobs list', ['backups', 'exports', 'jobs', 'list', 'Cluster0', '-o', 'json']))
      const auto = jobs.results.filter((j) => j.id !== jobId)
      expect(auto.length).toBeGreaterThanOrEqual(1)
      const monthly = json<Paginated<Snapshot>>(await run('snapshots list after', ['backups', 'snapshots', 'list', 'Cluster0', '--limit', '500', '-o', 'json']))
      const monthlyIds = new Set(monthly.results.filter((s) => s.frequencyType === 'monthly').map((s) => s.id))
      for (const j of auto) {
        expect(monthlyIds.has(j.snapshotId!), `auto-export of ${j.snapshotId}`).toBe(true)
        expect(j.state).toBe('Successful')
        expect(existsSync(exportedFiles(target, j).complete)).toBe(true)
      }
    })
  })
}

story('local', async () => localTarget())
story('cloud', cloudTarget)

describe('both backends', () => {
  it('print the same JSON at every step of the export story', () => {
    const local = transcripts.get('local')!
    const cloud = transcripts.get('cloud')!
    expect(local.length).toBe(10)
    expect(cloud.map((s) => s.step)).toEqual(local.map((s) => s.step))
    for (const [i, step] of local.entries()) expect(cloud[i]).toEqual(step)
  })
})
