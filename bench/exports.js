// `backups exports jobs list Cluster0 --all --limit 500 -o json` and `backups exports buckets list --all --limit 500
// -o json` with 1,000 and 10,000 of each in the local store (`--scale` adds 100,000): is `--all` linear? Median of 3
// runs each. Needs a build (`npm run build`).
import {rmSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

import {DEMO_PROJECT_ID} from '../dist/lib/backends/local/fleet.js'
import {frozenLocalHome} from './local-home.js'
import {benchEnv, BIN, cli, timeRuns} from './startup.js'

const RUNS = 3

/**
 * A home with `count` export buckets and `count` export jobs of Cluster0. One bucket and one job are made by the
 * emulator; the rest are copies of them made in SQL (each with its own id and instant, a few to an instant, the job
 * delivered so that listing writes no files), as thousands of exports through the API would write thousands of
 * folders.
 */
export async function homeWithExports(count) {
  return frozenLocalHome(async (backend) => {
    const bucket = await backend.createExportBucket(DEMO_PROJECT_ID, {cloudProvider: 'AWS', bucketName: 'bench', iamRoleId: 'c0123456789abcdef012345c'})
    const snapshot = (await backend.listSnapshots(DEMO_PROJECT_ID, 'Cluster0', {itemsPerPage: 50})).results.find((s) => s.status === 'completed')
    await backend.createExportJob(DEMO_PROJECT_ID, 'Cluster0', {exportBucketId: bucket._id, snapshotId: snapshot.id})
    const db = backend.database()
    const copies = (table) => `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
      SELECT printf('%08x%016x', (m.created_at - 60000 * (1 + i / 4)) / 1000, i) AS id, m.created_at - 60000 * (1 + i / 4) AS at, m.* FROM n, (SELECT * FROM ${table} LIMIT 1) AS m`
    db.transaction(() => {
      db.prepare(`INSERT INTO export_buckets (id, project_id, created_at, body) SELECT id, project_id, at, json_set(body, '$.id', id, '$.createdAt', at) FROM (${copies('export_buckets')})`).run(count - 1)
      db.prepare(
        `INSERT INTO export_jobs (id, cluster_id, bucket_id, snapshot_id, created_at, finishes_at, delivered, body)
         SELECT id, cluster_id, bucket_id, snapshot_id, at, at + 60000, 1, json_set(body, '$.id', id, '$.createdAt', at, '$.finishesAt', at + 60000) FROM (${copies('export_jobs')})`,
      ).run(count - 1)
    })()
  })
}

export async function benchExports(sizes = [1_000, 10_000], runs = RUNS) {
  const figures = []
  for (const count of sizes) {
    const home = await homeWithExports(count)
    try {
      const env = benchEnv(home)
      const jobs = ['backups', 'exports', 'jobs', 'list', 'Cluster0', '--all', '--limit', '500', '-o', 'json']
      const buckets = ['backups', 'exports', 'buckets', 'list', '--all', '--limit', '500', '-o', 'json']
      const listed = [JSON.parse(cli(jobs, home)).results.length, JSON.parse(cli(buckets, home)).results.length]
      figures.push({count, listed, jobs: timeRuns([BIN, ...jobs], env, runs), buckets: timeRuns([BIN, ...buckets], env, runs)})
    } finally {
      rmSync(home, {recursive: true, force: true})
    }
  }
  return figures
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = process.argv.includes('--scale') ? [1_000, 10_000, 100_000] : [1_000, 10_000]
  for (const f of await benchExports(sizes)) {
    console.log(`${f.count.toLocaleString('en-US')} of each: exports jobs list --all ${f.jobs.toFixed(0)} ms (${f.listed[0]} jobs), buckets list --all ${f.buckets.toFixed(0)} ms (${f.listed[1]} buckets)`)
  }
}
