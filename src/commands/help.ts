import {Command} from '@oclif/core/command'
import {loadHelpClass} from '@oclif/core/help'

/**
 * `atlas-backups help backups snapshots list` = `atlas-backups backups snapshots list --help`. Written here rather
 * than taken from @oclif/plugin-help: the command is three lines, and a plugin costs every run of the CLI a
 * package.json and a manifest to read.
 */
export default class HelpCommand extends Command {
  static override summary = 'Show help for a command or topic.'
  static override description = 'Takes the same words as the command or topic: `help backups snapshots list` is `backups snapshots list --help`.'
  // The subject's words are not this command's arguments; they are read from argv as they are.
  static override strict = false
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> backups snapshots list']

  public async run(): Promise<void> {
    // Nothing to parse: every word is the subject's. Saying so keeps oclif from warning that parse was never called.
    this.parsed = true
    const Help = await loadHelpClass(this.config)
    await new Help(this.config, this.config.pjson.oclif.helpOptions).showHelp(this.argv)
  }
}
