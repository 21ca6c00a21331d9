// `backups audit` over 1,000 local clusters with examples/audit-standard.yaml. Needs a build (`npm run build`).
import {spawnSync} from 'node:child_process'
import {rmSync} from 'node:fs'
import {join} from 'node:path'
import {performance} from 'node:perf_hooks'
import {fileURLToPath} from 'node:url'

import {DEMO_PROJECT_ID} from '../dist/lib/backends/local/fleet.js'
import {newCluster} from '../dist/lib/backends/local/seed.js'
import {frozenLocalHome} from './local-home.js'
import {benchEnv, BIN, ROOT} from './startup.js'

const CLUSTERS = 1_000
const DAY_MS = 86_400_000

/**
 * A home whose demo project holds 1,000 more M10 clusters (half with continuous backup), created 8 days before the
 * frozen clock so each has the week of snapshots the standard's failure window reads. They are written in one
 * transaction through the emulator's own repository, as the emulator writes a cluster it creates.
 */
export async function homeWithClusters(count = CLUSTERS) {
  return frozenLocalHome((backend) =>
    backend.transact((s) => {
      const createdAt = s.now - 8 * DAY_MS
      for (let i = 0; i < count; i++) s.repo.insertCluster(newCluster(DEMO_PROJECT_ID, {name: `Audit${String(i).padStart(4, '0')}`, tier: 'M10', continuousBackup: i % 2 === 0}, createdAt))
    }),
  )
}

function audit(home) {
  const env = benchEnv(home, {MONGODB_ATLAS_SERVICE: 'local'})
  const started = performance.now()
  const result = spawnSync(process.execPath, [BIN, 'backups', 'audit', '--standard', join(ROOT, 'examples', 'audit-standard.yaml'), '-o', 'json'], {cwd: ROOT, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024})
  const ms = performance.now() - started
  // Exit 1 is the expected verdict (the demo project has no compliance policy); anything else is a failure.
  if (result.status !== 0 && result.status !== 1) throw new Error(`backups audit failed (${result.status}): ${result.stderr}`)
  return {ms, report: JSON.parse(result.stdout)}
}

/**
 * The first audit also brings every cluster's week of snapshots into the store (the emulator's catch-up); the
 * second is an audit of a fleet already up to date, what a CI job running it daily sees. Both are reported.
 */
export async function benchAudit(count = CLUSTERS) {
  const home = await homeWithClusters(count)
  try {
    const first = audit(home)
    const second = audit(home)
    return {deployments: second.report.summary.deployments, first: first.ms, ms: second.ms}
  } finally {
    rmSync(home, {recursive: true, force: true})
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await benchAudit(Number(process.argv[2] ?? CLUSTERS))
  console.log(`backups audit, ${r.deployments} deployments: ${r.ms.toFixed(0)} ms (first run, with the emulator's catch-up: ${r.first.toFixed(0)} ms)`)
}
