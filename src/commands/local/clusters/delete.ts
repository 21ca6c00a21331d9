import * as Args from '@oclif/core/args'

import {deleteCluster} from '../../../lib/backends/local/admin.js'
import {CliError} from '../../../lib/cli/errors.js'
import {forceFlag} from '../../../lib/cli/flags.js'
import {LocalCommand} from '../../../lib/cli/local-command.js'
import {confirmOrForce} from '../../../lib/cli/prompts.js'

export default class LocalClustersDelete extends LocalCommand<typeof LocalClustersDelete> {
  static override aliases = ['local:clusters:rm']
  static override summary = 'Remove a cluster from the local emulator, with all its snapshots.'
  static override args = {name: Args.string({description: 'Cluster name.', required: true})}
  static override flags = {force: forceFlag}
  static override examples = ['<%= config.bin %> <%= command.id %> Orders --force']

  public async run(): Promise<void> {
    const {name} = this.args
    const confirmed = await confirmOrForce(`Delete cluster ${name} and all its snapshots?`, this.flags.force)
    if (!confirmed) throw new CliError(`cluster ${name} not deleted: not confirmed`)
    deleteCluster(this.local(), this.localProject(), name)
    await this.present({deleted: true, name}, () => `Cluster '${name}' deleted.`)
  }
}
