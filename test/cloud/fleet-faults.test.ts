import {beforeEach, describe, expect, it} from 'vitest'

import {mapBounded, readFleet} from '../../src/lib/audit/fleet.js'
import {createCloudBackend} from '../../src/lib/backends/cloud/index.js'
import {cloudSettings} from '../helpers/cloud-settings.js'
import {atlasError, type FaultServer, faultServerPerTest, json, type Seen} from './fault-server.js'

/**
 * readFleet against a scripted Atlas: several pages per list, requests in flight counted at the server, one project
 * refused, one answering 429 with Retry-After before it answers. Retries back off from 5 ms (ATLAS_BACKUPS_RETRY_BASE_MS)
 * so exhausting them stays fast; a Retry-After of 1 s is honoured as told.
 */

const PROJECTS = ['a0000000000000000000000a', 'b0000000000000000000000b', 'c0000000000000000000000c', 'd0000000000000000000000d']

const faults = faultServerPerTest()
let server: FaultServer
beforeEach(() => {
  server = faults()
})

function page<T>(request: Seen, all: T[]): {results: T[]; totalCount?: number} {
  const query = new URL(request.url, 'http://x').searchParams
  const pageNum = Number(query.get('pageNum') ?? 1)
  const itemsPerPage = Number(query.get('itemsPerPage') ?? 100)
  const results = all.slice((pageNum - 1) * itemsPerPage, pageNum * itemsPerPage)
  return query.get('includeCount') === 'false' ? {results} : {results, totalCount: all.length}
}

/**
 * An organisation of four projects of five clusters (names listed out of order) and no serverless instance. Answers
 * come after 15 ms so that requests overlap; `refuse` may answer a request itself instead.
 */
function atlas(refuse: (request: Seen, groupId: string | undefined) => ((response: Parameters<FaultServer['handler']>[1]) => void) | undefined = () => undefined) {
  const stats = {inFlight: 0, maxInFlight: 0}
  server.handler = (request, response) => {
    const path = new URL(request.url, 'http://x').pathname
    const groupId = /^\/api\/atlas\/v2\/groups\/([0-9a-f]{24})/.exec(path)?.[1]
    stats.inFlight += 1
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight)
    setTimeout(() => {
      stats.inFlight -= 1
      const refusal = refuse(request, groupId)
      if (refusal) return refusal(response)
      if (path === '/api/atlas/v2/groups') return json(response, 200, page(request, PROJECTS.map((id, i) => ({id, name: `Project ${i}`, orgId: 'e0000000000000000000000e', clusterCount: 5, created: '2026-01-01T00:00:00Z'}))))
      if (path.endsWith('/clusters')) return json(response, 200, page(request, [3, 1, 4, 0, 2].map((n) => ({name: `C${n}`, id: `${groupId!.slice(0, 20)}000${n}`}))))
      if (path.endsWith('/serverless')) return json(response, 200, page(request, []))
      json(response, 404, {error: 404, errorCode: 'NOT_FOUND'})
    }, 15)
  }
  return stats
}

async function cloud() {
  return createCloudBackend(cloudSettings(server.url, {kind: 'apiKey', publicKey: 'p', privateKey: 'k', source: 'env'}), {debug: () => {}, warn: () => {}})
}

describe('readFleet against a faulty Atlas', () => {
  it('reads every page of every project with at most `concurrency` requests in flight, clusters by name', async () => {
    const stats = atlas()
    const fleet = await readFleet(await cloud(), {allProjects: true}, {concurrency: 2, itemsPerPage: 2})
    expect(fleet.failures).toEqual([])
    expect(fleet.projects.map((p) => p.groupId)).toEqual(PROJECTS)
    for (const project of fleet.projects) expect(project.clusters.map((c) => c.name)).toEqual(['C0', 'C1', 'C2', 'C3', 'C4'])
    // 5 clusters in pages of 2: pages 1-3 of each project's clusters, and one page of serverless instances.
    expect(server.seen.filter((s) => s.url.includes('/clusters?')).length).toBe(PROJECTS.length * 3)
    expect(stats.maxInFlight).toBe(2)
  })

  it('one project refused (403) and one failing past its retries (503) are reported; the others complete', async () => {
    atlas((request, groupId) => {
      if (groupId === PROJECTS[1]) return (response) => atlasError(response, 403, 'USER_CANNOT_ACCESS_GROUP', 'The API key cannot access this project.')
      if (groupId === PROJECTS[2] && request.url.includes('/serverless')) return (response) => atlasError(response, 503, 'SERVICE_UNAVAILABLE', 'Down.')
      return undefined
    })
    const fleet = await readFleet(await cloud(), {allProjects: true}, {concurrency: 3, itemsPerPage: 2})
    expect(fleet.projects.map((p) => p.groupId)).toEqual([PROJECTS[0], PROJECTS[3]])
    expect(fleet.failures).toEqual([
      {groupId: PROJECTS[1], name: 'Project 1', reason: expect.stringMatching(/^403 USER_CANNOT_ACCESS_GROUP: The API key cannot access this project.*Project Read Only/) as unknown as string},
      {groupId: PROJECTS[2], name: 'Project 2', reason: expect.stringMatching(/503 SERVICE_UNAVAILABLE/) as unknown as string},
    ])
    // The 503 was retried (GET is idempotent) before the project was given up on.
    expect(server.seen.filter((s) => s.url.startsWith(`/api/atlas/v2/groups/${PROJECTS[2]}/serverless`)).length).toBeGreaterThan(1)
  })

  it('projects that cannot be listed at all are thrown, naming the organization role GET /groups needs', async () => {
    atlas((request) => (new URL(request.url, 'http://x').pathname === '/api/atlas/v2/groups' ? (response) => atlasError(response, 403, 'USER_CANNOT_ACCESS_ORGANIZATION', 'Forbidden.') : undefined))
    const reading = readFleet(await cloud(), {allProjects: true}, {concurrency: 2})
    await expect(reading).rejects.toMatchObject({status: 403, errorCode: 'USER_CANNOT_ACCESS_ORGANIZATION', detail: 'Forbidden: API key p needs the Organization Read Only role (or higher) on the organization for GET /groups'})
    expect(server.seen).toHaveLength(1)
  })

  it('backs off on 429 for as long as Retry-After says, then completes', async () => {
    let limited = false
    const stats = atlas((request, groupId) => {
      if (limited || groupId !== PROJECTS[0] || !request.url.includes('/clusters')) return undefined
      limited = true
      return (response) => atlasError(response, 429, 'RATE_LIMITED_TOKEN_BUCKET', 'Rate limit exceeded.', {'Retry-After': '1'})
    })
    const started = Date.now()
    const fleet = await readFleet(await cloud(), {allProjects: true}, {concurrency: 2, itemsPerPage: 2})
    // Without Retry-After the backoff would have been a few ms (base 5 ms): it waited the second it was told.
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
    expect(fleet.failures).toEqual([])
    expect(fleet.projects.map((p) => p.clusters.length)).toEqual([5, 5, 5, 5])
    const asks = server.seen.map((s, index) => ({s, index})).filter(({s}) => s.url.startsWith(`/api/atlas/v2/groups/${PROJECTS[0]}/clusters`) && s.url.includes('pageNum=1'))
    expect(asks).toHaveLength(2)
    expect(stats.maxInFlight).toBeLessThanOrEqual(2)
  })
})

describe('mapBounded', () => {
  it('keeps at most `concurrency` calls pending, returns outcomes in input order, records failures without stopping', async () => {
    let pending = 0
    let most = 0
    const outcomes = await mapBounded([5, 1, 4, 2, 3, 0], 3, async (n, index) => {
      pending += 1
      most = Math.max(most, pending)
      await new Promise((resolve) => setTimeout(resolve, n * 3))
      pending -= 1
      if (n === 4) throw new Error(`item ${index} failed`)
      return n * 10
    })
    expect(most).toBe(3)
    expect(outcomes.map((o) => (o.ok ? o.value : (o.error as Error).message))).toEqual([50, 10, 'item 2 failed', 20, 30, 0])
  })

  it('refuses a concurrency that is not a positive integer', async () => {
    await expect(mapBounded([1], 0, async (n) => n)).rejects.toThrow(RangeError)
    expect(await mapBounded([], 2, async (n: number) => n)).toEqual([])
  })
})
