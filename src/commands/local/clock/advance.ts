import * as Args from '@oclif/core/args'

import {changeClock} from '../../../lib/backends/local/admin.js'
import {setClock, virtualNow} from '../../../lib/backends/local/clock.js'
import {parseDurationMs} from '../../../lib/cli/durations.js'
import {LocalCommand} from '../../../lib/cli/local-command.js'
import {clockText} from '../../../lib/cli/views/local.js'

export default class LocalClockAdvance extends LocalCommand<typeof LocalClockAdvance> {
  static override summary = 'Move the local emulator\'s clock forward.'
  static override description = 'Scheduled snapshots that fall due meanwhile appear, and expired ones disappear, the next time each cluster is looked at.'
  static override args = {duration: Args.string({description: 'How far: 30d, 36h, 1d12h, 90m …', required: true})}
  static override examples = ['<%= config.bin %> <%= command.id %> 30d', '<%= config.bin %> <%= command.id %> 36h']

  public async run(): Promise<void> {
    const ms = parseDurationMs(this.args.duration, 'duration')
    await this.present(changeClock(this.local(), (state, wall) => setClock(state, virtualNow(state, wall) + ms, wall)), clockText)
  }
}
