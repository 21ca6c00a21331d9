import {afterAll, describe, expect, it} from 'vitest'

import {cleanupHomes, runCli} from '../helpers/cli.js'

afterAll(cleanupHomes)

describe('atlas-backups --help and --version', () => {
  it('lists the topics on --help and exits 0', async () => {
    const result = await runCli(['--help'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('backups')
    expect(result.stdout).toMatch(/TOPICS/)
    expect(result.stderr).toBe('')
  })

  it('prints name, version and platform on --version', async () => {
    const result = await runCli(['--version'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^atlas-backups\/\d+\.\d+\.\d+ \S+ node-v\d+/)
  })

  it('rejects an unknown command with exit 2 and a clear stderr line', async () => {
    const result = await runCli(['backups', 'nope'])
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(/not found/)
  })
})
