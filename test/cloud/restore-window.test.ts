import {afterAll, afterEach, beforeEach, describe, expect, it} from 'vitest'

import {cleanupHomes, expectOneErrorLine, runCli} from '../helpers/cli.js'
import {atlasError, FaultServer, json, type Seen} from './fault-server.js'

/**
 * `backups restores window` over the cloud backend: what the Admin API lets a client know (the cluster's continuous
 * backup setting, the schedule's restoreWindowDays, the completed snapshots), and the assumption about the oplog said
 * on stderr and in the JSON, never presented as fact.
 */

const GROUP = '5e2211c17a3e5a48f5497de3'
const DAY = 86_400_000
const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')
const ASSUMPTION = /^Note: Atlas does not report the oplog history, so the ranges assume oplog was collected over the whole window/

let server: FaultServer

interface Fleet {
  pitEnabled: boolean
  clusterType?: 'REPLICASET' | 'SHARDED'
  restoreWindowDays?: number
  snapshots: Array<{id: string; status: string; createdAt: string}>
}

function serve(fleet: Fleet): void {
  server.handler = (request: Seen, response) => {
    const path = request.url.split('?')[0]!
    const base = `/api/atlas/v2/groups/${GROUP}/clusters/Cluster0`
    if (path === base) return json(response, 200, {name: 'Cluster0', pitEnabled: fleet.pitEnabled, clusterType: fleet.clusterType ?? 'REPLICASET'})
    if (path === `${base}/backup/schedule`) return json(response, 200, {clusterName: 'Cluster0', policies: [], ...(fleet.restoreWindowDays === undefined ? {} : {restoreWindowDays: fleet.restoreWindowDays})})
    if (path === `${base}/backup/snapshots` || path === `${base}/backup/snapshots/shardedClusters`) {
      const type = path.endsWith('shardedClusters') ? 'shardedCluster' : 'replicaSet'
      return json(response, 200, {results: fleet.snapshots.map((s) => ({...s, snapshotType: 'scheduled', type})), totalCount: fleet.snapshots.length, links: []})
    }
    atlasError(response, 404, 'RESOURCE_NOT_FOUND', `No ${path}.`)
  }
}

const env = () => ({MONGODB_ATLAS_BASE_URL: server.url, MONGODB_ATLAS_PUBLIC_API_KEY: 'winpub', MONGODB_ATLAS_PRIVATE_API_KEY: 'win-private-key-0000', MONGODB_ATLAS_PROJECT_ID: GROUP, ATLAS_BACKUPS_RETRY_BASE_MS: '10'})
const window = (...extra: string[]) => runCli(['backups', 'restores', 'window', 'Cluster0', ...extra], {env: env()})

beforeEach(async () => {
  server = await new FaultServer().start()
})

afterEach(async () => server.stop())

afterAll(cleanupHomes)

describe('backups restores window (cloud backend)', () => {
  it('continuous backup on: the window from restoreWindowDays, assumed covered from the first snapshot, the assumption in JSON and on stderr', async () => {
    const before = Date.now()
    const inside = iso(before - 2 * DAY)
    serve({pitEnabled: true, restoreWindowDays: 3, snapshots: [{id: '6a7944f22c88faeba59d3571', status: 'completed', createdAt: inside}, {id: '6a7944f22c88faeba59d3572', status: 'inProgress', createdAt: iso(before - DAY)}]})
    const result = await window('-o', 'json')
    expect(result.code, result.stderr).toBe(0)
    const report = JSON.parse(result.stdout)
    expect(report).toMatchObject({clusterName: 'Cluster0', basis: 'policyAndSnapshots', continuousBackup: true, restoreWindowDays: 3})
    expect(Date.parse(report.to) - Date.parse(report.from)).toBe(3 * DAY)
    // Before the only completed snapshot there is nothing to replay from; from it on, the assumed coverage.
    expect(report.gaps).toEqual([expect.objectContaining({from: report.from, to: inside, reason: 'noSnapshotBefore', why: expect.stringContaining('no snapshot precedes it')})])
    expect(report.ranges).toEqual([{from: inside, to: report.to, durationSeconds: (Date.parse(report.to) - Date.parse(inside)) / 1000}])
    expect(report.snapshots).toEqual([{id: '6a7944f22c88faeba59d3571', createdAt: inside}])
    expect(report.assumptions).toHaveLength(1)
    expect(report.assumptions[0]).toMatch(/oplog was collected over the whole window/)
    const lines = result.stderr.trimEnd().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(ASSUMPTION)
    expect(server.seen.every((s) => s.method === 'GET')).toBe(true)
  })

  it('continuous backup off: one gap over the whole window, no assumption to state, the snapshots still listed', async () => {
    const at = iso(Date.now() - DAY)
    serve({pitEnabled: false, restoreWindowDays: 7, snapshots: [{id: '6a7944f22c88faeba59d3571', status: 'completed', createdAt: at}]})
    const result = await window('-o', 'json')
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toBe('')
    const report = JSON.parse(result.stdout)
    expect(report.ranges).toEqual([])
    expect(report.gaps).toEqual([{from: report.from, to: report.to, durationSeconds: 7 * 86_400, reason: 'continuousBackupOff', why: expect.stringContaining('Continuous Cloud Backup was off')}])
    expect(report.snapshots).toEqual([{id: '6a7944f22c88faeba59d3571', createdAt: at}])
    expect(report.assumptions).toEqual([])
  })

  it('text output: the heading, ranges, gaps and snapshots; a schedule without restoreWindowDays is assumed 7 days and said', async () => {
    const old = iso(Date.now() - 9 * DAY)
    serve({pitEnabled: true, snapshots: [{id: '6a7944f22c88faeba59d3571', status: 'completed', createdAt: old}]})
    const result = await window()
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/^Restore window of Cluster0: \S+Z to \S+Z \(7 days\); continuous backup on\.\n\nRESTORABLE FROM +TO +DURATION\n\S+Z +\S+Z +7d\n\nNo gaps: every point in time of the window can be restored to\.\n\nSNAPSHOT ID +CREATED AT\n6a7944f22c88faeba59d3571 +\S+Z\n$/)
    const notes = result.stderr.trimEnd().split('\n')
    expect(notes).toHaveLength(2)
    expect(notes[0]).toMatch(/^Note: Atlas's backup schedule gave no restoreWindowDays; 7 days \(Atlas's default\) was assumed\.$/)
    expect(notes[1]).toMatch(ASSUMPTION)
  })

  it('a sharded cluster: its snapshots come from the sharded-cluster list', async () => {
    serve({pitEnabled: true, clusterType: 'SHARDED', restoreWindowDays: 1, snapshots: [{id: '6a7944f22c88faeba59d3579', status: 'completed', createdAt: iso(Date.now() - 2 * DAY)}]})
    const result = await window('-o', 'json')
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout).snapshots.map((s: {id: string}) => s.id)).toEqual(['6a7944f22c88faeba59d3579'])
    expect(server.seen.some((s) => s.url.includes('/backup/snapshots/shardedClusters'))).toBe(true)
  })

  it('an unknown cluster: Atlas\'s 404 as one error line, exit 1', async () => {
    server.handler = (_request, response) => atlasError(response, 404, 'CLUSTER_NOT_FOUND', 'No cluster named Cluster0 exists in group.')
    expectOneErrorLine(await window(), 1, /Cluster0/)
  })

  it('a bad output format or a missing cluster name: exit 2, nothing sent', async () => {
    serve({pitEnabled: true, snapshots: []})
    expectOneErrorLine(await window('-o', 'yaml'), 2, /unknown output format "yaml"/)
    const missing = await runCli(['backups', 'restores', 'window'], {env: env()})
    expect(missing.code).toBe(2)
    expect(missing.stdout).toBe('')
    expect(server.count()).toBe(0)
  })
})
