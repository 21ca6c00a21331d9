import * as Flags from '@oclif/core/flags'

import {BACKUPS, commandAliases, RESTORES, SERVERLESS} from '../../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../../lib/cli/backend-command.js'
import {CliError} from '../../../../lib/cli/errors.js'
import {clusterNameFlag, forceFlag} from '../../../../lib/cli/flags.js'
import {confirmRestoreWipe} from '../../../../lib/cli/restore-confirm.js'
import {serverlessRestoreRequest} from '../../../../lib/cli/serverless-restores.js'
import {restoreJobStarted} from '../../../../lib/cli/views/restores.js'
import {DELIVERY_TYPES, type DeliveryType} from '../../../../lib/restores/request.js'

const ALIASES = commandAliases(SERVERLESS, BACKUPS, RESTORES, ['create'])

export default class ServerlessBackupsRestoresCreate extends BackendCommand<typeof ServerlessBackupsRestoresCreate> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Start a restore job for your serverless instance.'
  static override description = `If you create an automated or pointInTime restore job, Atlas removes all existing data on the target cluster prior to the restore: on a terminal you are asked to confirm, naming the target cluster and project; in scripts and CI pass --force.
Every flag is checked before anything is sent (exit 2): an automated restore needs --snapshotId; both need --targetClusterName and --targetProjectId; a pointInTime restore needs its moment as --pointInTime or --pointInTimeUTCSeconds, within the last 72 hours. Serverless instances offer no download and no restore to an oplog entry: those are refused too.
Atlas retired serverless instances; against real Atlas these endpoints answer 410 VERSION_GONE. The local emulator keeps them so existing automation can still be tested.`
  static override flags = {
    deliveryType: Flags.string({
      description: 'Type of restore job to create: automated (a snapshot into a cluster) or pointInTime (a moment into a cluster); download is refused, as serverless instances offer none.',
      options: [...DELIVERY_TYPES],
      required: true,
    }),
    clusterName: clusterNameFlag,
    snapshotId: Flags.string({description: 'Unique identifier of the snapshot to restore (automated restores).'}),
    targetClusterName: Flags.string({description: 'Name of the cluster or serverless instance to restore into; its existing data is removed.'}),
    targetProjectId: Flags.string({description: 'Project that contains --targetClusterName.'}),
    oplogTs: Flags.integer({description: 'Accepted for the Atlas CLI\'s sake and refused: serverless instances restore to a date and time, not an oplog entry.'}),
    oplogInc: Flags.integer({description: 'Accepted for the Atlas CLI\'s sake and refused, as --oplogTs.'}),
    pointInTimeUTCSeconds: Flags.integer({description: 'The moment to restore to, in seconds since the UNIX epoch (within the last 72 hours).', exclusive: ['pointInTime']}),
    pointInTime: Flags.string({description: 'The moment to restore to as an ISO 8601 instant with a zone, e.g. 2026-11-29T10:15:00Z (instead of --pointInTimeUTCSeconds).', exclusive: ['pointInTimeUTCSeconds']}),
    force: forceFlag,
  }
  static override examples = [
    '<%= config.bin %> <%= command.id %> --deliveryType automated --clusterName Serverless0 --snapshotId 5e4e593f70dfbf1010295836 --targetClusterName Serverless1 --targetProjectId 5e2211c17a3e5a48f5497de3',
    '<%= config.bin %> <%= command.id %> --deliveryType pointInTime --clusterName Serverless0 --pointInTime 2026-11-29T10:15:00Z --targetClusterName Serverless1 --targetProjectId 5e2211c17a3e5a48f5497de3 --force',
  ]

  public async run(): Promise<void> {
    const {clusterName, force} = this.flags
    const request = serverlessRestoreRequest(this.flags.deliveryType as DeliveryType, this.flags)
    const projectId = this.projectId()
    if (!(await confirmRestoreWipe(request, force))) throw new CliError('restore not started: it was not confirmed')
    const backend = await this.backend()
    const job = await backend.createServerlessRestoreJob(projectId, clusterName, request)
    await this.present(job, restoreJobStarted)
  }
}
