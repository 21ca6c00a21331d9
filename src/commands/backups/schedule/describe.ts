import * as Args from '@oclif/core/args'

import {BACKUPS, commandAliases, SCHEDULE} from '../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../lib/cli/backend-command.js'
import {scheduleDescribeTable} from '../../../lib/cli/views/snapshots.js'

const ALIASES = commandAliases(BACKUPS, SCHEDULE, ['describe', 'get'])

export default class BackupsScheduleDescribe extends BackendCommand<typeof BackupsScheduleDescribe> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Describe a cloud backup schedule for the cluster you specify.'
  static override args = {clusterName: Args.string({description: 'Human-readable label for the cluster.', required: true})}
  static override examples = ['<%= config.bin %> <%= command.id %> Cluster0', '<%= config.bin %> <%= command.id %> Cluster0 -o json']

  public async run(): Promise<void> {
    const backend = await this.backend()
    const schedule = await backend.getSchedule(this.projectId(), this.args.clusterName)
    await this.present(schedule, scheduleDescribeTable)
  }
}
