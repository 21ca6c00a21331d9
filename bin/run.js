#!/usr/bin/env node
// `--version` is what scripts and CI call most often to check the tool is there; it needs none of oclif, so it is
// answered here in the same words oclif would use, without loading the framework (about 100 ms saved).
if (process.argv.length === 3 && process.argv[2] === '--version') {
  const {readFileSync} = await import('node:fs')
  const {version} = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  process.stdout.write(`atlas-backups/${version} ${process.platform}-${process.arch} node-${process.version}\n`)
} else {
  // dist/ is what runs. With NODE_ENV=development or test (common in CI jobs and in any vitest or jest run that
  // spawns us), oclif would otherwise look for TypeScript sources to run instead, loading the whole TypeScript
  // compiler to read tsconfig.json on every command: about twice the CPU of the command itself.
  const {settings} = await import('@oclif/core/settings')
  settings.enableAutoTranspile = false
  const {execute} = await import('@oclif/core/execute')
  await execute({dir: import.meta.url})
}
