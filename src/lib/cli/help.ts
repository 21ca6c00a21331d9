import {getHelpFlagAdditions, Help} from '@oclif/core/help'

import {notFoundLine, resolveWords} from './command-tree.js'

/**
 * oclif's help, taught the Atlas CLI's topic aliases (`backup --help`, `sl --help`, `backups snapshot --help` show
 * the canonical topic) and this CLI's answer to a subject that names nothing: one line with the closest command, exit
 * code 2, instead of oclif's "Command … not found." with exit code 1. Loaded only when help is asked for.
 */
export default class AtlasBackupsHelp extends Help {
  override async showHelp(argv: string[]): Promise<void> {
    const found = resolveWords(this.config, subjectWords(argv, getHelpFlagAdditions(this.config)))
    if (found.kind === 'command') {
      // Straight to the command: oclif's own lookup skips the word `help`, so `help --help` showed the root.
      await this.showCommandHelp(found.command)
      return
    }

    if (found.kind === 'topic') {
      const topic = found.topic ? this.config.findTopic(found.topic) : undefined
      if (topic) await this.showTopicHelp(topic)
      else await this.showRootHelp()
      return
    }

    process.stderr.write(notFoundLine(this.config, found) + '\n')
    // An exit code rather than oclif's exit error: nothing is left to run, and the errors module stays unloaded.
    process.exitCode = 2
  }
}

/** The words that name the help subject: those before the first flag, without the help flags themselves. */
function subjectWords(argv: string[], helpFlags: string[]): string[] {
  const words: string[] = []
  for (const arg of argv) {
    if (helpFlags.includes(arg)) continue
    if (arg.startsWith('-')) break
    words.push(arg)
  }
  return words
}
