// The cloud path's start-up (issue 16 goal 4): `backups snapshots list Cluster0 -o json` through the cloud backend
// against `serve` (real loopback HTTP, digest auth), beside the npm client mongodb-atlas-api-client making the same
// call in its own process, and `node -e 0`, in rounds. Needs a build.
import {spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {KEYS, startServe} from './serve.js'
import {benchEnv, BIN, cli, homeWithSnapshots, median, ratioFigure, ROOT, spread, timeRounds} from './startup.js'

const RUNS = 10
const CLIENT = join(ROOT, 'bench', 'atlas-client-list.js')

export async function benchCloudStartup(runs = RUNS) {
  if (!existsSync(join(ROOT, 'dist', 'commands', 'serve.js'))) return undefined
  const home = homeWithSnapshots(1000)
  const cliHome = mkdtempSync(join(tmpdir(), 'atlas-backups-bench-cli-'))
  let child
  try {
    const started = await startServe(home)
    child = started.child
    const projectId = JSON.parse(cli(['local', 'clusters', 'list', '-o', 'json'], home))[0].projectId
    const env = benchEnv(cliHome, {...KEYS, MONGODB_ATLAS_BASE_URL: started.url, MONGODB_ATLAS_PROJECT_ID: projectId})
    const args = ['backups', 'snapshots', 'list', 'Cluster0', '-o', 'json']
    const ours = JSON.parse(cli(args, cliHome, env))
    const theirs = JSON.parse(clientOutput(env))
    if (ours.results.length !== theirs.results.length) throw new Error(`the CLI listed ${ours.results.length} snapshots, the client ${theirs.results.length}`)
    // Ours is measured against the client run in the same round; the client against `node -e 0`.
    const [client, list] = timeRounds([{argv: [CLIENT, 'Cluster0']}, {argv: [BIN, ...args], vs: 0}], env, runs)
    return {snapshots: ours.results.length, baseline: median(client.baseline), client: median(client.command), list: median(list.command), clientRatio: spread(client.ratios), ratio: spread(list.ratios)}
  } finally {
    // Removing the home while serve still closes its store could leave files behind.
    if (child && child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM'))
    rmSync(home, {recursive: true, force: true})
    rmSync(cliHome, {recursive: true, force: true})
  }
}

function clientOutput(env) {
  const result = spawnSync(process.execPath, [CLIENT, 'Cluster0'], {cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024})
  if (result.status !== 0) throw new Error(`the mongodb-atlas-api-client run failed (${result.status}): ${result.stderr}`)
  return result.stdout
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await benchCloudStartup(Number(process.argv[2] ?? RUNS))
  if (!r) console.log('serve is not built')
  else console.log(`node -e 0: ${r.baseline.toFixed(0)} ms; mongodb-atlas-api-client: ${r.client.toFixed(0)} ms (${ratioFigure(r.clientRatio)}); list -o json over serve: ${r.list.toFixed(0)} ms, ${ratioFigure(r.ratio)} the client (${r.snapshots} snapshots)`)
}
