import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest'

import type {Paginated, Snapshot} from '../../src/lib/domain/types.js'
import {atlasError, FaultServer} from '../cloud/fault-server.js'
import {cleanupHomes, expectOneErrorLine, frozenHome, runCli, storeBytes, type CliResult} from '../helpers/cli.js'

/**
 * Validate, then act: a bad -o (flag, MONGODB_ATLAS_OUTPUT or a profile's output) or an unusable json-path is a
 * usage error (exit 2) found before the command changes anything or sends anything. Before this, the write was
 * made first and the output failed after it, so exit 2 ("nothing was changed") was a lie.
 */

afterAll(cleanupHomes)

// The emulator chosen on purpose: no "answering because no credentials" note in the way of the one-line checks.
const LOCAL = {MONGODB_ATLAS_SERVICE: 'local'}

function expectUsageLine(result: CliResult, pattern: RegExp): void {
  expectOneErrorLine(result, 2, pattern)
}


async function completedSnapshot(home: string): Promise<string> {
  const list = await runCli(['backups', 'snapshots', 'list', 'Cluster0', '-o', 'json'], {home, env: LOCAL})
  return (JSON.parse(list.stdout) as Paginated<Snapshot>).results.find((s) => s.status === 'completed')!.id
}

describe('the output format is checked before the local store changes', () => {
  let home: string
  let snapshotId: string
  beforeAll(async () => {
    home = await frozenHome()
    snapshotId = await completedSnapshot(home)
  })

  const YAML: [string[], RegExp] = [['-o', 'yaml'], /unknown output format "yaml"/]
  const UNCLOSED: [string[], RegExp] = [['-o', 'json-path=$['], /invalid jsonpath "\$\[": unbalanced/]
  const BAD_FILTER: [string[], RegExp] = [['-o', 'json-path=$.results[?(@.status===)]'], /invalid jsonpath .*Expected expression/]
  const JSON_AND_PATH: [string[], RegExp] = [['--json', '-o', 'json-path=$.id'], /--json and -o json-path=\$\.id ask for two different outputs/]

  /** The cases of the issue, then the other kinds of bad output on one write command each. */
  const cases = (): Array<[string[], [string[], RegExp]]> => [
    [['local', 'clock', 'advance', '1h'], YAML],
    [['backups', 'snapshots', 'create', 'Cluster0', '--desc', 'x'], UNCLOSED],
    [['backups', 'snapshots', 'delete', snapshotId, '--clusterName', 'Cluster0', '--force'], UNCLOSED],
    [['backups', 'schedule', 'update', '--clusterName', 'Cluster0', '--referenceHourOfDay', '9'], UNCLOSED],
    [['local', 'clusters', 'create', 'Fresh0'], UNCLOSED],
    [['backups', 'snapshots', 'create', 'Cluster0', '--desc', 'x'], BAD_FILTER],
    [['backups', 'schedule', 'update', '--clusterName', 'Cluster0', '--referenceHourOfDay', '9'], JSON_AND_PATH],
  ]

  it('each write command with a bad output: exit 2, one line, the store unchanged byte for byte', async () => {
    for (const [args, [output, message]] of cases()) {
      const before = storeBytes(home)
      expectUsageLine(await runCli([...args, ...output], {home, env: LOCAL}), message)
      expect(storeBytes(home).equals(before), `${[...args, ...output].join(' ')} changed the store`).toBe(true)
    }
  })

  it('MONGODB_ATLAS_OUTPUT and a profile\'s output are checked the same way, naming where the value came from', async () => {
    const before = storeBytes(home)
    const fromEnv = await runCli(['local', 'clock', 'advance', '1h'], {home, env: {...LOCAL, MONGODB_ATLAS_OUTPUT: 'yaml'}})
    expectUsageLine(fromEnv, /unknown output format "yaml" \(from MONGODB_ATLAS_OUTPUT\)/)
    const profileHome = await frozenHome()
    writeFileSync(join(profileHome, 'config.json'), JSON.stringify({profiles: {default: {service: 'local', output: 'json-path=$['}}}), {mode: 0o600})
    const profileBefore = storeBytes(profileHome)
    const fromProfile = await runCli(['backups', 'snapshots', 'create', 'Cluster0', '--desc', 'x'], {home: profileHome})
    expectUsageLine(fromProfile, /invalid jsonpath "\$\[" \(from the output setting of profile "default"\)/)
    expect(storeBytes(profileHome).equals(profileBefore)).toBe(true)
    expect(storeBytes(home).equals(before)).toBe(true)
  })
})

describe('json-path results', () => {
  it('a path that matches nothing prints nothing, says so on stderr and exits 1', async () => {
    const home = await frozenHome()
    const result = await runCli(['backups', 'snapshots', 'list', 'Cluster0', '-o', 'json-path=$.results[?(@.status==\'nonsense\')].id'], {home, env: LOCAL})
    expect(result.stdout).toBe('')
    expect(result.code).toBe(1)
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(result.stderr).toMatch(/^Error: -o json-path=.* matched nothing in the result/)
  })

  it('a path that matches still prints the match, exit 0', async () => {
    const home = await frozenHome()
    const result = await runCli(['backups', 'snapshots', 'list', 'Cluster0', '-o', 'json-path=$.results[0].replicaSetName'], {home, env: LOCAL})
    expect(result.code).toBe(0)
    expect(result.stdout).toBe('Cluster0\n')
    const both = await runCli(['local', 'clock', 'show', '--json', '-o', 'json'], {home, env: LOCAL})
    expect(both.code).toBe(0)
    expect(JSON.parse(both.stdout)).toMatchObject({frozen: true})
  })
})

describe('over the cloud backend, a bad output format sends nothing', () => {
  let server: FaultServer
  beforeEach(async () => {
    server = await new FaultServer().start()
    server.handler = (_request, response) => atlasError(response, 500, 'UNEXPECTED', 'this test expects no request')
  })
  afterEach(async () => server.stop())

  const cloudEnv = (): Record<string, string> => ({
    MONGODB_ATLAS_BASE_URL: server.url,
    MONGODB_ATLAS_PUBLIC_API_KEY: 'writespub',
    MONGODB_ATLAS_PRIVATE_API_KEY: 'writes-private-key',
    MONGODB_ATLAS_PROJECT_ID: '5e2211c17a3e5a48f5497de3',
  })

  it('snapshots create, snapshots delete --force and schedule update: exit 2 and no request', async () => {
    const commands = [
      ['backups', 'snapshots', 'create', 'Cluster0', '--desc', 'x', '-o', 'json-path=$['],
      ['backups', 'snapshots', 'delete', '6a7944f22c88faeba59d3572', '--clusterName', 'Cluster0', '--force', '-o', 'yaml'],
      ['backups', 'schedule', 'update', '--clusterName', 'Cluster0', '--referenceHourOfDay', '9', '-o', 'json-path=$.a[?(@.x===)]'],
      ['backups', 'snapshots', 'create', 'Cluster0', '--desc', 'x', '--json', '-o', 'json-path=$.id'],
    ]
    for (const args of commands) {
      const result = await runCli(args, {env: cloudEnv()})
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2)
      expect(result.stdout).toBe('')
      expect(server.seen.map((s) => `${s.method} ${s.url}`), args.join(' ')).toEqual([])
    }
  })
})
