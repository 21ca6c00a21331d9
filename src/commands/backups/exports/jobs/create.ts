import * as Flags from '@oclif/core/flags'

import {BACKUPS, commandAliases, EXPORTS, JOBS} from '../../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../../lib/cli/backend-command.js'
import {BUCKET_ID_HINT, bucketIdFlag, parseCustomData, requireId} from '../../../../lib/cli/export-flags.js'
import {clusterNameFlag} from '../../../../lib/cli/flags.js'

const ALIASES = commandAliases(BACKUPS, EXPORTS, JOBS, ['create'])

export default class BackupsExportsJobsCreate extends BackendCommand<typeof BackupsExportsJobsCreate> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Export one backup snapshot for an M10 or higher Atlas cluster to an existing AWS S3 bucket.'
  static override description = 'The snapshot must have completed. Follow the job with `backups exports jobs watch <exportJobId> --clusterName <clusterName>`.'
  static override flags = {
    clusterName: clusterNameFlag,
    bucketId: bucketIdFlag,
    snapshotId: Flags.string({description: 'Unique identifier of the snapshot.', required: true}),
    customData: Flags.string({
      description: 'Custom data to include in the metadata file named .complete that Atlas uploads to the bucket when the export job finishes, as key=value pairs (comma-separated, repeatable).',
      multiple: true,
      default: [],
    }),
  }
  static override examples = ['<%= config.bin %> <%= command.id %> --clusterName Cluster0 --bucketId 62c569f85b7a381c093cc539 --snapshotId 62c808ceeb4e021d850dfe1b --customData name=test,info=test']

  public async run(): Promise<void> {
    const {clusterName} = this.flags
    const exportBucketId = requireId('--bucketId', this.flags.bucketId, BUCKET_ID_HINT)
    const snapshotId = requireId('--snapshotId', this.flags.snapshotId, `Copy it from \`atlas-backups backups snapshots list ${clusterName}\``)
    const customData = parseCustomData(this.flags.customData)
    const projectId = this.projectId()
    const backend = await this.backend()
    const job = await backend.createExportJob(projectId, clusterName, {customData, exportBucketId, snapshotId})
    await this.present(job, (j) => `Export job '${j.id}' created in a bucket with ID '${j.exportBucketId}'.`)
  }
}
