import type {Command, Interfaces} from '@oclif/core'

import {editDistance} from './edit-distance.js'

/**
 * What the words a user typed name in the command tree. oclif knows command aliases but not topic aliases
 * (`backup snapshot` for `backups snapshots`): every command declares each spelling of its id (oclif's `aliases`, and
 * the topic spellings as its own static `spellings`, which oclif keeps in the manifest but does not register), and this
 * module reads the topic aliases back from those spellings, so nothing here lists commands or topics by name.
 */
export type Resolution =
  /** The words name a command (`rest` are its arguments); `command.id` is the spelling found, alias or not. */
  | {kind: 'command'; command: Command.Loadable; typed: string[]; rest: string[]}
  /** The words name a topic, or nothing at all (`topic` is then ''). Always the canonical topic. */
  | {kind: 'topic'; topic: string}
  /**
   * A word names nothing. `typed` are the words up to and including it, `topic` the canonical topic reached before
   * it, `suggestion` the closest command or topic in canonical words, when one is close enough.
   */
  | {kind: 'unknown'; typed: string[]; topic: string; suggestion?: string}

function join(topic: string, word: string): string {
  return topic ? `${topic}:${word}` : word
}

/** The topic spellings a command declares (aliases.ts), read from the manifest. */
function topicSpellings(command: Command.Loadable): string[] {
  const declared = (command as {spellings?: unknown}).spellings
  return Array.isArray(declared) ? declared.filter((id): id is string => typeof id === 'string') : []
}

function spellings(command: Command.Loadable): string[] {
  return [...(command.aliases ?? []), ...(command.hiddenAliases ?? []), ...topicSpellings(command)]
}

/** oclif lists each alias as a command of its own, a copy of the real one with the alias as its id. */
function isAliasEntry(command: Command.Loadable): boolean {
  return spellings(command).includes(command.id)
}

/**
 * The canonical topic that `id` names, whether spelled canonically (`backups:snapshots`) or with topic aliases
 * (`backup:snapshot`); undefined when it names no topic.
 */
export function canonicalTopic(config: Interfaces.Config, id: string): string | undefined {
  if (config.findTopic(id)) return id
  const depth = id.split(':').length
  for (const command of config.commands) {
    if (isAliasEntry(command)) continue
    const canonicalWords = command.id.split(':')
    for (const alias of spellings(command)) {
      // Only a word-for-word alias says which canonical word each alias word stands for.
      if (alias.startsWith(`${id}:`) && alias.split(':').length === canonicalWords.length) {
        return canonicalWords.slice(0, depth).join(':')
      }
    }
  }
  return undefined
}

/** The next words under a topic, each with how preferable it is as a suggestion: 0 canonical, 1 alias, 2 hidden. */
function children(config: Interfaces.Config, topic: string): Map<string, number> {
  const depth = topic ? topic.split(':').length : 0
  const names = new Map<string, number>()
  for (const command of config.commands) {
    // A topic spelling ranks as a hidden command would: it is accepted but never shown.
    for (const [id, hidden] of [[command.id, command.hidden === true] as const, ...topicSpellings(command).map((alias) => [alias, true] as const)]) {
      if (topic && !id.startsWith(`${topic}:`)) continue
      const words = id.split(':')
      const name = words[depth]
      if (name === undefined) continue
      let rank: number
      if (words.length > depth + 1) rank = config.findTopic(join(topic, name)) ? 0 : 2
      else if (hidden) rank = 2
      else rank = isAliasEntry(command) ? 1 : 0
      names.set(name, Math.min(rank, names.get(name) ?? rank))
    }
  }
  return names
}

/** The child spelled closest to `word`, if it is close enough to be a slip rather than another word. */
function closest(word: string, candidates: Map<string, number>): string | undefined {
  const tolerance = Math.max(1, Math.floor(word.length / 3))
  let best: {name: string; distance: number; rank: number} | undefined
  for (const [name, rank] of [...candidates].sort(([a], [b]) => a.localeCompare(b))) {
    const distance = editDistance(word.toLowerCase(), name.toLowerCase())
    if (distance > tolerance) continue
    if (!best || distance < best.distance || (distance === best.distance && rank < best.rank)) best = {distance, name, rank}
  }
  return best?.name
}

/** The closest command or topic to `words` typed under `topic`, in canonical topic words (`backups snapshots list`). */
function suggest(config: Interfaces.Config, topic: string, words: string[]): string | undefined {
  let current = topic
  for (const word of words) {
    const name = closest(word, children(config, current))
    if (name === undefined) return undefined
    const id = join(current, name)
    if (config.findCommand(id)) return id.split(':').join(' ')
    const next = canonicalTopic(config, id)
    if (next === undefined) return undefined
    current = next
  }
  return current.split(':').join(' ')
}

/** Whether `id` followed by `word` starts the name of a command. */
function headsCommand(config: Interfaces.Config, id: string, word: string | undefined): boolean {
  if (word === undefined) return false
  const prefix = `${id}:${word}`
  return config.commandIDs.some((commandId) => commandId === prefix || commandId.startsWith(`${prefix}:`))
}

/**
 * Walks the typed words down the command tree, as oclif does, but follows topic aliases and, at the first word that
 * names nothing, looks for the closest spelling.
 */
export function resolveWords(config: Interfaces.Config, words: string[]): Resolution {
  let topic = ''
  for (const [index, word] of words.entries()) {
    const typed = words.slice(0, index + 1)
    const rest = words.slice(index + 1)
    for (const id of [typed.join(':'), join(topic, word)]) {
      const command = config.findCommand(id)
      // A command can also head deeper ones (`autocomplete`, `autocomplete script`): the longer name wins, as in oclif.
      if (command && !headsCommand(config, id, rest[0])) return {command, kind: 'command', rest, typed}
    }
    const next = canonicalTopic(config, join(topic, word)) ?? (headsCommand(config, join(topic, word), rest[0]) ? join(topic, word) : undefined)
    if (next === undefined) return {kind: 'unknown', suggestion: suggest(config, topic, words.slice(index)), topic, typed}
    topic = next
  }
  return {kind: 'topic', topic}
}

/** The one line that answers words naming no command: what was not found, the closest command, where to look. */
export function notFoundLine(config: Interfaces.Config, found: {typed: string[]; topic: string; suggestion?: string}): string {
  const didYouMean = found.suggestion ? ` Did you mean "${found.suggestion}"?` : ''
  const listing = [config.bin, ...found.topic.split(':').filter(Boolean), '--help'].join(' ')
  return `Error: command "${found.typed.join(' ')}" not found.${didYouMean} Run \`${listing}\` to see the commands.`
}
