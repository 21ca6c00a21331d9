import * as Args from '@oclif/core/args'

import {BACKUPS, commandAliases, SNAPSHOTS} from '../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../lib/cli/backend-command.js'
import {clusterNameFlag, watchFlags} from '../../../lib/cli/flags.js'
import {routedPoll} from '../../../lib/cli/flex.js'
import {watchSnapshot} from '../../../lib/cli/watch.js'

const ALIASES = commandAliases(BACKUPS, SNAPSHOTS, ['watch'])

export default class BackupsSnapshotsWatch extends BackendCommand<typeof BackupsSnapshotsWatch> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Watch the specified snapshot in your project until it becomes available.'
  static override description = `Checks the snapshot's status periodically until it is completed or failed, showing the status on stderr, then prints "Snapshot changes completed." (or the snapshot with -o json).
Exit code 0 when it completed, 1 when it failed (or, on the local emulator, cannot finish because its clock is frozen: it says so at once), 124 after --timeout, 130 on Ctrl-C.`
  static override args = {snapshotId: Args.string({description: 'Unique identifier of the snapshot you want to watch.', required: true})}
  static override flags = {clusterName: clusterNameFlag, ...watchFlags}
  static override examples = ['<%= config.bin %> <%= command.id %> 5f4007f327a3bd7b6f4103c5 --clusterName Cluster0 --timeout 30m']

  public async run(): Promise<void> {
    const {clusterName} = this.flags
    const {snapshotId} = this.args
    const backend = await this.backend()
    const projectId = this.projectId()
    const hint = 'See `atlas-backups backups snapshots describe <snapshotId> --clusterName <clusterName>`'
    const poll = routedPoll(() => backend.getSnapshot(projectId, clusterName, snapshotId), () => backend.getFlexSnapshot(projectId, clusterName, snapshotId))
    const snapshot = await watchSnapshot(snapshotId, poll, this.flags, backend, hint)
    await this.present(snapshot, () => 'Snapshot changes completed.')
  }
}
