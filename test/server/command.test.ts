
import {afterEach, describe, expect, it, vi} from 'vitest'

import Serve from '../../src/commands/serve.js'
import {startServer} from '../../src/lib/server/index.js'
import {expectOneErrorLine, REPO_ROOT, runCli, spawnCli} from '../helpers/cli.js'
import {call, GROUP, tempHome, V20240805} from './helpers.js'

const ROOT = REPO_ROOT

afterEach(() => {
  vi.restoreAllMocks()
  delete process.env.ATLAS_BACKUPS_HOME
})

describe('serve command, in process', () => {
  it('prints exactly one stdout line, the base URL, serves, and returns cleanly on SIGTERM', async () => {
    process.env.ATLAS_BACKUPS_HOME = tempHome()
    const out: string[] = []
    const err: string[] = []
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => out.push(String(chunk)) > 0)
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => err.push(String(chunk)) > 0)
    const before = new Set(process.listeners('SIGTERM'))
    const running = Serve.run(['--port', '0', '--debug'], {root: ROOT})
    await vi.waitFor(() => expect(out.join('')).toMatch(/\n$/), {timeout: 60_000})
    const url = out.join('').trim()
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect((await call(url, `${GROUP}/clusters/Cluster0/backup/schedule`, {accept: V20240805})).status).toBe(200)
    const stop = process.listeners('SIGTERM').find((listener) => !before.has(listener))
    expect(stop).toBeDefined()
    ;(stop as (signal: NodeJS.Signals) => void)('SIGTERM')
    await running
    expect(out).toHaveLength(1)
    expect(err.join('')).toMatch(/GET \/api\/atlas\/v2\/groups\/\w+\/clusters\/Cluster0\/backup\/schedule 200 \d+ms/)
    await expect(fetch(`${url}${GROUP}/clusters`)).rejects.toThrow()
    for (const listener of process.listeners('SIGTERM')) if (!before.has(listener)) process.off('SIGTERM', listener)
    for (const listener of process.listeners('SIGINT')) if (!before.has(listener)) process.off('SIGINT', listener)
  })
})

describe('serve command, failing to start', () => {
  it('a taken port is one stderr line naming it, exit code 1', async () => {
    process.env.ATLAS_BACKUPS_HOME = tempHome()
    const taken = await startServer({home: tempHome(), port: 0, log: () => {}})
    const port = taken.url.split(':').pop()!
    const err: string[] = []
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => err.push(String(chunk)) > 0)
    const exitCode = process.exitCode
    try {
      await Serve.run(['--port', port], {root: ROOT})
      expect(process.exitCode).toBe(1)
    } finally {
      process.exitCode = exitCode
      await taken.close()
    }
    expect(err.join('').trim().split('\n')).toHaveLength(1)
    expect(err.join('')).toContain(`port ${port} on 127.0.0.1 is already in use`)
  })
})

// Runs the built CLI: when dist/ is older than src/, spawnCli fails this test saying to run `npm run build`.
describe('serve as a process', () => {
  it('refuses a public key without a private key, and the other way round, with exit 2 and one line', async () => {
    const home = tempHome()
    expectOneErrorLine(await runCli(['serve', '--port', '0', '--public-key', 'only-public'], {home}), 2, /a public key is given but no private key\. Give the private key with --private-key-file/)
    const privateOnly = await runCli(['serve', '--port', '0'], {home, env: {ATLAS_BACKUPS_SERVE_PRIVATE_KEY: 'only-private-secret'}})
    expectOneErrorLine(privateOnly, 2, /a private key is given but no public key\. Give it with --public-key/, ['only-private-secret'])
  })

  it('prints its URL, refuses a taken port with one stderr line and exit 1, and exits 0 on SIGTERM', async () => {
    const home = tempHome()
    const child = spawnCli(['serve', '--port', '0'], home)
    const url = await new Promise<string>((resolveUrl, reject) => {
      let text = ''
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        text += chunk
        if (text.includes('\n')) resolveUrl(text.trim())
      })
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)))
    })
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const port = url.split(':').pop()!
    const clash = spawnCli(['serve', '--port', port], home)
    let clashErr = ''
    clash.stderr.setEncoding('utf8').on('data', (chunk: string) => (clashErr += chunk))
    expect(await new Promise((done) => clash.once('exit', done))).toBe(1)
    expect(clashErr.trim().split('\n')).toHaveLength(1)
    expect(clashErr).toContain(`port ${port}`)
    expect((await call(url, `${GROUP}/clusters`, {accept: V20240805})).status).toBe(200)
    child.kill('SIGTERM')
    expect(await new Promise((done) => child.once('exit', done))).toBe(0)
  })
})
