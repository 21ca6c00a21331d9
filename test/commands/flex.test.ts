import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'

import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest'

import {createCluster} from '../../src/lib/backends/local/admin.js'
import {DEMO_PROJECT_ID} from '../../src/lib/backends/local/fleet.js'
import {DAY_MS} from '../../src/lib/domain/time.js'
import {startServer, type RunningServer} from '../../src/lib/server/index.js'
import {FaultServer, json} from '../cloud/fault-server.js'
import {cleanupHomes, expectOneErrorLine, runCli, type CliResult} from '../helpers/cli.js'
import {parseRecording, RECORDINGS_DIR, recordingName, replayFlow} from '../helpers/recordings.js'
import {hasShared, SHARED_ABSENT} from '../helpers/shared.js'
import {makeTempDir} from '../helpers/temp-dirs.js'
import {cells, iso} from '../helpers/values.js'
import {call, freezeClock, GROUP as GROUP_PATH, tempHome} from '../server/helpers.js'

/**
 * Flex clusters through the CLI and the cloud backend: the flow Atlas answered in recordings/backup_flex replayed
 * answer by answer (the commands print what Atlas said, in the Flex templates), then `backups snapshots download`
 * against `serve` (a real file) and against a link that fails (no file left).
 */

const GROUP = 'b0123456789abcdef012345b'
const CLUSTER = 'snapshotCluster0'
const SNAPSHOT_ID = '6a6f78e0cab84da5c4476b25'
const JOB_ID = '6a793f812c88faeba59bc399'
const FLOWS_DIR = join(RECORDINGS_DIR, 'backup_flex', 'TestFlexBackup')
const FLEX = `api_atlas_v2_groups_${GROUP}_flexClusters_${CLUSTER}_backup`

let server: FaultServer

function cli(args: string[], baseUrl = server.url, projectId = GROUP): Promise<CliResult> {
  return runCli(args, {env: {MONGODB_ATLAS_BASE_URL: baseUrl, MONGODB_ATLAS_PUBLIC_API_KEY: 'flexpub', MONGODB_ATLAS_PRIVATE_API_KEY: 'flex-private', MONGODB_ATLAS_PROJECT_ID: projectId}})
}

/**
 * Answers as Atlas answered in one recorded flow. The Atlas CLI asked the Flex API first, so the flows hold no
 * cluster-API request for snapshotCluster0; Atlas's recorded refusal of that Flex cluster on the cluster API
 * (Restores_Create_-_Automated) answers them, as Atlas answers every cluster-API path of a Flex cluster (rule 82).
 */
function replay(flow: string): void {
  replayFlow(server, join(FLOWS_DIR, flow))
  const recorded = server.handler
  const refusal = parseRecording(join(FLOWS_DIR, 'Restores_Create_-_Automated', `GET_api_atlas_v2_groups_${GROUP}_clusters_${CLUSTER}_1.snaphost`))
  server.handler = (request, response, index) => {
    if (!recordingName(request).includes(`_clusters_${CLUSTER}`)) return recorded(request, response, index)
    response.writeHead(refusal.status, {'Content-Type': 'application/json'})
    response.end(refusal.body)
  }
}

function recorded(flow: string, request: string, n = 1): unknown {
  return JSON.parse(parseRecording(join(FLOWS_DIR, flow, `${request}_${n}.snaphost`)).body)
}

function flexRequests(): string[] {
  return server.seen.filter((seen) => seen.url.includes('/flexClusters/')).map((seen) => `${seen.method} ${seen.headers.accept}`)
}

beforeEach(async () => {
  server = await new FaultServer().start()
})

afterEach(async () => server.stop())

afterAll(cleanupHomes)

const ready = hasShared('atlas-api', 'recordings', 'backup_flex')
if (!ready) console.warn(`flex recordings replay: ${SHARED_ABSENT}`)

describe.skipIf(!ready)(`the recorded Flex flow, replayed through the CLI (rule 82)${ready ? '' : ` — ${SHARED_ABSENT}`}`, () => {
  it('snapshots list: the page Atlas answered as JSON, and the Flex columns; the cluster API asked once', async () => {
    replay('Snapshot_List')
    const page = await cli(['backups', 'snapshots', 'list', CLUSTER, '-o', 'json'])
    expect(page.code, page.stderr).toBe(0)
    expect(JSON.parse(page.stdout)).toEqual(recorded('Snapshot_List', `GET_${FLEX}_snapshots`))
    expect(server.seen.map((seen) => seen.url.split('?')[0])).toEqual([`/api/atlas/v2/groups/${GROUP}/clusters/${CLUSTER}/backup/snapshots`, `/api/atlas/v2/groups/${GROUP}/flexClusters/${CLUSTER}/backup/snapshots`])
    expect(flexRequests()).toEqual(['GET application/vnd.atlas.2024-11-13+json'])

    const table = await cli(['backups', 'snapshots', 'list', CLUSTER])
    const rows = cells(table.stdout)
    expect(rows[0]).toEqual(['ID', 'STATUS', 'MONGODB VERSION', 'START TIME', 'FINISH TIME', 'EXPIRATION'])
    expect(rows).toHaveLength(9)
    expect(rows[1]).toEqual([SNAPSHOT_ID, 'COMPLETED', '8.0.29', '2026-08-02T17:05:37Z', '2026-08-02T17:06:56Z', '2026-08-10T17:05:10Z'])
  })

  it('snapshots describe and watch: the Flex snapshot as recorded', async () => {
    replay('Snapshot_Describe')
    const described = await cli(['backups', 'snapshots', 'describe', SNAPSHOT_ID, '--clusterName', CLUSTER])
    expect(described.code, described.stderr).toBe(0)
    expect(cells(described.stdout)).toEqual([
      ['ID', 'STATUS', 'MONGODB VERSION', 'START TIME', 'FINISH TIME', 'EXPIRATION'],
      [SNAPSHOT_ID, 'COMPLETED', '8.0.29', '2026-08-02T17:05:37Z', '2026-08-02T17:06:56Z', '2026-08-10T17:05:10Z'],
    ])

    replay('Snapshot_Watch')
    const watched = await cli(['backups', 'snapshots', 'watch', SNAPSHOT_ID, '--clusterName', CLUSTER, '--interval', '1s'])
    expect(watched.code, watched.stderr).toBe(0)
    expect(watched.stdout).toBe('Snapshot changes completed.\n')
    expect(watched.stderr).toBe(`snapshot ${SNAPSHOT_ID}: COMPLETED\n`)
  })

  it('restores start automated: the Atlas CLI\'s Flex body, and the job Atlas created', async () => {
    replay('Restores_Create_-_Automated')
    const started = await cli(['backups', 'restores', 'start', 'automated', '--clusterName', CLUSTER, '--snapshotId', SNAPSHOT_ID, '--targetClusterName', 'cluster-833', '--targetProjectId', GROUP, '--force', '-o', 'json'])
    expect(started.code, started.stderr).toBe(0)
    expect(JSON.parse(started.stdout)).toEqual(recorded('Restores_Create_-_Automated', `POST_${FLEX}_restoreJobs`))
    const post = server.seen.find((seen) => seen.url.includes('/flexClusters/'))!
    expect(JSON.parse(post.body)).toEqual({instanceName: CLUSTER, snapshotId: SNAPSHOT_ID, targetDeploymentItemName: 'cluster-833', targetProjectId: GROUP})
  })

  it('restores list, describe and watch: the Flex jobs as recorded, in the Flex columns', async () => {
    replay('Restores_List')
    const list = await cli(['backups', 'restores', 'list', CLUSTER, '-o', 'json'])
    expect(list.code, list.stderr).toBe(0)
    expect(JSON.parse(list.stdout)).toEqual(recorded('Restores_List', `GET_${FLEX}_restoreJobs`))

    replay('Restores_Describe')
    const described = await cli(['backups', 'restores', 'describe', JOB_ID, '--clusterName', CLUSTER])
    expect(cells(described.stdout)).toEqual([
      ['ID', 'SNAPSHOT', 'CLUSTER', 'TYPE', 'EXPIRES AT', 'URLs'],
      [JOB_ID, SNAPSHOT_ID, 'cluster-833', 'RESTORE', '2026-08-10T09:03:29Z'],
    ])

    replay('Restores_Watch')
    const before = flexRequests().length
    const watched = await cli(['backups', 'restores', 'watch', JOB_ID, '--clusterName', CLUSTER, '--interval', '1s', '-o', 'json'])
    expect(watched.code, watched.stderr).toBe(0)
    expect(JSON.parse(watched.stdout)).toEqual(recorded('Restores_Watch', `GET_${FLEX}_restoreJobs_${JOB_ID}`, 2))
    expect(watched.stderr).toBe(`restore job ${JOB_ID}: RUNNING\nrestore job ${JOB_ID}: COMPLETED\n`)
    // The cluster API's refusal, then two polls of the Flex API, as recorded.
    expect(flexRequests().length - before).toBe(2)
  })
})

describe('backups snapshots download', () => {
  let serve: RunningServer
  let folder: string

  beforeAll(async () => {
    const home = tempHome()
    const start = iso('2026-06-15T10:30:00Z')
    await freezeClock(home, start, (backend) => createCluster(backend, DEMO_PROJECT_ID, {name: 'Flex0', tier: 'FLEX'}))
    await freezeClock(home, start + 3 * DAY_MS)
    serve = await startServer({home, port: 0, log: () => {}})
  })

  afterAll(async () => serve?.close())

  beforeEach(() => {
    folder = makeTempDir('atlas-backups-flex-download-')
  })

  it('writes the .tgz serve links to (a real archive), and refuses a dedicated cluster with the way to download it', async () => {
    const page = await call(serve.url, `${GROUP_PATH}/flexClusters/Flex0/backup/snapshots`, {accept: 'application/vnd.atlas.2024-11-13+json'})
    const snapshotId = (page.body as {results: Array<{id: string; status: string}>}).results.find((one) => one.status === 'COMPLETED')!.id
    const out = join(folder, 'flex0.tgz')
    const saved = await cli(['backups', 'snapshots', 'download', snapshotId, '--clusterName', 'Flex0', '--out', out], serve.url, DEMO_PROJECT_ID)
    expect(saved.code, saved.stderr).toBe(0)
    expect(saved.stdout).toBe(`Snapshot '${out}' downloaded.\n`)
    // No terminal: no progress.
    expect(saved.stderr).toBe('')
    expect(readFileSync(out).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]))
    expect(readdirSync(folder)).toEqual(['flex0.tgz'])

    const refused = await cli(['backups', 'snapshots', 'download', snapshotId, '--clusterName', 'Cluster0', '--out', join(folder, 'c0.tgz')], serve.url, DEMO_PROJECT_ID)
    expectOneErrorLine(refused, 1, /CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API.*restores start download --clusterName Cluster0/)
    expect(readdirSync(folder)).toEqual(['flex0.tgz'])
  })

  it('leaves no file when the link answers an error (the HTTP status is checked), nor when --out is not a .tgz (exit 2, nothing sent)', async () => {
    server.handler = (request, response) => {
      if (request.url.includes('/backup/download')) return json(response, 200, {id: JOB_ID, deliveryType: 'DOWNLOAD', status: 'COMPLETED', snapshotId: SNAPSHOT_ID, snapshotUrl: `${server.url}/expired-link.tgz`})
      response.writeHead(410, {'Content-Type': 'text/html'})
      response.end('<html>gone</html>')
    }
    const out = join(folder, 'snap.tgz')
    const failed = await cli(['backups', 'snapshots', 'download', SNAPSHOT_ID, '--clusterName', 'Flex0', '--out', out])
    expectOneErrorLine(failed, 1, /HTTP 410: nothing was saved/)
    expect(existsSync(out)).toBe(false)
    expect(readdirSync(folder)).toEqual([])
    expect(server.seen.map((seen) => seen.method)).toEqual(['POST', 'GET'])

    const bad = await cli(['backups', 'snapshots', 'download', SNAPSHOT_ID, '--clusterName', 'Flex0', '--out', join(folder, 'snap.tar')])
    expectOneErrorLine(bad, 2, /only the '\.tgz' extension is supported/)
    expect(server.seen).toHaveLength(2)
  })
})
