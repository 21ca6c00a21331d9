import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {afterAll, describe, expect, it} from 'vitest'

import type {ClusterSummary} from '../../src/lib/backends/local/admin.js'
import {clusterIdFor, zoneIdOf} from '../../src/lib/backends/local/fleet.js'
import type {BackupSchedule, CopySetting, Paginated, ReplicaSetSnapshot} from '../../src/lib/domain/types.js'
import {cleanupHomes, makeHome, type CliResult} from '../helpers/cli.js'
import {json} from '../helpers/values.js'
import {cloudTarget, freezeAtScenarioStart, FROZEN_AT, localTarget, normaliseLinks, type Target} from './targets.js'

/**
 * Copies to other regions, as a user sees them (issue 13's acceptance, rules 33 and 60): set copy settings with
 * `backups schedule update --file`, advance a week, see the copies in copyRegions, remove one region without and one
 * with deleteCopiedBackups. Run on the local backend and on the cloud backend over `serve`; both print the same JSON.
 */

const transcripts = new Map<string, Array<{step: string; code: number | null; stdout: string}>>()

afterAll(cleanupHomes)

function scenario(name: string, makeTarget: () => Promise<Target>): void {
  describe.sequential(`copies scenario: ${name}`, () => {
    let target: Target
    let zoneId = ''
    const files = makeHome()
    const transcript: Array<{step: string; code: number | null; stdout: string}> = []
    transcripts.set(name, transcript)
    const run = async (step: string, args: string[]): Promise<CliResult> => {
      const result = await target.backups(args)
      transcript.push({step, code: result.code, stdout: normaliseLinks(result.stdout)})
      return result
    }
    const update = async (step: string, document: object): Promise<CliResult> => {
      const file = join(files, `${step.replaceAll(' ', '-')}.json`)
      writeFileSync(file, JSON.stringify(document))
      return run(step, ['backups', 'schedule', 'update', '--clusterName', 'Cluster0', '--file', file, '-o', 'json'])
    }
    const copiedThisWeek = async (step: string): Promise<Array<[string, string[]]>> => {
      const list = json<Paginated<ReplicaSetSnapshot>>(await run(step, ['backups', 'snapshots', 'list', 'Cluster0', '--limit', '500', '-o', 'json']))
      return list.results
        .filter((s) => s.createdAt! > FROZEN_AT && s.frequencyType !== 'hourly')
        .reverse()
        .map((s) => [s.frequencyType!, s.copyRegions!])
    }
    const setting = (regionName: string, frequencies: CopySetting['frequencies']): CopySetting => ({cloudProvider: 'AWS', regionName, zoneId, frequencies, shouldCopyOplogs: false})

    afterAll(async () => target?.stop())

    it('starts with the clock frozen, and finds the zone of Cluster0', async () => {
      target = await makeTarget()
      await freezeAtScenarioStart(target)
      const cluster = json<ClusterSummary[]>(await target.admin(['clusters', 'list', '-o', 'json'])).find((c) => c.name === 'Cluster0')!
      zoneId = zoneIdOf(clusterIdFor(cluster.projectId, 'Cluster0', Date.parse(cluster.createdAt)))
    })

    it('copies daily and weekly snapshots to US_WEST_2 and daily ones to EU_WEST_1', async () => {
      const result = await update('set copies', {copySettings: [setting('US_WEST_2', ['DAILY', 'WEEKLY']), setting('EU_WEST_1', ['DAILY'])]})
      expect(result.code, result.stderr).toBe(0)
      expect(json<BackupSchedule>(result).copySettings).toEqual([setting('US_WEST_2', ['DAILY', 'WEEKLY']), setting('EU_WEST_1', ['DAILY'])])
    })

    it('refuses a region that does not exist, and changes nothing', async () => {
      const result = await update('bad region', {copySettings: [setting('NOT_A_REGION', ['DAILY'])]})
      expect(result.code).not.toBe(0)
      expect(result.stderr).toContain('NOT_A_REGION')
    })

    it('a week later: each snapshot lists the regions its frequency is copied to (rule 33)', async () => {
      expect((await target.admin(['clock', 'advance', '7d'])).code).toBe(0)
      const copied = await copiedThisWeek('list after a week')
      expect(copied.filter(([f]) => f === 'daily')).toHaveLength(6)
      for (const [frequency, regions] of copied) expect(regions, frequency).toEqual(frequency === 'daily' ? ['US_WEST_2', 'EU_WEST_1'] : ['US_WEST_2'])
    })

    it('removing EU_WEST_1 keeps its copies (rule 60)', async () => {
      expect((await update('remove EU_WEST_1', {copySettings: [setting('US_WEST_2', ['DAILY', 'WEEKLY'])]})).code).toBe(0)
      const copied = await copiedThisWeek('list after removing EU_WEST_1')
      for (const [frequency, regions] of copied) expect(regions, frequency).toEqual(frequency === 'daily' ? ['US_WEST_2', 'EU_WEST_1'] : ['US_WEST_2'])
    })

    it('removing US_WEST_2 with deleteCopiedBackups deletes its copies (rule 60)', async () => {
      const result = await update('delete US_WEST_2', {copySettings: [], deleteCopiedBackups: [{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId}]})
      expect(result.code, result.stderr).toBe(0)
      const copied = await copiedThisWeek('list after deleting US_WEST_2')
      for (const [frequency, regions] of copied) expect(regions, frequency).toEqual(frequency === 'daily' ? ['EU_WEST_1'] : [])
    })
  })
}

scenario('local', async () => localTarget())
scenario('cloud', cloudTarget)

describe('both backends', () => {
  it('print the same JSON and exit codes at every step', () => {
    const local = transcripts.get('local')!
    const cloud = transcripts.get('cloud')!
    expect(local.length).toBe(7)
    expect(cloud.map((s) => s.step)).toEqual(local.map((s) => s.step))
    for (const [i, step] of local.entries()) expect({step: step.step, code: cloud[i]!.code, stdout: cloud[i]!.stdout}).toEqual(step)
  })
})
