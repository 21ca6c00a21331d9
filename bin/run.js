#!/usr/bin/env node
// `--version` is what scripts and CI call most often to check the tool is there; it needs none of oclif, so it is
// answered here in the same words oclif would use, without loading the framework (about 100 ms saved).
if (process.argv.length === 3 && process.argv[2] === '--version') {
  const {readFileSync} = await import('node:fs')
  const {version} = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  process.stdout.write(`atlas-backups/${version} ${process.platform}-${process.arch} node-${process.version}\n`)
} else {
  // The bundled build (scripts/build.mjs): oclif and the commands in shared chunks.
  const {run} = await import('../dist/main.js')
  await run(import.meta.url)
}
