// `npm run bench`: every benchmark of the project, one line each, with the goal beside the figure.
// Needs a build (`npm run build`, which `npm ci` runs through `prepare`).
import {benchCalculus, benchCatchUp} from './calculus.js'
import {benchRestores} from './restores.js'
import {benchServe} from './serve.js'
import {benchStartup} from './startup.js'

function line(name, value, goal, ok) {
  console.log(`${ok ? 'ok  ' : 'SLOW'}  ${name.padEnd(58)} ${value.padStart(18)}   goal ${goal}`)
}

const calculus = await benchCalculus()
line(`calculus: 1 year x 1,000 clusters (${calculus.firings.toLocaleString('en-US')} firings)`, `${calculus.ms} ms`, '< 1000 ms', calculus.ms < 1000)

const catchUp = await benchCatchUp()
line(`clock jump: 1,000 clusters caught up a year (${catchUp.alive.toLocaleString('en-US')} alive)`, `${catchUp.ms} ms`, '< 1000 ms', catchUp.ms < 1000)

const startup = await benchStartup()
const versionRatio = startup.version / startup.baseline
const listRatio = startup.list / startup.baseline
line('node -e 0 (baseline, median of 10)', `${startup.baseline.toFixed(0)} ms`, '-', true)
line('--version (median of 10)', `${startup.version.toFixed(0)} ms ${versionRatio.toFixed(2)}x`, '<= 2.5x', versionRatio <= 2.5)
line(`snapshots list Cluster0 -o json (${startup.snapshots} in store)`, `${startup.list.toFixed(0)} ms ${listRatio.toFixed(2)}x`, '<= 3.5x', listRatio <= 3.5)

const serve = await benchServe()
if (serve) {
  line(`list --all --limit 500 -o json, ${serve.snapshots} snapshots, local`, `${serve.local.toFixed(0)} ms`, '-', true)
  line(`list --all --limit 500 -o json, ${serve.snapshots} snapshots, over serve`, `${serve.cloud.toFixed(0)} ms`, '-', true)
}

const restores = await benchRestores()
const restoresRatio = restores.list / restores.baseline
line(`restores list Cluster0 --all -o json (${restores.jobs} jobs)`, `${restores.list.toFixed(0)} ms ${restoresRatio.toFixed(2)}x`, '<= 3.5x', restoresRatio <= 3.5)
if (process.argv.includes('--scale')) await (await import('./scale.js')).printScale(line)
