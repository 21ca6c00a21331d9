import {createHash} from 'node:crypto'
import {cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {connect} from 'node:net'
import {join} from 'node:path'
import {createRequire} from 'node:module'

import type BetterSqlite3 from 'better-sqlite3'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {FaultServer, json, streamingAnswer, type Handler} from '../cloud/fault-server.js'
import {cleanupHomes, makeHome, runCli, spawnCli, type CliResult} from '../helpers/cli.js'

/**
 * Issue 10 §3, as one table: every kind of bad input gets exactly one line on stderr naming the problem and the fix,
 * the right exit code, nothing on stdout, and leaves the emulator's store and config.json as they were, byte for byte.
 *
 * The home is seeded once (clock frozen at an instant, every cluster brought up to it), its bytes recorded, and each
 * case runs against a fresh copy of it: copying is far cheaper than seeding again.
 *
 * The store is compared as files: SQLite's WAL mode may leave local.db-wal and local.db-shm beside local.db. The -shm
 * file is only an index of the WAL (shared memory, rebuilt on open) and holds no data, so it is ignored. A -wal file
 * holds committed pages not yet copied into local.db, so it may be left behind only if it is empty: then local.db
 * alone is the whole database, and comparing its bytes compares the data. (Every command closes the store, which
 * checkpoints and removes the WAL; the seed is taken the same way.)
 */

const require = createRequire(import.meta.url)
const Sqlite = require('better-sqlite3') as typeof BetterSqlite3

const FROZEN_AT = '2026-06-01T00:00:00Z'
const LOCAL = {MONGODB_ATLAS_SERVICE: 'local'}
const GROUP = '5e2211c17a3e5a48f5497de3'

/** Input files live outside the home, so that the home holds only what the CLI writes. */
const INPUTS = makeHome()
const FILES = {
  unknownKeys: join(INPUTS, 'unknown-keys.json'),
  manyItems: join(INPUTS, 'many-items.json'),
  valid: join(INPUTS, 'valid.json'),
  nullSchedule: join(INPUTS, 'null.json'),
  complexKey: join(INPUTS, 'complex-key.yaml'),
}


interface Case {
  name: string
  /** The CLI run; omitted for a raw HTTP request to `serve` (see `request`). */
  args?: string[]
  code?: number
  stderr?: RegExp
  /** Changes the fresh copy of the home before its bytes are recorded (e.g. damages a row). */
  prepare?: (home: string) => void
  /** Answers of a loopback fault server; the run then uses the cloud backend pointed at it. */
  server?: Handler
  /** A raw request sent to `serve` running on the home copy, and the status it must get. */
  request?: {raw: string; status: number}
}

function withDb(home: string, work: (db: BetterSqlite3.Database) => void): void {
  const db = new Sqlite(join(home, 'local.db'))
  try {
    work(db)
  } finally {
    db.close()
  }
}

function firstSnapshotOf(db: BetterSqlite3.Database, cluster: string): string {
  const row = db.prepare('SELECT s.id FROM snapshots s JOIN clusters c ON c.id = s.cluster_id WHERE c.name = ? ORDER BY s.started_at DESC LIMIT 1').get(cluster) as {id: string}
  return row.id
}

/** Streams `megabytes` of JSON-ish filler with backpressure, stopping as soon as the client hangs up. */
const CASES: Case[] = [
  // A schedule document far larger than any schedule.
  {name: 'schedule validate: 500,000 unknown keys', args: ['backups', 'schedule', 'validate', '-f', FILES.unknownKeys], code: 2, stderr: /has 500,000 top-level fields, more than the 100 this tool accepts .*Check that the file is a backup schedule/},
  {name: 'schedule update: 500,000 unknown keys', args: ['backups', 'schedule', 'update', '--clusterName', 'Cluster0', '-f', FILES.unknownKeys], code: 2, stderr: /has 500,000 top-level fields.*nothing was changed/},
  {name: 'schedule validate: 80,000 policy items', args: ['backups', 'schedule', 'validate', '-f', FILES.manyItems], code: 2, stderr: /the policy lists 80,000 items, more than the 1,000 this tool accepts/},
  {name: 'schedule update: 80,000 policy items', args: ['backups', 'schedule', 'update', '--clusterName', 'Cluster0', '-f', FILES.manyItems], code: 2, stderr: /the policy lists 80,000 items.*nothing was changed/},

  // The emulator's clock.
  {name: 'clock advance 280000y', args: ['local', 'clock', 'advance', '280000y'], code: 2, stderr: /advancing by 280000y would take the local emulator's clock past 2106-02-07T06:28:15Z.*The clock shows 2026-06-01T00:00:00Z/},
  {name: 'clock advance 1e30d', args: ['local', 'clock', 'advance', '1e30d'], code: 2, stderr: /advancing by 1e30d would take .* past 2106-02-07T06:28:15Z/},
  {name: 'clock set 0', args: ['local', 'clock', 'set', '0'], code: 2, stderr: /"0" is not an ISO 8601 instant\. Use a form like 2026-12-31T18:00:00Z/},
  {name: 'clock set 7', args: ['local', 'clock', 'set', '7'], code: 2, stderr: /"7" is not an ISO 8601 instant/},
  {name: 'clock set "1 2 3"', args: ['local', 'clock', 'set', '1 2 3'], code: 2, stderr: /"1 2 3" is not an ISO 8601 instant/},
  {name: 'clock set 2026-02-30T00:00:00Z', args: ['local', 'clock', 'set', '2026-02-30T00:00:00Z'], code: 2, stderr: /"2026-02-30T00:00:00Z" names a date or time that does not exist/},
  {name: 'clock set without a zone', args: ['local', 'clock', 'set', '2026-06-01T00:00:00'], code: 2, stderr: /"2026-06-01T00:00:00" is not an ISO 8601 instant/},
  {name: 'clock set past what snapshot ids hold', args: ['local', 'clock', 'set', '2200-01-01T00:00:00Z'], code: 2, stderr: /2200-01-01T00:00:00Z is outside the local emulator's clock range, 1970-01-01T00:00:00Z to 2106-02-07T06:28:15Z/},
  {name: 'clock freeze at a month 13', args: ['local', 'clock', 'freeze', '2026-13-01T00:00:00Z'], code: 2, stderr: /"2026-13-01T00:00:00Z" names a date or time that does not exist/},

  // Pagination bounds, checked before any request.
  {name: 'snapshots list --page 99999999999999999999', args: ['backups', 'snapshots', 'list', 'Cluster0', '--page', '99999999999999999999'], code: 2, stderr: /Invalid value for --page: expected an integer from 1 to 2147483647 but received: 99999999999999999999/},
  {name: 'snapshots list --limit 99999999999999999999', args: ['backups', 'snapshots', 'list', 'Cluster0', '--limit', '99999999999999999999'], code: 2, stderr: /Invalid value for --limit: expected an integer from 1 to 500 but received: 99999999999999999999/},

  // Damaged rows in the store: named, with the way out, and nothing written.
  {
    name: 'a snapshot row whose body is not JSON',
    prepare: (home) => withDb(home, (db) => db.prepare('UPDATE snapshots SET body = ? WHERE id = ?').run('{"id": "trunc', firstSnapshotOf(db, 'Cluster0'))),
    args: ['backups', 'snapshots', 'list', 'Cluster0'],
    code: 1,
    stderr: /store \S+local\.db is damaged: the body of snapshot [0-9a-f]{24} \(snapshots table\) is not valid JSON; nothing was changed\. .*local reset --force/,
  },
  {
    name: 'a cluster row whose schedule is not an object',
    prepare: (home) => withDb(home, (db) => db.prepare('UPDATE clusters SET schedule = ? WHERE name = ?').run('[1, 2, 3]', 'Cluster0')),
    args: ['backups', 'schedule', 'describe', 'Cluster0'],
    code: 1,
    stderr: /local\.db is damaged: the schedule of cluster Cluster0 \(clusters table\) is not a JSON object/,
  },
  {
    name: 'a cluster row whose spec is not JSON',
    prepare: (home) => withDb(home, (db) => db.prepare('UPDATE clusters SET spec = ? WHERE name = ?').run('not json', 'Cluster0')),
    args: ['local', 'clusters', 'list'],
    code: 1,
    stderr: /local\.db is damaged: the spec of cluster Cluster0 \(clusters table\) is not valid JSON/,
  },
  {
    name: 'a clock setting that is not a number',
    prepare: (home) => withDb(home, (db) => db.prepare('UPDATE meta SET value = ? WHERE key = ?').run('soon', 'clock_frozen_at')),
    args: ['local', 'clock', 'show'],
    code: 1,
    stderr: /local\.db is damaged: the clock setting clock_frozen_at \(meta table\) is "soon"/,
  },

  // Clusters and tiers that Atlas does not have.
  {name: 'clusters create --region BAD::::', args: ['local', 'clusters', 'create', 'Bad1', '--region', 'BAD::::'], code: 2, stderr: /--region "BAD::::" is not NAME\[:NODES\[:PRIORITY\]\]/},
  {name: 'clusters create with another provider\'s region', args: ['local', 'clusters', 'create', 'Bad2', '--provider', 'GCP', '--region', 'US_EAST_1'], code: 2, stderr: /US_EAST_1 is not an Atlas region of GCP/},
  {name: 'clusters create --tier SERVERLESS --shards 3', args: ['local', 'clusters', 'create', 'Bad3', '--tier', 'SERVERLESS', '--shards', '3'], code: 2, stderr: /--shards 3: SERVERLESS instances cannot be sharded/},
  {name: 'clusters create --tier M0 --nvme', args: ['local', 'clusters', 'create', 'Bad4', '--tier', 'M0', '--nvme'], code: 2, stderr: /--nvme: M0 clusters have no NVMe storage/},
  {name: 'schedule validate --tier M99999', args: ['backups', 'schedule', 'validate', '-f', FILES.valid, '--tier', 'M99999'], code: 2, stderr: /unknown tier "M99999"/},

  // The configuration file, schedule documents, and the HTTP client and server.
  {
    name: 'config.json with "projectId": 123',
    prepare: (home) => writeFileSync(join(home, 'config.json'), JSON.stringify({profiles: {default: {service: 'local', projectId: 123}}}, null, '\t')),
    args: ['backups', 'snapshots', 'list', 'Cluster0'],
    code: 2,
    stderr: /config\.json.*projectId/,
  },
  {name: 'a profile named __proto__', args: ['config', 'set', 'output', 'json', '-P', '__proto__'], code: 2, stderr: /__proto__/},
  {name: 'a null schedule file', args: ['backups', 'schedule', 'update', '--clusterName', 'Cluster0', '-f', FILES.nullSchedule], code: 2, stderr: /null\.json holds null, not a backup schedule/},
  {name: 'a YAML complex key', args: ['backups', 'schedule', 'update', '--clusterName', 'Cluster0', '-f', FILES.complexKey], code: 2, stderr: /key/i},
  {
    name: 'a 302 from the server',
    server: (_request, response) => json(response, 302, {}, {Location: 'http://127.0.0.1:9/elsewhere'}),
    args: ['backups', 'snapshots', 'list', 'Cluster0'],
    code: 1,
    // It used to say "Error: Error (HTTP_302)."; a redirect is named, with where it pointed, and never followed.
    stderr: /redirected GET .*\(HTTP 302\) to http:\/\/127\.0\.0\.1:9\/elsewhere.*The base URL is probably wrong/,
  },
  {name: 'a 600 MB response body', server: streamingAnswer(600 * 1024 * 1024).handler, args: ['backups', 'snapshots', 'list', 'Cluster0'], code: 1, stderr: /is larger than 32 MiB, the most atlas-backups reads/},
  {name: 'serve: GET http://[', request: {raw: 'GET http://[ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n', status: 400}},
]

/** Every file of the home by name, with a digest of its bytes; WAL leftovers as explained at the top. */
function homeBytes(home: string): Record<string, string> {
  const files: Record<string, string> = {}
  const walk = (dir: string, prefix: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) {
        walk(path, `${prefix}${name}/`)
        continue
      }
      if (name.endsWith('-shm')) continue
      const bytes = readFileSync(path)
      if (name.endsWith('-wal') && bytes.length === 0) continue
      files[`${prefix}${name}`] = `${bytes.length} bytes, sha256 ${createHash('sha256').update(bytes).digest('hex')}`
    }
  }
  walk(home, '')
  return files
}

let seeded = ''
let server: FaultServer

function freshHome(): string {
  const home = makeHome()
  cpSync(seeded, home, {recursive: true})
  return home
}

async function seed(): Promise<string> {
  const home = makeHome()
  const steps = [
    ['config', 'set', 'service', 'local'],
    ['local', 'clock', 'freeze', FROZEN_AT],
    // Brings every cluster up to the frozen instant, so no later read has anything left to write.
    ['local', 'status'],
  ]
  for (const args of steps) {
    const result = await runCli(args, {home, env: LOCAL})
    expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0)
  }
  expect(existsSync(join(home, 'local.db-wal')), 'the seed closed the store').toBe(false)
  return home
}

function writeInputs(): void {
  writeFileSync(FILES.unknownKeys, JSON.stringify(Object.fromEntries(Array.from({length: 500_000}, (_, i) => [`unknownKey${i}`, i]))))
  const item = (i: number) => ({frequencyType: 'weekly', frequencyInterval: 1 + (i % 7), retentionUnit: 'weeks', retentionValue: 1 + (i % 52)})
  writeFileSync(FILES.manyItems, JSON.stringify({referenceHourOfDay: 3, referenceMinuteOfHour: 0, policies: [{policyItems: Array.from({length: 80_000}, (_, i) => item(i))}]}))
  writeFileSync(FILES.valid, JSON.stringify({referenceHourOfDay: 3, referenceMinuteOfHour: 0, policies: [{policyItems: [{frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7}]}]}))
  writeFileSync(FILES.nullSchedule, 'null\n')
  writeFileSync(FILES.complexKey, '? [a, b]\n: 1\nreferenceHourOfDay: 3\nreferenceMinuteOfHour: 0\n')
}

/** Runs `serve` on the home, sends one raw request, and returns the status line's code; serve is stopped after. */
async function serveAnswer(home: string, raw: string): Promise<number> {
  const child = spawnCli(['serve', '--port', '0'], home, LOCAL)
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()))
  try {
    const url = await new Promise<URL>((resolve, reject) => {
      let out = ''
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk
        if (out.includes('\n')) resolve(new URL(out.trim()))
      })
      child.on('close', () => reject(new Error('serve exited before printing its URL')))
    })
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => socket.end(raw))
      let text = ''
      socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk))
      socket.on('end', () => resolve(text))
      socket.on('error', reject)
    })
    return Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? Number.NaN)
  } finally {
    child.kill('SIGTERM')
    await exited
  }
}

function cloudEnv(): Record<string, string> {
  return {
    MONGODB_ATLAS_SERVICE: 'cloud',
    MONGODB_ATLAS_BASE_URL: server.url,
    MONGODB_ATLAS_PUBLIC_API_KEY: 'badinputpub',
    MONGODB_ATLAS_PRIVATE_API_KEY: 'bad-input-private-key-0000',
    MONGODB_ATLAS_PROJECT_ID: GROUP,
    ATLAS_BACKUPS_RETRY_BASE_MS: '10',
  }
}

beforeAll(async () => {
  writeInputs()
  seeded = await seed()
  server = await new FaultServer().start()
})

afterAll(async () => {
  await server?.stop()
  cleanupHomes()
})

describe('bad input: one clear line, the right exit code, nothing on stdout, nothing changed (issue 10 §3)', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const home = freshHome()
      c.prepare?.(home)
      const before = homeBytes(home)
      expect(before['local.db'], 'the seeded store is there').toBeDefined()
      expect(before['config.json'], 'the seeded config is there').toBeDefined()

      if (c.request) {
        expect(await serveAnswer(home, c.request.raw)).toBe(c.request.status)
      } else {
        if (c.server) server.handler = c.server
        const result: CliResult = await runCli(c.args!, {home, env: c.server ? cloudEnv() : LOCAL, timeoutMs: 60_000})
        expect(result.code, result.stderr).toBe(c.code)
        expect(result.stdout).toBe('')
        expect(result.stderr, 'exactly one line on stderr').toMatch(/^Error: [^\n]+\n$/)
        expect(result.stderr).toMatch(c.stderr!)
      }

      expect(homeBytes(home), 'the store and config.json are unchanged').toEqual(before)
    })
  }
})

describe('the inputs §3 says must work', () => {
  it('freezes the clock at a given instant in one step, and sets it from an instant with an offset', async () => {
    const home = freshHome()
    const frozen = await runCli(['local', 'clock', 'freeze', '2026-05-01T12:30:00Z', '-o', 'json'], {home, env: LOCAL})
    expect(frozen.code, frozen.stderr).toBe(0)
    expect(JSON.parse(frozen.stdout)).toMatchObject({now: '2026-05-01T12:30:00Z', frozen: true})
    const set = await runCli(['local', 'clock', 'set', '2026-05-02T02:00:00+02:00', '-o', 'json'], {home, env: LOCAL})
    expect(JSON.parse(set.stdout)).toMatchObject({now: '2026-05-02T00:00:00Z', frozen: true})
    const leap = await runCli(['local', 'clock', 'set', '2028-02-29T00:00:00Z', '-o', 'json'], {home, env: LOCAL})
    expect(JSON.parse(leap.stdout)).toMatchObject({now: '2028-02-29T00:00:00Z'})
  })

  it('a page past the end is empty, and real regions, tiers and NVMe sizes are accepted', async () => {
    const home = freshHome()
    const last = await runCli(['backups', 'snapshots', 'list', 'Cluster0', '--page', '2147483647', '--limit', '500', '-o', 'json'], {home, env: LOCAL})
    expect(last.code, last.stderr).toBe(0)
    expect(JSON.parse(last.stdout).results).toEqual([])
    const gcp = await runCli(['local', 'clusters', 'create', 'Good1', '--provider', 'GCP', '--tier', 'M40', '--region', 'western_europe:3:7', '-o', 'json'], {home, env: LOCAL})
    expect(gcp.code, gcp.stderr).toBe(0)
    expect(JSON.parse(gcp.stdout)).toMatchObject({regions: 'WESTERN_EUROPE:3:7', provider: 'GCP'})
    const nvme = await runCli(['local', 'clusters', 'create', 'Good2', '--tier', 'M40', '--nvme', '-o', 'json'], {home, env: LOCAL})
    expect(JSON.parse(nvme.stdout)).toMatchObject({nvme: true})
    const validated = await runCli(['backups', 'schedule', 'validate', '-f', FILES.valid, '--tier', 'M30_GEN_2'], {home, env: LOCAL})
    expect(validated.code, validated.stderr).toBe(0)
  })
})
