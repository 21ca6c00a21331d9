import {changeClock} from '../../../lib/backends/local/admin.js'
import {unfreezeClock} from '../../../lib/backends/local/clock.js'
import {LocalCommand} from '../../../lib/cli/local-command.js'
import {clockText} from '../../../lib/cli/views/local.js'

export default class LocalClockUnfreeze extends LocalCommand<typeof LocalClockUnfreeze> {
  static override summary = 'Let the local emulator\'s clock run again, from where it stood.'
  static override examples = ['<%= config.bin %> <%= command.id %>']

  public async run(): Promise<void> {
    await this.present(changeClock(this.local(), unfreezeClock), clockText)
  }
}
