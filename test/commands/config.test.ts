import {statSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {afterAll, describe, expect, it} from 'vitest'

import {cleanupHomes, makeHome, runCli} from '../helpers/cli.js'

afterAll(cleanupHomes)

const PRIVATE = 'c0ffee00-1111-2222-3333-secretsecret'
const SECRET = 'mdb_sa_sk_verysecretvalue'
const PROJECT = '5e2211c17a3e5a48f5497de3'

describe('config', () => {
  it('init without a terminal takes flags, writes a 0600 file, and never prints secrets', async () => {
    const home = makeHome()
    const init = await runCli(['config', 'init', '--service', 'cloud', '--projectId', PROJECT, '--publicApiKey', 'pubkey', '--privateApiKey', PRIVATE], {home})
    expect(init.code).toBe(0)
    expect(init.stdout + init.stderr).not.toContain(PRIVATE)
    const file = join(home, 'config.json')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(readFileSync(file, 'utf8')).toContain(PROJECT)
    for (const args of [['config', 'describe'], ['config', 'describe', '-o', 'json'], ['config', 'get', 'privateApiKey'], ['config', 'list', '-o', 'json']]) {
      const result = await runCli(args, {home})
      expect(result.code).toBe(0)
      expect(result.stdout + result.stderr).not.toContain(PRIVATE)
    }
    expect((await runCli(['config', 'get', 'privateApiKey'], {home})).stdout.trim()).toBe('********')
    expect((await runCli(['config', 'get', 'projectId'], {home})).stdout.trim()).toBe(PROJECT)
  })

  it('set, get and delete profiles with -P; secrets masked on set', async () => {
    const home = makeHome()
    const set = await runCli(['config', 'set', 'clientSecret', SECRET, '-P', 'prod', '-o', 'json'], {home})
    expect(set.code).toBe(0)
    expect(set.stdout).not.toContain(SECRET)
    expect((await runCli(['config', 'set', 'project_id', PROJECT, '-P', 'prod'], {home})).code).toBe(0)
    expect((await runCli(['config', 'get', 'projectId', '-P', 'prod'], {home})).stdout.trim()).toBe(PROJECT)
    for (const args of [['config', 'describe', '-P', 'prod', '-o', 'json'], ['config', 'describe', 'prod', '-o', 'json']]) {
      const described = await runCli(args, {home})
      expect(described.code).toBe(0)
      expect(described.stdout).not.toContain(SECRET)
      expect(JSON.parse(described.stdout)).toMatchObject({name: 'prod', stored: {projectId: PROJECT, clientSecret: '********'}})
    }
    expect(JSON.parse((await runCli(['config', 'list', '-o', 'json'], {home})).stdout)).toContain('prod')
    const deleted = await runCli(['config', 'delete', 'prod', '--force'], {home})
    expect(deleted.code).toBe(0)
    expect(JSON.parse((await runCli(['config', 'list', '-o', 'json'], {home})).stdout)).not.toContain('prod')
  })

  it('rejects a bad property or value with exit 2 and one line', async () => {
    const home = makeHome()
    const unknown = await runCli(['config', 'set', 'colour', 'blue'], {home})
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('unknown property "colour"')
    const badProject = await runCli(['config', 'set', 'projectId', 'nope'], {home})
    expect(badProject.code).toBe(2)
  })

  it('describe says which backend answers and why: local without credentials, cloud with them; env beats profile', async () => {
    const home = makeHome()
    const local = JSON.parse((await runCli(['config', 'describe', '-o', 'json'], {home})).stdout)
    expect(local.effective.service).toBe('local')
    const env = {MONGODB_ATLAS_PUBLIC_API_KEY: 'pub', MONGODB_ATLAS_PRIVATE_API_KEY: PRIVATE, MONGODB_ATLAS_PROJECT_ID: PROJECT}
    const cloud = await runCli(['config', 'describe', '-o', 'json'], {home, env})
    expect(cloud.stdout).not.toContain(PRIVATE)
    const described = JSON.parse(cloud.stdout)
    expect(described.effective.service).toBe('cloud')
    expect(described.effective.projectIdSource).toBe('env')
  })

  it('a flag beats the environment for the project', async () => {
    const home = makeHome()
    const other = '6a1b2c3d4e5f60718293a4b5'
    const result = await runCli(['config', 'describe', '-o', 'json'], {home, env: {MONGODB_ATLAS_PROJECT_ID: PROJECT}})
    expect(JSON.parse(result.stdout).effective.projectId).toBe(PROJECT)
    const flagged = await runCli(['backups', 'snapshots', 'list', 'Cluster0', '--projectId', other], {home, env: {MONGODB_ATLAS_PROJECT_ID: PROJECT}})
    expect(flagged.code).toBe(1)
    expect(flagged.stderr).toContain(other)
  })

  it('error paths: unknown property or profile, a dotted profile name, a broken config file', async () => {
    const home = makeHome()
    const cases: Array<{args: string[]; stderr: RegExp}> = [
      {args: ['config', 'get', 'colour'], stderr: /unknown property "colour"\. Use one of/},
      {args: ['config', 'delete', 'ghost', '--force'], stderr: /no profile named 'ghost'\. There are no profiles yet/},
      {args: ['config', 'set', 'projectId', PROJECT, '-P', 'a.b'], stderr: /cannot contain '\.'/},
      {args: ['config', 'init', '--projectId', 'nope'], stderr: /24 hexadecimal characters/},
    ]
    for (const {args, stderr} of cases) {
      const result = await runCli(args, {home})
      expect({args, code: result.code, stdout: result.stdout}).toEqual({args, code: 2, stdout: ''})
      expect(result.stderr).toMatch(stderr)
    }
    writeFileSync(join(home, 'config.json'), '{"profiles": ')
    for (const args of [['config', 'list'], ['config', 'describe'], ['backups', 'snapshots', 'list', 'Cluster0']]) {
      const result = await runCli(args, {home})
      expect(result.code).toBe(2)
      expect(result.stdout).toBe('')
      expect(result.stderr).toContain(`${join(home, 'config.json')} is not valid JSON`)
      expect(result.stderr).not.toMatch(/\n\s+at /)
    }
  })
})
