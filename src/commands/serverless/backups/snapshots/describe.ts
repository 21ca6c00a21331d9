import * as Flags from '@oclif/core/flags'

import {BACKUPS, commandAliases, SERVERLESS, SNAPSHOTS} from '../../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../../lib/cli/backend-command.js'
import {clusterNameFlag} from '../../../../lib/cli/flags.js'
import {serverlessSnapshotDescribeTable} from '../../../../lib/cli/views/snapshots.js'

const ALIASES = commandAliases(SERVERLESS, BACKUPS, SNAPSHOTS, ['describe', 'get'])

export default class ServerlessBackupsSnapshotsDescribe extends BackendCommand<typeof ServerlessBackupsSnapshotsDescribe> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Return the details for the specified snapshot for your project.'
  static override flags = {
    clusterName: clusterNameFlag,
    snapshotId: Flags.string({description: 'Unique identifier of the snapshot.', required: true}),
  }
  static override examples = ['<%= config.bin %> <%= command.id %> --clusterName Serverless0 --snapshotId 5f4007f327a3bd7b6f4103c5']

  public async run(): Promise<void> {
    const backend = await this.backend()
    const snapshot = await backend.getServerlessSnapshot(this.projectId(), this.flags.clusterName, this.flags.snapshotId)
    await this.present(snapshot, serverlessSnapshotDescribeTable)
  }
}
