import * as Flags from '@oclif/core/flags'

import {BACKUPS, commandAliases, SERVERLESS, SNAPSHOTS} from '../../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../../lib/cli/backend-command.js'
import {clusterNameFlag, watchFlags} from '../../../../lib/cli/flags.js'
import {watchSnapshot} from '../../../../lib/cli/watch.js'

const ALIASES = commandAliases(SERVERLESS, BACKUPS, SNAPSHOTS, ['watch'])

export default class ServerlessBackupsSnapshotsWatch extends BackendCommand<typeof ServerlessBackupsSnapshotsWatch> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Watch the specified snapshot in your project until it reaches a completed or failed status.'
  static override description =
    'Unlike the Atlas CLI, a failed snapshot exits with code 1, as does one that cannot finish because the local emulator\'s clock is frozen (said at once); 124 after --timeout, 130 on Ctrl-C.'
  static override flags = {
    clusterName: clusterNameFlag,
    snapshotId: Flags.string({description: 'Unique identifier of the snapshot.', required: true}),
    ...watchFlags,
  }
  static override examples = ['<%= config.bin %> <%= command.id %> --clusterName Serverless0 --snapshotId 5f4007f327a3bd7b6f4103c5']

  public async run(): Promise<void> {
    const {clusterName, snapshotId} = this.flags
    const backend = await this.backend()
    const projectId = this.projectId()
    const hint = 'See `atlas-backups serverless backups snapshots describe --clusterName <clusterName> --snapshotId <snapshotId>`'
    const snapshot = await watchSnapshot(snapshotId, () => backend.getServerlessSnapshot(projectId, clusterName, snapshotId), this.flags, backend, hint)
    await this.present(snapshot, () => 'Snapshot changes completed.')
  }
}
