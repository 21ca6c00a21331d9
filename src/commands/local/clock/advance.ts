import * as Args from '@oclif/core/args'

import {changeClock} from '../../../lib/backends/local/admin.js'
import {isWithinClockRange, LATEST_INSTANT, setClock, virtualNow} from '../../../lib/backends/local/clock.js'
import {parseDurationMs} from '../../../lib/cli/durations.js'
import {UsageError} from '../../../lib/cli/errors.js'
import {LocalCommand} from '../../../lib/cli/local-command.js'
import {clockText} from '../../../lib/cli/views/local.js'
import {toIso} from '../../../lib/domain/time.js'

export default class LocalClockAdvance extends LocalCommand<typeof LocalClockAdvance> {
  static override summary = 'Move the local emulator\'s clock forward.'
  static override description = `Scheduled snapshots that fall due meanwhile appear, and expired ones disappear, the next time each cluster is looked at. The clock cannot go past ${toIso(LATEST_INSTANT)}.`
  static override args = {duration: Args.string({description: 'How far: 30d, 36h, 1d12h, 90m …', required: true})}
  static override examples = ['<%= config.bin %> <%= command.id %> 30d', '<%= config.bin %> <%= command.id %> 36h']

  public async run(): Promise<void> {
    const {duration} = this.args
    const ms = parseDurationMs(duration, 'duration')
    const view = changeClock(this.local(), (state, wall) => {
      const now = virtualNow(state, wall)
      // Checked against the clock inside the transaction, so a refusal leaves it exactly as it was.
      if (!isWithinClockRange(now + ms)) {
        throw new UsageError(
          `advancing by ${duration} would take the local emulator's clock past ${toIso(LATEST_INSTANT)}, the latest instant it can represent`,
          `The clock shows ${toIso(now)}: advance by less, or pick an instant with \`atlas-backups local clock set\``,
        )
      }
      return setClock(state, now + ms, wall)
    })
    await this.present(view, clockText)
  }
}
