import * as Args from '@oclif/core/args'

import {BACKUPS, commandAliases, SNAPSHOTS} from '../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../lib/cli/backend-command.js'
import {clusterNameFlag} from '../../../lib/cli/flags.js'
import {clusterOrFlex} from '../../../lib/cli/flex.js'
import {flexSnapshotDescribeTable, snapshotDescribeTable} from '../../../lib/cli/views/snapshots.js'

const ALIASES = commandAliases(BACKUPS, SNAPSHOTS, ['describe', 'get'])

export default class BackupsSnapshotsDescribe extends BackendCommand<typeof BackupsSnapshotsDescribe> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Return the details for the specified snapshot for your project.'
  static override args = {snapshotId: Args.string({description: 'Unique identifier of the snapshot you want to retrieve.', required: true})}
  static override flags = {clusterName: clusterNameFlag}
  static override examples = ['<%= config.bin %> <%= command.id %> 5f4007f327a3bd7b6f4103c5 --clusterName Cluster0']

  public async run(): Promise<void> {
    const backend = await this.backend()
    const [projectId, {clusterName}, {snapshotId}] = [this.projectId(), this.flags, this.args]
    const routed = await clusterOrFlex(() => backend.getSnapshot(projectId, clusterName, snapshotId), () => backend.getFlexSnapshot(projectId, clusterName, snapshotId))
    if (routed.flex) await this.present(routed.value, flexSnapshotDescribeTable)
    else await this.present(routed.value, snapshotDescribeTable)
  }
}
