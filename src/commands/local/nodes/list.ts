import * as Flags from '@oclif/core/flags'

import {listNodes} from '../../../lib/backends/local/admin.js'
import {LocalCommand} from '../../../lib/cli/local-command.js'
import {nodesTable} from '../../../lib/cli/views/local.js'

export default class LocalNodesList extends LocalCommand<typeof LocalNodesList> {
  static override aliases = ['local:nodes:ls']
  static override summary = 'List the hosts of the local emulator\'s clusters, with the facts node selection reads.'
  static override flags = {clusterName: Flags.string({description: 'Only this cluster.'})}
  static override examples = ['<%= config.bin %> <%= command.id %> --clusterName MultiRegion0']

  public async run(): Promise<void> {
    await this.present(listNodes(this.local(), this.localProject(), this.flags.clusterName), nodesTable)
  }
}
