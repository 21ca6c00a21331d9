import {afterAll, afterEach, beforeEach, describe, expect, it} from 'vitest'

import {cleanupHomes, runCli} from '../helpers/cli.js'
import {atlasError, FaultServer, json} from './fault-server.js'

/**
 * `serverless backups snapshots list|describe|watch` over the cloud backend: Atlas deprecated these endpoints
 * (sunset 2026-01-22), so each run that still gets an answer says so in exactly one stderr line, with or without
 * Atlas's Deprecation/Sunset headers, however many requests it made. After the sunset Atlas answers 410, whose error
 * line already explains it; the local emulator keeps the commands for testing automation and says nothing.
 */

const GROUP = '5e2211c17a3e5a48f5497de3'
const SNAPSHOT_ID = '6a7944f22c88faeba59d3572'
const snapshot = (status: string) => ({id: SNAPSHOT_ID, status, snapshotType: 'onDemand', serverlessInstanceName: 'Serverless0', createdAt: '2026-01-10T03:00:00Z'})
const NOTE = /^Note: Atlas has deprecated the serverless backup endpoints \(sunset (.+)\) and may stop answering them at any time; serverless instances become Flex clusters, whose snapshots `atlas-backups backups snapshots list Serverless0` lists\.$/

let server: FaultServer

const env = () => ({MONGODB_ATLAS_BASE_URL: server.url, MONGODB_ATLAS_PUBLIC_API_KEY: 'slpub', MONGODB_ATLAS_PRIVATE_API_KEY: 'sl-private-key-0000', MONGODB_ATLAS_PROJECT_ID: GROUP, ATLAS_BACKUPS_RETRY_BASE_MS: '10'})

beforeEach(async () => {
  server = await new FaultServer().start()
})

afterEach(async () => server.stop())

afterAll(cleanupHomes)

describe('serverless deprecation notice (cloud backend)', () => {
  it('list, Atlas sending no lifecycle headers: the result on stdout, one notice line on stderr', async () => {
    server.handler = (_r, res) => json(res, 200, {results: [snapshot('completed')], totalCount: 1, links: []})
    const result = await runCli(['serverless', 'backups', 'snapshots', 'list', 'Serverless0', '-o', 'json'], {env: env()})
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({totalCount: 1})
    const lines = result.stderr.trimEnd().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(NOTE)
    expect(NOTE.exec(lines[0]!)![1]).toBe('2026-01-22')
  })

  it('describe, Atlas sending Deprecation and Sunset: still one line, naming Atlas\'s Sunset', async () => {
    const sunset = 'Thu, 22 Jan 2026 00:00:00 GMT'
    server.handler = (_r, res) => json(res, 200, snapshot('completed'), {Deprecation: 'Mon, 1 Sep 2025 00:00:00 GMT', Sunset: sunset})
    const result = await runCli(['serverless', 'backups', 'snapshots', 'describe', '--clusterName', 'Serverless0', '--snapshotId', SNAPSHOT_ID, '-o', 'json'], {env: env()})
    expect(result.code, result.stderr).toBe(0)
    const lines = result.stderr.trimEnd().split('\n')
    expect(lines).toHaveLength(1)
    expect(NOTE.exec(lines[0]!)?.[1]).toBe(sunset)
  })

  it('watch polling several times: one notice for the run', async () => {
    server.handler = (_r, res, i) => json(res, 200, snapshot(i < 2 ? 'inProgress' : 'completed'))
    const result = await runCli(['serverless', 'backups', 'snapshots', 'watch', '--clusterName', 'Serverless0', '--snapshotId', SNAPSHOT_ID, '--interval', '1s'], {env: env()})
    expect(result.code, result.stderr).toBe(0)
    expect(server.count()).toBeGreaterThanOrEqual(3)
    expect(result.stderr.trimEnd().split('\n').filter((line) => NOTE.test(line))).toHaveLength(1)
    expect(result.stderr).not.toMatch(/Atlas API version/)
  })

  it('after the sunset (410): only the error line, which says the endpoints are retired', async () => {
    server.handler = (_r, res) => atlasError(res, 410, 'VERSION_GONE', 'Version 2023-01-01 of this resource is no longer available.')
    const result = await runCli(['serverless', 'backups', 'snapshots', 'list', 'Serverless0'], {env: env()})
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    const lines = result.stderr.trimEnd().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^Error: Atlas has retired the serverless backup endpoints/)
  })

  it('cluster commands get no serverless notice', async () => {
    server.handler = (_r, res) => json(res, 200, {results: [], totalCount: 0, links: []})
    const result = await runCli(['backups', 'snapshots', 'list', 'Cluster0', '-o', 'json'], {env: env()})
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
  })
})

describe('serverless commands on the local emulator', () => {
  it('say nothing about deprecation: the emulator keeps them for testing automation', async () => {
    const result = await runCli(['serverless', 'backups', 'snapshots', 'list', 'Serverless0', '-o', 'json'], {env: {MONGODB_ATLAS_SERVICE: 'local'}})
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toHaveProperty('results')
    expect(result.stderr).not.toMatch(/deprecat/i)
  })
})
