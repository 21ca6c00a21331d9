import {join} from 'node:path'

import {afterAll, afterEach, beforeEach, describe, expect, it} from 'vitest'

import {atlasError, FaultServer, json} from '../cloud/fault-server.js'
import {cleanupHomes, expectOneErrorLine, makeHome, runCli, type CliResult} from '../helpers/cli.js'
import {parseRecording, RECORDINGS_DIR, replayFlow} from '../helpers/recordings.js'
import {hasShared, SHARED_ABSENT} from '../helpers/shared.js'
import {hasTerminal, runOnTerminal, terminalTitle} from '../helpers/terminal.js'
import {cells} from '../helpers/values.js'

/**
 * `backups restores …` through the cloud backend against a server on 127.0.0.1: first the flows Atlas answered in
 * recordings/backup_restores, replayed answer by answer (the commands print what Atlas said); then scripted answers
 * for what was not recorded (cancel, failures, timeouts); then every refusal that must happen before a request.
 */

const GROUP = '6a793f6b2c88faeba59bae37'
const TARGET_GROUP = '6a794320c0eb9e7a17728a63'
const CLUSTER = 'backupRestores-305'
const TARGET = 'backupRestores2-895'
const SNAPSHOT_ID = '6a79468a2c88faeba59de489'
const AUTOMATED_JOB = '6a794733c0eb9e7a17740663'
const DOWNLOAD_JOB = '6a7948342c88faeba59eb866'
const PRIVATE = 'restores-cloud-private-key'
const FLOWS_DIR = join(RECORDINGS_DIR, 'backup_restores', 'TestRestores')

let server: FaultServer

function cli(args: string[]): Promise<CliResult> {
  return runCli(args, {
    env: {
      MONGODB_ATLAS_BASE_URL: server.url,
      MONGODB_ATLAS_PUBLIC_API_KEY: 'restorespub',
      MONGODB_ATLAS_PRIVATE_API_KEY: PRIVATE,
      MONGODB_ATLAS_PROJECT_ID: GROUP,
      ATLAS_BACKUPS_RETRY_BASE_MS: '10',
    },
  })
}

/** Answers as Atlas answered in one recorded flow (test/helpers/recordings.ts). */
function replay(flow: string): void {
  replayFlow(server, join(FLOWS_DIR, flow))
}

/** The body Atlas answered in a flow's recording (the n-th of that request), parsed. */
function recorded(flow: string, request: string, n = 1): unknown {
  return JSON.parse(parseRecording(join(FLOWS_DIR, flow, `${request}_${n}.snaphost`)).body)
}

const JOBS = `GET_api_atlas_v2_groups_${GROUP}_clusters_${CLUSTER}_backup_restoreJobs`

function expectOnlyRecordedRequests(): void {
  for (const seen of server.seen) expect(seen.url).not.toContain('NOT_RECORDED')
  expect(server.seen.length).toBeGreaterThan(0)
}

beforeEach(async () => {
  server = await new FaultServer().start()
})

afterEach(async () => server.stop())

afterAll(cleanupHomes)

const ready = hasShared('atlas-api', 'recordings', 'backup_restores')
if (!ready) console.warn(`restores recordings replay: ${SHARED_ABSENT}`)

describe.skipIf(!ready)(`the recorded restore flows, replayed through the CLI${ready ? '' : ` — ${SHARED_ABSENT}`}`, () => {
  const automatedArgs = ['backups', 'restores', 'start', 'automated', '--clusterName', CLUSTER, '--snapshotId', SNAPSHOT_ID, '--targetClusterName', TARGET, '--targetProjectId', TARGET_GROUP, '--force']

  it('start automated: sends the Atlas CLI body and prints the job Atlas created (JSON as recorded; the started line)', async () => {
    replay('Restores_Create_-_Automated')
    const result = await cli([...automatedArgs, '-o', 'json'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual(recorded('Restores_Create_-_Automated', `POST_api_atlas_v2_groups_${GROUP}_clusters_${CLUSTER}_backup_restoreJobs`))
    expect(server.seen).toHaveLength(1)
    expect(server.seen[0]!.method).toBe('POST')
    expect(server.seen[0]!.headers['content-type']).toBe('application/vnd.atlas.2023-01-01+json')
    expect(server.seen[0]!.body).toBe(JSON.stringify({deliveryType: 'automated', snapshotId: SNAPSHOT_ID, targetClusterName: TARGET, targetGroupId: TARGET_GROUP}))
    expectOnlyRecordedRequests()

    const text = await cli(automatedArgs)
    expect(text.stdout).toBe(`Restore job '${AUTOMATED_JOB}' successfully started\n`)
  })

  it('start download: only the snapshot is sent, no target', async () => {
    replay('Restores_Create_-_Download')
    const result = await cli(['backups', 'restores', 'start', 'download', '--clusterName', CLUSTER, '--snapshotId', SNAPSHOT_ID, '-o', 'json'])
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual(recorded('Restores_Create_-_Download', `POST_api_atlas_v2_groups_${GROUP}_clusters_${CLUSTER}_backup_restoreJobs`))
    expect(server.seen.map((s) => s.body)).toEqual([JSON.stringify({deliveryType: 'download', snapshotId: SNAPSHOT_ID})])
  })

  it('list: the page Atlas answered as JSON, and the Atlas CLI columns', async () => {
    replay('Restores_List')
    const json = await cli(['backups', 'restores', 'list', CLUSTER, '-o', 'json'])
    expect(json.code, json.stderr).toBe(0)
    expect(JSON.parse(json.stdout)).toEqual(recorded('Restores_List', JOBS))
    expect(new URL(server.seen[0]!.url, 'http://x').search).toBe('?pageNum=1&itemsPerPage=100&includeCount=true')
    expectOnlyRecordedRequests()

    const table = await cli(['backup', 'restore', 'ls', CLUSTER])
    expect(table.code, table.stderr).toBe(0)
    expect(cells(table.stdout)).toEqual([
      ['ID', 'SNAPSHOT', 'CLUSTER', 'TYPE', 'EXPIRES AT'],
      [AUTOMATED_JOB, SNAPSHOT_ID, TARGET, 'automated'],
    ])
  })

  it('describe: the job Atlas answered as JSON, and the Atlas CLI columns', async () => {
    replay('Restores_Describe')
    const json = await cli(['backups', 'restores', 'describe', AUTOMATED_JOB, '--clusterName', CLUSTER, '-o', 'json'])
    expect(json.code, json.stderr).toBe(0)
    expect(JSON.parse(json.stdout)).toEqual(recorded('Restores_Describe', `${JOBS}_${AUTOMATED_JOB}`))
    expectOnlyRecordedRequests()

    const table = await cli(['backups', 'restores', 'get', AUTOMATED_JOB, '--clusterName', CLUSTER])
    expect(cells(table.stdout)).toEqual([
      ['ID', 'SNAPSHOT', 'CLUSTER', 'TYPE', 'EXPIRES AT', 'URLs'],
      [AUTOMATED_JOB, SNAPSHOT_ID, TARGET, 'automated'],
    ])
  })

  it('watch: polls until finishedAt, progress on stderr, the final job (as recorded) on stdout', async () => {
    replay('Restores_Watch')
    const result = await cli(['backups', 'restores', 'watch', AUTOMATED_JOB, '--clusterName', CLUSTER, '--interval', '1s', '-o', 'json'])
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual(recorded('Restores_Watch', `${JOBS}_${AUTOMATED_JOB}`, 2))
    expect(result.stderr).toBe(`restore job ${AUTOMATED_JOB}: in progress\nrestore job ${AUTOMATED_JOB}: completed\n`)
    expect(server.count('GET')).toBe(2)
    expectOnlyRecordedRequests()
  })

  it('watch a download: done once its URL is there; the completion line, then the URL', async () => {
    replay('Restores_Watch_-_Download')
    const result = await cli(['backups', 'restores', 'watch', DOWNLOAD_JOB, '--clusterName', CLUSTER, '--interval', '1s'])
    expect(result.code, result.stderr).toBe(0)
    const final = recorded('Restores_Watch_-_Download', `${JOBS}_${DOWNLOAD_JOB}`, 2) as {deliveryUrl: string[]}
    expect(result.stdout).toBe(`Restore completed.\n${final.deliveryUrl[0]}\n`)
    expect(result.stderr).toContain(`restore job ${DOWNLOAD_JOB}: ready`)
    expect(server.count('GET')).toBe(2)
  })
})

const job = (extra: Record<string, unknown>) => ({id: DOWNLOAD_JOB, deliveryType: 'download', snapshotId: SNAPSHOT_ID, cancelled: false, expired: false, failed: false, deliveryUrl: [], ...extra})

describe('what the recordings do not hold: cancel, and the watch exit codes', () => {
  it('list --all: every page (--limit items each) as one list', async () => {
    const jobs = [1, 2, 3].map((n) => job({id: n.toString(16).padStart(24, '0')}))
    server.handler = (request, res) => {
      const page = Number(new URL(request.url, 'http://x').searchParams.get('pageNum'))
      json(res, 200, {links: [], results: jobs.slice((page - 1) * 2, page * 2), totalCount: 3})
    }
    const result = await cli(['backups', 'restores', 'list', CLUSTER, '--all', '--limit', '2', '-o', 'json'])
    expect(result.code, result.stderr).toBe(0)
    expect((JSON.parse(result.stdout) as {results: Array<{id: string}>}).results.map((j) => j.id)).toEqual(jobs.map((j) => j.id))
    expect(server.seen.map((s) => new URL(s.url, 'http://x').searchParams.get('pageNum')).sort()).toEqual(['1', '2'])
  })

  it('cancel: one DELETE, a confirmation line (or JSON)', async () => {
    server.handler = (_r, res) => void res.writeHead(204).end()
    const result = await cli(['backups', 'restores', 'cancel', DOWNLOAD_JOB, '--clusterName', CLUSTER])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toBe(`Restore job '${DOWNLOAD_JOB}' cancelled\n`)
    expect(server.seen.map((s) => [s.method, new URL(s.url, 'http://x').pathname])).toEqual([['DELETE', `/api/atlas/v2/groups/${GROUP}/clusters/${CLUSTER}/backup/restoreJobs/${DOWNLOAD_JOB}`]])
    const asJson = await cli(['backups', 'restores', 'cancel', DOWNLOAD_JOB, '--clusterName', CLUSTER, '-o', 'json'])
    expect(JSON.parse(asJson.stdout)).toEqual({cancelled: true, restoreJobId: DOWNLOAD_JOB})
  })

  it('cancel of an automated restore: Atlas refuses, and its refusal is one stderr line, exit 1, sent once', async () => {
    server.handler = (_r, res) => atlasError(res, 400, 'CANNOT_CANCEL_AUTOMATED_RESTORE', 'Cannot cancel an automated restore.')
    const result = await cli(['backups', 'restores', 'cancel', AUTOMATED_JOB, '--clusterName', CLUSTER])
    expectOneErrorLine(result, 1, /Cannot cancel an automated restore.*CANNOT_CANCEL_AUTOMATED_RESTORE/, [PRIVATE])
    expect(server.count('DELETE')).toBe(1)
  })

  it('the Atlas CLI\'s deprecated --pointInTimeUTCMillis still works, as seconds, with a deprecation note on stderr', async () => {
    server.handler = (_r, res) => json(res, 200, job({id: AUTOMATED_JOB, deliveryType: 'pointInTime'}))
    const result = await cli(['backups', 'restores', 'start', 'pointInTime', '--clusterName', CLUSTER, '--targetClusterName', TARGET, '--targetProjectId', TARGET_GROUP, '--pointInTimeUTCMillis', '1786332600', '--force'])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toBe(`Restore job '${AUTOMATED_JOB}' successfully started\n`)
    expect(result.stderr).toMatch(/"pointInTimeUTCMillis" flag has been deprecated/)
    expect(JSON.parse(server.seen[0]!.body)).toMatchObject({pointInTimeUTCSeconds: 1786332600})
  })

  it('watch: a failed job exits 1, a cancelled one 1 (failed named first), and --timeout exits 124', async () => {
    server.handler = (_r, res) => json(res, 200, job({failed: true, cancelled: true}))
    const failed = await cli(['backups', 'restores', 'watch', DOWNLOAD_JOB, '--clusterName', CLUSTER])
    expect(failed.code).toBe(1)
    expect(failed.stdout).toBe('')
    expect(failed.stderr).toMatch(new RegExp(`^restore job ${DOWNLOAD_JOB}: failed\nError: restore job ${DOWNLOAD_JOB} failed\\. See .*backups restores describe ${DOWNLOAD_JOB} --clusterName ${CLUSTER}`))

    server.handler = (_r, res) => json(res, 200, job({cancelled: true}))
    const cancelled = await cli(['backups', 'restores', 'watch', DOWNLOAD_JOB, '--clusterName', CLUSTER])
    expect(cancelled.code).toBe(1)
    expect(cancelled.stderr).toContain(`Error: restore job ${DOWNLOAD_JOB} was cancelled`)

    server.handler = (_r, res) => json(res, 200, job({}))
    const timedOut = await cli(['backups', 'restores', 'watch', DOWNLOAD_JOB, '--clusterName', CLUSTER, '--interval', '1s', '--timeout', '1s'])
    expect(timedOut.code).toBe(124)
    expect(timedOut.stdout).toBe('')
    expect(timedOut.stderr).toContain('last status: in progress')
  })
})

describe('refused before anything is sent: exit 2, one line, no request', () => {
  const start = (type: string, ...flags: string[]) => ['backups', 'restores', 'start', type, '--clusterName', CLUSTER, ...flags]
  const target = ['--targetClusterName', TARGET, '--targetProjectId', TARGET_GROUP]
  const cases: Array<[string, string[], RegExp]> = [
    ['an unknown delivery type', start('restore'), /Expected restore to be one of: automated, download, pointInTime/],
    ['automated without --snapshotId', start('automated', ...target, '--force'), /missing --snapshotId: automated restores need the snapshot/],
    ['automated without --targetProjectId', start('automated', '--snapshotId', SNAPSHOT_ID, '--targetClusterName', TARGET, '--force'), /missing --targetProjectId/],
    ['pointInTime without --targetClusterName', start('pointInTime', '--targetProjectId', TARGET_GROUP, '--pointInTime', '2026-08-10T03:30:00Z', '--force'), /missing --targetClusterName/],
    ['a malformed --targetProjectId', start('automated', '--snapshotId', SNAPSHOT_ID, '--targetClusterName', TARGET, '--targetProjectId', 'proj-1', '--force'), /invalid --targetProjectId: "proj-1" is not a project ID/],
    ['a malformed --snapshotId', start('download', '--snapshotId', 'abc'), /invalid --snapshotId: "abc" is not a snapshot ID/],
    ['pointInTime without a moment', start('pointInTime', ...target, '--force'), /needs --pointInTime, --pointInTimeUTCSeconds, or --oplogTs with --oplogInc/],
    ['--oplogTs without --oplogInc', start('pointInTime', ...target, '--oplogTs', '1786332600', '--force'), /missing --oplogInc/],
    ['--pointInTime and --oplogTs', start('pointInTime', ...target, '--pointInTime', '2026-08-10T03:30:00Z', '--oplogTs', '1786332600', '--oplogInc', '1', '--force'), /invalid --pointInTime: give either --pointInTime or --oplogTs with --oplogInc, not both/],
    ['--pointInTime with --pointInTimeUTCSeconds', start('pointInTime', ...target, '--pointInTime', '2026-08-10T03:30:00Z', '--pointInTimeUTCSeconds', '1786332600', '--force'), /--pointInTimeUTCSeconds=1786332600 cannot also be provided when using --pointInTime/],
    ['--pointInTime without a zone', start('pointInTime', ...target, '--pointInTime', '2026-08-10T03:30:00', '--force'), /--pointInTime: "2026-08-10T03:30:00" is not an ISO 8601 instant.*2026-12-31T18:00:00Z/],
    ['--pointInTime that does not exist', start('pointInTime', ...target, '--pointInTime', '2026-02-30T03:30:00Z', '--force'), /names a date or time that does not exist/],
    ['--pointInTime with a fraction of a second', start('pointInTime', ...target, '--pointInTime', '2026-08-10T03:30:00.250Z', '--force'), /has a fraction of a second/],
    ['--pointInTimeUTCSeconds before 2008', start('pointInTime', ...target, '--pointInTimeUTCSeconds', '1000', '--force'), /invalid --pointInTimeUTCSeconds: 1000 is not a whole number of seconds since the epoch from 1199145600/],
    ['a download given a target', start('download', '--snapshotId', SNAPSHOT_ID, '--targetClusterName', TARGET), /--targetClusterName does not apply to a download/],
    ['an automated restore given a time', start('automated', '--snapshotId', SNAPSHOT_ID, ...target, '--pointInTimeUTCSeconds', '1786332600', '--force'), /--pointInTimeUTCSeconds applies to pointInTime restores only/],
    ['automated without --force and without a terminal', start('automated', '--snapshotId', SNAPSHOT_ID, ...target), new RegExp(`removes all existing data on cluster ${TARGET} of project ${TARGET_GROUP}, and there is no terminal to confirm on\\. Pass --force`)],
    ['pointInTime without --force and without a terminal', start('pointInTime', ...target, '--pointInTime', '2026-08-10T03:30:00Z'), /this pointInTime restore removes all existing data on cluster .* Pass --force/],
    ['describe with a malformed job ID', ['backups', 'restores', 'describe', '123', '--clusterName', CLUSTER], /"123" is not a restore job ID/],
    ['watch with a malformed job ID', ['backups', 'restores', 'watch', 'x', '--clusterName', CLUSTER], /"x" is not a restore job ID/],
    ['watch polling faster than once a second', ['backups', 'restores', 'watch', AUTOMATED_JOB, '--clusterName', CLUSTER, '--interval', '100ms'], /--interval must be at least 1s/],
    ['cancel without --clusterName', ['backups', 'restores', 'cancel', DOWNLOAD_JOB], /Missing required flag --clusterName/],
    ['list with --all and --page', ['backups', 'restores', 'list', CLUSTER, '--all', '--page', '2'], /--page=2 cannot also be provided when using --all/],
  ]

  it.each(cases)('%s', async (_title, args, pattern) => {
    const result = await cli(args)
    expectOneErrorLine(result, 2, pattern, [PRIVATE])
    expect(server.seen).toEqual([])
  })
})

describe('confirmation on a terminal', () => {
  const env = () => ({
    MONGODB_ATLAS_SERVICE: undefined,
    MONGODB_ATLAS_BASE_URL: server.url,
    MONGODB_ATLAS_PUBLIC_API_KEY: 'restorespub',
    MONGODB_ATLAS_PRIVATE_API_KEY: PRIVATE,
    MONGODB_ATLAS_PROJECT_ID: GROUP,
  })
  const args = ['backups', 'restores', 'start', 'pointInTime', '--clusterName', CLUSTER, '--pointInTime', '2026-08-10T03:30:00Z', '--targetClusterName', TARGET, '--targetProjectId', TARGET_GROUP]

  it.skipIf(!hasTerminal)(terminalTitle('names the target cluster and project; no sends nothing, yes sends the restore'), async () => {
    server.handler = (_r, res) => json(res, 200, job({id: AUTOMATED_JOB, deliveryType: 'pointInTime', targetClusterName: TARGET, targetGroupId: TARGET_GROUP}))
    const declined = await runOnTerminal(args, makeHome(), 'n\r', {env: env()})
    // The terminal is 80 columns wide: the question wraps.
    expect(declined.output.replace(/\r?\n/g, '')).toContain(`Are you sure you want to restore into cluster ${TARGET} of project ${TARGET_GROUP}? Atlas removes all of its existing data first.`)
    expect(declined.output).toContain('restore not started')
    expect(declined.code).toBe(1)
    expect(server.seen).toEqual([])

    const accepted = await runOnTerminal(args, makeHome(), 'y\r', {env: env()})
    expect(accepted.code, accepted.output).toBe(0)
    expect(accepted.output).toContain(`Restore job '${AUTOMATED_JOB}' successfully started`)
    expect(server.seen.map((s) => JSON.parse(s.body) as unknown)).toEqual([
      {deliveryType: 'pointInTime', pointInTimeUTCSeconds: Date.parse('2026-08-10T03:30:00Z') / 1000, targetClusterName: TARGET, targetGroupId: TARGET_GROUP},
    ])
  })

  it('a download is never asked about: no terminal, no --force, and it is sent', async () => {
    server.handler = (_r, res) => json(res, 200, job({}))
    const result = await cli(['backups', 'restores', 'start', 'download', '--clusterName', CLUSTER, '--snapshotId', SNAPSHOT_ID])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toBe(`Restore job '${DOWNLOAD_JOB}' successfully started\n`)
    expect(server.count('POST')).toBe(1)
  })
})
