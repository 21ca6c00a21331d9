import {join} from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {readFleet} from '../../src/lib/audit/fleet.js'
import {createCloudBackend} from '../../src/lib/backends/cloud/index.js'
import {createCluster} from '../../src/lib/backends/local/admin.js'
import {DEMO_PROJECT_ID} from '../../src/lib/backends/local/fleet.js'
import {createProject} from '../../src/lib/backends/local/projects.js'
import {API_PREFIX, startServer, type RunningServer} from '../../src/lib/server/index.js'
import {FLEET_OPERATIONS} from '../../src/lib/server/fleet-operations.js'
import {FaultServer, json} from '../cloud/fault-server.js'
import {cloudSettings} from '../helpers/cloud-settings.js'
import {parseRecording, RECORDINGS_DIR} from '../helpers/recordings.js'
import {hasShared, SHARED_ABSENT, sharedPath} from '../helpers/shared.js'
import {iso} from '../helpers/values.js'
import {call, expectAtlasError, freezeClock, tempHome} from '../server/helpers.js'
import {SpecValidator} from './spec-validator.js'

/**
 * GET /groups and GET /groups/{groupId}/serverless, the fleet reads of `backups audit`. Neither is in the trimmed spec
 * file (the backup subset), so serve's project is held to the fields of Atlas's recorded project answer, and both
 * operations to the path, media type and paging of the official API reference: what the cloud backend sends (seen
 * by a scripted server) and what serve answers.
 */

const ready = hasShared('atlas-api', 'atlas-backup-openapi.json') && hasShared('atlas-api', 'recordings', 'backup_restores')
if (!ready) console.warn(`fleet contract test: ${SHARED_ABSENT}`)
const V = 'application/vnd.atlas.2023-01-01+json'
const RECORDED_GROUP = join(RECORDINGS_DIR, 'backup_restores', 'TestRestores', 'POST_api_atlas_v2_groups_1.snaphost')

let server: RunningServer
let home: string
let payments = ''

beforeAll(async () => {
  if (!ready) return
  home = tempHome()
  await freezeClock(home, iso('2026-06-15T10:30:00Z'), (backend) => {
    payments = createProject(backend, 'Payments').id
    createCluster(backend, payments, {name: 'PaySrv', tier: 'SERVERLESS'})
  })
  server = await startServer({home, port: 0, log: () => {}})
})

afterAll(async () => server?.close())

describe.skipIf(!ready)(`the fleet reads (GET /groups, GET /groups/{groupId}/serverless)${ready ? '' : ` — ${SHARED_ABSENT}`}`, () => {
  it('are not in the spec file, so they are kept apart from the operations it holds serve to', () => {
    const spec = new SpecValidator(sharedPath('atlas-api', 'atlas-backup-openapi.json'))
    for (const op of FLEET_OPERATIONS) expect(spec.template(op.method, `${API_PREFIX}${op.template.replace('{groupId}', DEMO_PROJECT_ID)}`), op.operationId).toBeUndefined()
  })

  it("serve's project has exactly the fields of Atlas's recorded project, its list the paging envelope", async () => {
    const recorded = JSON.parse(parseRecording(RECORDED_GROUP).body) as Record<string, unknown>
    const answer = await call(server.url, `${API_PREFIX}/groups?pageNum=2&itemsPerPage=1`, {accept: V})
    expect(answer.status, answer.text).toBe(200)
    expect(answer.type).toBe(`${V};charset=utf-8`)
    const body = answer.body as {links: Array<{rel: string}>; results: Array<Record<string, unknown>>; totalCount: number}
    expect(Object.keys(body).sort()).toEqual(['links', 'results', 'totalCount'])
    expect(body.links.map((link) => link.rel)).toEqual(['previous', 'self'])
    expect(body.totalCount).toBe(2)
    expect(Object.keys(body.results[0]!).sort()).toEqual(Object.keys(recorded).sort())
    expect(body.results[0]).toMatchObject({id: payments, name: 'Payments', clusterCount: 1, created: '2026-06-15T10:30:00Z'})
  })

  it('serve answers a serverless instance list, and 404 GROUP_NOT_FOUND for an unknown project', async () => {
    const answer = await call(server.url, `${API_PREFIX}/groups/${payments}/serverless`, {accept: V})
    expect(answer.status, answer.text).toBe(200)
    expect(answer.body).toMatchObject({totalCount: 1, results: [{name: 'PaySrv', groupId: payments, providerSettings: {providerName: 'SERVERLESS'}, stateName: 'IDLE'}]})
    expectAtlasError(await call(server.url, `${API_PREFIX}/groups/0123456789abcdef01234567/serverless`, {accept: V}), 404, 'GROUP_NOT_FOUND')
  })

  it('the cloud backend sends both with the 2023-01-01 media type and the paging parameters', async () => {
    const atlas = await new FaultServer().start()
    try {
      atlas.handler = (request, response) => {
        const path = new URL(request.url, 'http://x').pathname
        json(response, 200, path === `${API_PREFIX}/groups` ? {results: [{id: payments, name: 'Payments'}], totalCount: 1} : {results: [], totalCount: 0})
      }
      const cloud = await createCloudBackend(cloudSettings(atlas.url, {kind: 'apiKey', publicKey: 'p', privateKey: 'k', source: 'env'}), {debug: () => {}, warn: () => {}})
      const fleet = await readFleet(cloud, {allProjects: true}, {concurrency: 1, itemsPerPage: 50})
      expect(fleet.failures).toEqual([])
      expect(atlas.seen.map((s) => [s.method, s.url, s.headers.accept])).toEqual([
        ['GET', `${API_PREFIX}/groups?pageNum=1&itemsPerPage=50&includeCount=true`, V],
        ['GET', `${API_PREFIX}/groups/${payments}/clusters?pageNum=1&itemsPerPage=50&includeCount=true`, 'application/vnd.atlas.2024-08-05+json'],
        ['GET', `${API_PREFIX}/groups/${payments}/serverless?pageNum=1&itemsPerPage=50&includeCount=true`, V],
      ])
      await cloud.close()
    } finally {
      await atlas.stop()
    }
  })
})
