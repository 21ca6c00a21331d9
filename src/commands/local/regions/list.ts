import {listRegions} from '../../../lib/backends/local/region-outages.js'
import {LocalCommand} from '../../../lib/cli/local-command.js'
import {regionsTable} from '../../../lib/cli/views/local.js'

export default class LocalRegionsList extends LocalCommand<typeof LocalRegionsList> {
  static override aliases = ['local:regions:ls']
  static override summary = 'List the regions the clusters use (nodes and copy targets) and the regions out, with their status.'
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> -o json']

  public async run(): Promise<void> {
    await this.present(listRegions(this.local(), this.localProject()), regionsTable)
  }
}
