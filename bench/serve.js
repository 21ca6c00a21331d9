// `backups snapshots list Cluster0 --all --limit 500 -o json` with 10,000 snapshots: over `serve` (cloud backend,
// real loopback HTTP with digest auth) and on the local backend. Median of 3 runs each.
import {spawn} from 'node:child_process'
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {Agent, request} from 'node:http'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {performance} from 'node:perf_hooks'
import {fileURLToPath} from 'node:url'

import {benchEnv, BIN, cli, homeWithSnapshots, ROOT, timeRuns} from './startup.js'

const COUNT = 10_000
export const KEYS = {MONGODB_ATLAS_PUBLIC_API_KEY: 'benchpub', MONGODB_ATLAS_PRIVATE_API_KEY: 'bench-private-key'}

export function startServe(home, keys = true) {
  const auth = keys ? ['--public-key', KEYS.MONGODB_ATLAS_PUBLIC_API_KEY, '--private-key', KEYS.MONGODB_ATLAS_PRIVATE_API_KEY] : []
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...auth], {
    cwd: ROOT,
    env: benchEnv(home),
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  return urlOf(child)
}

/** Resolves with the URL a child prints on its first line of stdout. */
function urlOf(child) {
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      out += chunk
      const url = /^(http:\/\/\S+)\s*$/m.exec(out)?.[1]
      if (url) resolve({url, child})
    })
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)))
  })
}

export async function benchServe() {
  if (!existsSync(join(ROOT, 'dist', 'commands', 'serve.js'))) return undefined
  const home = homeWithSnapshots(COUNT)
  const cliHome = mkdtempSync(join(tmpdir(), 'atlas-backups-bench-cli-'))
  let child
  try {
    const started = await startServe(home)
    child = started.child
    const url = started.url
    const args = [BIN, 'backups', 'snapshots', 'list', 'Cluster0', '--all', '--limit', '500', '-o', 'json']
    const projectId = JSON.parse(cli(['local', 'clusters', 'list', '-o', 'json'], home))[0].projectId
    const cloudEnv = benchEnv(cliHome, {...KEYS, MONGODB_ATLAS_BASE_URL: url, MONGODB_ATLAS_PROJECT_ID: projectId})
    const snapshots = JSON.parse(cli(args.slice(1), cliHome, cloudEnv)).results.length
    const cloud = timeRuns(args, cloudEnv, 3)
    const local = timeRuns(args, benchEnv(home), 3)
    return {snapshots, cloud, local}
  } finally {
    // Removing the home while serve still closes its store could leave files behind.
    if (child && child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM'))
    rmSync(home, {recursive: true, force: true})
    rmSync(cliHome, {recursive: true, force: true})
  }
}

const PAGE_ACCEPT = 'application/vnd.atlas.2023-01-01+json'
/** A page of Cluster0's snapshots as a client asks for it: the default page of 100, through the 2023-01-01 API. */
const PAGE_PATH = (projectId, cluster = 'Cluster0') => `/api/atlas/v2/groups/${projectId}/clusters/${cluster}/backup/snapshots?itemsPerPage=100`

/** One GET on a keep-alive agent; resolves with the body, rejects on anything but a 200 unless `anyStatus`. */
function get(agent, url, anyStatus = false) {
  return new Promise((resolve, reject) => {
    const req = request(url, {agent, headers: {Accept: PAGE_ACCEPT}}, (res) => {
      const chunks = []
      res.on('data', (chunk) => chunks.push(chunk))
      res.on('end', () => (res.statusCode === 200 || anyStatus ? resolve({status: res.statusCode, body: Buffer.concat(chunks), headers: res.headers}) : reject(new Error(`GET ${url}: ${res.statusCode}`))))
    })
    req.on('error', reject)
    req.end()
  })
}

/** Percentile of sorted latencies, nearest rank. */
function percentile(sorted, p) {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

function summary(latencies, seconds) {
  const sorted = [...latencies].sort((a, b) => a - b)
  return {requests: sorted.length, rps: sorted.length / seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0}
}

/**
 * The load generator: `connections` keep-alive connections, each sending its next GET as soon as the previous answer
 * has been read, while `keepGoing()` holds. Returns every request's latency (ms) and the seconds it ran.
 */
async function hammer(url, connections, keepGoing, failures, reuse) {
  // A turn may reuse the warm-up's connections (`reuse`): a latency then never includes a TCP connect.
  const agent = reuse ?? new Agent({keepAlive: true, maxSockets: connections})
  const latencies = []
  const started = performance.now()
  try {
    await Promise.all(
      Array.from({length: connections}, async () => {
        while (keepGoing()) {
          const sent = performance.now()
          // With `failures`, an error answer or a dropped connection is counted, not fatal.
          const answer = await get(agent, url, failures !== undefined).catch((error) => {
            if (failures === undefined) throw error
            return {status: error.code}
          })
          latencies.push(performance.now() - sent)
          if (answer.status !== 200) failures.push(answer.status)
        }
      }),
    )
  } finally {
    if (!reuse) agent.destroy()
  }
  return {latencies, seconds: (performance.now() - started) / 1000}
}

const forMs = (ms) => {
  const end = performance.now() + ms
  return () => performance.now() < end
}

/** A plain Node server in its own process answering every request with `body` and `headers`, as a yardstick. */
function startPlainServer(dir, body, headers) {
  const bodyFile = join(dir, 'page.json')
  writeFileSync(bodyFile, body)
  const script = `
    const body = require('node:fs').readFileSync(${JSON.stringify(bodyFile)})
    const headers = ${JSON.stringify(headers)}
    const server = require('node:http').createServer((req, res) => { req.resume(); res.writeHead(200, headers); res.end(body) })
    server.keepAliveTimeout = 5000
    server.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + server.address().port))`
  return urlOf(spawn(process.execPath, ['-e', script], {stdio: ['ignore', 'pipe', 'ignore']}))
}

async function stop(child) {
  if (child && child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM'))
}

/**
 * A snapshot page (100 of Cluster0's 1,000 snapshots) at 64 connections: `serve` and a plain Node server returning
 * the same bytes, measured in turns (serve, plain, serve, plain) so a burst of load on the machine hits both. With
 * `running`, the emulator's clock runs (serve's default): "now" moves at every request, and serve gives an answer
 * again only over the span the emulator names for it (LocalBackend.answerSpan).
 */
export async function benchSnapshotPage({connections = 64, turnMs = 2500, turns = 2, running = false} = {}) {
  if (!existsSync(join(ROOT, 'dist', 'commands', 'serve.js'))) return undefined
  const home = homeWithSnapshots(1000)
  const children = []
  try {
    if (running) cli(['local', 'clock', 'unfreeze'], home)
    const projectId = JSON.parse(cli(['local', 'clusters', 'list', '-o', 'json'], home))[0].projectId
    const served = await startServe(home, false)
    children.push(served.child)
    const serveUrl = `${served.url}${PAGE_PATH(projectId)}`
    const warm = new Agent({keepAlive: true})
    const page = await get(warm, serveUrl)
    warm.destroy()
    const headers = {'content-type': page.headers['content-type'], 'content-length': page.body.length}
    const plain = await startPlainServer(home, page.body, headers)
    children.push(plain.child)
    const plainUrl = `${plain.url}${PAGE_PATH(projectId)}`
    // Warm both (JIT, file cache, the 64 connections each keeps open) before any turn counts.
    const agents = {serve: new Agent({keepAlive: true, maxSockets: connections}), plain: new Agent({keepAlive: true, maxSockets: connections})}
    await hammer(serveUrl, connections, forMs(500), undefined, agents.serve)
    await hammer(plainUrl, connections, forMs(500), undefined, agents.plain)
    const runs = {serve: {latencies: [], seconds: 0, failures: []}, plain: {latencies: [], seconds: 0, failures: []}}
    for (let turn = 0; turn < turns; turn++) {
      for (const [name, url] of [['serve', serveUrl], ['plain', plainUrl]]) {
        // A keep-alive connection the server closes as the next request goes out is counted, not fatal.
        const run = await hammer(url, connections, forMs(turnMs), runs[name].failures, agents[name])
        runs[name].latencies.push(...run.latencies)
        runs[name].seconds += run.seconds
      }
    }
    agents.serve.destroy()
    agents.plain.destroy()
    const serve = summary(runs.serve.latencies, runs.serve.seconds)
    const plainServer = summary(runs.plain.latencies, runs.plain.seconds)
    return {connections, running, bytes: page.body.length, serve, plain: plainServer, ratio: plainServer.rps / serve.rps, failures: runs.serve.failures.length + runs.plain.failures.length}
  } finally {
    for (const child of children) await stop(child)
    rmSync(home, {recursive: true, force: true})
  }
}

/**
 * GETs of Cluster0's snapshot page (8 connections) while another process catches MultiRegion0 up by about 100,000 snapshots
 * (an hourly schedule kept 4,200 days, the clock then moved 4,170 days on): the latency of the GETs answered while
 * that process ran.
 */
export async function benchGetsDuringCatchUp({connections = 8} = {}) {
  if (!existsSync(join(ROOT, 'dist', 'commands', 'serve.js'))) return undefined
  const home = homeWithSnapshots(1000)
  const children = []
  try {
    const projectId = JSON.parse(cli(['local', 'clusters', 'list', '-o', 'json'], home))[0].projectId
    const file = join(home, 'long-schedule.json')
    const long = {referenceHourOfDay: 0, referenceMinuteOfHour: 0, restoreWindowDays: 1, policies: [{policyItems: [{frequencyType: 'hourly', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 4200}]}]}
    writeFileSync(file, JSON.stringify(long))
    cli(['backups', 'schedule', 'update', '--clusterName', 'MultiRegion0', '-f', file], home)
    cli(['local', 'clock', 'advance', '4170d'], home)
    const served = await startServe(home, false)
    children.push(served.child)
    const url = `${served.url}${PAGE_PATH(projectId)}`
    // Cluster0's own catch-up happens here, before the measure.
    await hammer(url, connections, forMs(500))
    let writing = true
    const started = performance.now()
    const writer = spawn(process.execPath, [BIN, 'backups', 'snapshots', 'list', 'MultiRegion0', '--limit', '1', '-o', 'json'], {cwd: ROOT, env: benchEnv(home), stdio: ['ignore', 'pipe', 'pipe']})
    children.push(writer)
    let out = ''
    writer.stdout.setEncoding('utf8').on('data', (chunk) => (out += chunk))
    const exited = new Promise((resolve) => writer.once('exit', (code) => resolve(code)))
    void exited.then(() => (writing = false))
    const failures = []
    const run = await hammer(url, connections, () => writing, failures)
    const code = await exited
    const writerMs = performance.now() - started
    if (code !== 0) throw new Error(`the catching-up process failed (${code})`)
    return {connections, caughtUp: JSON.parse(out).totalCount, writerMs, gets: summary(run.latencies, run.seconds), failures: failures.length}
  } finally {
    for (const child of children) await stop(child)
    rmSync(home, {recursive: true, force: true})
  }
}

const ms = (value) => `${value.toFixed(0)} ms`

/** One line per figure of the two serve benchmarks above. */
export function describeServeLoad(page, catchUp) {
  const lines = []
  if (page) {
    lines.push(`snapshot page x${page.connections}${page.running ? ', running clock' : ''}: serve ${page.serve.rps.toFixed(0)} req/s p50 ${ms(page.serve.p50)} p99 ${ms(page.serve.p99)} max ${ms(page.serve.max)} (${page.failures} failed)`)
    lines.push(`  plain server same bytes (${page.bytes} B): ${page.plain.rps.toFixed(0)} req/s p99 ${ms(page.plain.p99)}; plain/serve ${page.ratio.toFixed(1)}x`)
  }
  if (catchUp) lines.push(`GETs x${catchUp.connections} on Cluster0 while another process catches up ${catchUp.caughtUp} snapshots (${ms(catchUp.writerMs)}): p50 ${ms(catchUp.gets.p50)} p99 ${ms(catchUp.gets.p99)} max ${ms(catchUp.gets.max)} (${catchUp.gets.requests} GETs, ${catchUp.failures} failed)`)
  return lines
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--load')) {
    // Only the load figures: `node bench/serve.js --load`.
    for (const line of describeServeLoad(await benchSnapshotPage(), await benchGetsDuringCatchUp())) console.log(line)
  } else {
    const r = await benchServe()
    console.log(r ? `--all over serve: ${r.cloud.toFixed(0)} ms; local: ${r.local.toFixed(0)} ms (${r.snapshots} snapshots)` : 'serve is not built')
  }
}
