import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {BACKUPS, commandAliases, SNAPSHOTS} from '../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../lib/cli/backend-command.js'
import {UsageError} from '../../../lib/cli/errors.js'
import {clusterNameFlag} from '../../../lib/cli/flags.js'
import {snapshotDescribeTable} from '../../../lib/cli/views/snapshots.js'
import type {SnapshotRetentionPatch} from '../../../lib/domain/types.js'
import {MAX_RETENTION_VALUE} from '../../../lib/snapshots/index.js'

const ALIASES = commandAliases(BACKUPS, SNAPSHOTS, ['update'])

const UNITS = ['days', 'weeks', 'months', 'years'] as const

/** The flags as the API's retention body (upper-case unit); usage errors name the flag and what it takes. */
function retentionPatch(value: string, unit: string): SnapshotRetentionPatch {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1 || Number(value) > MAX_RETENTION_VALUE) {
    throw new UsageError(`--retentionValue must be a whole number from 1 to ${MAX_RETENTION_VALUE}, got "${value}"`, 'Give how many --retentionUnit units to keep the snapshot, e.g. --retentionValue 30')
  }
  const lower = unit.trim().toLowerCase()
  if (!(UNITS as readonly string[]).includes(lower)) {
    throw new UsageError(`--retentionUnit must be days, weeks, months or years, got "${unit}"`, 'Give one of them, e.g. --retentionUnit days')
  }
  return {retentionUnit: lower.toUpperCase() as SnapshotRetentionPatch['retentionUnit'], retentionValue: Number(value)}
}

export default class BackupsSnapshotsUpdate extends BackendCommand<typeof BackupsSnapshotsUpdate> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Change how long one snapshot is kept (its expiry).'
  static override description = `The new expiry is the snapshot's creation time plus the retention you give, so a shorter retention can put it in the past: the snapshot is then deleted. Only completed snapshots of M10 or larger clusters can be changed, and a snapshot changed this way keeps its retention when the schedule is updated with --updateSnapshots.
This is Atlas's "Update Expiration Date for One Cloud Backup" (PATCH .../backup/snapshots/{snapshotId}); the Atlas CLI has no such command.`
  static override args = {snapshotId: Args.string({description: 'Unique identifier of the snapshot to change.', required: true})}
  static override flags = {
    clusterName: clusterNameFlag,
    retentionValue: Flags.string({description: 'How many --retentionUnit units to keep the snapshot, counted from its creation (a whole number, 1 or more).', required: true}),
    retentionUnit: Flags.string({description: 'Unit of --retentionValue: days, weeks, months or years.', required: true}),
  }
  static override examples = ['<%= config.bin %> <%= command.id %> 5f4007f327a3bd7b6f4103c5 --clusterName Cluster0 --retentionValue 3 --retentionUnit months']

  public async run(): Promise<void> {
    const {clusterName, retentionUnit, retentionValue} = this.flags
    const patch = retentionPatch(retentionValue, retentionUnit)
    const backend = await this.backend()
    const snapshot = await backend.updateSnapshotRetention(this.projectId(), clusterName, this.args.snapshotId, patch)
    await this.present(snapshot, snapshotDescribeTable)
  }
}
