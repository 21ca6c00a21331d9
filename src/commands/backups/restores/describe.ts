import {BACKUPS, commandAliases, RESTORES} from '../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../lib/cli/backend-command.js'
import {clusterNameFlag} from '../../../lib/cli/flags.js'
import {clusterOrFlex} from '../../../lib/cli/flex.js'
import {requireRestoreJobId, restoreJobIdArg} from '../../../lib/cli/restore-flags.js'
import {flexRestoreJobDescribeTable, restoreJobDescribeTable} from '../../../lib/cli/views/restores.js'

const ALIASES = commandAliases(BACKUPS, RESTORES, ['describe', 'get'])

export default class BackupsRestoresDescribe extends BackendCommand<typeof BackupsRestoresDescribe> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Describe a cloud backup restore job.'
  static override args = {restoreJobId: restoreJobIdArg}
  static override flags = {clusterName: clusterNameFlag}
  static override examples = ['<%= config.bin %> <%= command.id %> 507f1f77bcf86cd799439011 --clusterName Cluster0']

  public async run(): Promise<void> {
    const restoreJobId = requireRestoreJobId(this.args.restoreJobId)
    const projectId = this.projectId()
    const backend = await this.backend()
    const {clusterName} = this.flags
    const routed = await clusterOrFlex(() => backend.getRestoreJob(projectId, clusterName, restoreJobId), () => backend.getFlexRestoreJob(projectId, clusterName, restoreJobId))
    if (routed.flex) await this.present(routed.value, flexRestoreJobDescribeTable)
    else await this.present(routed.value, restoreJobDescribeTable)
  }
}
