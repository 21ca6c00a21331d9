import * as Args from '@oclif/core/args'

import {changeClock} from '../../../lib/backends/local/admin.js'
import {setClock} from '../../../lib/backends/local/clock.js'
import {instantArgument, requireClockInstant} from '../../../lib/cli/instants.js'
import {LocalCommand} from '../../../lib/cli/local-command.js'
import {clockText} from '../../../lib/cli/views/local.js'

export default class LocalClockSet extends LocalCommand<typeof LocalClockSet> {
  static override summary = 'Set the local emulator\'s clock to an instant.'
  static override description = 'Moving back in time removes the snapshots taken after that instant; snapshots that had already expired stay gone. The instant is ISO 8601 with a zone (Z or an offset), between 1970-01-01T00:00:00Z and 2106-02-07T06:28:15Z.'
  static override args = {instant: Args.string({description: 'An ISO 8601 instant with a zone, e.g. 2026-12-31T18:00:00Z.', required: true})}
  static override examples = ['<%= config.bin %> <%= command.id %> 2026-12-31T18:00:00Z']

  public async run(): Promise<void> {
    const target = requireClockInstant(instantArgument(this.args.instant), this.args.instant)
    await this.present(changeClock(this.local(), (state, wall) => setClock(state, target, wall)), clockText)
  }
}
