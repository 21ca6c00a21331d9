import {spawn, spawnSync} from 'node:child_process'
import {join} from 'node:path'

import {afterAll, describe, expect, it} from 'vitest'

import type {Paginated, Snapshot} from '../../src/lib/domain/types.js'
import {cleanupHomes, makeHome, REPO_ROOT, runCli} from '../helpers/cli.js'

afterAll(cleanupHomes)

// util-linux `script` gives the CLI a real terminal, so the confirmation prompt is shown and answered by keys.
const hasScript = spawnSync('script', ['--version']).status === 0

interface TerminalResult {
  output: string
  code: number | null
}

/** Runs the built CLI on a pseudo-terminal; once a confirmation question shows, types `keys`. */
function runOnTerminal(args: string[], home: string, keys = ''): Promise<TerminalResult> {
  const command = [process.execPath, join(REPO_ROOT, 'bin', 'run.js'), ...args].map((a) => `'${a}'`).join(' ')
  const env: NodeJS.ProcessEnv = {PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'xterm', NO_COLOR: '1', ATLAS_BACKUPS_HOME: home, XDG_CONFIG_HOME: join(home, 'xdg-config')}
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], {cwd: REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe']})
    let output = ''
    let typed = false
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk
      if (!typed && output.includes('Are you sure')) {
        typed = true
        // Keys one at a time, as a person types: the prompt reads a keypress, then Enter.
        let delay = 200
        for (const key of keys) setTimeout(() => child.stdin.write(key), (delay += 150))
      }
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      child.stdin.destroy()
      resolve({output, code})
    })
  })
}

async function firstSnapshot(home: string): Promise<string> {
  const list = await runCli(['backups', 'snapshots', 'list', 'Cluster0', '-o', 'json'], {home})
  return (JSON.parse(list.stdout) as Paginated<Snapshot>).results[0]!.id
}

async function exists(home: string, id: string): Promise<boolean> {
  return (await runCli(['backups', 'snapshots', 'describe', id, '--clusterName', 'Cluster0'], {home})).code === 0
}

describe.skipIf(!hasScript)('deletes on a terminal ask first', () => {
  it('yes deletes the snapshot', async () => {
    const home = makeHome()
    const id = await firstSnapshot(home)
    const result = await runOnTerminal(['backups', 'snapshots', 'delete', id, '--clusterName', 'Cluster0'], home, 'y\r')
    expect(result.output).toContain(`Are you sure you want to delete: ${id}`)
    expect(result.output).toContain(`Snapshot '${id}' deleted`)
    expect(result.code).toBe(0)
    expect(await exists(home, id)).toBe(false)
  })

  it('no (the default) keeps it, exit 1', async () => {
    const home = makeHome()
    const id = await firstSnapshot(home)
    const result = await runOnTerminal(['backups', 'snapshots', 'delete', id, '--clusterName', 'Cluster0'], home, '\r')
    expect(result.output).toContain('not deleted: the deletion was not confirmed')
    expect(result.code).toBe(1)
    expect(await exists(home, id)).toBe(true)
  })

  it('Ctrl-C at the question exits 130 and changes nothing', async () => {
    const home = makeHome()
    const before = (await runCli(['backups', 'schedule', 'describe', 'Cluster0', '-o', 'json'], {home})).stdout
    const result = await runOnTerminal(['backups', 'schedule', 'delete', 'Cluster0'], home, '\u0003')
    expect(result.output).toContain('interrupted')
    expect(result.output).not.toMatch(/\n\s+at /)
    expect(result.code).toBe(130)
    expect((await runCli(['backups', 'schedule', 'describe', 'Cluster0', '-o', 'json'], {home})).stdout).toBe(before)
  })
})

describe.skipIf(!hasScript)('the local backend on a terminal', () => {
  it('says before the result that the emulator answers because there are no credentials, on every run', async () => {
    const home = makeHome()
    for (let run = 0; run < 2; run++) {
      const result = await runOnTerminal(['backups', 'snapshots', 'list', 'Cluster0', '--limit', '1'], home)
      expect(result.code).toBe(0)
      const note = result.output.indexOf('Note: no Atlas credentials found, so the local emulator answers')
      expect(note).toBeGreaterThanOrEqual(0)
      expect(note).toBeLessThan(result.output.indexOf('CREATED AT'))
    }
  })
})
