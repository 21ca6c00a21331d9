#!/usr/bin/env node
// Development entry point: recompiles src/ into dist/ (tsc, a few seconds) and runs the fresh build with oclif's
// development conveniences, so a change is tried without a full `npm run build` and no extra TypeScript runner.
import {execFileSync} from 'node:child_process'
import {createRequire} from 'node:module'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {cwd: root, stdio: 'inherit'})
// The fresh dist/ is what runs (see bin/run.js): oclif must not look for TypeScript sources to run instead.
const {settings} = await import('@oclif/core/settings')
settings.enableAutoTranspile = false
const {execute} = await import('@oclif/core/execute')
await execute({dir: import.meta.url})
