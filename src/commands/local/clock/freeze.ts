import * as Args from '@oclif/core/args'

import {changeClock} from '../../../lib/backends/local/admin.js'
import {freezeClock, freezeClockAt} from '../../../lib/backends/local/clock.js'
import {instantArgument, requireClockInstant} from '../../../lib/cli/instants.js'
import {LocalCommand} from '../../../lib/cli/local-command.js'
import {clockText} from '../../../lib/cli/views/local.js'

export default class LocalClockFreeze extends LocalCommand<typeof LocalClockFreeze> {
  static override summary = 'Stop the local emulator\'s clock, so every run sees the same world (for CI).'
  static override description = 'Without an argument the clock stops where it stands; with an instant it stops there, in one step (moving back in time removes the snapshots taken after that instant, as `local clock set` does).'
  static override args = {instant: Args.string({description: 'Where to stop: an ISO 8601 instant with a zone, e.g. 2026-06-01T00:00:00Z.'})}
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> 2026-06-01T00:00:00Z']

  public async run(): Promise<void> {
    const text = this.args.instant
    const target = text === undefined ? undefined : requireClockInstant(instantArgument(text), text)
    await this.present(changeClock(this.local(), target === undefined ? freezeClock : (state) => freezeClockAt(state, target)), clockText)
  }
}
