import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {setNodeHealth} from '../../../lib/backends/local/admin.js'
import {LocalCommand} from '../../../lib/cli/local-command.js'
import {nodesTable} from '../../../lib/cli/views/local.js'

export default class LocalNodesSetHealth extends LocalCommand<typeof LocalNodesSetHealth> {
  static override summary = 'Mark a host healthy or unhealthy; snapshots skip unhealthy hosts, and fail when no host is healthy.'
  static override args = {hostname: Args.string({description: 'Hostname, as `local nodes list` shows it.', required: true})}
  static override flags = {status: Flags.string({description: 'New health.', options: ['healthy', 'unhealthy'], required: true})}
  static override examples = ['<%= config.bin %> <%= command.id %> cluster0-shard-00-01.1a2b3.mongodb.net --status unhealthy']

  public async run(): Promise<void> {
    const row = setNodeHealth(this.local(), this.localProject(), this.args.hostname, this.flags.status === 'healthy')
    await this.present(row, (r) => nodesTable([r]))
  }
}
