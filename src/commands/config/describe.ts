import * as Args from '@oclif/core/args'

import {BaseCommand} from '../../lib/cli/base-command.js'
import {profileFlag} from '../../lib/cli/profile-flag.js'
import {formatTable} from '../../lib/cli/table.js'
import {maskProfile} from '../../lib/config/profile.js'
import {origin, resolveSettings, type Sourced} from '../../lib/config/settings.js'

export default class ConfigDescribe extends BaseCommand<typeof ConfigDescribe> {
  static override aliases = ['config:get-profile']
  static override summary = 'Show a profile\'s settings and the backend that answers with it.'
  static override description = `Shows the stored settings (secrets masked), then the effective ones after the environment is applied (flag > environment > profile), which backend answers (the local emulator or Atlas) and why, and where each setting came from: this tool's config.json, the Atlas CLI's config.toml, an environment variable or a flag.
When no backend can answer (half a credential pair, Atlas chosen without credentials) the backend is "none" and the reason says what to set.`
  static override args = {name: Args.string({description: 'Profile name (default: the selected profile).'})}
  // -P as on every other command, so `config describe -P prod` works as well as `config describe prod`.
  static override flags = {profile: profileFlag}
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> prod -o json']

  public async run(): Promise<void> {
    const settings = await resolveSettings({profile: this.args.name ?? this.flags.profile})
    const from = (sourced: Sourced<unknown> | undefined): string | undefined => (sourced ? origin({name: settings.profileName, file: settings.profileFile}, sourced) : undefined)
    const problem = settings.problem ? `${settings.problem.message}. ${settings.problem.hint ?? ''}`.trim() : undefined
    const backend = problem ? 'none' : settings.service.value === 'local' ? 'local emulator' : `Atlas at ${settings.baseUrl.value}`
    const result = {
      name: settings.profileName,
      file: settings.profileFile ?? null,
      stored: maskProfile(settings.profile),
      effective: {
        service: problem ? null : settings.service.value,
        backend,
        reason: problem ?? settings.serviceReason,
        serviceSource: settings.service.source === 'default' ? 'default' : from(settings.service),
        projectId: settings.projectId?.value,
        projectIdSource: settings.projectId?.source,
        projectIdFrom: from(settings.projectId),
        output: settings.output?.value,
        outputFrom: from(settings.output),
        baseUrl: settings.service.value === 'local' ? undefined : settings.baseUrl.value,
        baseUrlFrom: settings.service.value === 'local' ? undefined : settings.baseUrl.source === 'default' ? 'default' : from(settings.baseUrl),
        credentials: settings.credentials ? `${settings.credentials.kind === 'apiKey' ? 'API key' : 'service account'} (from ${settings.credentials.source})` : 'none',
        credentialsFrom: settings.credentials?.from,
      },
      home: settings.home,
    }
    const e = result.effective
    await this.present(result, (r) =>
      formatTable(
        ['SETTING', 'VALUE', 'FROM'],
        [
          ['profile', r.name, r.file ?? '(not created yet)'],
          ...Object.entries(r.stored).map(([key, value]) => [key, value ?? '', r.file ?? '']),
          ['backend', `${e.backend} (${e.reason})`, e.serviceSource ?? ''],
          ['project in use', e.projectId ?? '', e.projectIdFrom ?? ''],
          ...(e.output ? [['output', e.output, e.outputFrom ?? '']] : []),
          ...(e.baseUrl ? [['base URL', e.baseUrl, e.baseUrlFrom ?? '']] : []),
          ['credentials', e.credentials === 'none' ? 'none' : e.credentials.replace(/ \(from \w+\)$/, ''), e.credentialsFrom ?? ''],
          ['home', r.home, ''],
        ],
      ),
    )
  }
}
