import {storeStatus} from '../../lib/backends/local/admin.js'
import {LocalCommand} from '../../lib/cli/local-command.js'
import {statusText} from '../../lib/cli/views/local.js'

export default class LocalStatus extends LocalCommand<typeof LocalStatus> {
  static override summary = 'Show the local emulator: its store, virtual clock, projects and snapshot counts.'
  static override examples = ['<%= config.bin %> <%= command.id %>']

  public async run(): Promise<void> {
    await this.present(storeStatus(this.local()), statusText)
  }
}
