import * as Args from '@oclif/core/args'

import {BACKUPS, commandAliases, SERVERLESS, SNAPSHOTS} from '../../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../../lib/cli/backend-command.js'
import {listPages, paginationFlags} from '../../../../lib/cli/flags.js'
import {snapshotListTable} from '../../../../lib/cli/views/snapshots.js'

const ALIASES = commandAliases(SERVERLESS, BACKUPS, SNAPSHOTS, ['list', 'ls'])

export default class ServerlessBackupsSnapshotsList extends BackendCommand<typeof ServerlessBackupsSnapshotsList> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Return all cloud backup snapshots for the specified serverless instance in your project.'
  static override description = 'Atlas retired serverless instances; against real Atlas these endpoints answer 410 VERSION_GONE. The local emulator keeps them so existing automation can still be tested.'
  static override args = {
    clusterName: Args.string({description: 'Label that identifies the serverless instance that contains the snapshots you want to return.', required: true}),
  }
  static override flags = {...paginationFlags}
  static override examples = ['<%= config.bin %> <%= command.id %> Serverless0 -o json']

  public async run(): Promise<void> {
    const backend = await this.backend()
    const projectId = this.projectId()
    const page = await listPages(this.flags, (request) => backend.listServerlessSnapshots(projectId, this.args.clusterName, request))
    await this.presentList(page, snapshotListTable)
  }
}
