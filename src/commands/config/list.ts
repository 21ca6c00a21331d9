import {BaseCommand} from '../../lib/cli/base-command.js'
import {formatTable} from '../../lib/cli/table.js'
import {readConfig} from '../../lib/config/config-file.js'
import {homeDir} from '../../lib/config/home.js'

export default class ConfigList extends BaseCommand<typeof ConfigList> {
  static override aliases = ['config:ls']
  static override summary = 'List the profiles.'
  static override examples = ['<%= config.bin %> <%= command.id %>']

  public async run(): Promise<void> {
    const names = Object.keys(readConfig(homeDir()).profiles).sort()
    await this.present(names, (list) => (list.length === 0 ? 'No profiles yet: `atlas-backups config init` creates one.' : formatTable(['PROFILE NAME'], list.map((n) => [n]))))
  }
}
