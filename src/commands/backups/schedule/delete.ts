import * as Args from '@oclif/core/args'

import {BACKUPS, commandAliases, SCHEDULE} from '../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../lib/cli/backend-command.js'
import {forceFlag} from '../../../lib/cli/flags.js'
import {requireConfirmation} from '../../../lib/cli/prompts.js'

const ALIASES = commandAliases(BACKUPS, SCHEDULE, ['delete', 'rm'])

export default class BackupsScheduleDelete extends BackendCommand<typeof BackupsScheduleDelete> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Delete all backup schedules of a cluster.'
  static override description = 'Removes every policy item, so no scheduled snapshot is taken any more; the reference time and restore window stay, and existing snapshots stay until they expire.'
  static override args = {clusterName: Args.string({description: 'Name of the cluster.', required: true})}
  static override flags = {force: forceFlag}
  static override examples = ['<%= config.bin %> <%= command.id %> Cluster0 --force']

  public async run(): Promise<void> {
    const {clusterName} = this.args
    await requireConfirmation(`Are you sure you want to delete all backup schedules for cluster: ${clusterName}`, this.flags.force, 'backup schedules of the cluster not deleted: the deletion was not confirmed')
    const backend = await this.backend()
    const schedule = await backend.deleteSchedule(this.projectId(), clusterName)
    await this.present(schedule, () => `Backup schedules of the cluster with name '${clusterName}' deleted.`)
  }
}
