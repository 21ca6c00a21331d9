import * as Args from '@oclif/core/args'

import {BACKUPS, commandAliases, SNAPSHOTS} from '../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../lib/cli/backend-command.js'
import {clusterNameFlag, forceFlag} from '../../../lib/cli/flags.js'
import {requireConfirmation} from '../../../lib/cli/prompts.js'

const ALIASES = commandAliases(BACKUPS, SNAPSHOTS, ['delete', 'rm'])

export default class BackupsSnapshotsDelete extends BackendCommand<typeof BackupsSnapshotsDelete> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Remove the specified backup snapshot.'
  static override description = 'Asks for confirmation on a terminal; in scripts and CI pass --force. A snapshot that is queued or in progress cannot be deleted.'
  static override args = {snapshotId: Args.string({description: 'Unique identifier of the snapshot you want to delete.', required: true})}
  static override flags = {clusterName: clusterNameFlag, force: forceFlag}
  static override examples = ['<%= config.bin %> <%= command.id %> 5f4007f327a3bd7b6f4103c5 --clusterName Cluster0 --force']

  public async run(): Promise<void> {
    const {snapshotId} = this.args
    await requireConfirmation(`Are you sure you want to delete: ${snapshotId}`, this.flags.force, 'snapshot not deleted: the deletion was not confirmed')
    const backend = await this.backend()
    await backend.deleteSnapshot(this.projectId(), this.flags.clusterName, snapshotId)
    await this.present({deleted: true, snapshotId}, () => `Snapshot '${snapshotId}' deleted`)
  }
}
