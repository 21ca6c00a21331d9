import {BaseCommand} from '../../lib/cli/base-command.js'
import {formatTable} from '../../lib/cli/table.js'
import {profileNames} from '../../lib/config/config-file.js'
import {homeDir} from '../../lib/config/home.js'
import {knownProfiles} from '../../lib/config/settings.js'

export default class ConfigList extends BaseCommand<typeof ConfigList> {
  static override aliases = ['config:ls']
  static override summary = 'List the profiles.'
  static override description = 'Lists this tool\'s profiles (config.json) and the Atlas CLI\'s (config.toml), which this tool also reads; the FILE column says where each one lives. A name in both is this tool\'s.'
  static override examples = ['<%= config.bin %> <%= command.id %>']

  public async run(): Promise<void> {
    const known = await knownProfiles(homeDir())
    const rows = new Map<string, string>()
    for (const name of profileNames(known.config)) rows.set(name, known.config.path)
    for (const name of known.atlasCli?.profiles.keys() ?? []) if (!rows.has(name)) rows.set(name, known.atlasCli!.path)
    const names = [...rows.keys()].sort()
    await this.present(names, (list) =>
      list.length === 0 ? 'No profiles yet: `atlas-backups config init` creates one.' : formatTable(['PROFILE NAME', 'FILE'], list.map((n) => [n, rows.get(n)!])),
    )
  }
}
