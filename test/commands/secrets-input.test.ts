import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {afterAll, describe, expect, it} from 'vitest'

import {cleanupHomes, makeHome, runCli} from '../helpers/cli.js'
import {startServe} from '../helpers/serve.js'
import {hasTerminal, runOnTerminal, terminalTitle} from '../helpers/terminal.js'
import {GROUP, V20240805} from '../server/helpers.js'

afterAll(cleanupHomes)

const PUBLIC = 'servepublic'
const PRIVATE = '5f1d3c7a-serve-private-in-a-file'

async function status(url: string): Promise<number> {
  return (await fetch(`${url}${GROUP}/clusters`, {headers: {Accept: V20240805}})).status
}

describe('serve takes its private key from a file or the environment, off the process list', () => {
  it('--private-key-file (mode 0600): digest auth is required and the key is not in the process\'s command line', async () => {
    const home = makeHome()
    const file = join(home, 'serve-key')
    writeFileSync(file, `${PRIVATE}\n`, {mode: 0o600})
    const served = await startServe(home, ['--public-key', PUBLIC, '--private-key-file', file])
    try {
      expect(await status(served.url)).toBe(401)
      const cmdline = `/proc/${served.child.pid}/cmdline`
      if (existsSync(cmdline)) expect(readFileSync(cmdline, 'utf8')).not.toContain(PRIVATE)
      // The key from the file is the one clients must use.
      const env = {MONGODB_ATLAS_BASE_URL: served.url, MONGODB_ATLAS_PUBLIC_API_KEY: PUBLIC, MONGODB_ATLAS_PROJECT_ID: '6955b9008f154ac780ce4a7d'}
      expect((await runCli(['backups', 'schedule', 'describe', 'Cluster0'], {env: {...env, MONGODB_ATLAS_PRIVATE_API_KEY: PRIVATE}})).code).toBe(0)
      expect((await runCli(['backups', 'schedule', 'describe', 'Cluster0'], {env: {...env, MONGODB_ATLAS_PRIVATE_API_KEY: `${PRIVATE}-wrong`}})).code).toBe(1)
    } finally {
      await served.stop()
    }
  })

  it('ATLAS_BACKUPS_SERVE_PRIVATE_KEY: the environment works as the flag did', async () => {
    const served = await startServe(makeHome(), ['--public-key', PUBLIC], {ATLAS_BACKUPS_SERVE_PRIVATE_KEY: PRIVATE})
    try {
      expect(await status(served.url)).toBe(401)
      if (existsSync(`/proc/${served.child.pid}/cmdline`)) expect(readFileSync(`/proc/${served.child.pid}/cmdline`, 'utf8')).not.toContain(PRIVATE)
      const env = {MONGODB_ATLAS_BASE_URL: served.url, MONGODB_ATLAS_PUBLIC_API_KEY: PUBLIC, MONGODB_ATLAS_PRIVATE_API_KEY: PRIVATE, MONGODB_ATLAS_PROJECT_ID: '6955b9008f154ac780ce4a7d'}
      expect((await runCli(['backups', 'schedule', 'describe', 'Cluster0'], {env})).code).toBe(0)
    } finally {
      await served.stop()
    }
  })

  it('refuses a key file others can read, an empty one, both key flags, and half a pair: exit 2, one line, never the key', async () => {
    const home = makeHome()
    const open = join(home, 'open-key')
    writeFileSync(open, PRIVATE, {mode: 0o644})
    const empty = join(home, 'empty-key')
    writeFileSync(empty, '\n', {mode: 0o600})
    const cases: Array<{args: string[]; env?: Record<string, string>; message: RegExp}> = [
      {args: ['--public-key', PUBLIC, '--private-key-file', open], message: /can be read or changed by other users \(mode 0644\)\. Run `chmod 600 /},
      {args: ['--public-key', PUBLIC, '--private-key-file', empty], message: /is empty/},
      {args: ['--public-key', PUBLIC, '--private-key-file', join(home, 'missing')], message: /cannot read --private-key-file .*ENOENT/},
      {args: ['--public-key', PUBLIC, '--private-key', PRIVATE, '--private-key-file', open], message: /cannot also be provided when using|--private-key/},
      {args: ['--public-key', PUBLIC], message: /a public key is given but no private key/},
      {args: [], env: {ATLAS_BACKUPS_SERVE_PRIVATE_KEY: PRIVATE}, message: /a private key is given but no public key/},
    ]
    for (const {args, env, message} of cases) {
      const result = await runCli(['serve', '--port', '0', ...args], {home, env})
      expect({args, code: result.code, stdout: result.stdout}).toEqual({args, code: 2, stdout: ''})
      expect(result.stderr.trimEnd().split('\n'), result.stderr).toHaveLength(1)
      expect(result.stderr).toMatch(message)
      if (!args.includes('--private-key')) expect(result.stderr).not.toContain(PRIVATE)
    }
  })
})

const SECRET = 'mdb_sa_sk_typed-or-piped-secret'

describe('config set takes a secret from stdin or a prompt that does not echo', () => {
  it('`-` reads the value from stdin; it is saved and never printed', async () => {
    const home = makeHome()
    const piped = await runCli(['config', 'set', 'clientSecret', '-', '-P', 'prod'], {home, input: `${SECRET}\n`})
    expect(piped.code, piped.stderr).toBe(0)
    expect(piped.stdout + piped.stderr).not.toContain(SECRET)
    expect(JSON.parse(readFileSync(join(home, 'config.json'), 'utf8')).profiles.prod.clientSecret).toBe(SECRET)
    expect((await runCli(['config', 'get', 'clientSecret', '-P', 'prod'], {home})).stdout.trim()).toBe('********')
  })

  it('config init reads one secret flag given as - from stdin', async () => {
    const home = makeHome()
    const init = await runCli(['config', 'init', '-P', 'ci', '--service', 'cloud', '--publicApiKey', 'pub', '--privateApiKey', '-'], {home, input: SECRET})
    expect(init.code, init.stderr).toBe(0)
    expect(init.stdout + init.stderr).not.toContain(SECRET)
    expect(JSON.parse(readFileSync(join(home, 'config.json'), 'utf8')).profiles.ci).toEqual({service: 'cloud', publicApiKey: 'pub', privateApiKey: SECRET})
    const both = await runCli(['config', 'init', '-P', 'ci2', '--privateApiKey', '-', '--clientSecret', '-'], {home, input: SECRET})
    expect(both.code).toBe(2)
    expect(both.stderr).toMatch(/only one secret can be read from stdin/)
  })

  it('no value without a terminal, or nothing on stdin: exit 2, nothing changed', async () => {
    const home = makeHome()
    writeFileSync(join(home, 'config.json'), JSON.stringify({profiles: {prod: {privateApiKey: 'old'}}}))
    const before = readFileSync(join(home, 'config.json'), 'utf8')
    const missing = await runCli(['config', 'set', 'privateApiKey', '-P', 'prod'], {home})
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/no value given for privateApiKey and no terminal to ask on\. Pipe it on stdin: printf %s "\$VALUE" \| atlas-backups config set privateApiKey - -P prod/)
    const empty = await runCli(['config', 'set', 'privateApiKey', '-', '-P', 'prod'], {home, input: ''})
    expect(empty.code).toBe(2)
    expect(empty.stderr).toMatch(/nothing was read from stdin/)
    const plain = await runCli(['config', 'set', 'projectId'], {home})
    expect(plain.code).toBe(2)
    expect(plain.stderr).toMatch(/no value given for projectId/)
    expect(readFileSync(join(home, 'config.json'), 'utf8')).toBe(before)
  })

  it.skipIf(!hasTerminal)(terminalTitle('on a terminal, leaving the value out asks for it without echoing it'), async () => {
    const home = makeHome()
    const result = await runOnTerminal(['config', 'set', 'privateApiKey', '-P', 'prod'], home, `${SECRET}\r`, {question: 'not shown as you type', keyGapMs: 20, env: {MONGODB_ATLAS_SERVICE: undefined}})
    expect(result.code, result.output).toBe(0)
    expect(result.output).toContain("Updated property 'privateApiKey' of profile 'prod'")
    expect(result.output).not.toContain(SECRET)
    expect(result.output).not.toContain(SECRET.slice(0, 6))
    expect(JSON.parse(readFileSync(join(home, 'config.json'), 'utf8')).profiles.prod.privateApiKey).toBe(SECRET)
  })
})
