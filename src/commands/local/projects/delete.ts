import * as Args from '@oclif/core/args'

import {deleteProject} from '../../../lib/backends/local/projects.js'
import {UsageError} from '../../../lib/cli/errors.js'
import {forceFlag} from '../../../lib/cli/flags.js'
import {LocalCommand} from '../../../lib/cli/local-command.js'
import {requireConfirmation} from '../../../lib/cli/prompts.js'
import {projectDeletionText} from '../../../lib/cli/views/local.js'
import {isObjectId} from '../../../lib/domain/ids.js'

export default class LocalProjectsDelete extends LocalCommand<typeof LocalProjectsDelete> {
  static override aliases = ['local:projects:rm']
  static override summary = 'Delete a project of the local emulator, as Atlas deletes one.'
  static override description =
    'Refused (409 CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS) while the project has clusters, paused ones included: terminate them with `local clusters delete` first. Under a Backup Compliance Policy it is refused (409 CANNOT_CLOSE_GROUP_ACTIVE_BACKUP_COMPLIANCE_POLICY) while any snapshot is left, retained snapshots of terminated clusters included, until they expire. Terminated clusters and the policy go with the project. Deleting the demo project leaves the emulator without it until `local reset --force`.'
  static override args = {projectId: Args.string({description: 'ID of the project to delete (24 hexadecimal characters).', required: true})}
  static override flags = {force: forceFlag}
  static override examples = ['<%= config.bin %> <%= command.id %> 5e2211c17a3e5a48f5497de3 --force']

  public async run(): Promise<void> {
    const {projectId} = this.args
    if (!isObjectId(projectId)) throw new UsageError(`the provided value '${projectId}' is not a valid project ID`, 'Project IDs are 24 hexadecimal characters')
    await requireConfirmation(`Delete project ${projectId} of the local emulator?`, this.flags.force, `project ${projectId} not deleted: not confirmed`)
    await this.present(deleteProject(this.local(), projectId), projectDeletionText)
  }
}
