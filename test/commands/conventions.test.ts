import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {cleanupHomes, type CliResult, frozenHome, REPO_ROOT, runCli} from '../helpers/cli.js'

afterAll(cleanupHomes)

// What the Atlas CLI's users expect of its help: -h, `help <words>`, topic aliases, one listing per command,
// suggestions for a slip of the keyboard. The command tree is read from the built manifest, so commands added later
// are covered without editing this file.

interface ManifestCommand {
  id: string
  hidden?: boolean
  aliases?: string[]
  /** Topic spellings (`backup snapshot ls`), declared as the command's own static property (src/lib/cli/aliases.ts). */
  spellings?: string[]
  summary?: string
  description?: string
  flags: Record<string, {char?: string}>
}

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, ManifestCommand>}
const pjson = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {oclif: {topics: Record<string, {description: string}>}}
const commands = Object.values(manifest.commands)
const visible = commands.filter((command) => !command.hidden)

const words = (id: string): string[] => (id ? id.split(':') : [])
const help = (id: string, ...extra: string[]): Promise<CliResult> => runCli([...words(id), ...extra], {env: {MONGODB_ATLAS_SERVICE: 'local'}})

/** Every topic that holds a visible command: `backups`, `backups:snapshots`, … */
const topics = [...new Set(visible.flatMap((command) => words(command.id).slice(0, -1).map((_, i, all) => all.slice(0, i + 1).join(':'))))].sort()

/** Each topic spelled with the Atlas CLI's aliases (`backup:snapshot`), with the canonical topic it stands for. */
const topicAliases = new Map<string, string>()
for (const command of visible) {
  const canonical = words(command.id)
  for (const alias of [...(command.aliases ?? []), ...(command.spellings ?? [])]) {
    const spelled = words(alias)
    if (spelled.length !== canonical.length) continue
    for (let depth = 1; depth < spelled.length; depth++) {
      const aliasTopic = spelled.slice(0, depth).join(':')
      const canonicalTopic = canonical.slice(0, depth).join(':')
      if (aliasTopic !== canonicalTopic) topicAliases.set(aliasTopic, canonicalTopic)
    }
  }
}

/** Runs at most `limit` CLIs at once: the machine that runs the suite may have two cores. */
async function inBatches<T, R>(items: T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = []
  for (let start = 0; start < items.length; start += limit) results.push(...(await Promise.all(items.slice(start, start + limit).map(run))))
  return results
}

/** The command names listed in a help text's COMMANDS section. */
function listedCommands(stdout: string): string[] {
  const section = stdout.split(/\n(?=[A-Z][A-Z ]+\n)/).find((part) => part.startsWith('COMMANDS\n'))
  if (!section) return []
  return section
    .split('\n')
    .slice(1)
    .filter((line) => /^ {2}\S/.test(line))
    .map((line) => line.trim().split(/ {2,}/)[0]!)
}

/** Topic listings checked by spawning the CLI: the root, and topics at every depth. */
const LISTED = ['', 'backups', 'backups:schedule', 'backups:snapshots', 'serverless:backups:snapshots', 'config', 'local:clusters']
const listings = new Map<string, CliResult>()
beforeAll(async () => {
  const results = await inBatches(LISTED, 4, (id) => help(id, '--help'))
  for (const [index, id] of LISTED.entries()) listings.set(id, results[index]!)
})

describe('-h', () => {
  it('no command takes -h for one of its own flags, so -h can always mean help', () => {
    const clashes = commands.flatMap((command) => Object.entries(command.flags).filter(([, flag]) => flag.char === 'h').map(([name]) => `${command.id} --${name}`))
    expect(clashes).toEqual([])
  })

  it('-h prints what --help prints, on the root, a topic and commands with arguments and flags', async () => {
    const cases = [[''], ['backups:snapshots'], ['backups:snapshots:list', 'Cluster0'], ['backups:schedule:update', '--clusterName', 'Cluster0']] as const
    const [root, topic, list, update, listLong, updateLong] = await Promise.all([
      ...cases.map(([id, ...rest]) => help(id, ...rest, '-h')),
      help('backups:snapshots:list', '--help'),
      help('backups:schedule:update', '--help'),
    ])
    const expected = [listings.get('')!, listings.get('backups:snapshots')!, listLong!, updateLong!]
    for (const [index, result] of [root!, topic!, list!, update!].entries()) {
      expect(result.code, result.stderr).toBe(0)
      expect(result.stderr).toBe('')
      expect(result.stdout).toMatch(/USAGE/)
      expect(result.stdout).toBe(expected[index]!.stdout)
    }
  })
})

describe('help <words>', () => {
  it('help, help <topic> and help <command> print what --help prints', async () => {
    const [root, topic, command, commandLong] = await Promise.all([
      help('help'),
      help('help:backups:schedule'),
      help('help:backups:snapshots:list'),
      help('backups:snapshots:list', '--help'),
    ])
    for (const result of [root!, topic!, command!]) {
      expect(result.code, result.stderr).toBe(0)
      expect(result.stderr).toBe('')
    }
    expect(root!.stdout).toBe(listings.get('')!.stdout)
    expect(topic!.stdout).toBe(listings.get('backups:schedule')!.stdout)
    expect(command!.stdout).toBe(commandLong!.stdout)
  })

  it('help --help describes the help command', async () => {
    const result = await help('help', '--help')
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout.split('\n')[0]).toBe(manifest.commands.help!.summary)
    expect(result.stdout).toContain('$ atlas-backups help')
  })

  it('follows aliases: help backup snapshot get is the help of backups snapshots describe', async () => {
    const alias = await help('help:backup:snapshot:get')
    expect(alias.code, alias.stderr).toBe(0)
    expect(alias.stdout.split('\n')[0]).toBe(manifest.commands['backups:snapshots:describe']!.summary)
  })

  it('a subject that names nothing is exit 2 with one line and the closest command', async () => {
    const result = await help('help:backups:snapshots:lst')
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toBe(
      'Error: command "backups snapshots lst" not found. Did you mean "backups snapshots list"? Run `atlas-backups backups snapshots --help` to see the commands.\n',
    )
  })
})

describe('topics', () => {
  it('every topic has its own description in package.json', () => {
    expect(topics.filter((topic) => !pjson.oclif.topics[topic]?.description)).toEqual([])
  })

  it("a topic's help starts with what the topic is, not with one of its commands", () => {
    const summaries = new Set(visible.map((command) => command.summary ?? command.description))
    for (const topic of LISTED.filter(Boolean)) {
      const result = listings.get(topic)!
      expect(result.code, topic).toBe(0)
      const firstLine = result.stdout.split('\n')[0]
      expect(firstLine, topic).toBe(pjson.oclif.topics[topic]!.description)
      expect(summaries.has(firstLine), topic).toBe(false)
    }
  })

  it('listings name each command once, under its own name; aliases stay out of them', () => {
    const aliases = new Set(commands.flatMap((command) => [...(command.aliases ?? []), ...(command.spellings ?? [])].map((alias) => alias.replaceAll(':', ' '))))
    for (const [topic, result] of listings) {
      const names = listedCommands(result.stdout)
      const expected = visible.filter((command) => words(command.id).slice(0, -1).join(':') === topic).map((command) => command.id.replaceAll(':', ' '))
      expect(names.filter((name) => aliases.has(name)), topic || 'root').toEqual([])
      expect(names.sort(), topic || 'root').toEqual(expected.sort())
    }
  })

  it('a command still names its aliases in its own help', async () => {
    const result = await help('backups:snapshots:list', '--help')
    expect(result.stdout).toContain('ALIASES\n  $ atlas-backups backups snapshots ls\n')
  })

  it('the Atlas CLI topic aliases are declared (backup, sl, backups snapshot)', () => {
    expect(topicAliases.get('backup')).toBe('backups')
    expect(topicAliases.get('sl')).toBe('serverless')
    expect(topicAliases.get('backups:snapshot')).toBe('backups:snapshots')
  })

  it.each([
    [['backup', '--help'], 'backups'],
    [['backups', 'snapshot', '--help'], 'backups:snapshots'],
    [['sl', 'backup', 'snapshot', '-h'], 'serverless:backups:snapshots'],
    [['backup', 'schedule'], 'backups:schedule'],
    [['help', 'backup', 'snapshots'], 'backups:snapshots'],
  ])('%j shows the help of the topic it stands for', async (args, canonical) => {
    expect(topicAliases.get(args.filter((arg) => arg !== 'help' && !arg.startsWith('-')).join(':'))).toBe(canonical)
    const result = await runCli(args, {env: {MONGODB_ATLAS_SERVICE: 'local'}})
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toBe('')
    expect(result.stdout).toBe(listings.get(canonical)!.stdout)
  })

  it('sl --help shows the serverless topic', async () => {
    const result = await runCli(['sl', '--help'], {env: {MONGODB_ATLAS_SERVICE: 'local'}})
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout.split('\n')[0]).toBe(pjson.oclif.topics.serverless!.description)
    expect(result.stdout).toContain('$ atlas-backups serverless COMMAND')
  })
})

describe('topic spellings run the command they name (resolved by the command_not_found hook, not registered)', () => {
  it('backup snapshot list Cluster0 with flags before or after the argument prints what the canonical command prints; a stray word is still refused', async () => {
    const home = await frozenHome()
    const env = {MONGODB_ATLAS_SERVICE: 'local'}
    const canonical = await runCli(['backups', 'snapshots', 'list', 'Cluster0', '--limit', '2', '-o', 'json'], {home, env})
    expect(canonical.code, canonical.stderr).toBe(0)
    expect(JSON.parse(canonical.stdout).results).toHaveLength(2)
    for (const args of [
      ['backup', 'snapshot', 'list', 'Cluster0', '--limit', '2', '-o', 'json'],
      ['backups', 'snapshot', 'ls', '--limit', '2', 'Cluster0', '-o', 'json'],
    ]) {
      const spelled = await runCli(args, {home, env})
      expect({code: spelled.code, stdout: spelled.stdout, stderr: spelled.stderr}, args.join(' ')).toEqual({code: 0, stdout: canonical.stdout, stderr: ''})
    }
    const stray = await runCli(['backup', 'schedule', 'describe', 'Cluster0', 'extra'], {home, env})
    expect(stray.code).toBe(2)
    expect(stray.stdout).toBe('')
  })
})

describe('a mistyped command', () => {
  it.each([
    [['backups', 'snapshots', 'lst'], 'backups snapshots lst', 'backups snapshots list', 'backups snapshots'],
    [['bakcups', 'snapshots', 'list', 'Cluster0'], 'bakcups', 'backups snapshots list', ''],
    [['backups', 'shedule', 'describe', 'Cluster0'], 'backups shedule', 'backups schedule describe', 'backups'],
    [['backup', 'snapshot', 'craete', 'Cluster0'], 'backup snapshot craete', 'backups snapshots create', 'backups snapshots'],
  ])('%j suggests the closest command in one line, exit 2', async (args, typed, suggestion, topic) => {
    const result = await runCli(args, {env: {MONGODB_ATLAS_SERVICE: 'local'}})
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    const listing = ['atlas-backups', ...(topic ? [topic] : []), '--help'].join(' ')
    expect(result.stderr).toBe(`Error: command "${typed}" not found. Did you mean "${suggestion}"? Run \`${listing}\` to see the commands.\n`)
  })

  it('a word far from every command gets no guess', async () => {
    const result = await runCli(['backups', 'zzzzzzzz'], {env: {MONGODB_ATLAS_SERVICE: 'local'}})
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toBe('Error: command "backups zzzzzzzz" not found. Run `atlas-backups backups --help` to see the commands.\n')
  })

  it.each([[['help', 'backups', 'snapshots', 'lst']], [['backup', 'snapshot', 'nope']]])(
    'the command the hint for %j names exists and lists the commands',
    async (args) => {
      const result = await runCli(args, {env: {MONGODB_ATLAS_SERVICE: 'local'}})
      expect(result.code).toBe(2)
      const hint = /Run `atlas-backups ([^`]+)`/.exec(result.stderr)
      expect(hint, result.stderr).not.toBeNull()
      const followed = await runCli(hint![1]!.split(' '), {env: {MONGODB_ATLAS_SERVICE: 'local'}})
      expect(followed.code, followed.stderr).toBe(0)
      expect(followed.stdout).toMatch(/COMMANDS|TOPICS/)
    },
  )
})
