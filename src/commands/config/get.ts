import * as Args from '@oclif/core/args'

import {BaseCommand} from '../../lib/cli/base-command.js'
import {UsageError} from '../../lib/cli/errors.js'
import {profileFlag} from '../../lib/cli/profile-flag.js'
import {maskValue, PROFILE_KEYS, profileKey} from '../../lib/config/profile.js'
import {resolveSettings} from '../../lib/config/settings.js'

export default class ConfigGet extends BaseCommand<typeof ConfigGet> {
  static override summary = 'Print one setting of a profile (secrets are masked).'
  static override description = 'Reads this tool\'s profile of that name, else the Atlas CLI\'s (config.toml). A profile that exists in neither is an error (exit 2), except "default".'
  static override args = {property: Args.string({description: `One of ${PROFILE_KEYS.join(', ')} (snake_case names also work).`, required: true})}
  static override flags = {profile: profileFlag}
  static override examples = ['<%= config.bin %> <%= command.id %> projectId', '<%= config.bin %> <%= command.id %> service -P prod']

  public async run(): Promise<void> {
    const key = profileKey(this.args.property)
    if (!key) throw new UsageError(`unknown property "${this.args.property}"`, `Use one of ${PROFILE_KEYS.join(', ')}`)
    const settings = await resolveSettings({profile: this.flags.profile})
    const value = maskValue(key, settings.profile[key])
    await this.present(value ?? null, (v) => v ?? '')
  }
}
