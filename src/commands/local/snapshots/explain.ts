import * as Args from '@oclif/core/args'

import {explainSnapshot} from '../../../lib/backends/local/admin.js'
import {LocalCommand} from '../../../lib/cli/local-command.js'
import {explanationText} from '../../../lib/cli/views/local.js'

export default class LocalSnapshotsExplain extends LocalCommand<typeof LocalSnapshotsExplain> {
  static override summary = "Explain how the local emulator took a snapshot: which node, why, full or incremental copy; a sharded snapshot's consistency and balancer; where an M2/M5 snapshot is stored; copies in other regions and their sizes; where the oplog after it is kept."
  static override args = {snapshotId: Args.string({description: 'Snapshot ID.', required: true})}
  static override examples = ['<%= config.bin %> <%= command.id %> 6a7944f22c88faeba59d3572']

  public async run(): Promise<void> {
    await this.present(explainSnapshot(this.local(), this.args.snapshotId), explanationText)
  }
}
