import * as Args from '@oclif/core/args'

import {BACKUPS, commandAliases, RESTORES} from '../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../lib/cli/backend-command.js'
import {loadRestoreWindow} from '../../../lib/cli/restore-window.js'
import {restoreWindowText} from '../../../lib/cli/views/restore-window.js'

const ALIASES = commandAliases(BACKUPS, RESTORES, ['window'])

export default class BackupsRestoresWindow extends BackendCommand<typeof BackupsRestoresWindow> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Show what a point-in-time restore of a cluster can reach now: the ranges, the gaps and why, and the snapshots.'
  static override description = [
    'Not in the Atlas CLI. On the local emulator the ranges come from the oplog history it records, so every gap names its cause: continuous backup off, an oplog rollover, a restore\'s blackout, no snapshot to replay from, or outside the window.',
    'Atlas does not publish that history: against Atlas the window comes from the cluster\'s continuous backup setting, the schedule\'s restoreWindowDays and the completed snapshots, with continuous backup taken as unbroken over the window. The command says so on stderr and in the JSON\'s "assumptions".',
    '-o json prints {clusterName, basis, continuousBackup, restoreWindowDays, from, to, ranges[{from, to, durationSeconds}], gaps[{from, to, durationSeconds, reason, why}], snapshots[{id, createdAt}], assumptions[]}, and on the local emulator oplogRegions[{regionName, from, to, deletedAt, movedTo}]: the region holding each part of the window\'s oplog (a region the cluster moved away from keeps its part until deletedAt).',
  ].join('\n\n')
  static override args = {clusterName: Args.string({description: 'Name of the cluster whose restore window you want to see.', required: true})}
  static override examples = ['<%= config.bin %> <%= command.id %> Cluster0', '<%= config.bin %> <%= command.id %> Cluster0 -o json-path=$.ranges']

  public async run(): Promise<void> {
    const backend = await this.backend()
    const report = await loadRestoreWindow(backend, this.projectId(), this.args.clusterName)
    for (const assumption of report.assumptions) this.note(`Note: ${assumption}`)
    await this.present(report, restoreWindowText)
  }
}
