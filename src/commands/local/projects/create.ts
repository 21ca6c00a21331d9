import * as Args from '@oclif/core/args'

import {createProject, isValidProjectName} from '../../../lib/backends/local/projects.js'
import {UsageError} from '../../../lib/cli/errors.js'
import {LocalCommand} from '../../../lib/cli/local-command.js'
import {projectsTable} from '../../../lib/cli/views/local.js'

export default class LocalProjectsCreate extends LocalCommand<typeof LocalProjectsCreate> {
  static override summary = 'Add an empty project to the local emulator, as `atlas projects create` does.'
  static override description =
    'Project names are unique (409 GROUP_ALREADY_EXISTS otherwise). Add clusters to it with `local clusters create NAME --projectId ID`, using the ID this prints; `backups audit --allProjects` and GET /groups then list it.'
  static override args = {name: Args.string({description: "Project name: 1 to 64 letters, digits, spaces and - _ . ( ) , : & @ + '.", required: true})}
  static override examples = ['<%= config.bin %> <%= command.id %> Payments', '<%= config.bin %> <%= command.id %> "Data Platform" -o json']

  public async run(): Promise<void> {
    const {name} = this.args
    if (!isValidProjectName(name)) throw new UsageError(`"${name}" is not a valid project name`, "Use 1 to 64 letters, digits, spaces and - _ . ( ) , : & @ + ', without leading or trailing spaces")
    await this.present(createProject(this.local(), name), (project) => projectsTable([project]))
  }
}
