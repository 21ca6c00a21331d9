import * as Args from '@oclif/core/args'

import {BaseCommand} from '../../lib/cli/base-command.js'
import {UsageError} from '../../lib/cli/errors.js'
import {profileFlag} from '../../lib/cli/profile-flag.js'
import {saveProfile} from '../../lib/config/config-writer.js'
import {maskValue, PROFILE_KEYS, profileKey} from '../../lib/config/profile.js'
import {checkProfileValue} from '../../lib/config/profile-values.js'
import {resolveSettings, selectedProfileName} from '../../lib/config/settings.js'
import {homeDir} from '../../lib/config/home.js'
import {readConfig} from '../../lib/config/config-file.js'

export default class ConfigSet extends BaseCommand<typeof ConfigSet> {
  static override summary = 'Set one setting of a profile.'
  static override description = 'The configuration file lives in ATLAS_BACKUPS_HOME (mode 0600). Secrets you set are never printed back.'
  static override args = {
    property: Args.string({description: `One of ${PROFILE_KEYS.join(', ')} (snake_case names also work).`, required: true}),
    value: Args.string({description: 'The value; an empty string removes the setting.', required: true}),
  }
  static override flags = {profile: profileFlag}
  static override examples = ['<%= config.bin %> <%= command.id %> projectId 5e2211c17a3e5a48f5497de3', '<%= config.bin %> <%= command.id %> service cloud -P prod']

  public async run(): Promise<void> {
    const key = profileKey(this.args.property)
    if (!key) throw new UsageError(`unknown property "${this.args.property}"`, `Use one of ${PROFILE_KEYS.join(', ')}`)
    const value = this.args.value
    if (value !== '') checkProfileValue(key, value)
    const name = selectedProfileName({profile: this.flags.profile})
    const home = homeDir()
    const profile = {...(readConfig(home).profiles[name] ?? {})}
    if (value === '') delete profile[key]
    else (profile as Record<string, string>)[key] = value
    await saveProfile(home, name, profile)
    resolveSettings({profile: name})
    await this.present({profile: name, property: key, value: maskValue(key, value)}, (r) => `Updated property '${r.property}' of profile '${r.profile}'.`)
  }
}
