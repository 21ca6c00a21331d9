import {changeClock} from '../../../lib/backends/local/admin.js'
import {RESET_CLOCK} from '../../../lib/backends/local/clock.js'
import {LocalCommand} from '../../../lib/cli/local-command.js'
import {clockText} from '../../../lib/cli/views/local.js'

export default class LocalClockReset extends LocalCommand<typeof LocalClockReset> {
  static override summary = 'Return the local emulator\'s clock to the wall clock, running.'
  static override examples = ['<%= config.bin %> <%= command.id %>']

  public async run(): Promise<void> {
    await this.present(changeClock(this.local(), () => RESET_CLOCK), clockText)
  }
}
