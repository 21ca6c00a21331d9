// Prints the mutants of the last `npm run mutate` that no test killed, one markdown line each, grouped by file, for
// test/mutation/equivalent/ (where each one left alive is explained): `node test/mutation/list-survivors.mjs [reports/mutation/mutation.json]`.
import {readFileSync} from 'node:fs'

const UNKILLED = new Set(['Survived', 'NoCoverage'])
const reportPath = process.argv[2] ?? 'reports/mutation/mutation.json'
const report = JSON.parse(readFileSync(reportPath, 'utf8'))

for (const [file, {mutants}] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
  const unkilled = mutants
    .filter((mutant) => UNKILLED.has(mutant.status))
    .sort((a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column)
  const killed = mutants.filter((mutant) => mutant.status === 'Killed' || mutant.status === 'Timeout').length
  const scored = mutants.filter((mutant) => mutant.status !== 'Ignored' && mutant.status !== 'CompileError' && mutant.status !== 'RuntimeError').length
  console.log(`\n## ${file}: ${unkilled.length} not killed of ${scored} (${scored === 0 ? 'n/a' : ((100 * killed) / scored).toFixed(1) + ' %'} killed)\n`)
  for (const mutant of unkilled) {
    // One line per mutant: a multi-line replacement is shown on one line, shortened.
    const replacement = mutant.replacement.replace(/\s+/g, ' ').trim()
    const shown = replacement.length > 80 ? `${replacement.slice(0, 77)}...` : replacement
    const note = mutant.status === 'NoCoverage' ? ' (no test reaches it)' : ''
    const {start, end} = mutant.location
    console.log(`- ${file}:${start.line}:${start.column}-${end.line}:${end.column} ${mutant.mutatorName}${note}: \`${shown.replace(/`/g, "'")}\``)
  }
}
