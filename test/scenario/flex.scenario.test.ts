import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {afterAll, describe, expect, it} from 'vitest'

import {DEMO_PROJECT_ID} from '../../src/lib/backends/local/fleet.js'
import {DAY_MS} from '../../src/lib/domain/time.js'
import type {FlexRestoreJob, FlexSnapshot, Paginated} from '../../src/lib/domain/types.js'
import {cleanupHomes, makeHome, type CliResult} from '../helpers/cli.js'
import {json} from '../helpers/values.js'
import {tarGzEntries} from '../server/tarball.js'
import {cloudTarget, freezeAtScenarioStart, localTarget, normaliseLinks, type Target, type Step} from './targets.js'

/**
 * Issue 14's Flex story, on the local backend and on the cloud backend over `serve`: a Flex cluster's daily
 * snapshots listed, described and watched, one downloaded as a .tgz, and a Flex restore watched to completion. The
 * clock is frozen and moved only by `local clock advance`, so both print the same JSON; the last test compares them.
 */

const transcripts = new Map<string, Step[]>()

afterAll(cleanupHomes)

function story(name: string, makeTarget: () => Promise<Target>): void {
  describe.sequential(`flex story: ${name}`, () => {
    let target: Target
    let snapshotId = ''
    let jobId = ''
    const folder = makeHome()
    const transcript: Step[] = []
    transcripts.set(name, transcript)
    const run = async (step: string, args: string[]): Promise<CliResult> => {
      const result = await target.backups(args)
      expect(result.code, result.stderr).toBe(0)
      transcript.push({step, code: result.code, stdout: normaliseLinks(result.stdout.replaceAll(folder, 'FOLDER'))})
      return result
    }

    afterAll(async () => target?.stop())

    it('creates a Flex cluster and lets three days pass', async () => {
      target = await makeTarget()
      await freezeAtScenarioStart(target)
      expect((await target.admin(['clusters', 'create', 'Flex0', '--tier', 'FLEX'])).code).toBe(0)
      expect((await target.admin(['clock', 'advance', '3d'])).code).toBe(0)
    })

    it('lists, describes and watches its snapshots on the Flex API (rule 82)', async () => {
      const page = json<Paginated<FlexSnapshot>>(await run('snapshots list', ['backups', 'snapshots', 'list', 'Flex0', '-o', 'json']))
      expect(page.results.length).toBeGreaterThanOrEqual(2)
      for (const s of page.results) expect(Date.parse(s.expiration!) - Date.parse(s.scheduledTime!)).toBe(8 * DAY_MS)
      snapshotId = page.results.find((s) => s.status === 'COMPLETED')!.id
      expect(json<FlexSnapshot>(await run('snapshots describe', ['backups', 'snapshots', 'describe', snapshotId, '--clusterName', 'Flex0', '-o', 'json']))).toEqual(page.results.find((s) => s.id === snapshotId))
      expect((await run('snapshots watch', ['backups', 'snapshots', 'watch', snapshotId, '--clusterName', 'Flex0'])).stdout).toBe('Snapshot changes completed.\n')
    })

    it('downloads one as a .tgz', async () => {
      const out = join(folder, 'flex0.tgz')
      await run('snapshots download', ['backups', 'snapshots', 'download', snapshotId, '--clusterName', 'Flex0', '--out', out, '-o', 'json'])
      const manifest = JSON.parse((await tarGzEntries(readFileSync(out))).get('manifest.json')!.toString('utf8')) as Record<string, unknown>
      expect(manifest).toMatchObject({snapshotId, clusterName: 'Flex0'})
    })

    it('restores it and watches the restore to completion', async () => {
      const started = json<FlexRestoreJob>(await run('restores start automated', ['backups', 'restores', 'start', 'automated', '--clusterName', 'Flex0', '--snapshotId', snapshotId, '--targetClusterName', 'Flex0', '--targetProjectId', DEMO_PROJECT_ID, '--force', '-o', 'json']))
      expect(started).toMatchObject({deliveryType: 'RESTORE', status: 'PENDING'})
      jobId = started.id
      expect((await target.admin(['clock', 'advance', '1m'])).code).toBe(0)
      const done = json<FlexRestoreJob>(await run('restores watch', ['backups', 'restores', 'watch', jobId, '--clusterName', 'Flex0', '-o', 'json']))
      expect(done).toMatchObject({id: jobId, status: 'COMPLETED'})
    })
  })
}

story('local', async () => localTarget())
story('cloud', cloudTarget)

describe('both backends', () => {
  it('print the same JSON at every step of the Flex story', () => {
    const local = transcripts.get('local')!
    const cloud = transcripts.get('cloud')!
    expect(local.length).toBe(6)
    expect(cloud.map((s) => s.step)).toEqual(local.map((s) => s.step))
    for (const [i, step] of local.entries()) expect(cloud[i]).toEqual(step)
  })
})
