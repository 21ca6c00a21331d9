import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {updateCluster, type ClusterChanges} from '../../../lib/backends/local/cluster-changes.js'
import {UsageError} from '../../../lib/cli/errors.js'
import {forceFlag} from '../../../lib/cli/flags.js'
import {LocalCommand} from '../../../lib/cli/local-command.js'
import {requireConfirmation} from '../../../lib/cli/prompts.js'
import {clusterUpdateText} from '../../../lib/cli/views/cluster-changes.js'
import type {CloudProvider} from '../../../lib/domain/types.js'
import {ENCRYPTION_AT_REST_PROVIDERS, type EncryptionAtRestProvider} from '../../../lib/restores/encryption.js'
import {mongoRelease} from '../../../lib/restores/versions.js'
import {isOfferedTier, REGIONS} from '../../../lib/tiers/catalog.js'
import {tierInfo} from '../../../lib/tiers/tiers.js'

const CHANGE_FLAGS = ['tier', 'diskSizeGB', 'diskIOPS', 'region', 'shards', 'pause', 'resume', 'continuousBackup', 'noContinuousBackup', 'cloudBackup', 'noCloudBackup', 'mongodbVersion', 'encryptionAtRestProvider'] as const

/** Bounds of Atlas's provisioned storage: the largest disk any dedicated tier takes, and the provisioned IOPS range. */
const DISK_GB = {min: 10, max: 4096}
const DISK_IOPS = {min: 100, max: 64_000}
const SHARDS = {min: 1, max: 50}

function inRange(flag: string, value: number, bounds: {min: number; max: number}, hint?: string): void {
  if (value < bounds.min || value > bounds.max) throw new UsageError(`--${flag} must be between ${bounds.min} and ${bounds.max}, got ${value}`, hint)
}

function isAtlasRegion(name: string): boolean {
  return (Object.keys(REGIONS) as CloudProvider[]).some((provider) => REGIONS[provider].includes(name.toUpperCase()))
}

export default class LocalClustersUpdate extends LocalCommand<typeof LocalClustersUpdate> {
  static override summary = 'Change a local cluster the way the seeds say changes its backups, and print each effect.'
  static override description = [
    'A tier, disk size or disk speed change, or a new (highest-priority) region, invalidates the snapshot volumes: the next snapshot is a full copy.',
    'Changing the shard count stops earlier snapshots from restoring into the cluster. A paused cluster takes no scheduled snapshots and cannot be a restore target.',
    'Turning Continuous Cloud Backup off deletes the oplog coverage (snapshots stay); turning it on starts coverage now.',
    'Turning Cloud Backup off deletes every snapshot of the cluster at once (on-demand ones and copies too), its backup policy and its oplog, and asks first (--force without a terminal); turning it back on starts the default policy.',
    'Under a Backup Compliance Policy Cloud Backup cannot be turned off, and a resumed cluster is brought up to the policy.',
    'Encryption at rest with a customer key applies to the snapshots taken from then on. MongoDB upgrades go one major version at a time; downgrades are refused. No change is accepted while a restore into the cluster runs.',
  ].join(' ')
  static override args = {name: Args.string({description: 'Cluster name.', required: true})}
  static override flags = {
    cloudBackup: Flags.boolean({description: 'Turn Cloud Backup back on (dedicated clusters): the default backup policy starts.', exclusive: ['noCloudBackup']}),
    continuousBackup: Flags.boolean({description: 'Turn Continuous Cloud Backup on (dedicated clusters and serverless instances).', exclusive: ['noContinuousBackup']}),
    diskIOPS: Flags.integer({description: `Provisioned disk speed in IOPS (${DISK_IOPS.min}–${DISK_IOPS.max}); not on NVMe or GCP.`}),
    diskSizeGB: Flags.integer({description: `Disk size in GB (${DISK_GB.min}–${DISK_GB.max}); not on NVMe.`}),
    encryptionAtRestProvider: Flags.string({
      description: 'Turn encryption at rest with customer key management on (AWS, AZURE, GCP) or off (NONE): it applies to the snapshots taken from then on.',
      options: [...ENCRYPTION_AT_REST_PROVIDERS],
    }),
    force: forceFlag,
    mongodbVersion: Flags.string({aliases: ['mdbVersion'], description: 'MongoDB version (x.y.z): the same release line or the next major version.'}),
    noCloudBackup: Flags.boolean({
      description: 'Turn Cloud Backup off (dedicated clusters): every snapshot, with its copies, the backup policy and the oplog are deleted at once.',
      exclusive: ['cloudBackup', 'continuousBackup'],
    }),
    noContinuousBackup: Flags.boolean({description: 'Turn Continuous Cloud Backup off: its oplog coverage is deleted, snapshots stay.', exclusive: ['continuousBackup']}),
    pause: Flags.boolean({description: 'Pause the cluster (M10 and above, not NVMe).', exclusive: ['resume']}),
    region: Flags.string({description: 'Make this Atlas region the highest-priority one; a region the cluster is not in replaces its highest-priority region.'}),
    resume: Flags.boolean({description: 'Resume a paused cluster.', exclusive: ['pause']}),
    shards: Flags.integer({description: `Number of shards (${SHARDS.min}–${SHARDS.max}); a replica set given shards becomes a sharded cluster.`}),
    tier: Flags.string({description: 'A dedicated tier: M10 and above (M30, R40, M40_NVME …).'}),
  }
  static override examples = [
    '<%= config.bin %> <%= command.id %> Cluster0 --tier M30',
    '<%= config.bin %> <%= command.id %> MultiRegion0 --region US_WEST_2',
    '<%= config.bin %> <%= command.id %> Cluster0 --noContinuousBackup -o json',
    '<%= config.bin %> <%= command.id %> Sharded0 --shards 3',
    '<%= config.bin %> <%= command.id %> Cluster0 --pause',
    '<%= config.bin %> <%= command.id %> Cluster0 --encryptionAtRestProvider AZURE',
    '<%= config.bin %> <%= command.id %> Cluster0 --noCloudBackup --force',
  ]

  /** Checks every flag on its own, before the store is opened; what depends on the cluster is checked in its transaction. */
  private changes(): ClusterChanges {
    const flags = this.flags
    if (!CHANGE_FLAGS.some((flag) => flags[flag] !== undefined && flags[flag] !== false)) {
      throw new UsageError('nothing to change', `Give at least one of ${CHANGE_FLAGS.map((f) => `--${f}`).join(', ')}`)
    }
    const changes: ClusterChanges = {}
    if (flags.tier !== undefined) {
      if (!isOfferedTier(flags.tier)) throw new UsageError(`unknown tier "${flags.tier}"`, 'Use a dedicated tier: M10 and above (e.g. M30, R40, M40_NVME)')
      const info = tierInfo(flags.tier)
      if (info.kind !== 'dedicated') throw new UsageError(`--tier ${info.name}: a cluster changes only between dedicated tiers`, 'Use M10 and above (e.g. M30, R40, M40_NVME), or create a new cluster with `local clusters create`')
      changes.tier = info.name
    }
    if (flags.diskSizeGB !== undefined) {
      inRange('diskSizeGB', flags.diskSizeGB, DISK_GB)
      changes.diskSizeGB = flags.diskSizeGB
    }
    if (flags.diskIOPS !== undefined) {
      inRange('diskIOPS', flags.diskIOPS, DISK_IOPS)
      changes.diskIOPS = flags.diskIOPS
    }
    if (flags.region !== undefined) {
      if (!/^[A-Za-z0-9_]+$/.test(flags.region) || !isAtlasRegion(flags.region)) {
        throw new UsageError(`--region "${flags.region}" is not an Atlas region name`, 'Use the Atlas name of a region of the cluster\'s provider, e.g. US_EAST_1, EUROPE_WEST or CENTRAL_US')
      }
      changes.region = flags.region.toUpperCase()
    }
    if (flags.shards !== undefined) {
      inRange('shards', flags.shards, SHARDS, 'A sharded cluster keeps at least one shard: it cannot become a replica set again')
      changes.shards = flags.shards
    }
    if (flags.mongodbVersion !== undefined) {
      if (!/^\d+\.\d+\.\d+$/.test(flags.mongodbVersion)) throw new UsageError(`--mongodbVersion "${flags.mongodbVersion}" is not x.y.z`, 'For example 8.0.29')
      if (!mongoRelease(flags.mongodbVersion)) throw new UsageError(`--mongodbVersion ${flags.mongodbVersion} is not a MongoDB release`, 'Use a release such as 4.4.29, 7.0.14 or 8.0.29')
      changes.mongoDBVersion = flags.mongodbVersion
    }
    if (flags.pause) changes.paused = true
    if (flags.resume) changes.paused = false
    if (flags.continuousBackup) changes.continuousBackup = true
    if (flags.noContinuousBackup) changes.continuousBackup = false
    if (flags.cloudBackup) changes.cloudBackup = true
    if (flags.noCloudBackup) changes.cloudBackup = false
    if (flags.encryptionAtRestProvider !== undefined) changes.encryptionAtRestProvider = flags.encryptionAtRestProvider as EncryptionAtRestProvider
    return changes
  }

  public async run(): Promise<void> {
    const changes = this.changes()
    const projectId = this.localProject()
    if (changes.cloudBackup === false) {
      await requireConfirmation(`Turn Cloud Backup off on ${this.args.name} and delete all its snapshots now?`, this.flags.force, `Cloud Backup of ${this.args.name} left on: not confirmed`)
    }
    const result = updateCluster(this.local(), projectId, this.args.name, changes)
    await this.present(result, clusterUpdateText)
  }
}
