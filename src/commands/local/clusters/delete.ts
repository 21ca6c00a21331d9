import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {deleteCluster, type ClusterDeletion} from '../../../lib/backends/local/admin.js'
import {forceFlag} from '../../../lib/cli/flags.js'
import {LocalCommand} from '../../../lib/cli/local-command.js'
import {requireConfirmation} from '../../../lib/cli/prompts.js'

function deletionText(result: ClusterDeletion): string {
  if (!result.retainedBy) return `Cluster '${result.name}' deleted.`
  const why = result.retainedBy === 'compliancePolicy' ? "the project's Backup Compliance Policy keeps them" : '--retainBackups'
  if (result.retainedSnapshots === 0) return `Cluster '${result.name}' deleted; it had no snapshots, and its name stays reserved while the Backup Compliance Policy is in force.`
  return `Cluster '${result.name}' deleted; its ${result.retainedSnapshots} snapshots are kept until they expire (the last at ${result.retainedUntil}): ${why}.`
}

export default class LocalClustersDelete extends LocalCommand<typeof LocalClustersDelete> {
  static override aliases = ['local:clusters:rm']
  static override summary = 'Terminate a cluster of the local emulator: its snapshots go with it unless kept.'
  static override description =
    'Like terminating an Atlas cluster: its snapshots are deleted at once, unless --retainBackups keeps them until they expire, or the project has a Backup Compliance Policy, which always keeps them and reserves the name. `local clusters list` shows a terminated cluster that keeps snapshots.'
  static override args = {name: Args.string({description: 'Cluster name.', required: true})}
  static override flags = {
    force: forceFlag,
    retainBackups: Flags.boolean({description: 'Keep the existing snapshots until they expire ("Keep existing snapshots after termination").'}),
  }
  static override examples = ['<%= config.bin %> <%= command.id %> Orders --force', '<%= config.bin %> <%= command.id %> Orders --retainBackups --force']

  public async run(): Promise<void> {
    const {name} = this.args
    const question = this.flags.retainBackups ? `Delete cluster ${name}, keeping its snapshots until they expire?` : `Delete cluster ${name} and all its snapshots?`
    await requireConfirmation(question, this.flags.force, `cluster ${name} not deleted: not confirmed`)
    await this.present(deleteCluster(this.local(), this.localProject(), name, {retainBackups: this.flags.retainBackups}), deletionText)
  }
}
