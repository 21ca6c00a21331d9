import {createServer, type Server} from 'node:http'
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {atlasCliConfigDir, cleanupHomes, expectOneErrorLine, makeHome, runCli, type CliResult} from '../helpers/cli.js'

const PROJECT = '5e2211c17a3e5a48f5497de3'
const SECRET = 'do-not-print-this-secret-0000'
const NOTE = /^Note: no Atlas credentials found, so the local emulator answers/

/** A loopback server that only counts requests: a refused configuration must send nothing to it. */
let server: Server
let url = ''
let requests = 0

beforeAll(async () => {
  server = createServer((_request, response) => {
    requests++
    response.writeHead(500).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as {port: number}).port}`
})

afterAll(async () => {
  cleanupHomes()
  await new Promise((resolve) => server.close(resolve))
})

function expectOneLineUsageError(result: CliResult, pattern: RegExp): void {
  expectOneErrorLine(result, 2, pattern, [SECRET])
}

/** An Atlas CLI config.toml for this home, where the test helper makes the CLI look for it. */
function writeAtlasCliConfig(home: string, text: string): string {
  const dir = atlasCliConfigDir(home)
  mkdirSync(dir, {recursive: true})
  writeFileSync(join(dir, 'config.toml'), text, {mode: 0o600})
  return join(dir, 'config.toml')
}

const LIST = ['backups', 'snapshots', 'list', 'Cluster0']

describe('partial credentials never fall back to the demo data', () => {
  const cases: Array<{name: string; env: Record<string, string>; missing: RegExp}> = [
    {name: 'only the public key', env: {MONGODB_ATLAS_PUBLIC_API_KEY: 'pubkey'}, missing: /private API key is not\. Set MONGODB_ATLAS_PRIVATE_API_KEY/},
    {name: 'only the private key', env: {MONGODB_ATLAS_PRIVATE_API_KEY: SECRET}, missing: /public API key is not\. Set MONGODB_ATLAS_PUBLIC_API_KEY/},
    {name: 'only the client id', env: {MONGODB_ATLAS_CLIENT_ID: 'mdb_sa_id_1'}, missing: /client secret is not\. Set MONGODB_ATLAS_CLIENT_SECRET/},
    {name: 'only the client secret', env: {MONGODB_ATLAS_CLIENT_SECRET: SECRET}, missing: /client ID is not\. Set MONGODB_ATLAS_CLIENT_ID/},
    {name: 'only a base URL', env: {}, missing: /MONGODB_ATLAS_BASE_URL points at http:\/\/127\.0\.0\.1:\d+ but no Atlas credentials are set\. Set MONGODB_ATLAS_PUBLIC_API_KEY/},
    {name: 'service cloud', env: {MONGODB_ATLAS_SERVICE: 'cloud'}, missing: /MONGODB_ATLAS_SERVICE sets service cloud|service cloud\) but no Atlas credentials/},
    {name: 'service cloudgov', env: {MONGODB_ATLAS_SERVICE: 'cloudgov'}, missing: /service cloudgov\) but no Atlas credentials/},
  ]
  it.each(cases)('$name: exit 2 before any request, one line naming what is missing and how to choose the emulator', async ({env, missing}) => {
    const before = requests
    const result = await runCli(LIST, {env: {MONGODB_ATLAS_BASE_URL: url, ...env}})
    expectOneLineUsageError(result, missing)
    expect(result.stderr).toContain('MONGODB_ATLAS_SERVICE=local')
    expect(result.stderr).toContain('`atlas-backups config set service local`')
    expect(requests).toBe(before)
  })

  it('only MONGODB_ATLAS_OPS_MANAGER_URL, or service cloud alone, without any base URL: exit 2 too', async () => {
    expectOneLineUsageError(await runCli(LIST, {env: {MONGODB_ATLAS_OPS_MANAGER_URL: url}}), /MONGODB_ATLAS_OPS_MANAGER_URL points at/)
    expectOneLineUsageError(await runCli(LIST, {env: {MONGODB_ATLAS_SERVICE: 'cloud'}}), /no Atlas credentials are set/)
    expectOneLineUsageError(await runCli(LIST, {env: {MONGODB_ATLAS_PUBLIC_API_KEY: 'pubkey'}}), /MONGODB_ATLAS_PRIVATE_API_KEY/)
  })

  it('half a pair in a profile is named with its file; the emulator chosen on purpose still answers', async () => {
    const home = makeHome()
    writeFileSync(join(home, 'config.json'), JSON.stringify({profiles: {default: {clientSecret: SECRET, projectId: PROJECT}}}))
    expectOneLineUsageError(await runCli(LIST, {home}), /the service account client secret is set \(clientSecret in profile "default" of \S+config\.json\) but the service account client ID is not\. Set MONGODB_ATLAS_CLIENT_ID/)
    const chosen = await runCli([...LIST, '--projectId', '6955b9008f154ac780ce4a7d'], {home, env: {MONGODB_ATLAS_SERVICE: 'local'}})
    expect(chosen.code, chosen.stderr).toBe(0)
    expect(chosen.stderr).toBe('')
  })

  it('config describe explains the refusal instead of naming a backend', async () => {
    const result = await runCli(['config', 'describe', '-o', 'json'], {env: {MONGODB_ATLAS_PUBLIC_API_KEY: 'pubkey'}})
    expect(result.code, result.stderr).toBe(0)
    const described = JSON.parse(result.stdout)
    expect(described.effective.backend).toBe('none')
    expect(described.effective.reason).toMatch(/MONGODB_ATLAS_PRIVATE_API_KEY/)
  })
})

describe('a profile that does not exist is an error naming the ones that do', () => {
  it('-P and MONGODB_ATLAS_PROFILE: exit 2 naming this tool\'s and the Atlas CLI\'s profiles; nothing is created', async () => {
    const home = makeHome()
    writeFileSync(join(home, 'config.json'), JSON.stringify({profiles: {prod: {service: 'local'}}}))
    const toml = writeAtlasCliConfig(home, '[dev]\nproject_id = "5e2211c17a3e5a48f5497de3"\n')
    const before = readFileSync(join(home, 'config.json'), 'utf8')
    for (const run of [runCli([...LIST, '-P', 'prdo'], {home}), runCli(LIST, {home, env: {MONGODB_ATLAS_PROFILE: 'prdo'}}), runCli(['config', 'describe', 'prdo'], {home}), runCli(['config', 'get', 'projectId', '-P', 'prdo'], {home})]) {
      const result = await run
      expectOneLineUsageError(result, /there is no profile named "prdo"/)
      expect(result.stderr).toContain(`prod (in ${join(home, 'config.json')})`)
      expect(result.stderr).toContain(`dev (in the Atlas CLI's ${toml})`)
      expect(result.stderr).toContain('`atlas-backups config init -P prdo`')
    }
    expect(readFileSync(join(home, 'config.json'), 'utf8')).toBe(before)
    expect(existsSync(join(home, 'local.db'))).toBe(false)
  })

  it('"default" may not exist yet (a new user), and config set/init create new profiles', async () => {
    const home = makeHome()
    expect((await runCli([...LIST, '-o', 'json'], {home, env: {MONGODB_ATLAS_SERVICE: 'local'}})).code).toBe(0)
    expect((await runCli([...LIST, '-P', 'default', '-o', 'json'], {home, env: {MONGODB_ATLAS_SERVICE: 'local'}})).code).toBe(0)
    const set = await runCli(['config', 'set', 'projectId', PROJECT, '-P', 'brandnew'], {home})
    expect(set.code, set.stderr).toBe(0)
    const init = await runCli(['config', 'init', '-P', 'other', '--service', 'local'], {home})
    expect(init.code, init.stderr).toBe(0)
    expect(JSON.parse(readFileSync(join(home, 'config.json'), 'utf8')).profiles).toMatchObject({brandnew: {projectId: PROJECT}, other: {service: 'local'}})
    expect((await runCli([...LIST, '-P', 'other', '-o', 'json'], {home})).code).toBe(0)
  })
})

describe('the emulator answering only because there are no credentials says so on every run', () => {
  it('one note line on stderr on every run without a terminal, also after the first run saved the demo project', async () => {
    const home = makeHome()
    for (let run = 0; run < 2; run++) {
      const result = await runCli([...LIST, '-o', 'json'], {home})
      expect(result.code, result.stderr).toBe(0)
      expect(JSON.parse(result.stdout).results.length).toBeGreaterThan(0)
      const lines = result.stderr.trimEnd().split('\n')
      expect(lines, result.stderr).toHaveLength(1)
      expect(lines[0]).toMatch(NOTE)
      expect(lines[0]).toContain('MONGODB_ATLAS_SERVICE=local')
    }
    // The first run seeded the emulator and saved its demo project, and only that: no `service local`.
    const saved = JSON.parse(readFileSync(join(home, 'config.json'), 'utf8')).profiles.default
    expect(saved).toEqual({projectId: expect.stringMatching(/^[0-9a-f]{24}$/)})
  })

  it('errors from the emulator come with the note too', async () => {
    const result = await runCli(['backups', 'snapshots', 'list', 'Nope0'], {})
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(NOTE)
    expect(result.stderr).toContain('CLUSTER_NOT_FOUND')
  })

  it('choosing the emulator silences it: MONGODB_ATLAS_SERVICE=local, or a profile with service local', async () => {
    const home = makeHome()
    const byEnv = await runCli(LIST, {home, env: {MONGODB_ATLAS_SERVICE: 'local'}})
    expect(byEnv.code).toBe(0)
    expect(byEnv.stderr).toBe('')
    expect((await runCli(['config', 'set', 'service', 'local'], {home})).code).toBe(0)
    const byProfile = await runCli(LIST, {home})
    expect(byProfile.code).toBe(0)
    expect(byProfile.stderr).toBe('')
    const described = JSON.parse((await runCli(['config', 'describe', '-o', 'json'], {home})).stdout)
    expect(described.effective).toMatchObject({service: 'local', serviceSource: `profile "default" (${join(home, 'config.json')})`})
  })
})

describe('profile names that cannot be keys of an object are refused everywhere', () => {
  const names = ['__proto__', 'Constructor', 'prototype', '']
  it.each(names)('"%s": exit 2 and nothing saved, in every command that takes a profile name', async (name) => {
    const home = makeHome()
    writeFileSync(join(home, 'config.json'), JSON.stringify({profiles: {prod: {projectId: PROJECT}}}))
    const before = readFileSync(join(home, 'config.json'), 'utf8')
    const runs = [
      runCli(['config', 'set', 'projectId', PROJECT, '-P', name], {home}),
      runCli(['config', 'init', '-P', name, '--projectId', PROJECT], {home}),
      runCli(['config', 'get', 'projectId', '-P', name], {home}),
      runCli(['config', 'describe', name === '' ? '-P=' : name], {home}),
      runCli(['config', 'delete', name, '--force'], {home}),
      runCli([...LIST, '-P', name], {home}),
      runCli(LIST, {home, env: {MONGODB_ATLAS_PROFILE: name.trim() === '' ? 'prototype' : name}}),
    ]
    for (const result of await Promise.all(runs)) expectOneLineUsageError(result, /reserved and cannot name a profile|cannot be empty/)
    expect(readFileSync(join(home, 'config.json'), 'utf8')).toBe(before)
  })
})

describe('config.json with values of the wrong type is one clear line', () => {
  const broken: Array<{name: string; profiles: unknown; pattern: RegExp}> = [
    {name: 'a number for projectId', profiles: {default: {projectId: 123}}, pattern: /"projectId" of profile "default" is a number, not a string/},
    {name: 'an object for a secret', profiles: {default: {privateApiKey: {value: SECRET}}}, pattern: /"privateApiKey" of profile "default" is an object, not a string/},
    {name: 'a profile that is not an object', profiles: {default: 'prod'}, pattern: /profile "default" is a string, not an object of settings/},
    {name: 'a profile that is a list', profiles: {default: [1, 2]}, pattern: /profile "default" is a list, not an object of settings/},
  ]
  it.each(broken)('$name: exit 2 naming the file, the profile and the key; config unchanged', async ({profiles, pattern}) => {
    const home = makeHome()
    const file = join(home, 'config.json')
    writeFileSync(file, JSON.stringify({profiles}))
    const before = readFileSync(file, 'utf8')
    for (const args of [LIST, ['config', 'describe'], ['config', 'get', 'output'], ['config', 'set', 'output', 'json']]) {
      const result = await runCli(args, {home})
      expectOneLineUsageError(result, pattern)
      expect(result.stderr).toContain(file)
      expect(result.stderr).not.toContain('is not a function')
    }
    expect(readFileSync(file, 'utf8')).toBe(before)
  })

  it('config set repairs the broken key itself; another profile stays usable meanwhile', async () => {
    const home = makeHome()
    writeFileSync(join(home, 'config.json'), JSON.stringify({profiles: {default: {projectId: 123}, prod: {service: 'local'}}}))
    expect((await runCli([...LIST, '-P', 'prod'], {home})).code).toBe(0)
    const fixed = await runCli(['config', 'set', 'projectId', PROJECT], {home})
    expect(fixed.code, fixed.stderr).toBe(0)
    expect((await runCli(['config', 'get', 'projectId'], {home})).stdout.trim()).toBe(PROJECT)
  })
})
