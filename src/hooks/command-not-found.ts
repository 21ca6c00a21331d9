import type {Command, Hook} from '@oclif/core'
import {loadHelpClass} from '@oclif/core/help'

import {notFoundLine, resolveWords} from '../lib/cli/command-tree.js'

/**
 * Words that oclif cannot match to a command. A topic spelled with the Atlas CLI's aliases (`backup`, `sl`,
 * `backups snapshot`) shows that topic's commands, as the canonical spelling does. Anything else is a usage error:
 * one line naming it, the closest command and where to look, exit code 2 (oclif's default is 1 with a multi-line
 * prompt-like suggestion, which scripts cannot tell from a failed operation).
 */
const hook: Hook<'command_not_found'> = async function (options) {
  const {config} = options
  const found = resolveWords(config, options.id.split(':'))

  if (found.kind === 'topic') {
    const Help = await loadHelpClass(config)
    await new Help(config, config.pjson.oclif.helpOptions).showHelp(found.topic ? found.topic.split(':') : [])
    return
  }

  if (found.kind === 'command') {
    // A topic spelling (`backup snapshot list Cluster0`): oclif does not register those (aliases.ts) and folds the
    // words after it, arguments included, into the id. The command runs with them, as if spelled canonically.
    if (found.rest.length === 0 || takesArguments(found.command)) return config.runCommand(found.command.id, [...found.rest, ...(options.argv ?? [])])
    // oclif folds every word into the id when a command takes no positional argument, so
    // `schedule update Cluster0` arrives here: name the real command and the stray word instead.
    const name = found.typed.join(' ')
    process.stderr.write(`Error: "${name}" takes no argument "${found.rest[0]}". Run \`${config.bin} ${name} --help\` to see its flags.\n`)
    this.exit(2)
  }

  if (found.kind === 'unknown') {
    process.stderr.write(notFoundLine(config, found) + '\n')
    this.exit(2)
  }
}

function takesArguments(command: Command.Loadable): boolean {
  return command.strict === false || Object.keys(command.args ?? {}).length > 0
}

export default hook
