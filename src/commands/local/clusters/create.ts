import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {createCluster} from '../../../lib/backends/local/admin.js'
import {UsageError} from '../../../lib/cli/errors.js'
import {LocalCommand} from '../../../lib/cli/local-command.js'
import {fleetTable} from '../../../lib/cli/views/local.js'
import type {CloudProvider} from '../../../lib/domain/types.js'
import {isKnownTier} from '../../../lib/tiers/tiers.js'

/** --region NAME[:NODES[:PRIORITY]] */
function parseRegion(text: string): {regionName: string; nodeCount?: number; priority?: number} {
  const [regionName = '', nodes, priority] = text.split(':')
  const count = nodes === undefined || nodes === '' ? undefined : Number(nodes)
  const prio = priority === undefined || priority === '' ? undefined : Number(priority)
  if (!/^[A-Za-z0-9_]+$/.test(regionName) || (count !== undefined && !(Number.isInteger(count) && count >= 1 && count <= 7)) || (prio !== undefined && !(Number.isInteger(prio) && prio >= 0 && prio <= 7))) {
    throw new UsageError(`--region "${text}" is not NAME[:NODES[:PRIORITY]]`, 'For example US_EAST_1:3:7 (1 to 7 nodes, priority 0 to 7)')
  }
  return {regionName, nodeCount: count, priority: prio}
}

export default class LocalClustersCreate extends LocalCommand<typeof LocalClustersCreate> {
  static override summary = 'Add a cluster or serverless instance to the local emulator.'
  static override description = 'A dedicated cluster starts with the default backup policy (18:00 UTC); its first scheduled snapshot falls due at the next firing time.'
  static override args = {name: Args.string({description: 'Cluster name: letters, digits and hyphens.', required: true})}
  static override flags = {
    continuousBackup: Flags.boolean({description: 'Continuous Cloud Backup (PIT) on a dedicated cluster; Serverless Continuous Backup on a serverless instance.'}),
    mongodbVersion: Flags.string({default: '8.0.29', description: 'MongoDB version (x.y.z).'}),
    nvme: Flags.boolean({description: 'NVMe storage (hourly snapshots every 12 hours only).'}),
    provider: Flags.string({default: 'AWS', description: 'Cloud provider.', options: ['AWS', 'AZURE', 'GCP']}),
    region: Flags.string({description: 'Region as NAME[:NODES[:PRIORITY]]; repeat for a multi-region cluster (priorities default to 7, 6, 5 …).', multiple: true}),
    shards: Flags.integer({default: 0, description: 'Number of shards; 0 for a replica set.'}),
    tier: Flags.string({default: 'M10', description: 'M0, M2, M5, M10 and above (M30, R40, M40_NVME …) or SERVERLESS.'}),
  }
  static override examples = [
    '<%= config.bin %> <%= command.id %> Orders --tier M30 --continuousBackup',
    '<%= config.bin %> <%= command.id %> Global --tier M30 --region US_EAST_1:2:7 --region EU_WEST_1:2:6 --region AP_SOUTH_1:1:5',
    '<%= config.bin %> <%= command.id %> Events --tier M40 --shards 3',
  ]

  public async run(): Promise<void> {
    const {continuousBackup, mongodbVersion, nvme, provider, region, shards, tier} = this.flags
    if (!isKnownTier(tier)) throw new UsageError(`unknown tier "${tier}"`, 'Use M0, M2, M5, M10 and above (e.g. M30, R40, M40_NVME) or SERVERLESS')
    if (!/^\d+\.\d+\.\d+$/.test(mongodbVersion)) throw new UsageError(`--mongodbVersion "${mongodbVersion}" is not x.y.z`, 'For example 8.0.29')
    if (shards < 0 || shards > 50) throw new UsageError(`--shards must be between 0 and 50, got ${shards}`)
    const created = createCluster(this.local(), this.localProject(), {
      name: this.args.name,
      tier,
      provider: provider as CloudProvider,
      regions: (region ?? []).map(parseRegion),
      shards,
      nvme,
      continuousBackup,
      mongoDBVersion: mongodbVersion,
    })
    await this.present(created, (c) => fleetTable([c]))
  }
}
