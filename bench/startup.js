// Start-up benchmarks (issue 16 goal 4): each command beside `node -e 0`, run in rounds (the baseline, then every
// command in turn) so a burst of load on the shared machine slows both sides of a ratio alike. Needs a build.
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
  const [times] = timeRounds([{argv, env}], env, runs)
  return {baseline: median(times.baseline), command: median(times.command), ratio: spread(times.ratios)}
}

/** The smallest, middle and largest of `values`. */
export function spread(values) {
  const sorted = [...values].sort((a, b) => a - b)
  return {min: sorted[0], median: median(sorted), max: sorted.at(-1)}
}

/**
 * Rounds of `node -e 0` followed by each of `commands` ({argv, env, vs?}) in turn, `runs` rounds after one warm-up
 * round. For each command: its times, the round's baseline times, and the ratio of each of its runs to the baseline
 * of the same round (or, with `vs: i`, to the time of command i in that round).
 */
export function timeRounds(commands, env, runs = RUNS) {
  const baseline = []
  const times = commands.map(() => [])
  for (let round = 0; round < runs + 1; round++) {
    const b = timeOnce(['-e', '0'], env)
    const t = commands.map((c) => timeOnce(c.argv, c.env ?? env))
    if (round === 0) continue
    baseline.push(b)
    t.forEach((value, i) => times[i].push(value))
  }
  return commands.map((c, i) => ({
    baseline,
    command: times[i],
    ratios: times[i].map((value, round) => value / (c.vs === undefined ? baseline[round] : times[c.vs][round])),
  }))
}

/** `1.23x (1.10-1.40)`: the median ratio with its smallest and largest. */
export function ratioFigure(ratio) {
  return `${ratio.median.toFixed(2)}x (${ratio.min.toFixed(2)}-${ratio.max.toFixed(2)})`
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

/** The start-up cases measured on one home of 1,000 snapshots, in the order they run in each round. */
export const STARTUP_CASES = [
  {key: 'version', args: ['--version']},
  {key: 'list', args: ['backups', 'snapshots', 'list', 'Cluster0', '-o', 'json']},
  {key: 'table', args: ['backups', 'snapshots', 'list', 'Cluster0']},
  {key: 'describe', args: ['backups', 'schedule', 'describe', 'Cluster0', '-o', 'json']},
]

/**
 * Each case of STARTUP_CASES beside `node -e 0`, in rounds. `version` and `list` (medians, in ms) and `baseline` keep
 * the shape earlier callers read; `ratios` holds each case's min/median/max ratio to the baseline of its round.
 */
export async function benchStartup(runs = RUNS) {
  const home = homeWithSnapshots(1000)
  try {
    const env = benchEnv(home)
    const total = JSON.parse(cli(['backups', 'snapshots', 'list', 'Cluster0', '-o', 'json', '--limit', '1'], home)).totalCount
    const timed = timeRounds(STARTUP_CASES.map((c) => ({argv: [BIN, ...c.args]})), env, runs)
    const result = {baseline: median(timed[0].baseline), snapshots: total, ratios: {}}
    STARTUP_CASES.forEach((c, i) => {
      result[c.key] = median(timed[i].command)
      result.ratios[c.key] = spread(timed[i].ratios)
    })
    return result
  } finally {
    rmSync(home, {recursive: true, force: true})
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await benchStartup(Number(process.argv[2] ?? RUNS))
  console.log(`node -e 0: ${r.baseline.toFixed(0)} ms (${r.snapshots} snapshots)`)
  for (const c of STARTUP_CASES) console.log(`${c.args.join(' ')}: ${r[c.key].toFixed(0)} ms, ${ratioFigure(r.ratios[c.key])}`)
}
