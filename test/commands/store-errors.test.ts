import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {afterAll, describe, expect, it} from 'vitest'

import {cleanupHomes, makeHome, runCli} from '../helpers/cli.js'

afterAll(cleanupHomes)

describe('a damaged local store', () => {
  it('a corrupt file gives one clear line naming it and the fix, and is left as it was', async () => {
    const home = makeHome()
    const file = join(home, 'local.db')
    const garbage = 'this is not a database, '.repeat(400)
    writeFileSync(file, garbage)
    const result = await runCli(['backups', 'snapshots', 'list', 'Cluster0'], {home})
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain(file)
    expect(result.stderr).toMatch(/local reset --force/)
    expect(result.stderr).not.toMatch(/\n\s+at /)
    expect(readFileSync(file, 'utf8')).toBe(garbage)
  })

  it('an unreadable store (a directory in its place) gives a clear error naming it', async () => {
    const home = makeHome()
    mkdirSync(join(home, 'local.db'))
    const result = await runCli(['backups', 'schedule', 'describe', 'Cluster0'], {home})
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(join(home, 'local.db'))
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })

  it('local reset --force recreates a sound store', async () => {
    const home = makeHome()
    writeFileSync(join(home, 'local.db'), 'garbage'.repeat(1000))
    expect((await runCli(['local', 'reset', '--force'], {home})).code).toBe(0)
    const result = await runCli(['backups', 'snapshots', 'list', 'Cluster0', '-o', 'json'], {home})
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).results.length).toBeGreaterThan(0)
  })

  it('--debug shows the stack that is otherwise hidden', async () => {
    const home = makeHome()
    writeFileSync(join(home, 'local.db'), 'garbage'.repeat(1000))
    const result = await runCli(['backups', 'snapshots', 'list', 'Cluster0', '--debug'], {home})
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/\n\s+at /)
  })
})
