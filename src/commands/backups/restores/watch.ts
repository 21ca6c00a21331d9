import {BACKUPS, commandAliases, RESTORES} from '../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../lib/cli/backend-command.js'
import {clusterNameFlag, watchFlags} from '../../../lib/cli/flags.js'
import {clusterOrFlex, startingWith} from '../../../lib/cli/flex.js'
import {requireRestoreJobId, restoreJobIdArg} from '../../../lib/cli/restore-flags.js'
import {flexRestoreWatchDone, restoreWatchDone} from '../../../lib/cli/views/restores.js'
import {watchFlexRestoreJob, watchRestoreJob, watchTiming} from '../../../lib/cli/watch.js'

const ALIASES = commandAliases(BACKUPS, RESTORES, ['watch'])

export default class BackupsRestoresWatch extends BackendCommand<typeof BackupsRestoresWatch> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Watch for a restore job to complete.'
  static override description = `Checks the restore job periodically until it finishes (a download: until its URL is ready), showing its state on stderr, then prints "Restore completed." and a download's URLs (or the job with -o json).
Exit code 0 when it completed, 1 when it failed, expired or was cancelled (or, on the local emulator, cannot finish because its clock is frozen: it says so at once), 124 after --timeout, 130 on Ctrl-C.`
  static override args = {restoreJobId: restoreJobIdArg}
  static override flags = {clusterName: clusterNameFlag, ...watchFlags}
  static override examples = ['<%= config.bin %> <%= command.id %> 507f1f77bcf86cd799439011 --clusterName Cluster0 --timeout 2h']

  public async run(): Promise<void> {
    const {clusterName} = this.flags
    const restoreJobId = requireRestoreJobId(this.args.restoreJobId)
    // Checked before the first read, which now happens before the watch itself starts.
    watchTiming(this.flags)
    const projectId = this.projectId()
    const backend = await this.backend()
    // <clusterName> is filled in (shell-quoted) by the error report; the job ID is known to be hexadecimal.
    const hint = `See \`atlas-backups backups restores describe ${restoreJobId} --clusterName <clusterName> -o json\``
    const get = () => backend.getRestoreJob(projectId, clusterName, restoreJobId)
    const getFlex = () => backend.getFlexRestoreJob(projectId, clusterName, restoreJobId)
    // The first read tells a Flex cluster's job (the cluster API refuses it) and is the first poll.
    const first = await clusterOrFlex(get, getFlex)
    if (first.flex) {
      await this.present(await watchFlexRestoreJob(restoreJobId, startingWith(first.value, getFlex), this.flags, backend, hint), flexRestoreWatchDone)
      return
    }
    await this.present(await watchRestoreJob(restoreJobId, startingWith(first.value, get), this.flags, backend, hint), restoreWatchDone)
  }
}
