import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {BACKUPS, commandAliases, RESTORES} from '../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../lib/cli/backend-command.js'
import {CliError} from '../../../lib/cli/errors.js'
import {clusterNameFlag, forceFlag} from '../../../lib/cli/flags.js'
import {clusterOrFlex} from '../../../lib/cli/flex.js'
import {confirmRestoreWipe} from '../../../lib/cli/restore-confirm.js'
import {restoreRequestFromFlags} from '../../../lib/cli/restore-flags.js'
import {flexRestoreJobStarted, restoreJobStarted} from '../../../lib/cli/views/restores.js'
import type {RestoreJobRequest} from '../../../lib/domain/types.js'
import {DELIVERY_TYPES} from '../../../lib/restores/request.js'

const ALIASES = commandAliases(BACKUPS, RESTORES, ['start'])

export default class BackupsRestoresStart extends BackendCommand<typeof BackupsRestoresStart> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Start a restore job for your project and cluster.'
  static override description = `If you create an automated or pointInTime restore job, Atlas removes all existing data on the target cluster prior to the restore: on a terminal you are asked to confirm, naming the target cluster and project; in scripts and CI pass --force.
Every flag is checked before anything is sent (exit 2): automated and download restores need --snapshotId; automated and pointInTime restores need --targetClusterName and --targetProjectId; a pointInTime restore needs its moment as --pointInTime, --pointInTimeUTCSeconds, or --oplogTs with --oplogInc. Flags a type does not use are refused rather than ignored.`
  static override args = {
    deliveryType: Args.string({
      description: 'Type of restore job to create: automated (a snapshot into a cluster), download (a snapshot as a file), or pointInTime (a moment into a cluster).',
      options: [...DELIVERY_TYPES],
      required: true,
    }),
  }
  static override flags = {
    clusterName: clusterNameFlag,
    snapshotId: Flags.string({description: 'Unique identifier of the snapshot to restore (automated and download restores).'}),
    targetClusterName: Flags.string({description: 'Name of the cluster to restore into (automated and pointInTime restores); its existing data is removed.'}),
    targetProjectId: Flags.string({description: 'Project that contains --targetClusterName (automated and pointInTime restores).'}),
    oplogTs: Flags.integer({description: 'Oplog timestamp in seconds since the UNIX epoch; with --oplogInc it names the oplog entry to restore to.'}),
    oplogInc: Flags.integer({description: '32-bit ordinal of the operation within the --oplogTs second.'}),
    pointInTimeUTCSeconds: Flags.integer({description: 'The moment to restore to, in seconds since the UNIX epoch.', exclusive: ['pointInTime']}),
    pointInTime: Flags.string({description: 'The moment to restore to as an ISO 8601 instant with a zone, e.g. 2026-11-29T10:15:00Z (instead of --pointInTimeUTCSeconds).', exclusive: ['pointInTimeUTCSeconds']}),
    // The Atlas CLI's deprecated spelling, kept so its scripts run: it always meant seconds, whatever its name says.
    pointInTimeUTCMillis: Flags.integer({
      description: 'Deprecated: use --pointInTimeUTCSeconds (the value is read as seconds, as the Atlas CLI reads it).',
      hidden: true,
      deprecated: {to: 'pointInTimeUTCSeconds'},
      exclusive: ['pointInTimeUTCSeconds', 'pointInTime'],
    }),
    force: forceFlag,
  }
  static override examples = [
    '<%= config.bin %> <%= command.id %> automated --clusterName Cluster0 --snapshotId 5e4e593f70dfbf1010295836 --targetClusterName Cluster1 --targetProjectId 5e2211c17a3e5a48f5497de3',
    '<%= config.bin %> <%= command.id %> pointInTime --clusterName Cluster0 --pointInTime 2026-11-29T10:15:00Z --targetClusterName Cluster1 --targetProjectId 5e2211c17a3e5a48f5497de3 --force',
    '<%= config.bin %> <%= command.id %> download --clusterName Cluster0 --snapshotId 5e4e593f70dfbf1010295836',
  ]

  public async run(): Promise<void> {
    const {clusterName, force} = this.flags
    const request = restoreRequestFromFlags(this.args.deliveryType as RestoreJobRequest['deliveryType'], this.flags)
    const projectId = this.projectId()
    if (!(await confirmRestoreWipe(request, force))) throw new CliError('restore not started: it was not confirmed')
    const backend = await this.backend()
    // The cluster API refuses a Flex cluster without creating anything; its restore then goes to the Flex API.
    const routed = await clusterOrFlex(
      () => backend.createRestoreJob(projectId, clusterName, request),
      () => {
        if (request.deliveryType !== 'automated') throw flexOnlyAutomated(request.deliveryType, clusterName)
        const body = {instanceName: clusterName, snapshotId: request.snapshotId!, targetDeploymentItemName: request.targetClusterName!, targetProjectId: request.targetGroupId}
        return backend.createFlexRestoreJob(projectId, clusterName, body)
      },
    )
    if (routed.flex) {
      await this.present(routed.value, flexRestoreJobStarted)
      return
    }
    const job = routed.value
    // The emulator's own field: the snapshot's region is out (`local regions outage`), so a copy serves the restore.
    if (job.servedFromCopyRegion !== undefined) this.note(`Note: the snapshot's region is out; the copy in ${job.servedFromCopyRegion} serves this restore.`)
    await this.present(job, restoreJobStarted)
  }
}


/**
 * Flex clusters support only automated restores (atlas-cli-backups.md §2.2). The Atlas CLI ignores the type and
 * starts an automated restore anyway, which would wipe a target the user never meant to restore into: refused.
 */
function flexOnlyAutomated(deliveryType: string, clusterName: string): CliError {
  if (deliveryType === 'download') {
    return new CliError(`${clusterName} is a Flex cluster: its snapshots are downloaded with \`backups snapshots download\`, not by a restore job`, {hint: 'Run `atlas-backups backups snapshots download <snapshotId> --clusterName <clusterName>`'})
  }
  return new CliError(`${clusterName} is a Flex cluster, which supports only automated restores (no point in time)`, {hint: 'Restore one of its daily snapshots: `atlas-backups backups restores start automated --snapshotId <snapshotId> --clusterName <clusterName> …`'})
}
