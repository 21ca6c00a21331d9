// Startup benchmarks: `--version` and `backups snapshots list Cluster0 -o json` with 1,000 snapshots in the local
// store, each the median of 10 runs beside `node -e 0` measured in the same run. Needs a build (`npm run build`).
import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {performance} from 'node:perf_hooks'
import {fileURLToPath} from 'node:url'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const BIN = join(ROOT, 'bin', 'run.js')
const RUNS = 10

/**
 * The environment for a measured run: the caller's, less any MONGODB_ATLAS_* settings of their shell (which would send
 * a local-backend run to Atlas), plus what the run needs.
 */
export function benchEnv(home, extraEnv = {}) {
  const env = {...process.env, ATLAS_BACKUPS_HOME: home, ...extraEnv}
  for (const key of Object.keys(env)) if (key.startsWith('MONGODB_ATLAS_') && !(key in extraEnv)) delete env[key]
  return env
}

export function cli(args, home, extraEnv = {}) {
  const env = benchEnv(home, extraEnv)
  const result = spawnSync(process.execPath, [BIN, ...args], {cwd: ROOT, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024})
  if (result.status !== 0) throw new Error(`atlas-backups ${args.join(' ')} failed (${result.status}): ${result.stderr}`)
  return result.stdout
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export function timeRuns(argv, env, runs = RUNS) {
  const times = []
  for (let i = 0; i < runs + 1; i++) {
    const elapsed = timeOnce(argv, env)
    // The first run warms the file cache and is not counted.
    if (i > 0) times.push(elapsed)
  }
  return median(times)
}

function timeOnce(argv, env) {
  const started = performance.now()
  const result = spawnSync(process.execPath, argv, {cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 256 * 1024 * 1024})
  const elapsed = performance.now() - started
  if (result.status !== 0) throw new Error(`${argv.join(' ')} failed: ${result.stderr}`)
  return elapsed
}

/**
 * `node -e 0` and `argv` run in turn, `runs` times each after one warm-up pair, and the median of each: on a shared
 * machine a burst of load then slows both alike, so their ratio holds better than two figures taken minutes apart.
 */
export function timeInterleaved(argv, env, runs = RUNS) {
  const baseline = []
  const command = []
  for (let i = 0; i < runs + 1; i++) {
    const b = timeOnce(['-e', '0'], env)
    const c = timeOnce(argv, env)
    if (i > 0) {
      baseline.push(b)
      command.push(c)
    }
  }
  return {baseline: median(baseline), command: median(command)}
}

/**
 * A home whose Cluster0 holds `count` snapshots: hourly snapshots kept long enough, the clock moved past them, then
 * frozen so every measured run sees the same store.
 */
export function homeWithSnapshots(count) {
  const home = mkdtempSync(join(tmpdir(), 'atlas-backups-bench-'))
  const days = Math.ceil(count / 24)
  const schedule = {
    referenceHourOfDay: 0,
    referenceMinuteOfHour: 0,
    restoreWindowDays: 1,
    policies: [{policyItems: [{frequencyType: 'hourly', frequencyInterval: 1, retentionUnit: 'days', retentionValue: days}]}],
  }
  try {
    const file = join(home, 'schedule.json')
    writeFileSync(file, JSON.stringify(schedule))
    cli(['local', 'clock', 'freeze'], home)
    cli(['backups', 'schedule', 'update', '--clusterName', 'Cluster0', '-f', file], home)
    cli(['local', 'clock', 'advance', `${days}d`], home)
    return home
  } catch (error) {
    rmSync(home, {recursive: true, force: true})
    throw error
  }
}

export async function benchStartup() {
  const home = homeWithSnapshots(1000)
  try {
    const env = benchEnv(home)
    const total = JSON.parse(cli(['backups', 'snapshots', 'list', 'Cluster0', '-o', 'json', '--limit', '1'], home)).totalCount
    const baseline = timeRuns(['-e', '0'], env)
    const version = timeRuns([BIN, '--version'], env)
    const list = timeRuns([BIN, 'backups', 'snapshots', 'list', 'Cluster0', '-o', 'json'], env)
    return {baseline, version, list, snapshots: total}
  } finally {
    rmSync(home, {recursive: true, force: true})
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await benchStartup()
  console.log(`node -e 0: ${r.baseline.toFixed(0)} ms; --version: ${r.version.toFixed(0)} ms (${(r.version / r.baseline).toFixed(2)}x); list (${r.snapshots} snapshots): ${r.list.toFixed(0)} ms (${(r.list / r.baseline).toFixed(2)}x)`)
}
