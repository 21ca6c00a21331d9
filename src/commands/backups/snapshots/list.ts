import * as Args from '@oclif/core/args'

import {BACKUPS, commandAliases, SNAPSHOTS} from '../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../lib/cli/backend-command.js'
import {listPages, paginationFlags} from '../../../lib/cli/flags.js'
import {snapshotListTable} from '../../../lib/cli/views/snapshots.js'

const ALIASES = commandAliases(BACKUPS, SNAPSHOTS, ['list', 'ls'])

export default class BackupsSnapshotsList extends BackendCommand<typeof BackupsSnapshotsList> {
  static override aliases = ALIASES.aliases
  static override hiddenAliases = ALIASES.hiddenAliases
  static override summary = 'Return all cloud backup snapshots for your project and cluster.'
  static override args = {
    clusterName: Args.string({description: 'Name of the Atlas cluster that contains the snapshots you want to retrieve.', required: true}),
  }
  static override flags = {...paginationFlags}
  static override examples = ['<%= config.bin %> <%= command.id %> Cluster0', '<%= config.bin %> <%= command.id %> Cluster0 --limit 500 -o json']

  public async run(): Promise<void> {
    const backend = await this.backend()
    const projectId = this.projectId()
    const page = await listPages(this.flags, (request) => backend.listSnapshots(projectId, this.args.clusterName, request))
    await this.present(page, snapshotListTable)
  }
}
