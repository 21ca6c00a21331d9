import type {Hook} from '@oclif/core'

/**
 * An unknown command is a usage error: one line naming it and where to look, exit code 2 (oclif's default is 1
 * with a multi-line prompt-like suggestion, which scripts cannot tell from a failed operation).
 */
const hook: Hook<'command_not_found'> = async function (options) {
  const words = options.id.split(':')
  // oclif folds every word into the id when a command takes no positional argument, so
  // `schedule update Cluster0` arrives here: name the real command and the stray word instead.
  for (let length = words.length - 1; length > 0; length--) {
    const command = words.slice(0, length)
    if (!options.config.findCommand(command.join(':'))) continue
    const name = command.join(' ')
    process.stderr.write(
      `Error: "${name}" takes no argument "${words[length]}". Run \`atlas-backups ${name} --help\` to see its flags.\n`,
    )
    this.exit(2)
  }

  const topic = words.slice(0, -1).join(' ')
  const help = topic ? `atlas-backups ${topic} --help` : 'atlas-backups --help'
  process.stderr.write(`Error: command "${words.join(' ')}" not found. Run \`${help}\` to see the commands.\n`)
  this.exit(2)
}

export default hook
