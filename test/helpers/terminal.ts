import {spawn, spawnSync} from 'node:child_process'
import {join} from 'node:path'

import {assertBuilt} from './built.js'
import {REPO_ROOT} from './cli.js'

/** util-linux `script` gives the CLI a real terminal, so prompts show and are answered by keys. */
export const hasTerminal = spawnSync('script', ['--version']).status === 0

export const NO_TERMINAL = 'util-linux `script` is not installed, so the CLI cannot be given a terminal: skipped'

/**
 * The title of a test that needs a terminal. Where there is none, the title says why it is skipped, and so does a
 * line on stderr, since the default reporter hides the titles of skipped tests.
 */
export function terminalTitle(title: string): string {
  if (hasTerminal) return title
  console.warn(`${title}: ${NO_TERMINAL}`)
  return `${title} (${NO_TERMINAL})`
}

export interface TerminalResult {
  /** stdout and stderr as the terminal showed them, interleaved. */
  output: string
  code: number | null
}

export interface TerminalOptions {
  /** Text whose appearance means the CLI waits for the keys; 'Are you sure' (a confirmation) unless given. */
  question?: string
  /** Variables beside the terminal's own. MONGODB_ATLAS_SERVICE is 'local' unless given; undefined removes one. */
  env?: Record<string, string | undefined>
  /** Pause between two keys, in milliseconds. */
  keyGapMs?: number
}

/**
 * Runs the built CLI on a pseudo-terminal; once the question shows, types `keys` one at a time, as a person would.
 * The Atlas CLI's config directory is inside `home`, so the real user's profiles are never read.
 */
export function runOnTerminal(args: string[], home: string, keys = '', options: TerminalOptions = {}): Promise<TerminalResult> {
  assertBuilt(REPO_ROOT)
  const {question = 'Are you sure', keyGapMs = 150} = options
  const command = [process.execPath, join(REPO_ROOT, 'bin', 'run.js'), ...args].map((arg) => `'${arg}'`).join(' ')
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TERM: 'xterm',
    NO_COLOR: '1',
    ATLAS_BACKUPS_HOME: home,
    XDG_CONFIG_HOME: join(home, 'xdg-config'),
    MONGODB_ATLAS_SERVICE: 'local',
  }
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key]
    else env[key] = value
  }
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], {cwd: REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe']})
    let output = ''
    let typed = false
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk
      if (typed || !output.includes(question)) return
      typed = true
      let delay = 200
      for (const key of keys) setTimeout(() => child.stdin.write(key), (delay += keyGapMs))
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      child.stdin.destroy()
      resolve({output, code})
    })
  })
}
