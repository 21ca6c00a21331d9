import * as Flags from '@oclif/core/flags'

import {BACKUPS, commandAliases, EXPORTS, JOBS} from '../../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../../lib/cli/backend-command.js'
import {UsageError} from '../../../../lib/cli/errors.js'
import {requireId} from '../../../../lib/cli/export-flags.js'
import {clusterNameFlag} from '../../../../lib/cli/flags.js'
import {exportJobTable} from '../../../../lib/cli/views/exports.js'

const ALIASES = commandAliases(BACKUPS, EXPORTS, JOBS, ['describe', 'get'])

export default class BackupsExportsJobsDescribe extends BackendCommand<typeof BackupsExportsJobsDescribe> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Return one cloud backup export job for your project, cluster and job.'
  static override flags = {
    clusterName: clusterNameFlag,
    exportId: Flags.string({description: 'Unique string that identifies the export job.', exclusive: ['bucketId']}),
    // The Atlas CLI's deprecated spelling of --exportId (it always meant the job), kept so its scripts run.
    bucketId: Flags.string({description: 'Deprecated: use --exportId.', hidden: true, deprecated: {to: 'exportId'}, exclusive: ['exportId']}),
  }
  static override examples = ['<%= config.bin %> <%= command.id %> --clusterName Cluster0 --exportId 62c569f85b7a381c093cc539']

  public async run(): Promise<void> {
    const given = this.flags.exportId ?? this.flags.bucketId
    if (given === undefined) throw new UsageError('exportId is empty and must be specified', 'Give --exportId <exportJobId> (see `atlas-backups backups exports jobs list <clusterName>`)')
    const exportId = requireId('--exportId', given, 'Copy it from `atlas-backups backups exports jobs list <clusterName>`')
    const projectId = this.projectId()
    const backend = await this.backend()
    await this.present(await backend.getExportJob(projectId, this.flags.clusterName, exportId), exportJobTable)
  }
}
