import * as Args from '@oclif/core/args'

import {BACKUPS, commandAliases, EXPORTS, JOBS} from '../../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../../lib/cli/backend-command.js'
import {listPages, paginationFlags} from '../../../../lib/cli/flags.js'
import {exportJobListTable} from '../../../../lib/cli/views/exports.js'

const ALIASES = commandAliases(BACKUPS, EXPORTS, JOBS, ['list', 'ls'])

export default class BackupsExportsJobsList extends BackendCommand<typeof BackupsExportsJobsList> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Return all cloud backup export jobs for your project and cluster.'
  static override args = {
    clusterName: Args.string({description: 'Name of the Atlas cluster for which you want to retrieve export jobs.', required: true}),
  }
  static override flags = {...paginationFlags}
  static override examples = ['<%= config.bin %> <%= command.id %> Cluster0', '<%= config.bin %> <%= command.id %> Cluster0 -o json']

  public async run(): Promise<void> {
    const projectId = this.projectId()
    const backend = await this.backend()
    const page = await listPages(this.flags, (request) => backend.listExportJobs(projectId, this.args.clusterName, request))
    await this.presentList(page, exportJobListTable)
  }
}
