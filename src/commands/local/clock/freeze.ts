import {changeClock} from '../../../lib/backends/local/admin.js'
import {freezeClock} from '../../../lib/backends/local/clock.js'
import {LocalCommand} from '../../../lib/cli/local-command.js'
import {clockText} from '../../../lib/cli/views/local.js'

export default class LocalClockFreeze extends LocalCommand<typeof LocalClockFreeze> {
  static override summary = 'Stop the local emulator\'s clock, so every run sees the same world (for CI).'
  static override examples = ['<%= config.bin %> <%= command.id %>']

  public async run(): Promise<void> {
    await this.present(changeClock(this.local(), freezeClock), clockText)
  }
}
