import {BACKUPS, commandAliases, RESTORES} from '../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../lib/cli/backend-command.js'
import {clusterNameFlag} from '../../../lib/cli/flags.js'
import {requireRestoreJobId, restoreJobIdArg} from '../../../lib/cli/restore-flags.js'

const ALIASES = commandAliases(BACKUPS, RESTORES, ['cancel'])

export default class BackupsRestoresCancel extends BackendCommand<typeof BackupsRestoresCancel> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Cancel a download restore job.'
  static override description = `Only download jobs can be cancelled: an automated or point-in-time restore has started overwriting its target, and Atlas refuses to cancel it. Cancelling a download that has already ended changes nothing.
This is Atlas's "Cancel One Restore Job of One Cluster" (DELETE .../backup/restoreJobs/{restoreJobId}); the Atlas CLI has no such command.`
  static override args = {restoreJobId: restoreJobIdArg}
  static override flags = {clusterName: clusterNameFlag}
  static override examples = ['<%= config.bin %> <%= command.id %> 507f1f77bcf86cd799439011 --clusterName Cluster0']

  public async run(): Promise<void> {
    const restoreJobId = requireRestoreJobId(this.args.restoreJobId)
    const projectId = this.projectId()
    const backend = await this.backend()
    await backend.cancelRestoreJob(projectId, this.flags.clusterName, restoreJobId)
    await this.present({cancelled: true, restoreJobId}, () => `Restore job '${restoreJobId}' cancelled`)
  }
}
