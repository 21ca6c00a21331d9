import {BACKUPS, BUCKETS, commandAliases, EXPORTS} from '../../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../../lib/cli/backend-command.js'
import {listPages, paginationFlags} from '../../../../lib/cli/flags.js'
import {exportBucketListTable} from '../../../../lib/cli/views/exports.js'

const ALIASES = commandAliases(BACKUPS, EXPORTS, BUCKETS, ['list', 'ls'])

export default class BackupsExportsBucketsList extends BackendCommand<typeof BackupsExportsBucketsList> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'List the snapshot export buckets of your project.'
  static override flags = {...paginationFlags}
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --all -o json']

  public async run(): Promise<void> {
    const projectId = this.projectId()
    const backend = await this.backend()
    const page = await listPages(this.flags, (request) => backend.listExportBuckets(projectId, request))
    await this.presentList(page, exportBucketListTable)
  }
}
