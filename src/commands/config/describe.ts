import * as Args from '@oclif/core/args'

import {BaseCommand} from '../../lib/cli/base-command.js'
import {profileFlag} from '../../lib/cli/profile-flag.js'
import {formatTable} from '../../lib/cli/table.js'
import {maskProfile} from '../../lib/config/profile.js'
import {resolveSettings} from '../../lib/config/settings.js'

export default class ConfigDescribe extends BaseCommand<typeof ConfigDescribe> {
  static override aliases = ['config:get-profile']
  static override summary = 'Show a profile\'s settings and the backend that answers with it.'
  static override description = 'Shows the stored settings (secrets masked), then the effective ones after the environment is applied (flag > environment > profile), and which backend answers: the local emulator or Atlas, and why.'
  static override args = {name: Args.string({description: 'Profile name (default: the selected profile).'})}
  // -P as on every other command, so `config describe -P prod` works as well as `config describe prod`.
  static override flags = {profile: profileFlag}
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> prod -o json']

  public async run(): Promise<void> {
    const settings = resolveSettings({profile: this.args.name ?? this.flags.profile})
    const backend = settings.service.value === 'local' ? 'local emulator' : `Atlas at ${settings.baseUrl.value}`
    const result = {
      name: settings.profileName,
      stored: maskProfile(settings.profile),
      effective: {
        service: settings.service.value,
        backend,
        reason: settings.serviceReason,
        projectId: settings.projectId?.value,
        projectIdSource: settings.projectId?.source,
        output: settings.output?.value,
        baseUrl: settings.service.value === 'local' ? undefined : settings.baseUrl.value,
        credentials: settings.credentials ? `${settings.credentials.kind === 'apiKey' ? 'API key' : 'service account'} (from ${settings.credentials.source})` : 'none',
      },
      home: settings.home,
    }
    await this.present(result, (r) =>
      formatTable(
        ['SETTING', 'VALUE'],
        [
          ['profile', r.name],
          ...Object.entries(r.stored).map(([key, value]) => [key, value]),
          ['backend', `${r.effective.backend} (${r.effective.reason})`],
          ['project in use', r.effective.projectId ? `${r.effective.projectId} (from ${r.effective.projectIdSource})` : ''],
          ['credentials', r.effective.credentials],
          ['home', r.home],
        ],
      ),
    )
  }
}
