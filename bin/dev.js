#!/usr/bin/env node
// Development entry point: rebuilds dist/ from src/ (scripts/build.mjs, esbuild, a few seconds, no type check) and
// runs the fresh build, so a change is tried without a full `npm run build`. Commands added since the last full build
// need one (`npm run build` writes the oclif manifest).
import {execFileSync} from 'node:child_process'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
execFileSync(process.execPath, ['scripts/build.mjs'], {cwd: root, stdio: 'inherit'})
const {run} = await import('../dist/main.js')
await run(import.meta.url)
