import type {Hook} from '@oclif/core'

/**
 * An unknown command is a usage error: one line naming it and where to look, exit code 2 (oclif's default is 1
 * with a multi-line prompt-like suggestion, which scripts cannot tell from a failed operation).
 */
const hook: Hook<'command_not_found'> = async function (options) {
  const words = options.id.split(':')
  const topic = words.slice(0, -1).join(' ')
  const help = topic ? `atlas-backups ${topic} --help` : 'atlas-backups --help'
  process.stderr.write(`Error: command "${words.join(' ')}" not found. Run \`${help}\` to see the commands.\n`)
  this.exit(2)
}

export default hook
