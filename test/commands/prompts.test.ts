import {afterAll, describe, expect, it} from 'vitest'

import type {Paginated, Snapshot} from '../../src/lib/domain/types.js'
import {cleanupHomes, makeHome, runCli} from '../helpers/cli.js'
import {hasTerminal, runOnTerminal, terminalTitle} from '../helpers/terminal.js'

afterAll(cleanupHomes)

async function firstSnapshot(home: string): Promise<string> {
  const list = await runCli(['backups', 'snapshots', 'list', 'Cluster0', '-o', 'json'], {home})
  return (JSON.parse(list.stdout) as Paginated<Snapshot>).results[0]!.id
}

async function exists(home: string, id: string): Promise<boolean> {
  return (await runCli(['backups', 'snapshots', 'describe', id, '--clusterName', 'Cluster0'], {home})).code === 0
}

describe.skipIf(!hasTerminal)(terminalTitle('deletes on a terminal ask first'), () => {
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

describe.skipIf(!hasTerminal)(terminalTitle('the local backend on a terminal'), () => {
  it('says before the result that the emulator answers because there are no credentials, on every run', async () => {
    const home = makeHome()
    for (let run = 0; run < 2; run++) {
      const result = await runOnTerminal(['backups', 'snapshots', 'list', 'Cluster0', '--limit', '1'], home, '', {env: {MONGODB_ATLAS_SERVICE: undefined}})
      expect(result.code).toBe(0)
      const note = result.output.indexOf('Note: no Atlas credentials found, so the local emulator answers')
      expect(note).toBeGreaterThanOrEqual(0)
      expect(note).toBeLessThan(result.output.indexOf('CREATED AT'))
    }
  })
})
