// `backups snapshots list Cluster0 --all --limit 500 -o json` with 10,000 snapshots: over `serve` (cloud backend,
// real loopback HTTP with digest auth) and on the local backend. Median of 3 runs each.
import {spawn} from 'node:child_process'
import {existsSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {benchEnv, BIN, cli, homeWithSnapshots, ROOT, timeRuns} from './startup.js'

const COUNT = 10_000
export const KEYS = {MONGODB_ATLAS_PUBLIC_API_KEY: 'benchpub', MONGODB_ATLAS_PRIVATE_API_KEY: 'bench-private-key'}

export function startServe(home) {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--public-key', KEYS.MONGODB_ATLAS_PUBLIC_API_KEY, '--private-key', KEYS.MONGODB_ATLAS_PRIVATE_API_KEY], {
    cwd: ROOT,
    env: benchEnv(home),
    stdio: ['ignore', 'pipe', 'ignore'],
  })
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

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await benchServe()
  console.log(r ? `--all over serve: ${r.cloud.toFixed(0)} ms; local: ${r.local.toFixed(0)} ms (${r.snapshots} snapshots)` : 'serve is not built')
}
