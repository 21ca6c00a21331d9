import * as Args from '@oclif/core/args'

import {BaseCommand} from '../../lib/cli/base-command.js'
import {CliError} from '../../lib/cli/errors.js'
import {forceFlag} from '../../lib/cli/flags.js'
import {confirmOrForce} from '../../lib/cli/prompts.js'
import {deleteProfile} from '../../lib/config/config-writer.js'
import {homeDir} from '../../lib/config/home.js'
import {normaliseProfileName} from '../../lib/config/profile.js'

export default class ConfigDelete extends BaseCommand<typeof ConfigDelete> {
  static override aliases = ['config:rm']
  static override summary = 'Delete a profile.'
  static override args = {name: Args.string({description: 'Name of the profile to delete.', required: true})}
  static override flags = {force: forceFlag}
  static override examples = ['<%= config.bin %> <%= command.id %> prod --force']

  public async run(): Promise<void> {
    const name = normaliseProfileName(this.args.name)
    const confirmed = await confirmOrForce(`Are you sure you want to delete the profile: ${name}`, this.flags.force)
    if (!confirmed) throw new CliError(`profile '${name}' not deleted: the deletion was not confirmed`)
    if (!(await deleteProfile(homeDir(), name))) throw new CliError(`there is no profile named '${name}'`, {exitCode: 2, hint: 'List profiles with `atlas-backups config list`'})
    await this.present({deleted: true, profile: name}, () => `Profile '${name}' deleted.`)
  }
}
