import * as Args from '@oclif/core/args'

import {BaseCommand} from '../../lib/cli/base-command.js'
import {UsageError} from '../../lib/cli/errors.js'
import {profileFlag} from '../../lib/cli/profile-flag.js'
import {canPrompt} from '../../lib/cli/prompts.js'
import {storedProfile, hasProfile} from '../../lib/config/config-file.js'
import {updateProfile} from '../../lib/config/config-writer.js'
import {homeDir} from '../../lib/config/home.js'
import {maskValue, PROFILE_KEYS, profileKey, SECRET_KEYS, type ProfileKey} from '../../lib/config/profile.js'
import {checkProfileValue} from '../../lib/config/profile-values.js'
import {promptForSecret, readValueFromStdin} from '../../lib/config/secret-input.js'
import {knownProfiles, selectedProfileName} from '../../lib/config/settings.js'

export default class ConfigSet extends BaseCommand<typeof ConfigSet> {
  static override summary = 'Set one setting of a profile.'
  static override description = `The configuration file lives in ATLAS_BACKUPS_HOME (mode 0600). Secrets you set are never printed back.
A value of - reads it from stdin (one line), so a secret never shows in the process list or the shell history. For privateApiKey and clientSecret, leaving the value out asks for it on a terminal without echoing it.
Setting a property of a profile that only the Atlas CLI has (in its config.toml) first copies that profile into this tool's config.json, which then takes precedence.`
  static override args = {
    property: Args.string({description: `One of ${PROFILE_KEYS.join(', ')} (snake_case names also work).`, required: true}),
    value: Args.string({description: 'The value; an empty string removes the setting, - reads it from stdin.'}),
  }
  static override flags = {profile: profileFlag}
  static override examples = [
    '<%= config.bin %> <%= command.id %> projectId 5e2211c17a3e5a48f5497de3',
    '<%= config.bin %> <%= command.id %> service cloud -P prod',
    'printf %s "$PRIVATE_KEY" | <%= config.bin %> <%= command.id %> privateApiKey - -P prod',
    '<%= config.bin %> <%= command.id %> clientSecret -P prod',
  ]

  public async run(): Promise<void> {
    const key = profileKey(this.args.property)
    if (!key) throw new UsageError(`unknown property "${this.args.property}"`, `Use one of ${PROFILE_KEYS.join(', ')}`)
    const name = selectedProfileName({profile: this.flags.profile})
    const home = homeDir()
    const known = await knownProfiles(home, process.env, name)
    // The rest of the profile must be sound; the key being set may be the broken one this command repairs.
    storedProfile(known.config, name, key)
    const value = await this.value(key, name)
    if (value !== '') checkProfileValue(key, value)
    const theirs = hasProfile(known.config, name) ? undefined : known.atlasCli?.profiles.get(name)
    await updateProfile(home, name, (profile) => (value === '' ? delete profile[key] : (profile[key] = value)), theirs?.profile)
    if (theirs) this.note(`Note: profile '${name}' was the Atlas CLI's (${known.atlasCli!.path}); its settings were copied into ${known.config.path}, which takes precedence from now on.`)
    await this.present({profile: name, property: key, value: maskValue(key, value)}, (r) => `Updated property '${r.property}' of profile '${r.profile}'.`)
  }

  /** The value from the argument, stdin (`-`), or for a secret a prompt that does not echo; never from a guess. */
  private async value(key: ProfileKey, name: string): Promise<string> {
    const given = this.args.value
    if (given === '-') return readValueFromStdin(key)
    if (given !== undefined) return given
    const stdin = `printf %s "$VALUE" | atlas-backups config set ${key} -${name === 'default' ? '' : ` -P ${name}`}`
    if (!SECRET_KEYS.has(key)) throw new UsageError(`no value given for ${key}`, `Pass it after the property name, or - to read it from stdin: ${stdin}`)
    if (!canPrompt()) throw new UsageError(`no value given for ${key} and no terminal to ask on`, `Pipe it on stdin: ${stdin}`)
    return promptForSecret(`${key} for profile '${name}' (not shown as you type)`, key)
  }
}
