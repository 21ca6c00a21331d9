import {spawn, type ChildProcessByStdio} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import type {Readable, Writable} from 'node:stream'
import {fileURLToPath} from 'node:url'

import {expect} from 'vitest'

import {assertBuilt} from './built.js'
import {makeTempDir, removeTempDirs} from './temp-dirs.js'

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const BIN = join(REPO_ROOT, 'bin', 'run.js')

export interface CliResult {
  stdout: string
  stderr: string
  code: number | null
  signal: NodeJS.Signals | null
}

export interface CliOptions {
  /** ATLAS_BACKUPS_HOME for this run; a fresh temporary directory when omitted. */
  home?: string
  env?: Record<string, string | undefined>
  input?: string
  timeoutMs?: number
}

/** Variables a developer's shell may carry that would change which backend or profile a test sees. */
const SCRUBBED = /^(MONGODB_ATLAS_|ATLAS_BACKUPS_|NO_COLOR$|FORCE_COLOR$)/

/** The environment the CLI runs with in tests: this process's, without the variables above, plus `extra`. */
export function cliEnv(home: string, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) if (!SCRUBBED.test(key)) env[key] = value
  env.ATLAS_BACKUPS_HOME = home
  // The Atlas CLI's config.toml is read from the user's config directory: never the real user's in a test.
  env.XDG_CONFIG_HOME = join(home, 'xdg-config')
  if (process.platform === 'darwin') env.HOME = home
  if (process.platform === 'win32') env.APPDATA = join(home, 'appdata')
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key]
    else env[key] = value
  }
  return env
}

export type CliChild = ChildProcessByStdio<Writable | null, Readable, Readable>

/**
 * The one way tests start the built CLI (bin/run.js): in the repository, with cliEnv's environment (so no
 * MONGODB_ATLAS_* of the developer's shell), stdout and stderr piped. Fails, saying to build, when dist/ is stale.
 */
export function spawnCli(args: string[], home: string, env: Record<string, string | undefined> = {}, stdin: 'pipe' | 'ignore' = 'ignore'): CliChild {
  assertBuilt(REPO_ROOT)
  return spawn(process.execPath, [BIN, ...args], {cwd: REPO_ROOT, env: cliEnv(home, env), stdio: [stdin, 'pipe', 'pipe']}) as CliChild
}

/** Runs the built CLI (bin/run.js) as a child process, as a user or a script would. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const home = options.home ?? makeHome()
  return new Promise((resolvePromise, reject) => {
    const child = spawnCli(args, home, options.env ?? {}, 'pipe')
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 25_000)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolvePromise({stdout, stderr, code, signal})
    })
    child.stdin!.end(options.input ?? '')
  })
}

/** Where a CLI run with this home looks for the Atlas CLI's atlascli/config.toml (see childEnv). */
export function atlasCliConfigDir(home: string): string {
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'atlascli')
  if (process.platform === 'win32') return join(home, 'appdata', 'atlascli')
  return join(home, 'xdg-config', 'atlascli')
}

/** A fresh, empty ATLAS_BACKUPS_HOME, removed after the test file (or earlier by cleanupHomes()). */
export function makeHome(): string {
  return makeTempDir('atlas-backups-test-')
}

/**
 * A fresh home whose emulator clock is frozen (optionally at `at`), so that only the commands a test runs change the
 * store, whatever time passes between them.
 */
export async function frozenHome(at?: string, env: Record<string, string | undefined> = {MONGODB_ATLAS_SERVICE: 'local'}): Promise<string> {
  const home = makeHome()
  const frozen = await runCli(['local', 'clock', 'freeze', ...(at === undefined ? [] : [at])], {home, env})
  expect(frozen.code, frozen.stderr).toBe(0)
  return home
}

/** Removes every temporary directory made so far; vitest.config.ts's setup file also does so after each file. */
export function cleanupHomes(): void {
  removeTempDirs()
}

/** A failed run as the CLI promises it: the exit code, nothing on stdout, and stderr naming the problem. */
export function expectFailure(result: CliResult, code: number, stderrText: string): void {
  expect(result.code, result.stderr).toBe(code)
  expect(result.stdout).toBe('')
  expect(result.stderr).toContain(stderrText)
}

/**
 * A refusal as the CLI promises it: the exit code, nothing on stdout, and exactly one stderr line, `Error: …`
 * matching `pattern` (so no stack trace), in which none of `secrets` appears.
 */
export function expectOneErrorLine(result: CliResult, code: number, pattern: RegExp, secrets: readonly string[] = []): void {
  expect(result.code, result.stderr).toBe(code)
  expect(result.stdout).toBe('')
  const lines = result.stderr.trimEnd().split('\n')
  expect(lines, result.stderr).toHaveLength(1)
  expect(lines[0]).toMatch(/^Error: /)
  expect(lines[0]).toMatch(pattern)
  for (const secret of secrets) expect(result.stderr).not.toContain(secret)
}

/** The local emulator's store as bytes, to show that a refused command changed nothing. */
export function storeBytes(home: string): Buffer {
  return readFileSync(join(home, 'local.db'))
}

