import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {DEMO_PROJECT_ID} from '../../src/lib/backends/local/fleet.js'
import {atlasCliConfigDir, cleanupHomes, makeHome, runCli, type CliResult} from '../helpers/cli.js'
import {startServe, type Served} from '../helpers/serve.js'

const PUBLIC = 'tomlpublickey'
const PRIVATE = '0b9c2f0e-toml-private-key-7777'

let served: Served

beforeAll(async () => {
  // The flag, not the environment, so this file tests only config.toml (secrets-input.test.ts covers serve's key).
  served = await startServe(makeHome(), ['--public-key', PUBLIC, '--private-key', PRIVATE])
})

afterAll(async () => {
  await served?.stop()
  cleanupHomes()
})

/** A home whose Atlas CLI config.toml (where the test helper makes the CLI look for it) holds `text`. */
function homeWithAtlasCli(text: string): {home: string; toml: string} {
  const home = makeHome()
  const dir = atlasCliConfigDir(home)
  mkdirSync(dir, {recursive: true})
  const toml = join(dir, 'config.toml')
  writeFileSync(toml, text, {mode: 0o600})
  return {home, toml}
}

function profile(keys: Record<string, string>, name = 'default'): string {
  return `version = 2\ntelemetry_enabled = false\n\n[${name}]\n${Object.entries(keys).map(([k, v]) => `${k} = "${v}"`).join('\n')}\n`
}

function expectOneLine(result: CliResult, code: number, pattern: RegExp): void {
  expect(result.code, result.stderr).toBe(code)
  expect(result.stdout).toBe('')
  expect(result.stderr.trimEnd().split('\n'), result.stderr).toHaveLength(1)
  expect(result.stderr).toMatch(pattern)
  expect(result.stderr).not.toContain(PRIVATE)
}

const LIST = ['backups', 'snapshots', 'list', 'Cluster0', '-o', 'json']

describe('the Atlas CLI\'s config.toml', () => {
  it('a default profile of API keys: config describe names Atlas and that file, and commands use those keys', async () => {
    const {home, toml} = homeWithAtlasCli(profile({public_api_key: PUBLIC, private_api_key: PRIVATE, project_id: DEMO_PROJECT_ID, ops_manager_url: served.url, output: 'plaintext'}))
    const described = await runCli(['config', 'describe', '-o', 'json'], {home})
    expect(described.code, described.stderr).toBe(0)
    expect(described.stdout).not.toContain(PRIVATE)
    const d = JSON.parse(described.stdout)
    expect(d).toMatchObject({name: 'default', file: toml, stored: {publicApiKey: PUBLIC, privateApiKey: '********', projectId: DEMO_PROJECT_ID}})
    expect(d.effective).toMatchObject({service: 'cloud', backend: `Atlas at ${served.url}`, projectIdFrom: `profile "default" (${toml})`, credentialsFrom: `profile "default" (${toml})`, baseUrlFrom: `profile "default" (${toml})`})
    const table = await runCli(['config', 'describe'], {home})
    expect(table.stdout).toContain(toml)
    expect(table.stdout).toMatch(/backend\s+Atlas at http:\/\/127\.0\.0\.1:\d+/)

    const listed = await runCli(LIST, {home})
    expect(listed.code, listed.stderr).toBe(0)
    expect(listed.stderr).toBe('')
    expect(JSON.parse(listed.stdout).results.length).toBeGreaterThan(0)
    // serve demands these very keys: a wrong private key in the file is refused by it.
    const wrong = homeWithAtlasCli(profile({public_api_key: PUBLIC, private_api_key: 'not-the-key', project_id: DEMO_PROJECT_ID, ops_manager_url: served.url}))
    const refused = await runCli(LIST, {home: wrong.home})
    expect(refused.code).toBe(1)
    expect(refused.stdout).toBe('')
    expect(refused.stderr).toMatch(/refused|401|unauthori[sz]ed/i)
  })

  it('this tool\'s profile of the same name wins; -P selects another Atlas CLI profile; config list shows both files', async () => {
    const {home, toml} = homeWithAtlasCli(profile({service: 'cloud'}, 'default') + profile({public_api_key: PUBLIC, private_api_key: PRIVATE, project_id: DEMO_PROJECT_ID, ops_manager_url: served.url}, 'prod').replace(/^version.*\n.*\n/, ''))
    writeFileSync(join(home, 'config.json'), JSON.stringify({profiles: {default: {service: 'local'}}}))
    const local = await runCli(LIST, {home})
    expect(local.code, local.stderr).toBe(0)
    expect(local.stderr).toBe('')
    const prod = await runCli([...LIST, '-P', 'prod'], {home})
    expect(prod.code, prod.stderr).toBe(0)
    const listed = await runCli(['config', 'list'], {home})
    expect(listed.stdout).toMatch(new RegExp(`default\\s+${join(home, 'config.json')}`))
    expect(listed.stdout).toMatch(new RegExp(`prod\\s+${toml}`))
  })

  it('secrets in the keyring: says so and names the variables to set; with them set, the profile works', async () => {
    const {home, toml} = homeWithAtlasCli(profile({auth_type: 'api_keys', project_id: DEMO_PROJECT_ID, ops_manager_url: served.url}))
    expectOneLine(await runCli(LIST, {home}), 2, new RegExp(`profile "default" of the Atlas CLI \\(${toml}\\) has no credentials in the file: its API keys are in the system keyring, which atlas-backups does not read\\. Set MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY`))
    const withEnv = await runCli(LIST, {home, env: {MONGODB_ATLAS_PUBLIC_API_KEY: PUBLIC, MONGODB_ATLAS_PRIVATE_API_KEY: PRIVATE}})
    expect(withEnv.code, withEnv.stderr).toBe(0)

    const half = homeWithAtlasCli(profile({public_api_key: PUBLIC, project_id: DEMO_PROJECT_ID, ops_manager_url: served.url}))
    expectOneLine(await runCli(LIST, {home: half.home}), 2, /private API key is not\. Set MONGODB_ATLAS_PRIVATE_API_KEY \(the Atlas CLI keeps secrets in the system keyring, which atlas-backups does not read\)/)
    const completed = await runCli(LIST, {home: half.home, env: {MONGODB_ATLAS_PRIVATE_API_KEY: PRIVATE}})
    expect(completed.code, completed.stderr).toBe(0)
  })

  it('a user-account login is named as unsupported; a broken config.toml is one line naming the file', async () => {
    const user = homeWithAtlasCli(profile({auth_type: 'user_account', project_id: DEMO_PROJECT_ID}))
    expectOneLine(await runCli(LIST, {home: user.home}), 2, /logs in with a user account \(atlas auth login\), which atlas-backups does not support/)
    const broken = homeWithAtlasCli('[default\npublic_api_key = 1\n')
    for (const args of [LIST, ['config', 'describe'], ['config', 'list']]) {
      expectOneLine(await runCli(args, {home: broken.home}), 2, new RegExp(`the Atlas CLI configuration file ${broken.toml} is not valid TOML \\(line \\d+, column \\d+\\)`))
    }
    // It never stands in the way of this tool's own profiles.
    writeFileSync(join(broken.home, 'config.json'), JSON.stringify({profiles: {prod: {service: 'local'}}}))
    const own = await runCli([...LIST, '-P', 'prod'], {home: broken.home})
    expect(own.code, own.stderr).toBe(0)
    const wrongType = homeWithAtlasCli('[default]\nproject_id = 42\n')
    expectOneLine(await runCli(LIST, {home: wrongType.home}), 2, /"project_id" of profile "default" is not a string/)
  })

  it('config set on a profile only the Atlas CLI has copies it into config.json, which then takes precedence', async () => {
    const {home, toml} = homeWithAtlasCli(profile({public_api_key: PUBLIC, private_api_key: PRIVATE, project_id: DEMO_PROJECT_ID, ops_manager_url: served.url}))
    const set = await runCli(['config', 'set', 'output', 'json'], {home})
    expect(set.code, set.stderr).toBe(0)
    expect(set.stderr).toContain(`profile 'default' was the Atlas CLI's (${toml})`)
    expect(JSON.parse(readFileSync(join(home, 'config.json'), 'utf8')).profiles.default).toMatchObject({publicApiKey: PUBLIC, projectId: DEMO_PROJECT_ID, output: 'json'})
    const listed = await runCli(['backups', 'snapshots', 'list', 'Cluster0'], {home})
    expect(listed.code, listed.stderr).toBe(0)
    expect(JSON.parse(listed.stdout).results.length).toBeGreaterThan(0)
  })
})
