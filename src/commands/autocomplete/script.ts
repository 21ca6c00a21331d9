import * as Args from '@oclif/core/args'
import {Command} from '@oclif/core/command'

import {autocompletePluginCommand} from '../../lib/cli/autocomplete.js'

/** The line `autocomplete` tells users to append to their shell startup file; run by that file, not by hand. */
export default class AutocompleteScript extends Command {
  static override hidden = true
  static override summary = 'Print the shell line that loads the completion functions.'
  static override args = {
    shell: Args.string({description: 'Shell the line is for.', options: ['bash', 'zsh', 'powershell']}),
  }

  public async run(): Promise<void> {
    await this.parse(AutocompleteScript)
    const Plugin = await autocompletePluginCommand('script')
    await Plugin.run(this.argv, this.config)
  }
}
