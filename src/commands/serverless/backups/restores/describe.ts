import {BACKUPS, commandAliases, RESTORES, SERVERLESS} from '../../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../../lib/cli/backend-command.js'
import {clusterNameFlag} from '../../../../lib/cli/flags.js'
import {requireRestoreJobId} from '../../../../lib/cli/restore-flags.js'
import {serverlessRestoreJobIdFlag} from '../../../../lib/cli/serverless-restores.js'
import {restoreJobDescribeTable} from '../../../../lib/cli/views/restores.js'

const ALIASES = commandAliases(SERVERLESS, BACKUPS, RESTORES, ['describe', 'get'])

export default class ServerlessBackupsRestoresDescribe extends BackendCommand<typeof ServerlessBackupsRestoresDescribe> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Describe a cloud backup restore job.'
  static override description = 'Atlas retired serverless instances; against real Atlas these endpoints answer 410 VERSION_GONE. The local emulator keeps them so existing automation can still be tested.'
  static override flags = {restoreJobId: serverlessRestoreJobIdFlag, clusterName: clusterNameFlag}
  static override examples = ['<%= config.bin %> <%= command.id %> --restoreJobId 507f1f77bcf86cd799439011 --clusterName Serverless0']

  public async run(): Promise<void> {
    const restoreJobId = requireRestoreJobId(this.flags.restoreJobId)
    const projectId = this.projectId()
    const backend = await this.backend()
    const job = await backend.getServerlessRestoreJob(projectId, this.flags.clusterName, restoreJobId)
    await this.present(job, restoreJobDescribeTable)
  }
}
