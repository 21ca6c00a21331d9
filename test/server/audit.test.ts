import {readFileSync} from 'node:fs'
import type {ServerResponse} from 'node:http'
import {join} from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {parse} from 'yaml'

import {readFleet} from '../../src/lib/audit/fleet.js'
import {type AuditReport, auditProjects} from '../../src/lib/audit/report.js'
import {parseStandard} from '../../src/lib/audit/standard.js'
import type {Backend} from '../../src/lib/backends/backend.js'
import {createCloudBackend} from '../../src/lib/backends/cloud/index.js'
import {createCluster, listNodes, setNodeHealth} from '../../src/lib/backends/local/admin.js'
import {LocalBackend} from '../../src/lib/backends/local/local-backend.js'
import {createProject} from '../../src/lib/backends/local/projects.js'
import {HOUR_MS} from '../../src/lib/domain/time.js'
import {startServer, type RunningServer} from '../../src/lib/server/index.js'
import {FaultServer} from '../cloud/fault-server.js'
import {REPO_ROOT} from '../helpers/cli.js'
import {cloudSettings} from '../helpers/cloud-settings.js'
import {iso} from '../helpers/values.js'
import {freezeClock, tempHome} from './helpers.js'

/**
 * `backups audit` over serve (issue 15 section 3, acceptance): three projects read through the cloud backend give the
 * same report as the local backend reading the same store; behind a server answering 429 with Retry-After, the
 * audit waits, retries and still completes with the same report.
 */

const START = iso('2026-06-15T10:30:00Z')
const NOW = START + 8 * HOUR_MS
const STANDARD = parseStandard(parse(readFileSync(join(REPO_ROOT, 'examples', 'audit-standard.yaml'), 'utf8')), 'examples/audit-standard.yaml')
const CREDENTIALS = {kind: 'apiKey', publicKey: 'p', privateKey: 'k', source: 'env'} as const

let home = ''
let server: RunningServer | undefined
let throttler: FaultServer | undefined
const opened: Backend[] = []

beforeAll(async () => {
  home = tempHome()
  // The demo project, plus Payments (an M10 with continuous backup whose nodes all go down at once, so its 12:00 and
  // 18:00 snapshots fail) and Analytics (an M30 on Azure and an M2): three projects with every kind of verdict.
  await freezeClock(home, START, (backend) => {
    const payments = createProject(backend, 'Payments')
    createCluster(backend, payments.id, {name: 'Ledger0', tier: 'M10', continuousBackup: true})
    for (const node of listNodes(backend, payments.id, 'Ledger0')) setNodeHealth(backend, payments.id, node.hostname, false)
    const analytics = createProject(backend, 'Analytics')
    createCluster(backend, analytics.id, {name: 'Warehouse0', tier: 'M30', provider: 'AZURE'})
    createCluster(backend, analytics.id, {name: 'Scratch0', tier: 'M2'})
  })
  await freezeClock(home, NOW)
  server = await startServer({home, port: 0, log: () => {}})
})

afterAll(async () => {
  for (const backend of opened) await backend.close()
  await throttler?.stop()
  await server?.close()
})

async function cloudAt(url: string): Promise<Backend> {
  const backend = await createCloudBackend(cloudSettings(url, CREDENTIALS), {debug: () => {}, warn: () => {}})
  opened.push(backend)
  return backend
}

async function auditAll(backend: Backend): Promise<AuditReport> {
  const fleet = await readFleet(backend, {allProjects: true}, {concurrency: 8})
  return auditProjects(backend, fleet, STANDARD, 'examples/audit-standard.yaml', NOW, {concurrency: 8})
}

function verdicts(report: AuditReport): string[] {
  return report.results.map((row) => `${row.projectName}/${row.name}: ${row.controls.map((c) => c.status).join(' ')}`)
}

describe('backups audit: three projects, locally and over serve', () => {
  let local: AuditReport

  it('locally: every project and deployment, the failed snapshot and the fixed M2 schedule reported', async () => {
    const backend = new LocalBackend({home})
    opened.push(backend)
    local = await auditAll(backend)
    expect(new Set(local.results.map((row) => row.projectName))).toEqual(new Set(['Demo Project', 'Payments', 'Analytics']))
    expect(local.summary).toEqual({deployments: 11, passed: 0, failed: 11, unreadProjects: 0})
    const ledger = local.results.find((row) => row.name === 'Ledger0')!
    expect(ledger.controls.find((c) => c.id === 'noFailedSnapshotsInLastDays')).toEqual({id: 'noFailedSnapshotsInLastDays', status: 'fail', reason: '2 failed snapshots in the last 7 days, the newest at 2026-06-15T18:00:00Z'})
    expect(local.results.find((row) => row.name === 'Scratch0')!.tier).toBe('M2')
  })

  it('over serve (cloud backend → HTTP → emulator): the same report', async () => {
    const overServe = await auditAll(await cloudAt(server!.url))
    expect(overServe).toEqual(local)
    expect(verdicts(overServe)).toEqual(verdicts(local))
  })

  it('behind a server answering 429 with Retry-After: 1 to some snapshot reads: it waits, retries, and completes with the same report', async () => {
    const target = server!.url
    throttler = await new FaultServer().start()
    let throttled = 0
    throttler.handler = (request, response) => {
      // The first read of three clusters' snapshots is refused once each: the audit must come back for them.
      if (request.url.includes('/backup/snapshots') && request.url.includes('pageNum=1') && throttled < 3) {
        throttled++
        response.writeHead(429, {'Content-Type': 'application/json', 'Retry-After': '1'})
        response.end(JSON.stringify({error: 429, errorCode: 'RATE_LIMITED', reason: 'Too Many Requests', detail: 'Slow down.'}))
        return
      }
      void forward(target, request, response)
    }
    const started = Date.now()
    const report = await auditAll(await cloudAt(throttler.url))
    expect(throttled).toBe(3)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
    expect(report).toEqual(local)
  })

  it('a project the credentials cannot read (403) is reported, not an abort: the others are audited, and the audit fails', async () => {
    const target = server!.url
    const analytics = local.results.find((row) => row.name === 'Warehouse0')!.projectId
    const guard = await new FaultServer().start()
    try {
      guard.handler = (request, response) => {
        if (request.url.startsWith(`/api/atlas/v2/groups/${analytics}/clusters`)) {
          response.writeHead(403, {'Content-Type': 'application/json'})
          response.end(JSON.stringify({error: 403, errorCode: 'USER_CANNOT_ACCESS_GROUP', reason: 'Forbidden', detail: 'The user cannot access this group.'}))
          return
        }
        void forward(target, request, response)
      }
      const report = await auditAll(await cloudAt(guard.url))
      expect(report.passed).toBe(false)
      expect(report.unreadProjects).toEqual([{groupId: analytics, name: 'Analytics', reason: expect.stringContaining('403 USER_CANNOT_ACCESS_GROUP')}])
      expect(report.summary).toEqual({deployments: 9, passed: 0, failed: 9, unreadProjects: 1})
      expect(report.results).toEqual(local.results.filter((row) => row.projectId !== analytics))
    } finally {
      await guard.stop()
    }
  })
})

/** Passes a request on to serve and its answer back, headers included (the digest challenge goes through). */
async function forward(target: string, request: {method: string; url: string; headers: Record<string, string | string[] | undefined>; body: string}, response: ServerResponse): Promise<void> {
  const headers = new Headers()
  for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string' && name !== 'host' && name !== 'connection') headers.set(name, value)
  const answer = await fetch(target + request.url, {method: request.method, headers, body: request.method === 'GET' ? undefined : request.body})
  const out: Record<string, string> = {}
  answer.headers.forEach((value, name) => {
    if (name !== 'content-length' && name !== 'transfer-encoding' && name !== 'connection' && name !== 'content-encoding') out[name] = value
  })
  response.writeHead(answer.status, out)
  response.end(Buffer.from(await answer.arrayBuffer()))
}
