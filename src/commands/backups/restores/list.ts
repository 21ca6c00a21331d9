import * as Args from '@oclif/core/args'

import {BACKUPS, commandAliases, RESTORES} from '../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../lib/cli/backend-command.js'
import {listPages, paginationFlags} from '../../../lib/cli/flags.js'
import {clusterOrFlex} from '../../../lib/cli/flex.js'
import {flexRestoreJobListTable, restoreJobListTable} from '../../../lib/cli/views/restores.js'

const ALIASES = commandAliases(BACKUPS, RESTORES, ['list', 'ls'])

export default class BackupsRestoresList extends BackendCommand<typeof BackupsRestoresList> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Return all cloud backup restore jobs for your project and cluster.'
  static override args = {
    clusterName: Args.string({description: 'Name of the Atlas cluster for which you want to retrieve restore jobs.', required: true}),
  }
  static override flags = {...paginationFlags}
  static override examples = ['<%= config.bin %> <%= command.id %> Cluster0', '<%= config.bin %> <%= command.id %> Cluster0 --all -o json']

  public async run(): Promise<void> {
    const projectId = this.projectId()
    const backend = await this.backend()
    const {clusterName} = this.args
    const routed = await clusterOrFlex(
      () => listPages(this.flags, (request) => backend.listRestoreJobs(projectId, clusterName, request)),
      () => listPages(this.flags, (request) => backend.listFlexRestoreJobs(projectId, clusterName, request)),
    )
    if (routed.flex) await this.presentList(routed.value, flexRestoreJobListTable)
    else await this.presentList(routed.value, restoreJobListTable)
  }
}
