// Prints the README's score table (one row per module and per file) from the last `npm run mutate`:
// `node test/mutation/score-table.mjs [reports/mutation/mutation.json]`.
import {readFileSync} from 'node:fs'

const MODULES = ['src/lib/policy/', 'src/lib/schedule/', 'src/lib/snapshots/', 'src/lib/backends/local/']
const report = JSON.parse(readFileSync(process.argv[2] ?? 'reports/mutation/mutation.json', 'utf8'))

function count(mutants) {
  const by = (status) => mutants.filter((mutant) => mutant.status === status).length
  const row = {killed: by('Killed'), timeout: by('Timeout'), survived: by('Survived'), noCoverage: by('NoCoverage'), ignored: by('Ignored')}
  row.scored = row.killed + row.timeout + row.survived + row.noCoverage
  row.score = row.scored === 0 ? 'n/a' : `${((100 * (row.killed + row.timeout)) / row.scored).toFixed(1)} %`
  return row
}

function line(name, row) {
  return `| ${name} | ${row.scored} | ${row.killed} | ${row.timeout} | ${row.survived} | ${row.noCoverage} | ${row.score} | ${row.ignored} |`
}

console.log('| Module or file | Mutants | Killed | Timed out | Survived | No test reaches | Score | Static, not run |')
console.log('|---|---|---|---|---|---|---|---|')
for (const module of MODULES) {
  const files = Object.entries(report.files).filter(([path]) => path.startsWith(module)).sort(([a], [b]) => a.localeCompare(b))
  if (files.length === 0) continue
  console.log(line(`**\`${module.slice('src/lib/'.length, -1)}\`**`, count(files.flatMap(([, file]) => file.mutants))))
  for (const [path, file] of files) console.log(line(`\`${path.slice(module.length)}\``, count(file.mutants)))
}
