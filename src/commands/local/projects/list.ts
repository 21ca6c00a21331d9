import {listProjects} from '../../../lib/backends/local/projects.js'
import {LocalCommand} from '../../../lib/cli/local-command.js'
import {projectsTable} from '../../../lib/cli/views/local.js'

export default class LocalProjectsList extends LocalCommand<typeof LocalProjectsList> {
  static override aliases = ['local:projects:ls']
  static override summary = "List the local emulator's projects, with their clusters and Backup Compliance Policy."
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> -o json']

  public async run(): Promise<void> {
    await this.present(listProjects(this.local()), projectsTable)
  }
}
