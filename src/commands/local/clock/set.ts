import * as Args from '@oclif/core/args'

import {changeClock} from '../../../lib/backends/local/admin.js'
import {setClock} from '../../../lib/backends/local/clock.js'
import {UsageError} from '../../../lib/cli/errors.js'
import {LocalCommand} from '../../../lib/cli/local-command.js'
import {clockText} from '../../../lib/cli/views/local.js'

export default class LocalClockSet extends LocalCommand<typeof LocalClockSet> {
  static override summary = 'Set the local emulator\'s clock to an instant.'
  static override description = 'Moving back in time removes the snapshots taken after that instant; snapshots that had already expired stay gone.'
  static override args = {instant: Args.string({description: 'An ISO 8601 instant, e.g. 2026-12-31T18:00:00Z.', required: true})}
  static override examples = ['<%= config.bin %> <%= command.id %> 2026-12-31T18:00:00Z']

  public async run(): Promise<void> {
    const target = Date.parse(this.args.instant)
    if (!Number.isFinite(target)) throw new UsageError(`"${this.args.instant}" is not an ISO 8601 instant`, 'Use a form like 2026-12-31T18:00:00Z')
    await this.present(changeClock(this.local(), (state, wall) => setClock(state, target, wall)), clockText)
  }
}
