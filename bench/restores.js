// `backups restores list Cluster0 --all -o json` with 1,000 restore jobs in the local store, beside `node -e 0` run
// interleaved with it in the same run. Needs a build (`npm run build`).
import {rmSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

import {changeClock, createCluster} from '../dist/lib/backends/local/admin.js'
import {setClock} from '../dist/lib/backends/local/clock.js'
import {DEMO_PROJECT_ID} from '../dist/lib/backends/local/fleet.js'
import {frozenLocalHome} from './local-home.js'
import {benchEnv, BIN, cli, timeInterleaved} from './startup.js'

const JOBS = 1_000
const RUNS = 10
const MINUTE_MS = 60_000

/**
 * A home whose Cluster0 has `count` restore jobs, made as the snapshots of the other benchmarks are: by the emulator
 * itself (here in process, as a thousand CLI runs would take minutes), so they are stored with its own schema and
 * rules. Odd jobs restore the latest snapshot into a second cluster, even ones download it and are cancelled (one
 * active download per snapshot); the clock moves a minute between jobs, past each restore's modelled duration.
 */
export async function homeWithRestoreJobs(count) {
  return frozenLocalHome(async (backend) => {
    createCluster(backend, DEMO_PROJECT_ID, {name: 'Target0'})
    const snapshotId = (await backend.listSnapshots(DEMO_PROJECT_ID, 'Cluster0', {itemsPerPage: 1})).results[0].id
    for (let i = 0; i < count; i++) {
      if (i % 2 === 0) {
        const job = await backend.createRestoreJob(DEMO_PROJECT_ID, 'Cluster0', {deliveryType: 'download', snapshotId})
        await backend.cancelRestoreJob(DEMO_PROJECT_ID, 'Cluster0', job.id)
      } else {
        await backend.createRestoreJob(DEMO_PROJECT_ID, 'Cluster0', {deliveryType: 'automated', snapshotId, targetClusterName: 'Target0', targetGroupId: DEMO_PROJECT_ID})
      }
      changeClock(backend, (state, wall) => setClock(state, state.frozenAt + MINUTE_MS, wall))
    }
  })
}

export async function benchRestores(runs = RUNS) {
  const home = await homeWithRestoreJobs(JOBS)
  try {
    const args = ['backups', 'restores', 'list', 'Cluster0', '--all', '-o', 'json']
    const jobs = JSON.parse(cli(args, home)).results.length
    const {baseline, command, ratio} = timeInterleaved([BIN, ...args], benchEnv(home), runs)
    return {jobs, baseline, list: command, ratio}
  } finally {
    rmSync(home, {recursive: true, force: true})
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const runs = Number(process.argv[2] ?? RUNS)
  const r = await benchRestores(runs)
  console.log(`node -e 0: ${r.baseline.toFixed(0)} ms; restores list --all (${r.jobs} jobs): ${r.list.toFixed(0)} ms (${(r.list / r.baseline).toFixed(2)}x), median of ${runs}`)
}
