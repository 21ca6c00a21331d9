import * as Args from '@oclif/core/args'

import {BACKUPS, commandAliases, EXPORTS, JOBS} from '../../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../../lib/cli/backend-command.js'
import {requireId} from '../../../../lib/cli/export-flags.js'
import {clusterNameFlag, watchFlags} from '../../../../lib/cli/flags.js'
import {watchExportJob} from '../../../../lib/cli/watch.js'

const ALIASES = commandAliases(BACKUPS, EXPORTS, JOBS, ['watch'])

export default class BackupsExportsJobsWatch extends BackendCommand<typeof BackupsExportsJobsWatch> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Watch for the specified export job to complete.'
  static override description = `Checks the export job periodically until it is Successful, Failed or Cancelled, showing its state on stderr, then prints "Export completed." (or the job with -o json).
Exit code 0 when it succeeded, 1 when it failed or was cancelled (or, on the local emulator, cannot finish because its clock is frozen: it says so at once), 124 after --timeout, 130 on Ctrl-C.`
  static override args = {exportJobId: Args.string({description: 'Unique string that identifies the export job.', required: true})}
  static override flags = {clusterName: clusterNameFlag, ...watchFlags}
  static override examples = ['<%= config.bin %> <%= command.id %> 507f1f77bcf86cd799439011 --clusterName Cluster0']

  public async run(): Promise<void> {
    const {clusterName} = this.flags
    const exportId = requireId('export job ID', this.args.exportJobId, 'Copy it from `atlas-backups backups exports jobs list <clusterName>`')
    const projectId = this.projectId()
    const backend = await this.backend()
    const hint = `See \`atlas-backups backups exports jobs describe --exportId ${exportId} --clusterName <clusterName> -o json\``
    const job = await watchExportJob(exportId, () => backend.getExportJob(projectId, clusterName, exportId), this.flags, backend, hint)
    await this.present(job, () => 'Export completed.')
  }
}
