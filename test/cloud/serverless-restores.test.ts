import {afterAll, afterEach, beforeEach, describe, expect, it} from 'vitest'

import {cleanupHomes, expectOneErrorLine, makeHome, runCli, type CliResult} from '../helpers/cli.js'
import {hasTerminal, runOnTerminal, terminalTitle} from '../helpers/terminal.js'
import {atlasError, FaultServer, json} from './fault-server.js'

/**
 * `serverless backups restores list|describe|watch|create` over the cloud backend, against spec-shaped answers
 * (ServerlessBackupRestoreJob): the Atlas CLI's flags, columns and lines; every refusal a usage error with nothing
 * sent; Atlas's deprecation of the endpoints said once on stderr.
 */

const GROUP = '5e2211c17a3e5a48f5497de3'
const TARGET_GROUP = '5e2211c17a3e5a48f5497de4'
const JOB_ID = '6a7948bbc0eb9e7a17731b1e'
const SNAPSHOT_ID = '6a7944f22c88faeba59d3572'
const JOBS = `/api/atlas/v2/groups/${GROUP}/serverless/Serverless0/backup/restoreJobs`
const NOTE = /^Note: Atlas has deprecated the serverless backup endpoints/

const job = (extra: Record<string, unknown> = {}) => ({
  id: JOB_ID,
  deliveryType: 'automated',
  snapshotId: SNAPSHOT_ID,
  targetClusterName: 'Serverless1',
  targetGroupId: TARGET_GROUP,
  deliveryUrl: [],
  timestamp: '2026-11-29T09:00:00Z',
  links: [],
  ...extra,
})

let server: FaultServer

const env = () => ({MONGODB_ATLAS_BASE_URL: server.url, MONGODB_ATLAS_PUBLIC_API_KEY: 'slrpub', MONGODB_ATLAS_PRIVATE_API_KEY: 'slr-private-key-0000', MONGODB_ATLAS_PROJECT_ID: GROUP, ATLAS_BACKUPS_RETRY_BASE_MS: '10'})
const cli = (...args: string[]) => runCli(['serverless', 'backups', 'restores', ...args], {env: env()})
const create = (...args: string[]) => cli('create', '--clusterName', 'Serverless0', ...args)
const automated = ['--deliveryType', 'automated', '--snapshotId', SNAPSHOT_ID, '--targetClusterName', 'Serverless1', '--targetProjectId', TARGET_GROUP]

function expectNoticeOnly(result: CliResult): void {
  expect(result.code, result.stderr).toBe(0)
  const lines = result.stderr.trimEnd().split('\n')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(NOTE)
}

beforeEach(async () => {
  server = await new FaultServer().start()
})

afterEach(async () => server.stop())

afterAll(cleanupHomes)

describe('serverless backups restores list and describe', () => {
  it('list: GET with the page query; the Atlas CLI columns, a download-less job\'s empty cells', async () => {
    server.handler = (_r, res) => json(res, 200, {results: [job(), job({id: '6a7948bbc0eb9e7a17731b1f', deliveryType: 'pointInTime', snapshotId: undefined})], totalCount: 2, links: []})
    const result = await cli('list', 'Serverless0', '--limit', '50')
    expectNoticeOnly(result)
    const sent = new URL(server.seen[0]!.url, server.url)
    expect(sent.pathname).toBe(JOBS)
    expect(Object.fromEntries(sent.searchParams)).toEqual({includeCount: 'true', itemsPerPage: '50', pageNum: '1'})
    expect(result.stdout.split('\n')[0]).toMatch(/^ID +SNAPSHOT +CLUSTER +TYPE +EXPIRES AT$/)
    expect(result.stdout).toMatch(new RegExp(`^${JOB_ID} +${SNAPSHOT_ID} +Serverless1 +automated$`, 'm'))
    expect(result.stdout).toMatch(/^6a7948bbc0eb9e7a17731b1f +Serverless1 +pointInTime$/m)
  })

  it('ls alias and -o json: the envelope as Atlas sent it', async () => {
    server.handler = (_r, res) => json(res, 200, {results: [job()], totalCount: 1, links: []})
    const result = await runCli(['sl', 'backup', 'restore', 'ls', 'Serverless0', '-o', 'json'], {env: env()})
    expectNoticeOnly(result)
    expect(JSON.parse(result.stdout)).toEqual({results: [job()], totalCount: 1, links: []})
  })

  it('describe: --restoreJobId and --clusterName; the URLs column', async () => {
    server.handler = (_r, res) => json(res, 200, job())
    const result = await cli('describe', '--restoreJobId', JOB_ID, '--clusterName', 'Serverless0')
    expectNoticeOnly(result)
    expect(server.seen[0]!.url).toBe(`${JOBS}/${JOB_ID}`)
    expect(result.stdout).toMatch(/^ID +SNAPSHOT +CLUSTER +TYPE +EXPIRES AT +URLs\n/)
    expect(result.stdout).toMatch(new RegExp(`\\n${JOB_ID} +${SNAPSHOT_ID} +Serverless1 +automated\\n$`))
  })

  it('describe: a malformed job ID or a missing --restoreJobId is exit 2 with nothing sent; an unknown job is Atlas\'s 404', async () => {
    expectOneErrorLine(await cli('describe', '--restoreJobId', 'nope', '--clusterName', 'Serverless0'), 2, /"nope" is not a restore job ID/)
    const missing = await cli('describe', '--clusterName', 'Serverless0')
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/restoreJobId/)
    expect(server.count()).toBe(0)
    server.handler = (_r, res) => atlasError(res, 404, 'RESTORE_JOB_NOT_FOUND', `Restore job ${JOB_ID} not found.`)
    const result = await cli('describe', '--restoreJobId', JOB_ID, '--clusterName', 'Serverless0')
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(new RegExp(JOB_ID))
  })
})

describe('serverless backups restores watch', () => {
  it('polls until finishedAt, then "Restore completed."', async () => {
    server.handler = (_r, res, i) => json(res, 200, i < 1 ? job() : job({finishedAt: '2026-11-29T10:00:00Z'}))
    const result = await cli('watch', '--clusterName', 'Serverless0', '--restoreJobId', JOB_ID, '--interval', '1s')
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toBe('Restore completed.\n')
    expect(server.count('GET')).toBe(2)
    expect(result.stderr.split('\n').filter((line) => NOTE.test(line))).toHaveLength(1)
  })

  it('a failed job exits 1 (the Atlas CLI said "Restore completed." and 0); an --interval under 1s is exit 2 with nothing sent', async () => {
    server.handler = (_r, res) => json(res, 200, job({failed: true, finishedAt: '2026-11-29T10:00:00Z'}))
    const failed = await cli('watch', '--clusterName', 'Serverless0', '--restoreJobId', JOB_ID)
    expect(failed.code).toBe(1)
    expect(failed.stdout).toBe('')
    expect(failed.stderr).toMatch(new RegExp(`^Error: restore job ${JOB_ID} failed`, 'm'))
    server.seen.length = 0
    expectOneErrorLine(await cli('watch', '--clusterName', 'Serverless0', '--restoreJobId', JOB_ID, '--interval', '10ms'), 2, /--interval must be at least 1s/)
    expect(server.count()).toBe(0)
  })
})

describe('serverless backups restores create', () => {
  it('automated with --force: one POST with the Atlas CLI\'s body, its start line', async () => {
    server.handler = (_r, res) => json(res, 200, job())
    const result = await create(...automated, '--force')
    expectNoticeOnly(result)
    expect(result.stdout).toBe(`Restore job '${JOB_ID}' successfully started\n`)
    expect(server.count()).toBe(1)
    expect(server.seen[0]!.method).toBe('POST')
    expect(server.seen[0]!.url).toBe(JOBS)
    expect(JSON.parse(server.seen[0]!.body)).toEqual({deliveryType: 'automated', snapshotId: SNAPSHOT_ID, targetClusterName: 'Serverless1', targetGroupId: TARGET_GROUP})
  })

  it('pointInTime as an ISO instant: sent as pointInTimeUTCSeconds; -o json prints the job', async () => {
    server.handler = (_r, res) => json(res, 200, job({deliveryType: 'pointInTime'}))
    const result = await create('--deliveryType', 'pointInTime', '--pointInTime', '2026-11-29T10:15:00Z', '--targetClusterName', 'Serverless1', '--targetProjectId', TARGET_GROUP, '--force', '-o', 'json')
    expectNoticeOnly(result)
    expect(JSON.parse(result.stdout)).toMatchObject({id: JOB_ID, deliveryType: 'pointInTime'})
    expect(JSON.parse(server.seen[0]!.body)).toEqual({deliveryType: 'pointInTime', pointInTimeUTCSeconds: Date.parse('2026-11-29T10:15:00Z') / 1000, targetClusterName: 'Serverless1', targetGroupId: TARGET_GROUP})
  })

  it('a restore that wipes its target, without --force and without a terminal: exit 2, naming the target, nothing sent', async () => {
    expectOneErrorLine(await create(...automated), 2, new RegExp(`removes all existing data on cluster Serverless1 of project ${TARGET_GROUP}.*--force`))
    expect(server.count()).toBe(0)
  })

  it.skipIf(!hasTerminal)(terminalTitle('on a terminal: asks, naming the target; no sends nothing, yes sends the restore'), async () => {
    server.handler = (_r, res) => json(res, 200, job())
    const args = ['serverless', 'backups', 'restores', 'create', '--clusterName', 'Serverless0', ...automated]
    const declined = await runOnTerminal(args, makeHome(), 'n\r', {env: {...env(), MONGODB_ATLAS_SERVICE: undefined}})
    // The terminal is 80 columns wide: the question wraps.
    expect(declined.output.replace(/\r?\n/g, '')).toContain(`Are you sure you want to restore into cluster Serverless1 of project ${TARGET_GROUP}? Atlas removes all of its existing data first.`)
    expect(declined.code).toBe(1)
    expect(server.count()).toBe(0)
    const accepted = await runOnTerminal(args, makeHome(), 'y\r', {env: {...env(), MONGODB_ATLAS_SERVICE: undefined}})
    expect(accepted.code, accepted.output).toBe(0)
    expect(accepted.output).toContain(`Restore job '${JOB_ID}' successfully started`)
    expect(server.count('POST')).toBe(1)
  })

  it('what a serverless instance does not offer, or a request Atlas would refuse: exit 2, nothing sent', async () => {
    const refusals: Array<[string[], RegExp]> = [
      [['--deliveryType', 'download', '--snapshotId', SNAPSHOT_ID], /serverless instances offer no download restore/],
      [['--deliveryType', 'pointInTime', '--oplogTs', '1764400000', '--oplogInc', '1', '--targetClusterName', 'Serverless1', '--targetProjectId', TARGET_GROUP, '--force'], /date and time only, not to an oplog entry/],
      [['--deliveryType', 'automated', '--snapshotId', SNAPSHOT_ID, '--force'], /missing --targetClusterName.*serverless backups restores create --help/],
      [['--deliveryType', 'pointInTime', '--targetClusterName', 'Serverless1', '--targetProjectId', TARGET_GROUP, '--force'], /missing the moment to restore to/],
      [['--deliveryType', 'pointInTime', '--pointInTime', '2026-11-29 10:15', '--targetClusterName', 'Serverless1', '--targetProjectId', TARGET_GROUP, '--force'], /--pointInTime/],
    ]
    for (const [args, pattern] of refusals) expectOneErrorLine(await create(...args), 2, pattern)
    const badType = await create('--deliveryType', 'snapshot', '--force')
    expect(badType.code).toBe(2)
    expect(badType.stdout).toBe('')
    expect(badType.stderr).toMatch(/deliveryType/)
    expect(server.count()).toBe(0)
  })
})
