import * as Flags from '@oclif/core/flags'

import {BaseCommand} from '../../lib/cli/base-command.js'
import {UsageError} from '../../lib/cli/errors.js'
import {profileFlag} from '../../lib/cli/profile-flag.js'
import {canPrompt} from '../../lib/cli/prompts.js'
import {hasProfile, storedProfile} from '../../lib/config/config-file.js'
import {updateProfile} from '../../lib/config/config-writer.js'
import {homeDir} from '../../lib/config/home.js'
import {maskProfile, PROFILE_KEYS, SECRET_KEYS, SERVICES, type Profile, type ProfileKey} from '../../lib/config/profile.js'
import {checkProfileValue} from '../../lib/config/profile-values.js'
import {readValueFromStdin} from '../../lib/config/secret-input.js'
import {knownProfiles, selectedProfileName} from '../../lib/config/settings.js'

const QUESTIONS: Record<ProfileKey, string> = {
  service: `Service (${SERVICES.join(', ')})`,
  projectId: 'Default project ID',
  orgId: 'Default organization ID',
  output: 'Default output format (empty for tables, or json)',
  baseUrl: 'Base URL (empty for the service default)',
  publicApiKey: 'Public API key',
  privateApiKey: 'Private API key',
  clientId: 'Service account client ID',
  clientSecret: 'Service account client secret',
}

export default class ConfigInit extends BaseCommand<typeof ConfigInit> {
  static override summary = 'Create or change a profile.'
  static override description = `On a terminal, asks for each setting (Enter keeps the current value). Without a terminal, takes the settings from flags and never prompts.
Secrets are stored in ATLAS_BACKUPS_HOME/config.json with mode 0600 and never printed. --privateApiKey - or --clientSecret - reads that secret from stdin, off the process list.`
  static override flags = {
    profile: profileFlag,
    service: Flags.string({description: 'local (the embedded emulator), cloud or cloudgov.', options: [...SERVICES]}),
    projectId: Flags.string({description: 'Default project ID.'}),
    orgId: Flags.string({description: 'Default organization ID.'}),
    output: Flags.string({description: 'Default output format.'}),
    baseUrl: Flags.string({description: 'Base URL of the Atlas Admin API (e.g. http://127.0.0.1:8080 for `serve`).'}),
    publicApiKey: Flags.string({description: 'Public API key (digest authentication).'}),
    privateApiKey: Flags.string({description: 'Private API key; - reads it from stdin.'}),
    clientId: Flags.string({description: 'Service account client ID (OAuth 2.0 client credentials).'}),
    clientSecret: Flags.string({description: 'Service account client secret; - reads it from stdin.'}),
  }
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    'printf %s "$SECRET" | <%= config.bin %> <%= command.id %> -P prod --service cloud --projectId 5e2211c17a3e5a48f5497de3 --clientId mdb_sa_id --clientSecret -',
  ]

  public async run(): Promise<void> {
    const name = selectedProfileName({profile: this.flags.profile})
    const home = homeDir()
    const known = await knownProfiles(home, process.env, name)
    // A profile only the Atlas CLI has starts from its settings, so they are not typed twice.
    const theirs = hasProfile(known.config, name) ? undefined : known.atlasCli?.profiles.get(name)
    const profile: Profile = {...(storedProfile(known.config, name) ?? theirs?.profile ?? {})}
    const given = PROFILE_KEYS.filter((key) => this.flags[key] !== undefined)
    const fromStdin = given.filter((key) => SECRET_KEYS.has(key) && this.flags[key] === '-')
    if (fromStdin.length > 1) throw new UsageError(`only one secret can be read from stdin, got - for ${fromStdin.join(' and ')}`, 'Read one from stdin and set the other with `atlas-backups config set <property> -`')
    for (const key of given) {
      const value = fromStdin.includes(key) ? await readValueFromStdin(key) : (this.flags[key] as string)
      checkProfileValue(key, value)
      ;(profile as Record<string, string>)[key] = value
    }
    if (given.length === 0) {
      if (!canPrompt()) throw new UsageError('no settings given and no terminal to ask on', 'Pass the settings as flags, e.g. --service cloud --projectId <id> --publicApiKey <key> --privateApiKey <key>')
      await this.ask(profile)
    }
    await updateProfile(home, name, (stored) => Object.assign(stored, profile), theirs?.profile)
    if (theirs) this.note(`Note: profile '${name}' was the Atlas CLI's (${known.atlasCli!.path}); its settings were copied into ${known.config.path}, which takes precedence from now on.`)
    await this.present({profile: name, settings: maskProfile(profile)}, () => `Profile '${name}' saved in ${home}.`)
  }

  private async ask(profile: Profile): Promise<void> {
    const {input, password} = await import('@inquirer/prompts')
    for (const key of PROFILE_KEYS) {
      const current = profile[key]
      const secret = SECRET_KEYS.has(key)
      const answer = secret
        ? await password({message: `${QUESTIONS[key]}${current ? ' (Enter keeps the current one)' : ''}`, mask: '*'}, {output: process.stderr})
        : await input({message: QUESTIONS[key], default: current}, {output: process.stderr})
      const value = answer.trim()
      if (value === '') continue
      checkProfileValue(key, value)
      ;(profile as Record<string, string>)[key] = value
    }
  }
}
