import {createRequire} from 'node:module'

import type BetterSqlite3 from 'better-sqlite3'
import {describe, expect, it} from 'vitest'

import {storePath} from '../../src/lib/backends/local/store.js'
import {iso} from '../helpers/values.js'
import {call, CLUSTER0, frozenServer, GROUP} from './helpers.js'

// serve answers GETs on clusters that are up to now while another process holds the store's write lock: a GET then
// reads in a read transaction instead of queueing for the lock (which took up to the 15 s busy timeout, then a 500).

const Sqlite = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3
const served = frozenServer(iso('2026-06-15T10:30:00Z'))

describe('serve while another process writes', () => {
  it('answers GETs of caught-up clusters with the committed state while another connection holds the write lock', async () => {
    const page = `${CLUSTER0}/backup/snapshots?itemsPerPage=5`
    const sharded = `${GROUP}/clusters/Sharded0/backup/snapshots/shardedClusters`
    const before = [await call(served.url, page), await call(served.url, sharded)]
    expect(before.map((answer) => answer.status)).toEqual([200, 200])
    const writer = new Sqlite(storePath(served.home), {timeout: 0})
    try {
      writer.prepare('BEGIN IMMEDIATE').run()
      // A change the writer has not committed: Cluster0's snapshots gone.
      writer.prepare("DELETE FROM snapshots WHERE cluster_id = (SELECT id FROM clusters WHERE name = 'Cluster0')").run()
      const during = [await call(served.url, page), await call(served.url, sharded)]
      expect(during.map((answer) => [answer.status, answer.text])).toEqual(before.map((answer) => [answer.status, answer.text]))
      writer.prepare('ROLLBACK').run()
    } finally {
      writer.close()
    }
  })
})
