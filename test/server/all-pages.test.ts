import {afterAll, beforeAll, describe, expect, test} from 'vitest'

import {openListAll} from '../../src/lib/backends/all-pages.js'
import type {Backend} from '../../src/lib/backends/backend.js'
import {createCloudBackend} from '../../src/lib/backends/cloud/index.js'
import {LocalBackend} from '../../src/lib/backends/local/local-backend.js'
import {jsonListPieces} from '../../src/lib/cli/json-list.js'
import type {PageRequest, Paginated} from '../../src/lib/domain/types.js'
import {startServer, type RunningServer} from '../../src/lib/server/index.js'
import {cloudSettings} from '../helpers/cloud-settings.js'
import {addBulkSnapshots, GROUP, START} from '../unit/local/harness.js'
import {freezeClock, tempHome} from './helpers.js'

/**
 * Issue 16: `--all` over serve (the cloud backend reading pages 2… four at a time, serve answering them by keyset)
 * prints what `--all` on the local backend prints, but for the link base (serve's own address).
 */

const COUNT = 1000
let home = ''
let server: RunningServer | undefined
let cloud: Backend | undefined

beforeAll(async () => {
  home = tempHome()
  await freezeClock(home, START, (backend) => addBulkSnapshots(backend, COUNT))
  server = await startServer({home, port: 0, publicKey: 'allpub', privateKey: 'all-private', log: () => {}})
  cloud = await createCloudBackend(cloudSettings(server.url, {kind: 'apiKey', publicKey: 'allpub', privateKey: 'all-private', source: 'env'}), {debug: () => {}, warn: () => {}})
})

afterAll(async () => {
  await cloud?.close()
  await server?.close()
})

async function streamed(backend: Backend, kind: 'snapshots' | 'restoreJobs', itemsPerPage: number): Promise<string> {
  const list = (page: PageRequest): Promise<Paginated<unknown>> => (kind === 'snapshots' ? backend.listSnapshots(GROUP, 'Cluster0', page) : backend.listRestoreJobs(GROUP, 'Cluster0', page))
  let text = ''
  for await (const piece of jsonListPieces(await openListAll(list, itemsPerPage), {omitCount: false})) text += piece
  return text
}

describe('--all over serve', () => {
  test(`${COUNT} snapshots, 500 and 7 per page, and the restore jobs: the local --all text, byte for byte but for the link base`, async () => {
    const local = new LocalBackend({home, wallClock: () => START, linkBase: server!.url})
    try {
      for (const itemsPerPage of [500, 7]) {
        const expected = await streamed(local, 'snapshots', itemsPerPage)
        expect(JSON.parse(expected).totalCount).toBeGreaterThan(COUNT)
        expect(await streamed(cloud!, 'snapshots', itemsPerPage)).toBe(expected)
      }
      expect(await streamed(cloud!, 'restoreJobs', 100)).toBe(await streamed(local, 'restoreJobs', 100))
    } finally {
      await local.close()
    }
  })
})
