import {showClock} from '../../../lib/backends/local/admin.js'
import {LocalCommand} from '../../../lib/cli/local-command.js'
import {clockText} from '../../../lib/cli/views/local.js'

export default class LocalClockShow extends LocalCommand<typeof LocalClockShow> {
  static override summary = 'Show the local emulator\'s virtual time.'
  static override examples = ['<%= config.bin %> <%= command.id %>']

  public async run(): Promise<void> {
    await this.present(showClock(this.local()), clockText)
  }
}
