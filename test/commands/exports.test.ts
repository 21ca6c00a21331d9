import {join} from 'node:path'

import {afterAll, afterEach, beforeEach, describe, expect, it} from 'vitest'

import {FaultServer} from '../cloud/fault-server.js'
import {cleanupHomes, expectOneErrorLine, runCli, type CliResult} from '../helpers/cli.js'
import {parseRecording, RECORDINGS_DIR, replayFlow} from '../helpers/recordings.js'
import {hasShared, SHARED_ABSENT} from '../helpers/shared.js'
import {cells} from '../helpers/values.js'

/**
 * `backups exports buckets|jobs …` as a user runs them (12 spawns): the recorded export flows replayed through the
 * cloud backend (the commands print what Atlas answered, and send what the Atlas CLI sends), then the refusals that
 * must happen before any request.
 */

const GROUP = 'b0123456789abcdef012345b'
const CLUSTER = 'cluster-989'
const ROLE = 'c0123456789abcdef012345c'
const BUCKET = '6a793f752c88faeba59bba56'
const JOB_BUCKET = '6a794342c0eb9e7a17729455'
const SNAPSHOT = '6a7943462c88faeba59ccf5f'
const JOB = '6a7945592c88faeba59d5e8e'
const BUCKET_FLOWS = join(RECORDINGS_DIR, 'backup_exports_buckets', 'TestExportBuckets')
const JOB_FLOWS = join(RECORDINGS_DIR, 'backup_exports_jobs', 'TestExportJobs')

let server: FaultServer

function cli(args: string[]): Promise<CliResult> {
  return runCli(args, {
    env: {MONGODB_ATLAS_BASE_URL: server.url, MONGODB_ATLAS_PUBLIC_API_KEY: 'exportspub', MONGODB_ATLAS_PRIVATE_API_KEY: 'exports-private', MONGODB_ATLAS_PROJECT_ID: GROUP, ATLAS_BACKUPS_RETRY_BASE_MS: '10'},
  })
}

function recorded(dir: string, file: string): unknown {
  return JSON.parse(parseRecording(join(dir, `${file}_1.snaphost`)).body)
}

beforeEach(async () => {
  server = await new FaultServer().start()
})

afterEach(async () => server.stop())

afterAll(cleanupHomes)

const ready = hasShared('atlas-api', 'recordings', 'backup_exports_jobs')
if (!ready) console.warn(`exports recordings replay: ${SHARED_ABSENT}`)

describe.skipIf(!ready)(`the recorded export flows, replayed through the CLI${ready ? '' : ` — ${SHARED_ABSENT}`}`, () => {
  it('buckets create: the Atlas CLI body in 2024-05-30, and its line naming the bucket', async () => {
    replayFlow(server, join(BUCKET_FLOWS, 'Create'))
    const result = await cli(['backups', 'exports', 'buckets', 'create', 'test-bucket', '--cloudProvider', 'AWS', '--iamRoleId', ROLE])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toBe("Export destination created using 'test-bucket'.\n")
    expect(server.seen).toHaveLength(1)
    expect(server.seen[0]).toMatchObject({method: 'POST', url: `/api/atlas/v2/groups/${GROUP}/backup/exportBuckets`})
    expect(server.seen[0]!.headers['content-type']).toBe('application/vnd.atlas.2024-05-30+json')
    expect(JSON.parse(server.seen[0]!.body)).toEqual({cloudProvider: 'AWS', bucketName: 'test-bucket', iamRoleId: ROLE})
  })

  it('buckets list -o json (alias `backup export bucket ls`): the page Atlas answered, unchanged', async () => {
    replayFlow(server, join(BUCKET_FLOWS, 'List'))
    const result = await cli(['backup', 'export', 'bucket', 'ls', '-o', 'json'])
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual(recorded(join(BUCKET_FLOWS, 'List'), `GET_api_atlas_v2_groups_${GROUP}_backup_exportBuckets`))
  })

  it('buckets describe: the Atlas CLI columns', async () => {
    replayFlow(server, join(BUCKET_FLOWS, 'Describe'))
    const result = await cli(['backups', 'exports', 'buckets', 'describe', '--bucketId', BUCKET])
    expect(result.code, result.stderr).toBe(0)
    expect(cells(result.stdout)).toEqual([
      ['ID', 'BUCKET NAME', 'CLOUD PROVIDER', 'IAM ROLE ID'],
      [BUCKET, 'test-bucket', 'AWS', ROLE],
    ])
  })

  it('buckets delete --force: DELETE in 2023-01-01 (204), and the documented line', async () => {
    replayFlow(server, join(BUCKET_FLOWS, 'Delete'))
    const result = await cli(['backups', 'exports', 'buckets', 'rm', '--bucketId', BUCKET, '--force'])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toBe(`Snapshot export bucket with id '${BUCKET}' deleted.\n`)
    expect(server.seen.map((s) => [s.method, s.url, s.headers.accept])).toEqual([['DELETE', `/api/atlas/v2/groups/${GROUP}/backup/exportBuckets/${BUCKET}`, 'application/vnd.atlas.2023-01-01+json']])
  })

  it('jobs create: bucket, snapshot and custom data sent as the Atlas CLI sends them; its line with the job and bucket', async () => {
    replayFlow(server, join(JOB_FLOWS, 'Create_job'))
    const result = await cli(['backups', 'exports', 'jobs', 'create', '--clusterName', CLUSTER, '--bucketId', JOB_BUCKET, '--snapshotId', SNAPSHOT, '--customData', 'name=test,info=test'])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toBe(`Export job '${JOB}' created in a bucket with ID '${JOB_BUCKET}'.\n`)
    expect(server.seen[0]).toMatchObject({method: 'POST', url: `/api/atlas/v2/groups/${GROUP}/clusters/${CLUSTER}/backup/exports`})
    expect(JSON.parse(server.seen[0]!.body)).toEqual({customData: [{key: 'name', value: 'test'}, {key: 'info', value: 'test'}], exportBucketId: JOB_BUCKET, snapshotId: SNAPSHOT})
  })

  it('jobs watch: Queued, InProgress, Successful on stderr, then "Export completed." on stdout', async () => {
    replayFlow(server, join(JOB_FLOWS, 'Watch_create_job'))
    const result = await cli(['backups', 'exports', 'jobs', 'watch', JOB, '--clusterName', CLUSTER, '--interval', '1s'])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toBe('Export completed.\n')
    expect(result.stderr).toBe(`export job ${JOB}: Queued\nexport job ${JOB}: InProgress\nexport job ${JOB}: Successful\n`)
    expect(server.seen).toHaveLength(3)
  })

  it('jobs list and describe: the Atlas CLI columns, from what Atlas answered', async () => {
    replayFlow(server, join(JOB_FLOWS, 'List_jobs'))
    const list = await cli(['backups', 'exports', 'jobs', 'list', CLUSTER])
    expect(list.code, list.stderr).toBe(0)
    expect(cells(list.stdout)).toEqual([
      ['ID', 'EXPORT BUCKET ID', 'STATE', 'SNAPSHOT ID'],
      [JOB, JOB_BUCKET, 'Successful', SNAPSHOT],
    ])
    // The page size the Atlas CLI asks for.
    expect(new URL(server.seen[0]!.url, 'http://x').searchParams.get('itemsPerPage')).toBe('100')

    replayFlow(server, join(JOB_FLOWS, 'Describe_job'))
    const described = await cli(['backups', 'exports', 'jobs', 'describe', '--clusterName', CLUSTER, '--exportId', JOB, '-o', 'json'])
    expect(described.code, described.stderr).toBe(0)
    expect(JSON.parse(described.stdout)).toEqual(recorded(join(JOB_FLOWS, 'Describe_job'), `GET_api_atlas_v2_groups_${GROUP}_clusters_${CLUSTER}_backup_exports_${JOB}`))
  })
})

describe('refused before any request (exit 2, nothing sent)', () => {
  it('delete without --force and without a terminal asks for --force', async () => {
    const result = await cli(['backups', 'exports', 'buckets', 'delete', '--bucketId', BUCKET])
    expectOneErrorLine(result, 2, /no terminal to ask on.*--force/)
    expect(server.seen).toHaveLength(0)
  })

  it('a bucket id that is not 24 hexadecimal characters', async () => {
    const badId = await cli(['backups', 'exports', 'jobs', 'create', '--clusterName', CLUSTER, '--bucketId', 'nothex', '--snapshotId', SNAPSHOT])
    expectOneErrorLine(badId, 2, /--bucketId "nothex" must be 24 hexadecimal characters/)
    expect(server.seen).toHaveLength(0)
  })

  it('describe without --exportId; an Azure bucket without its service URL', async () => {
    const noId = await cli(['backups', 'exports', 'jobs', 'describe', '--clusterName', CLUSTER])
    expectOneErrorLine(noId, 2, /exportId is empty and must be specified/)
    const azure = await cli(['backups', 'exports', 'buckets', 'create', 'exports', '--cloudProvider', 'azure', '--roleId', ROLE])
    expectOneErrorLine(azure, 2, /an Azure bucket needs --roleId and --serviceUrl/)
    expect(server.seen).toHaveLength(0)
  })
})
