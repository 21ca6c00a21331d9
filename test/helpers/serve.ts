import type {ChildProcess} from 'node:child_process'

import {runCli, spawnCli} from './cli.js'

export interface Served {
  url: string
  child: ChildProcess
  /** Everything the server has written so far on stdout and stderr, from its first byte. */
  output(): {stdout: string; stderr: string}
  stop(): Promise<void>
}

/**
 * Starts the built CLI's `serve` on a free loopback port over the emulator in `home` (seeded first, as a user's first
 * command would) and resolves with its base URL. `env` adds variables; the developer's MONGODB_ATLAS_* never leak in.
 */
export async function startServe(home: string, args: string[] = [], env: Record<string, string> = {}): Promise<Served> {
  await runCli(['local', 'status'], {home})
  const child = spawnCli(['serve', '--port', '0', ...args], home, env)
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  let out = ''
  let err = ''
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk))
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk
      const found = /^(http:\/\/\S+)\s*$/m.exec(out)?.[1]
      if (found) resolve(found)
    })
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)))
    setTimeout(() => reject(new Error(`serve did not start: ${err}`)), 20_000)
  })
  return {url, child, stop, output: () => ({stdout: out, stderr: err})}
}
