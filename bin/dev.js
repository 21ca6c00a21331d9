#!/usr/bin/env -S node --import tsx --no-warnings
// Development entry point: runs the TypeScript sources directly (needs `npx tsx`).
import {execute} from '@oclif/core'

await execute({development: true, dir: import.meta.url})
