import * as Args from '@oclif/core/args'

import {BACKUPS, commandAliases, SNAPSHOTS} from '../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../lib/cli/backend-command.js'
import {clusterOrFlex} from '../../../lib/cli/flex.js'
import {listPages, paginationFlags} from '../../../lib/cli/flags.js'
import {flexSnapshotListTable, snapshotListTable} from '../../../lib/cli/views/snapshots.js'

const ALIASES = commandAliases(BACKUPS, SNAPSHOTS, ['list', 'ls'])

export default class BackupsSnapshotsList extends BackendCommand<typeof BackupsSnapshotsList> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Return all cloud backup snapshots for your project and cluster.'
  static override args = {
    clusterName: Args.string({description: 'Name of the Atlas cluster that contains the snapshots you want to retrieve.', required: true}),
  }
  static override flags = {...paginationFlags}
  static override examples = ['<%= config.bin %> <%= command.id %> Cluster0', '<%= config.bin %> <%= command.id %> Cluster0 --limit 500 -o json']

  public async run(): Promise<void> {
    const backend = await this.backend()
    const projectId = this.projectId()
    const {clusterName} = this.args
    // A Flex cluster is found once, on the first page; --all then reads the rest from the Flex API alone.
    const routed = await clusterOrFlex(
      () => listPages(this.flags, (request) => backend.listSnapshots(projectId, clusterName, request)),
      () => listPages(this.flags, (request) => backend.listFlexSnapshots(projectId, clusterName, request)),
    )
    if (routed.flex) await this.presentList(routed.value, flexSnapshotListTable)
    else await this.presentList(routed.value, snapshotListTable)
  }
}
