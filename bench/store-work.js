// Issue 16 goal 2 (`npm run bench -- store-work`, or `node bench/store-work.js`): an on-demand `snapshots create`, then
// `describe` and `delete --force` of that snapshot, with 1,000 and with 100,000 snapshots in the store. A command's
// store work is O(what it returns or changes), so each should take about as long at both sizes. The sizes run in turn
// within each round, and each ratio is the 100k run against the 1k run of the same round.
import {rmSync} from 'node:fs'
import {performance} from 'node:perf_hooks'
import {spawnSync} from 'node:child_process'
import {fileURLToPath} from 'node:url'

import {benchEnv, BIN, homeWithSnapshots, ROOT, spread} from './startup.js'

const SIZES = [1_000, 100_000]
const ROUNDS = 5

function run(args, env) {
  const started = performance.now()
  const result = spawnSync(process.execPath, [BIN, ...args], {cwd: ROOT, env, encoding: 'utf8'})
  const ms = performance.now() - started
  if (result.status !== 0) throw new Error(`atlas-backups ${args.join(' ')} failed (${result.status}): ${result.stderr}`)
  return {ms, stdout: result.stdout}
}

/** One round on one home: create, let the snapshot complete (the frozen clock moves a minute), describe, delete. */
function round(env) {
  const create = run(['backups', 'snapshots', 'create', 'Cluster0', '--desc', 'bench', '--retention', '1', '-o', 'json'], env)
  const id = JSON.parse(create.stdout).id
  run(['local', 'clock', 'advance', '1m'], env)
  const describe = run(['backups', 'snapshots', 'describe', id, '--clusterName', 'Cluster0', '-o', 'json'], env)
  const remove = run(['backups', 'snapshots', 'delete', id, '--clusterName', 'Cluster0', '--force'], env)
  return {create: create.ms, describe: describe.ms, delete: remove.ms}
}

export async function benchStoreWork({sizes = SIZES, rounds = ROUNDS} = {}) {
  const homes = []
  try {
    for (const size of sizes) homes.push(homeWithSnapshots(size))
    const envs = homes.map((home) => benchEnv(home))
    // A first round each (the catch-up of the big home, the file cache) is not counted.
    for (const env of envs) round(env)
    const times = sizes.map(() => [])
    for (let r = 0; r < rounds; r++) envs.forEach((env, index) => times[index].push(round(env)))
    const [small, large] = times
    return Object.fromEntries(
      ['create', 'describe', 'delete'].map((command) => [
        command,
        {small: spread(small.map((t) => t[command])), large: spread(large.map((t) => t[command])), ratio: spread(large.map((t, r) => t[command] / small[r][command]))},
      ]),
    )
  } finally {
    for (const home of homes) rmSync(home, {recursive: true, force: true})
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await benchStoreWork()
  for (const [command, r] of Object.entries(result)) {
    console.log(`snapshots ${command}: 1k ${r.small.median.toFixed(0)} ms, 100k ${r.large.median.toFixed(0)} ms, 100k/1k ${r.ratio.median.toFixed(2)}x (${r.ratio.min.toFixed(2)}-${r.ratio.max.toFixed(2)})`)
  }
}
