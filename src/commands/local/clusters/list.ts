import {listFleet} from '../../../lib/backends/local/admin.js'
import {LocalCommand} from '../../../lib/cli/local-command.js'
import {fleetTable} from '../../../lib/cli/views/local.js'

export default class LocalClustersList extends LocalCommand<typeof LocalClustersList> {
  static override aliases = ['local:clusters:ls']
  static override summary = 'List the local emulator\'s clusters and serverless instances.'
  static override examples = ['<%= config.bin %> <%= command.id %>']

  public async run(): Promise<void> {
    await this.present(listFleet(this.local(), this.localProject()), fleetTable)
  }
}
