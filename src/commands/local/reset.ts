import {resetStore, storeStatus} from '../../lib/backends/local/admin.js'
import {forceFlag} from '../../lib/cli/flags.js'
import {LocalCommand} from '../../lib/cli/local-command.js'
import {requireConfirmation} from '../../lib/cli/prompts.js'
import {statusText} from '../../lib/cli/views/local.js'
import {homeDir} from '../../lib/config/home.js'

export default class LocalReset extends LocalCommand<typeof LocalReset> {
  static override summary = 'Delete the local emulator\'s store and start a new demo world.'
  static override description = 'Everything the emulator holds is lost: clusters, schedules, snapshots and the clock. Profiles are kept. Also the way out of a corrupt store.'
  static override flags = {force: forceFlag}
  static override examples = ['<%= config.bin %> <%= command.id %> --force']

  public async run(): Promise<void> {
    await requireConfirmation('Delete every cluster, schedule and snapshot of the local emulator and start over?', this.flags.force, 'the local emulator was not reset: not confirmed')
    resetStore(homeDir())
    await this.present(storeStatus(this.local()), statusText)
  }
}
