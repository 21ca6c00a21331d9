// Issue 16 goal 1 at scale (`npm run bench -- scale`, or `node bench/scale.js`): `backups snapshots list Cluster0
// --all --limit 500 -o json` at 1k, 10k and 100k snapshots, on the local backend and over `serve`, with the time and
// the peak memory of each run. The sizes run in turn within each round, so a burst of load on a shared machine lands
// on all of them and the 100k / 10k ratio (taken per round) holds better than the raw times.
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {performance} from 'node:perf_hooks'
import {fileURLToPath} from 'node:url'

import {KEYS, startServe} from './serve.js'
import {benchEnv, BIN, cli, homeWithSnapshots, median, ROOT} from './startup.js'

const SIZES = [1_000, 10_000, 100_000]
const ROUNDS = 3
const MAXRSS = new URL('maxrss.js', import.meta.url).href
const ARGS = ['backups', 'snapshots', 'list', 'Cluster0', '--all', '--limit', '500', '-o', 'json']

/** One measured run: wall time (ms) and peak memory (MiB) of the CLI process. */
function measure(env, scratch) {
  const file = join(scratch, 'maxrss')
  const started = performance.now()
  const result = spawnSync(process.execPath, ['--import', MAXRSS, BIN, ...ARGS], {cwd: ROOT, env: {...env, BENCH_MAXRSS_FILE: file}, stdio: ['ignore', 'ignore', 'pipe']})
  const ms = performance.now() - started
  if (result.status !== 0) throw new Error(`${ARGS.join(' ')} failed: ${result.stderr}`)
  return {ms, mib: Number(readFileSync(file, 'utf8')) / 1024}
}

export async function benchScale({sizes = SIZES, rounds = ROUNDS} = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'atlas-backups-bench-scale-'))
  const homes = []
  const servers = []
  try {
    for (const size of sizes) homes.push(homeWithSnapshots(size))
    for (const home of homes) servers.push(await startServe(home))
    const cliHome = mkdtempSync(join(scratch, 'cli-'))
    const projectId = JSON.parse(cli(['local', 'clusters', 'list', '-o', 'json'], homes[0]))[0].projectId
    const backends = {
      local: homes.map((home) => benchEnv(home)),
      serve: servers.map(({url}) => benchEnv(cliHome, {...KEYS, MONGODB_ATLAS_BASE_URL: url, MONGODB_ATLAS_PROJECT_ID: projectId})),
    }
    const runs = {local: sizes.map(() => []), serve: sizes.map(() => [])}
    // One warm-up of each (file cache, serve's first catch-up), then the rounds.
    for (const kind of Object.keys(backends)) for (const env of backends[kind]) measure(env, scratch)
    for (let round = 0; round < rounds; round++) {
      for (const kind of Object.keys(backends)) sizes.forEach((_, index) => runs[kind][index].push(measure(backends[kind][index], scratch)))
    }
    const summary = (kind) =>
      sizes.map((size, index) => {
        const mine = runs[kind][index]
        const tenK = runs[kind][sizes.indexOf(10_000)]
        return {
          size,
          ms: mine.map((r) => r.ms),
          mib: mine.map((r) => r.mib),
          // Per round: this size against 10k measured in the same round.
          ratioTo10k: tenK ? mine.map((r, round) => r.ms / tenK[round].ms) : undefined,
        }
      })
    return {local: summary('local'), serve: summary('serve')}
  } finally {
    for (const {child} of servers) if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM'))
    for (const home of homes) rmSync(home, {recursive: true, force: true})
    rmSync(scratch, {recursive: true, force: true})
  }
}

const range = (values, digits = 0) => {
  const sorted = [...values].sort((a, b) => a - b)
  return `${sorted[0].toFixed(digits)}/${median(sorted).toFixed(digits)}/${sorted.at(-1).toFixed(digits)}`
}

/** Prints one line per backend and size with `line(name, value, goal, ok)` (run.js's), min/median/max of the runs. */
export async function printScale(line) {
  const result = await benchScale()
  for (const kind of ['local', 'serve']) {
    for (const r of result[kind]) {
      const name = `--all --limit 500 -o json, ${r.size.toLocaleString('en-US')} snapshots, ${kind === 'serve' ? 'over serve' : 'local'}`
      const ratio = r.ratioTo10k && r.size > 10_000 ? ` ${range(r.ratioTo10k, 1)}x` : ''
      const ok = r.mib.every((mib) => mib < 250) && (!ratio || median(r.ratioTo10k) <= 10)
      line(name, `${range(r.ms)} ms ${range(r.mib)} MiB${ratio}`, r.size > 10_000 ? '<= 10x 10k, < 250 MiB' : '-', ok)
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await printScale((name, value, goal, ok) => console.log(`${ok ? 'ok  ' : 'SLOW'}  ${name.padEnd(58)} ${value.padStart(18)}   goal ${goal}`))
}
