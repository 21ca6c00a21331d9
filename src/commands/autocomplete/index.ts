import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {AutocompletePluginFront} from '../../lib/cli/autocomplete.js'

export default class Autocomplete extends AutocompletePluginFront {
  static override summary = 'Print how to turn on completion of commands and flags in your shell (bash or zsh).'
  static override description =
    'Writes the completion functions for the current commands under the cache directory (ATLAS_BACKUPS_CACHE_DIR, else XDG_CACHE_HOME/atlas-backups or ~/.cache/atlas-backups) and prints the line to add to your shell startup file. Run it again with --refresh-cache after upgrading.'
  static override args = {
    shell: Args.string({description: 'Shell to set up; the one in SHELL when omitted.', options: ['bash', 'zsh', 'powershell']}),
  }
  static override flags = {
    'refresh-cache': Flags.boolean({char: 'r', description: 'Only rewrite the completion functions; print no instructions.'}),
  }
  static override examples = ['<%= config.bin %> <%= command.id %> bash', '<%= config.bin %> <%= command.id %> zsh', '<%= config.bin %> <%= command.id %> --refresh-cache']

  protected readonly pluginCommand = 'index'
}
