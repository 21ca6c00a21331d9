// Benchmark of the schedule calculus: one year of the seed default policy (hourly every 6 h with continuous backup)
// for 1,000 clusters, every firing with its attribution and expiry. Run `npm run build` first.
import {performance} from 'node:perf_hooks'
import {fileURLToPath} from 'node:url'

import {aliveFirings, compileSchedule, defaultSchedule, firings} from '../dist/lib/schedule/index.js'

const NAME = 'calculus: 1 year of default policy x 1,000 clusters'
const CLUSTERS = 1_000
const YEAR_START = Date.UTC(2026, 0, 1)
const YEAR_END = Date.UTC(2027, 0, 1)

function runYear(compiled) {
  let count = 0
  for (let cluster = 0; cluster < CLUSTERS; cluster++) count += firings(compiled, YEAR_START, YEAR_END).length
  return count
}

export async function benchCalculus() {
  const compiled = compileSchedule(defaultSchedule('seed', {pitEnabled: true}))
  runYear(compiled)
  const started = performance.now()
  const count = runYear(compiled)
  return {name: NAME, ms: Math.round(performance.now() - started), firings: count}
}

/** The emulator's clock jump: 1,000 clusters brought up a year at once, keeping only what is still alive. */
export async function benchCatchUp() {
  const compiled = compileSchedule(defaultSchedule('atlas2026', {pitEnabled: true}))
  const started = performance.now()
  let alive = 0
  for (let cluster = 0; cluster < CLUSTERS; cluster++) alive += aliveFirings(compiled, YEAR_START + cluster, YEAR_END).length
  return {ms: Math.round(performance.now() - started), alive}
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await benchCalculus()
  console.log(`${result.name}: ${result.ms} ms (${result.firings.toLocaleString('en-US')} firings)`)
}
