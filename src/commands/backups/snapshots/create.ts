import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import type {Backend} from '../../../lib/backends/backend.js'
import {BACKUPS, commandAliases, SNAPSHOTS} from '../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../lib/cli/backend-command.js'
import {UsageError} from '../../../lib/cli/errors.js'
import type {HintValues} from '../../../lib/cli/hints.js'
import {AtlasApiError} from '../../../lib/domain/errors.js'

const ALIASES = commandAliases(BACKUPS, SNAPSHOTS, ['create', 'take'])

export default class BackupsSnapshotsCreate extends BackendCommand<typeof BackupsSnapshotsCreate> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Create a backup snapshot for your project and cluster.'
  static override description = 'You can create on-demand backup snapshots for Atlas cluster tiers M10 and larger. Only one on-demand snapshot may be queued or in progress per cluster at a time.'
  static override args = {clusterName: Args.string({description: 'Name of the Atlas cluster to snapshot.', required: true})}
  static override flags = {
    desc: Flags.string({description: 'Description of the on-demand snapshot.', required: true}),
    retention: Flags.integer({default: 1, description: 'Number of days that Atlas should retain the on-demand snapshot. Must be at least 1.'}),
  }
  static override examples = ['<%= config.bin %> <%= command.id %> Cluster0 --desc "before migration" --retention 30']

  /** The on-demand snapshot that blocked this one, so the error's hint can say which to watch. */
  private unfinishedId: string | undefined

  public async run(): Promise<void> {
    const {desc, retention} = this.flags
    const {clusterName} = this.args
    if (retention < 1) throw new UsageError(`--retention must be at least 1 day, got ${retention}`, 'Give the number of days to keep the snapshot')
    const backend = await this.backend()
    const projectId = this.projectId()
    try {
      const snapshot = await backend.takeSnapshot(projectId, clusterName, {description: desc, retentionInDays: retention})
      await this.present(snapshot, (s) => `Snapshot '${s.id}' created.`)
    } catch (error) {
      if (error instanceof AtlasApiError && error.errorCode === 'UNFINISHED_ON_DEMAND_SNAPSHOT') this.unfinishedId = await findUnfinished(backend, projectId, clusterName)
      throw error
    }
  }

  protected override hintValues(): HintValues {
    return {...super.hintValues(), snapshotId: this.unfinishedId}
  }
}

/** The queued or in-progress on-demand snapshot of a cluster; undefined when it cannot be found (the hint then says how to). */
async function findUnfinished(backend: Backend, projectId: string, clusterName: string): Promise<string | undefined> {
  try {
    const page = await backend.listSnapshots(projectId, clusterName, {itemsPerPage: 500})
    return page.results.find((s) => s.snapshotType === 'onDemand' && (s.status === 'queued' || s.status === 'inProgress'))?.id
  } catch {
    return undefined
  }
}
