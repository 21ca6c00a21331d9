import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {afterAll, describe, expect, it} from 'vitest'

import {cleanupHomes, frozenHome, REPO_ROOT, runCli} from '../helpers/cli.js'

/** The source files of the modules inside the files of dist/ that `log` (one loaded URL a line) names. */
function bundledModules(log: string): string[] {
  const files = new Set(log.split('\n').filter((url) => url.startsWith('file:') && url.includes('/dist/')))
  return [...files].flatMap((url) => [...readFileSync(fileURLToPath(url), 'utf8').matchAll(/^\/\/ (\S+\.[cm]?[jt]s)$/gm)].map((match) => match[1]!))
}

// Start-up time is measured in bench/; this pins only what makes it: a command loads no library it does not use.
describe('modules loaded by a command', () => {
  afterAll(cleanupHomes)

  it('a local snapshot table loads neither cli-table3 (plain columns) nor the cloud backend (axios, zod)', async () => {
    const home = await frozenHome()
    // The first listing catches Cluster0 up to the frozen instant, minting snapshot ids (hashes); the measured one is
    // a listing of a home already up to now, as most are.
    expect((await runCli(['backups', 'snapshots', 'list', 'Cluster0', '-o', 'json'], {home, env: {MONGODB_ATLAS_SERVICE: 'local'}})).code).toBe(0)
    const log = join(home, 'modules.log')
    const preload = join(REPO_ROOT, 'test', 'helpers', 'module-log.mjs')
    const result = await runCli(['backups', 'snapshots', 'list', 'Cluster0'], {
      home,
      env: {MONGODB_ATLAS_SERVICE: 'local', ATLAS_BACKUPS_TEST_MODULE_LOG: log, NODE_OPTIONS: `--import=${preload}`},
    })
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^ID {3,}TYPE {3,}STATUS {3,}CREATED AT {3,}EXPIRES AT\n/)
    const loaded = readFileSync(log, 'utf8')
    // The hook saw the command itself and the store, so an empty log cannot pass for a lean one.
    expect(loaded).toContain('/dist/commands/backups/snapshots/list.js')
    expect(loaded).toContain('/better-sqlite3/')
    for (const library of ['/cli-table3/', '/axios/', '/axios-retry/', '/zod/']) expect(loaded).not.toContain(library)
    // dist/ bundles libraries into shared chunks; esbuild heads each module inside a chunk with a comment naming its
    // source file, so the chunks this run loaded say which modules it carried.
    const carried = bundledModules(loaded)
    expect(carried.some((path) => path.startsWith('src/lib/backends/local/'))).toBe(true)
    for (const module of ['node_modules/cli-table3/', 'node_modules/axios/', 'node_modules/zod/', 'src/lib/backends/cloud/']) {
      expect(carried.filter((path) => path.includes(module))).toEqual([])
    }
    // Node's own modules that only rare paths use (hashing ids, oclif's timings, Windows shells, a flag from stdin):
    // loading them would cost a local listing about 12 ms.
    const builtins = loaded.split('\n').filter((line) => line.startsWith('builtin:'))
    expect(builtins).toContain('builtin:fs')
    for (const builtin of ['crypto', 'child_process', 'perf_hooks', 'readline']) expect(builtins).not.toContain(`builtin:${builtin}`)
  })
})
