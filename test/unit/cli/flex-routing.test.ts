import {existsSync, readdirSync} from 'node:fs'
import {join} from 'node:path'

import {describe, expect, it} from 'vitest'

import {clusterOrFlex, routedPoll, startingWith} from '../../../src/lib/cli/flex.js'
import {downloadTarget, writeAtomically} from '../../../src/lib/cli/snapshot-download.js'
import {flexClusterInClusterApi, nonFlexClusterInFlexApi} from '../../../src/lib/domain/atlas-errors.js'
import {makeTempDir} from '../../helpers/temp-dirs.js'

describe('Flex detection, once per command (rule 82)', () => {
  it('answers from the cluster API when it answers; from the Flex API when the cluster API refuses a Flex cluster', async () => {
    expect(await clusterOrFlex(async () => 'dedicated', async () => 'flex')).toEqual({flex: false, value: 'dedicated'})
    expect(await clusterOrFlex(async () => Promise.reject(flexClusterInClusterApi('F')), async () => 'flex')).toEqual({flex: true, value: 'flex'})
  })

  it('passes any other error on, without asking the Flex API', async () => {
    let asked = false
    const refusal = nonFlexClusterInFlexApi('C')
    await expect(clusterOrFlex(async () => Promise.reject(refusal), async () => (asked = true))).rejects.toBe(refusal)
    expect(asked).toBe(false)
  })

  it('a routed poll asks the cluster API once, then only the Flex API', async () => {
    const calls: string[] = []
    const poll = routedPoll(
      async () => {
        calls.push('cluster')
        throw flexClusterInClusterApi('F')
      },
      async () => {
        calls.push('flex')
        return calls.length
      },
    )
    await poll()
    await poll()
    await poll()
    expect(calls).toEqual(['cluster', 'flex', 'flex', 'flex'])
  })

  it('startingWith answers the value already read first, then polls', async () => {
    let polled = 0
    const poll = startingWith('first', async () => `poll ${++polled}`)
    expect([await poll(), await poll()]).toEqual(['first', 'poll 1'])
  })
})

describe('snapshots download: the file is whole or absent', () => {
  it('refuses a name without .tgz and an existing file before anything is sent (exit 2)', () => {
    const folder = makeTempDir('atlas-backups-flex-unit-')
    expect(() => downloadTarget('abc', join(folder, 'x.tar'))).toThrow(/only the '.tgz' extension/)
    expect(() => downloadTarget('abc', folder + '/missing/x.tgz')).toThrow(/does not exist/)
    expect(downloadTarget('abc', join(folder, 'x.tgz'))).toBe(join(folder, 'x.tgz'))
  })

  it('writes the whole file under its name, and leaves nothing when the transfer fails', async () => {
    const folder = makeTempDir('atlas-backups-flex-unit-')
    await writeAtomically(join(folder, 'ok.tgz'), async (write) => {
      write(Buffer.from('part one '))
      write(Buffer.from('part two'))
    })
    expect(readdirSync(folder)).toEqual(['ok.tgz'])
    await expect(
      writeAtomically(join(folder, 'broken.tgz'), async (write) => {
        write(Buffer.from('half'))
        throw new Error('connection reset')
      }),
    ).rejects.toThrow('connection reset')
    expect(existsSync(join(folder, 'broken.tgz'))).toBe(false)
    expect(readdirSync(folder)).toEqual(['ok.tgz'])
  })
})
