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

  // CI jobs and test runners (vitest, jest) set NODE_ENV=test; oclif then looked for TypeScript sources beside dist/
  // and loaded the TypeScript compiler on every command, doubling its CPU time.
  it('runs dist/ as built when NODE_ENV is test or development, without looking for TypeScript sources', async () => {
    for (const nodeEnv of ['test', 'development']) {
      const result = await runCli(['backups', 'snapshots', 'list', 'Cluster0', '-o', 'json'], {
        env: {NODE_ENV: nodeEnv, MONGODB_ATLAS_SERVICE: 'local', DEBUG: 'oclif:config:ts-path'},
      })
      expect(result.code, result.stderr).toBe(0)
      expect(JSON.parse(result.stdout).results.length).toBeGreaterThan(0)
      expect(result.stderr).toContain('enableAutoTranspile is explicitly set to false')
      expect(result.stderr).not.toMatch(/tsconfig|source file|tsx|ts-node/i)
    }
  })

  it('rejects an unknown command with exit 2 and a clear stderr line', async () => {
    const result = await runCli(['backups', 'nope'])
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(/not found/)
  })

  it('names the real command when a flag-only command is given a positional word', async () => {
    const result = await runCli(['backups', 'schedule', 'update', 'Cluster0'])
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr.trim()).toBe(
      'Error: "backups schedule update" takes no argument "Cluster0". Run `atlas-backups backups schedule update --help` to see its flags.',
    )
  })

  it.each([
    [['backups', 'snapshots', 'list', 'Cluster0', '--bogus'], 'Nonexistent flag: --bogus'],
    [['backups', 'snapshots', 'list', 'Cluster0', '--limit', 'abc'], 'Invalid value for --limit: expected an integer but received: abc'],
    [['backups', 'snapshots', 'list'], 'Missing 1 required arg: clusterName'],
    [['backups', 'snapshots', 'list', 'Cluster0', 'extra'], 'Unexpected argument: extra'],
    [['backups', 'snapshots', 'list', 'Cluster0', '-o', 'json', '--output', 'json'], 'Flag --output can only be specified once'],
  ])('usage error %j exits 2 with one stderr line naming the problem and the command\'s help', async (args, message) => {
    const result = await runCli(args)
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr.trim()).toBe(`Error: ${message}. Run \`atlas-backups backups snapshots list --help\` to see its flags and arguments.`)
  })

  it('names a missing required flag with its dashes', async () => {
    const result = await runCli(['backups', 'snapshots', 'create', 'Cluster0'])
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr.trim()).toBe('Error: Missing required flag --desc. Run `atlas-backups backups snapshots create --help` to see its flags and arguments.')
  })
})
