import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {cleanupHomes, type CliResult, REPO_ROOT, runCli} from '../helpers/cli.js'
import {makeTempDir} from '../helpers/temp-dirs.js'

// Shell completion: `autocomplete bash|zsh` writes completion functions naming every command and flag under the
// cache directory, and prints the line that loads them. The cache directory is a temporary one here.

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'oclif.manifest.json'), 'utf8')) as {
  commands: Record<string, {id: string; hidden?: boolean; flags: Record<string, {hidden?: boolean}>}>
}
const visible = Object.values(manifest.commands).filter((command) => !command.hidden)

const cacheDir = makeTempDir('atlas-backups-completion-')
const env = {ATLAS_BACKUPS_CACHE_DIR: cacheDir, MONGODB_ATLAS_SERVICE: 'local'}

afterAll(cleanupHomes)

let bash: CliResult
let zsh: CliResult
beforeAll(async () => {
  // One after the other: both write the same cache files.
  bash = await runCli(['autocomplete', 'bash'], {env})
  zsh = await runCli(['autocomplete', 'zsh'], {env})
})

const hasBash = spawnSync('bash', ['-c', 'true']).status === 0

describe('autocomplete', () => {
  it('prints how to set up bash and zsh, naming the line to add', () => {
    expect(bash.code, bash.stderr).toBe(0)
    expect(bash.stdout).toContain('printf "$(atlas-backups autocomplete script bash)" >> ~/.bashrc')
    expect(zsh.code, zsh.stderr).toBe(0)
    expect(zsh.stdout).toContain('printf "$(atlas-backups autocomplete script zsh)" >> ~/.zshrc')
  })

  it('the line to add loads the setup file from the cache directory', async () => {
    const [bashLine, zshLine] = await Promise.all([runCli(['autocomplete', 'script', 'bash'], {env}), runCli(['autocomplete', 'script', 'zsh'], {env})])
    expect(bashLine.code, bashLine.stderr).toBe(0)
    expect(bashLine.stdout).toContain(`ATLAS_BACKUPS_AC_BASH_SETUP_PATH=${join(cacheDir, 'autocomplete', 'bash_setup')}`)
    expect(zshLine.code, zshLine.stderr).toBe(0)
    expect(zshLine.stdout).toContain(`ATLAS_BACKUPS_AC_ZSH_SETUP_PATH=${join(cacheDir, 'autocomplete', 'zsh_setup')}`)
  })

  it('the bash functions name every command with its flags', () => {
    const functions = readFileSync(join(cacheDir, 'autocomplete', 'functions', 'bash', 'atlas-backups.bash'), 'utf8')
    const lines = new Map(functions.split('\n').map((line) => [line.split(' ')[0], line]))
    for (const command of visible) {
      const line = lines.get(command.id)
      expect(line, command.id).toBeDefined()
      for (const [name, flag] of Object.entries(command.flags)) if (!flag.hidden) expect(line, command.id).toContain(`--${name}`)
    }
  })

  it('the zsh functions name the topics, commands and flags', () => {
    const functions = readFileSync(join(cacheDir, 'autocomplete', 'functions', 'zsh', '_atlas-backups'), 'utf8')
    expect(functions.startsWith('#compdef atlas-backups')).toBe(true)
    expect(functions).toContain('"snapshots[Manage cloud backup snapshots of a cluster.]"')
    expect(functions).toContain('"list[Return all cloud backup snapshots for your project and cluster.]"')
    expect(functions).toContain('--referenceHourOfDay')
    const setup = readFileSync(join(cacheDir, 'autocomplete', 'zsh_setup'), 'utf8')
    expect(setup).toContain(join(cacheDir, 'autocomplete', 'functions', 'zsh'))
  })

  it('a shell it does not know is a usage error in one line, exit 2', async () => {
    const result = await runCli(['autocomplete', 'fish'], {env})
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toBe('Error: Expected fish to be one of: bash, zsh, powershell. Run `atlas-backups autocomplete --help` to see its flags and arguments.\n')
  })

  it.skipIf(!hasBash)('bash completes topics, commands and flags', () => {
    const setup = join(cacheDir, 'autocomplete', 'bash_setup')
    const complete = (...words: string[]): string[] => {
      const script = `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _atlas-backups_autocomplete; printf '%s\\n' "\${COMPREPLY[@]}"`
      const result = spawnSync('bash', ['-c', script, 'bash', setup, 'atlas-backups', ...words], {encoding: 'utf8'})
      expect(result.status, result.stderr).toBe(0)
      return [...new Set(result.stdout.split('\n').filter(Boolean))].sort()
    }
    expect(complete('back')).toEqual(['backups'])
    expect(complete('backups', '')).toEqual(['audit', 'compliancePolicy', 'exports', 'restores', 'schedule', 'snapshots'])
    expect(complete('backups', 'snapshots', 'l')).toEqual(['list', 'ls'])
    expect(complete('backups', 'snapshots', 'list', '--l')).toEqual(['--limit'])
    expect(complete('backups', 'schedule', 'update', '--referenceH')).toEqual(['--referenceHourOfDay'])
    expect(complete('backups', 'restores', 'start', '--pointInT')).toEqual(['--pointInTime', '--pointInTimeUTCSeconds'])
  })
})
