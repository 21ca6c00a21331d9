import {BACKUPS, commandAliases, RESTORES, SERVERLESS} from '../../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../../lib/cli/backend-command.js'
import {clusterNameFlag, watchFlags} from '../../../../lib/cli/flags.js'
import {requireRestoreJobId} from '../../../../lib/cli/restore-flags.js'
import {serverlessRestoreJobIdFlag} from '../../../../lib/cli/serverless-restores.js'
import {restoreWatchDone} from '../../../../lib/cli/views/restores.js'
import {watchRestoreJob} from '../../../../lib/cli/watch.js'

const ALIASES = commandAliases(SERVERLESS, BACKUPS, RESTORES, ['watch'])

export default class ServerlessBackupsRestoresWatch extends BackendCommand<typeof ServerlessBackupsRestoresWatch> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Watch the specified backup restore job until it completes.'
  static override description = `Checks the restore job periodically until it finishes, showing its state on stderr, then prints "Restore completed." (or the job with -o json).
Unlike the Atlas CLI, which said "Restore completed." and exited 0 whatever happened, a job that failed, expired or was cancelled exits with code 1, as does one that cannot finish because the local emulator's clock is frozen (said at once); 124 after --timeout, 130 on Ctrl-C.`
  static override flags = {clusterName: clusterNameFlag, restoreJobId: serverlessRestoreJobIdFlag, ...watchFlags}
  static override examples = ['<%= config.bin %> <%= command.id %> --clusterName Serverless0 --restoreJobId 507f1f77bcf86cd799439011']

  public async run(): Promise<void> {
    const {clusterName} = this.flags
    const restoreJobId = requireRestoreJobId(this.flags.restoreJobId)
    const projectId = this.projectId()
    const backend = await this.backend()
    const hint = `See \`atlas-backups serverless backups restores describe --clusterName ${clusterName} --restoreJobId ${restoreJobId} -o json\``
    const job = await watchRestoreJob(restoreJobId, () => backend.getServerlessRestoreJob(projectId, clusterName, restoreJobId), this.flags, backend, hint)
    await this.present(job, restoreWatchDone)
  }
}
