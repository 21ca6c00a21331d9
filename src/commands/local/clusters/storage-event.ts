import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {storageEvent} from '../../../lib/backends/local/admin.js'
import {LocalCommand} from '../../../lib/cli/local-command.js'
import {formatTable} from '../../../lib/cli/table.js'
import {VOLUME_EVENTS, type VolumeEvent} from '../../../lib/snapshots/index.js'

export default class LocalClustersStorageEvent extends LocalCommand<typeof LocalClustersStorageEvent> {
  static override summary = 'Invalidate a cluster\'s snapshot storage volumes, as a tier, disk or region change or maintenance does.'
  static override description = 'The next snapshot then elects a node in the primary\'s region and takes a full copy; the ones after it are incremental again. `local snapshots explain` shows the election.'
  static override args = {name: Args.string({description: 'Cluster name.', required: true})}
  static override flags = {event: Flags.string({default: 'maintenance', description: 'What happened to the cluster.', options: [...VOLUME_EVENTS]})}
  static override examples = ['<%= config.bin %> <%= command.id %> Cluster0 --event tierChange']

  public async run(): Promise<void> {
    const result = storageEvent(this.local(), this.localProject(), this.args.name, this.flags.event as VolumeEvent)
    await this.present(result, async (r) => {
      const table = await formatTable(['REPLICA SET', 'VOLUME NODE', 'VALID'], r.volumes.map((v) => [v.replicaSet, v.hostname ?? '', String(v.valid)]))
      return `${table}\nThe next snapshot of ${r.cluster} elects a node and takes a full copy.`
    })
  }
}
