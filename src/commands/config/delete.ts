import * as Args from '@oclif/core/args'

import {BaseCommand} from '../../lib/cli/base-command.js'
import {CliError, UsageError} from '../../lib/cli/errors.js'
import {forceFlag} from '../../lib/cli/flags.js'
import {requireConfirmation} from '../../lib/cli/prompts.js'
import {hasProfile} from '../../lib/config/config-file.js'
import {deleteProfile} from '../../lib/config/config-writer.js'
import {homeDir} from '../../lib/config/home.js'
import {checkedProfileName, describeProfiles, knownProfiles} from '../../lib/config/settings.js'

export default class ConfigDelete extends BaseCommand<typeof ConfigDelete> {
  static override aliases = ['config:rm']
  static override summary = 'Delete a profile.'
  static override description = 'Deletes a profile of this tool (config.json). The Atlas CLI\'s profiles are left to the Atlas CLI (`atlas config delete`).'
  static override args = {name: Args.string({description: 'Name of the profile to delete.', required: true})}
  static override flags = {force: forceFlag}
  static override examples = ['<%= config.bin %> <%= command.id %> prod --force']

  public async run(): Promise<void> {
    const name = checkedProfileName(this.args.name)
    const home = homeDir()
    const known = await knownProfiles(home, process.env, name)
    if (!hasProfile(known.config, name)) {
      if (known.atlasCli?.profiles.has(name)) throw new UsageError(`profile '${name}' is the Atlas CLI's (${known.atlasCli.path}), which atlas-backups does not change`, `Delete it with \`atlas config delete ${name}\``)
      const existing = describeProfiles(known)
      throw new UsageError(`there is no profile named '${name}'`, existing ? `Existing profiles: ${existing}` : 'There are no profiles yet: `atlas-backups config init` creates one')
    }
    await requireConfirmation(`Are you sure you want to delete the profile: ${name}`, this.flags.force, `profile '${name}' not deleted: the deletion was not confirmed`)
    if (!(await deleteProfile(home, name))) throw new CliError(`there is no profile named '${name}'`, {exitCode: 2, hint: 'List profiles with `atlas-backups config list`'})
    await this.present({deleted: true, profile: name}, () => `Profile '${name}' deleted.`)
  }
}
