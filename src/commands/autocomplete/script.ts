import * as Args from '@oclif/core/args'

import {AutocompletePluginFront} from '../../lib/cli/autocomplete.js'

/** The line `autocomplete` tells users to append to their shell startup file; run by that file, not by hand. */
export default class AutocompleteScript extends AutocompletePluginFront {
  static override hidden = true
  static override summary = 'Print the shell line that loads the completion functions.'
  static override args = {
    shell: Args.string({description: 'Shell the line is for.', options: ['bash', 'zsh', 'powershell']}),
  }

  protected readonly pluginCommand = 'script'
}
