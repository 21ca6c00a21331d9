import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {afterAll, describe, expect, it} from 'vitest'

import type {ClusterSummary} from '../../src/lib/backends/local/admin.js'
import {DEMO_PROJECT_ID} from '../../src/lib/backends/local/fleet.js'
import type {BackupSchedule, CompliancePolicy, Paginated, ReplicaSetSnapshot} from '../../src/lib/domain/types.js'
import {cleanupHomes, makeHome, type CliResult} from '../helpers/cli.js'
import {json} from '../helpers/values.js'
import {cloudTarget, freezeAtScenarioStart, FROZEN_AT, localTarget, normaliseLinks, type Target, type Step} from './targets.js'

/**
 * Issue 13's acceptance story, as an SRE protecting Cluster0 would live it through the CLI: copy its snapshots to other
 * regions with `schedule update --copyRegion`, a week later see the copies in copyRegions, add a region and remove
 * one keeping its copies and one deleting them; then set up a Backup Compliance Policy above Cluster0's own policy,
 * watch it become ACTIVE and Cluster0's schedule raised, and see every action the policy forbids (issue 13 §2)
 * refused with Atlas's error code, changing nothing. Run on the local backend and on the cloud backend over `serve`
 * with the clock frozen and moved only by `local clock advance`: both print the same JSON; the last test compares.
 */

const transcripts = new Map<string, Step[]>()

afterAll(cleanupHomes)

/** Above Cluster0's seeded policy (hourly kept 2 days, daily 7, restore window 2) and met by NVMe0's 12-hourly snapshots. */
const POLICY = {
  authorizedEmail: 'dba@example.com',
  authorizedUserFirstName: 'Dana',
  authorizedUserLastName: 'Admin',
  copyProtectionEnabled: true,
  encryptionAtRestEnabled: false,
  pitEnabled: true,
  restoreWindowDays: 3,
  onDemandPolicyItem: {frequencyInterval: 0, frequencyType: 'ondemand', retentionUnit: 'days', retentionValue: 3},
  scheduledPolicyItems: [
    {frequencyInterval: 12, frequencyType: 'hourly', retentionUnit: 'days', retentionValue: 3},
    {frequencyInterval: 1, frequencyType: 'daily', retentionUnit: 'days', retentionValue: 14},
  ],
}

type Copied = Array<{id: string; kind: string; createdAt: string; copyRegions: string[]}>

function story(name: string, makeTarget: () => Promise<Target>): void {
  describe.sequential(`protection story: ${name}`, () => {
    let target: Target
    const files = makeHome()
    const transcript: Step[] = []
    transcripts.set(name, transcript)
    const record = (step: string, result: CliResult): CliResult => {
      transcript.push({step, code: result.code, stdout: normaliseLinks(result.stdout), ...(result.code === 0 ? {} : {stderr: result.stderr})})
      return result
    }
    const run = async (step: string, args: string[]): Promise<CliResult> => record(step, await target.backups(args))
    const admin = async (step: string, args: string[]): Promise<CliResult> => record(step, await target.admin(args))
    const advance = async (by: string): Promise<void> => {
      const moved = await target.admin(['clock', 'advance', by])
      expect(moved.code, moved.stderr).toBe(0)
    }
    const updateSchedule = async (step: string, flags: string[]): Promise<BackupSchedule> =>
      json<BackupSchedule>(await run(step, ['backups', 'schedule', 'update', '--clusterName', 'Cluster0', ...flags, '-o', 'json']))
    const describeSchedule = async (step: string): Promise<BackupSchedule> => json<BackupSchedule>(await run(step, ['backups', 'schedule', 'describe', 'Cluster0', '-o', 'json']))
    /**
     * Every snapshot of Cluster0, oldest first: its kind (on-demand or its frequency), when it was taken (empty while
     * it is queued) and the regions it is copied to.
     */
    const snapshots = async (step: string): Promise<Copied> => {
      const list = json<Paginated<ReplicaSetSnapshot>>(await run(step, ['backups', 'snapshots', 'list', 'Cluster0', '--limit', '500', '-o', 'json']))
      return list.results
        .map((s) => ({id: s.id, kind: s.snapshotType === 'onDemand' ? 'onDemand' : s.frequencyType!, createdAt: s.createdAt ?? '', copyRegions: s.copyRegions ?? []}))
        .reverse()
    }
    /** The forbidden action fails with the code on stderr, prints nothing on stdout, and shows no stack trace. */
    const refused = (result: CliResult, errorCode: string): void => {
      expect(result.code, result.stderr).not.toBe(0)
      expect(result.stdout).toBe('')
      expect(result.stderr).toContain(errorCode)
      expect(result.stderr).not.toMatch(/\n\s+at /)
    }
    let weekLater = ''
    let twoRegions: Copied = []
    let beforePolicy: BackupSchedule | undefined
    let before: {schedule: BackupSchedule; snapshots: Copied} | undefined

    afterAll(async () => target?.stop())

    it('starts with the clock frozen', async () => {
      target = await makeTarget()
      await freezeAtScenarioStart(target)
    })

    it('copies Cluster0\'s daily and on-demand snapshots to US_WEST_2 (schedule update --copyRegion)', async () => {
      const schedule = await updateSchedule('copy to US_WEST_2', ['--copyRegion', 'US_WEST_2:daily,ondemand'])
      expect(schedule.copySettings).toEqual([expect.objectContaining({cloudProvider: 'AWS', regionName: 'US_WEST_2', frequencies: ['DAILY', 'ON_DEMAND'], shouldCopyOplogs: false})])
      const onDemand = json<ReplicaSetSnapshot>(await run('on-demand snapshot', ['backups', 'snapshots', 'create', 'Cluster0', '--desc', 'before the release', '--retention', '7', '-o', 'json']))
      expect(onDemand.snapshotType).toBe('onDemand')
    })

    it('a week later: the daily and on-demand snapshots taken since are copied to US_WEST_2, older ones and hourly ones are not (rule 33)', async () => {
      await advance('7d')
      const all = await snapshots('list after a week')
      const since = all.filter((s) => s.createdAt > FROZEN_AT)
      // Seven days at 18:00, less the ones rule 33 counts as weekly or monthly.
      expect(since.filter((s) => s.kind === 'daily').length).toBeGreaterThanOrEqual(5)
      expect(since.filter((s) => s.kind === 'onDemand')).toHaveLength(1)
      for (const s of all) {
        const copied = s.createdAt > FROZEN_AT && (s.kind === 'daily' || s.kind === 'onDemand')
        expect(s.copyRegions, `${s.kind} snapshot of ${s.createdAt}`).toEqual(copied ? ['US_WEST_2'] : [])
      }
      // The weekly and monthly snapshots from before the copy settings are still kept, and were never copied.
      expect(all.some((s) => s.createdAt !== '' && s.createdAt < FROZEN_AT)).toBe(true)
      weekLater = since.map((s) => s.createdAt).sort().at(-1)!
    })

    it('adds EU_WEST_1 for daily snapshots: those taken from then on are copied to both regions', async () => {
      const schedule = await updateSchedule('add EU_WEST_1', ['--copyRegion', 'EU_WEST_1:daily'])
      expect(schedule.copySettings!.map((c) => [c.regionName, c.frequencies])).toEqual([
        ['US_WEST_2', ['DAILY', 'ON_DEMAND']],
        ['EU_WEST_1', ['DAILY']],
      ])
      // Three days: at least one of the three 18:00 snapshots is a daily one, whatever day the scenario starts.
      await advance('3d')
      twoRegions = await snapshots('list with two regions')
      const taken = twoRegions.filter((s) => s.kind !== 'hourly' && s.createdAt > weekLater)
      expect(taken).toHaveLength(3)
      expect(taken.some((s) => s.kind === 'daily')).toBe(true)
      for (const s of taken) expect(s.copyRegions, s.kind).toEqual(s.kind === 'daily' ? ['US_WEST_2', 'EU_WEST_1'] : [])
    })

    it('removes US_WEST_2 without deleteCopiedBackups: its copies stay until they expire (rule 60)', async () => {
      const schedule = await updateSchedule('remove US_WEST_2', ['--removeCopyRegion', 'US_WEST_2'])
      expect(schedule.copySettings!.map((c) => c.regionName)).toEqual(['EU_WEST_1'])
      // The clock has not moved: the same snapshots, each with the same copies.
      const after = await snapshots('list after removing US_WEST_2')
      expect(after).toEqual(twoRegions)
      expect(after.some((s) => s.copyRegions.includes('US_WEST_2'))).toBe(true)
    })

    it('removes EU_WEST_1 with deleteCopiedBackups: its copies are gone, US_WEST_2\'s stay (rule 60)', async () => {
      const schedule = await updateSchedule('remove EU_WEST_1 deleting its copies', ['--removeCopyRegion', 'EU_WEST_1', '--deleteCopiedBackups', '--force'])
      expect(schedule.copySettings).toEqual([])
      const after = await snapshots('list after deleting EU_WEST_1')
      expect(after).toEqual(twoRegions.map((s) => ({...s, copyRegions: s.copyRegions.filter((r) => r !== 'EU_WEST_1')})))
      expect(after.some((s) => s.copyRegions.includes('US_WEST_2'))).toBe(true)
    })

    it('copies to US_WEST_2 again, so that copy protection has copies to protect', async () => {
      beforePolicy = await updateSchedule('copy to US_WEST_2 again', ['--copyRegion', 'US_WEST_2:daily'])
      await advance('1d')
      const latestDaily = (await snapshots('list a day later')).filter((s) => s.kind === 'daily').at(-1)!
      expect(latestDaily.copyRegions).toEqual(['US_WEST_2'])
    })

    it('sets up a compliance policy above Cluster0\'s policy: ENABLING, then ACTIVE, and Cluster0\'s schedule raised to it (rule 88)', async () => {
      const items = beforePolicy!.policies![0]!.policyItems
      expect(items.find((i) => i.frequencyType === 'hourly')).toMatchObject({frequencyInterval: 6, retentionValue: 2, retentionUnit: 'days'})
      expect(items.find((i) => i.frequencyType === 'daily')).toMatchObject({retentionValue: 7, retentionUnit: 'days'})
      expect(beforePolicy!.restoreWindowDays).toBe(2)
      const file = join(files, 'policy.json')
      writeFileSync(file, JSON.stringify(POLICY))
      const setUp = json<CompliancePolicy>(await run('compliancePolicy setup', ['backups', 'compliancePolicy', 'setup', '-f', file, '--force', '-o', 'json']))
      expect(setUp).toMatchObject({state: 'ENABLING', copyProtectionEnabled: true, pitEnabled: true, restoreWindowDays: 3, deletable: false})
      await advance('1m')
      const active = json<CompliancePolicy>(await run('compliancePolicy describe', ['backups', 'compliancePolicy', 'describe', '-o', 'json']))
      expect(active).toMatchObject({state: 'ACTIVE', onDemandPolicyItem: {frequencyType: 'ondemand', retentionValue: 3}})
      const raised = await describeSchedule('schedule raised by the policy')
      const raisedItems = raised.policies![0]!.policyItems
      // The hourly item keeps its own 6 hours (more often than the policy's 12) and is kept as long as the policy asks.
      expect(raisedItems.find((i) => i.frequencyType === 'hourly')).toMatchObject({frequencyInterval: 6, retentionValue: 3, retentionUnit: 'days'})
      expect(raisedItems.find((i) => i.frequencyType === 'daily')).toMatchObject({retentionValue: 14, retentionUnit: 'days'})
      expect(raised.restoreWindowDays).toBe(3)
      // What the policy does not touch stays: the weekly and monthly items, and the copy settings.
      expect(raisedItems.filter((i) => i.frequencyType === 'weekly' || i.frequencyType === 'monthly')).toEqual(items.filter((i) => i.frequencyType === 'weekly' || i.frequencyType === 'monthly'))
      expect(raised.copySettings).toEqual(beforePolicy!.copySettings)
      before = {schedule: raised, snapshots: await snapshots('snapshots under the policy')}
    })

    it('refuses deleting a snapshot (CANNOT_DELETE_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY)', async () => {
      const daily = before!.snapshots.filter((s) => s.kind === 'daily').at(-1)!
      refused(await run('delete a snapshot', ['backups', 'snapshots', 'delete', daily.id, '--clusterName', 'Cluster0', '--force']), 'CANNOT_DELETE_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY')
    })

    it('refuses lowering a snapshot\'s retention (CANNOT_DECREASE_SNAPSHOT_RETENTION_WITH_BACKUP_COMPLIANCE_POLICY)', async () => {
      const daily = before!.snapshots.filter((s) => s.kind === 'daily').at(-1)!
      const result = await run('lower a snapshot retention', ['backups', 'snapshots', 'update', daily.id, '--clusterName', 'Cluster0', '--retentionValue', '1', '--retentionUnit', 'days'])
      refused(result, 'CANNOT_DECREASE_SNAPSHOT_RETENTION_WITH_BACKUP_COMPLIANCE_POLICY')
    })

    it('refuses an on-demand snapshot kept less than the policy\'s on-demand item (SNAPSHOT_RETENTION_LESS_THAN_BACKUP_COMPLIANCE_POLICY)', async () => {
      const result = await run('on-demand below the policy', ['backups', 'snapshots', 'create', 'Cluster0', '--desc', 'too short', '--retention', '1'])
      refused(result, 'SNAPSHOT_RETENTION_LESS_THAN_BACKUP_COMPLIANCE_POLICY')
    })

    it('refuses a schedule update below the minimum (BACKUP_POLICY_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS, rule 89)', async () => {
      const policy = before!.schedule.policies![0]!
      const daily = policy.policyItems.find((i) => i.frequencyType === 'daily')!
      const result = await run('schedule below the minimum', ['backups', 'schedule', 'update', '--clusterName', 'Cluster0', '--policy', `${policy.id},${daily.id},daily,1,days,7`])
      refused(result, 'BACKUP_POLICY_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS')
    })

    it('refuses deleting the schedule (BACKUP_POLICY_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS)', async () => {
      refused(await run('delete the schedule', ['backups', 'schedule', 'delete', 'Cluster0', '--force']), 'BACKUP_POLICY_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS')
    })

    it('refuses shrinking the restore window below the policy\'s (CANNOT_DECREASE_PIT_WINDOW_WITH_BACKUP_COMPLIANCE_POLICY)', async () => {
      const result = await run('shrink the restore window', ['backups', 'schedule', 'update', '--clusterName', 'Cluster0', '--restoreWindowDays', '2'])
      refused(result, 'CANNOT_DECREASE_PIT_WINDOW_WITH_BACKUP_COMPLIANCE_POLICY')
    })

    it('refuses turning continuous backup off (local clusters update, CANNOT_DISABLE_PIT_WITH_BACKUUP_COMPLIANCE_POLICY)', async () => {
      refused(await admin('continuous backup off', ['clusters', 'update', 'Cluster0', '--noContinuousBackup']), 'CANNOT_DISABLE_PIT_WITH_BACKUUP_COMPLIANCE_POLICY')
      const clusters = json<ClusterSummary[]>(await admin('clusters after the refusal', ['clusters', 'list', '-o', 'json']))
      expect(clusters.find((c) => c.name === 'Cluster0')).toMatchObject({continuousBackup: true})
    })

    it('refuses deleting copied backups under copy protection (CANNOT_DELETE_COPY_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY_ENABLED, rule 60)', async () => {
      const result = await run('delete copies under copy protection', ['backups', 'schedule', 'update', '--clusterName', 'Cluster0', '--removeCopyRegion', 'US_WEST_2', '--deleteCopiedBackups', '--force'])
      refused(result, 'CANNOT_DELETE_COPY_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY_ENABLED')
    })

    it('refuses turning Cloud Backup off (local clusters update, CANNOT_DISABLE_CLOUD_BACKUP_WITH_BACKUP_COMPLIANCE_POLICY, rule 89)', async () => {
      refused(await admin('cloud backup off', ['clusters', 'update', 'Cluster0', '--noCloudBackup', '--force']), 'CANNOT_DISABLE_CLOUD_BACKUP_WITH_BACKUP_COMPLIANCE_POLICY')
    })

    it('changed nothing: the schedule, the snapshots and their copies are as before the refusals', async () => {
      expect(await describeSchedule('schedule after the refusals')).toEqual(before!.schedule)
      expect(await snapshots('snapshots after the refusals')).toEqual(before!.snapshots)
    })

    it('accepts an on-demand snapshot kept as long as the policy asks', async () => {
      const created = json<ReplicaSetSnapshot>(await run('on-demand at the policy', ['backups', 'snapshots', 'create', 'Cluster0', '--desc', 'kept long enough', '--retention', '3', '-o', 'json']))
      expect(created.snapshotType).toBe('onDemand')
    })

    it('keeps a terminated cluster\'s snapshots, and refuses deleting the project while they exist (rules 55, 89)', async () => {
      const deleted = json<{retainedBy?: string; retainedSnapshots: number}>(await admin('terminate Cluster0', ['clusters', 'delete', 'Cluster0', '--force', '-o', 'json']))
      expect(deleted.retainedBy).toBe('compliancePolicy')
      expect(deleted.retainedSnapshots).toBeGreaterThan(0)
      refused(await admin('delete the project', ['projects', 'delete', DEMO_PROJECT_ID, '--force']), 'CANNOT_CLOSE_GROUP_ACTIVE_BACKUP_COMPLIANCE_POLICY')
    })
  })
}

story('local', async () => localTarget())
story('cloud', cloudTarget)

describe('both backends', () => {
  it('print the same JSON, exit codes and refusals at every step of the protection story', () => {
    const local = transcripts.get('local')!
    const cloud = transcripts.get('cloud')!
    // Both stories must have run in full: two empty transcripts (a -t filter, an early failure) are not a match.
    expect(local.length).toBe(30)
    expect(cloud.map((s) => s.step)).toEqual(local.map((s) => s.step))
    for (const [i, step] of local.entries()) expect(cloud[i]).toEqual(step)
  })
})
