import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {simulateOplogRollover} from '../../../lib/backends/local/oplog-rollover.js'
import {UsageError} from '../../../lib/cli/errors.js'
import {instantArgument} from '../../../lib/cli/instants.js'
import {LocalCommand} from '../../../lib/cli/local-command.js'
import {rolloverText} from '../../../lib/cli/views/cluster-changes.js'
import type {RolloverEffect} from '../../../lib/restores/coverage.js'

const EFFECTS: readonly RolloverEffect[] = ['erasesHistory', 'hole']

export default class LocalClustersOplogRollover extends LocalCommand<typeof LocalClustersOplogRollover> {
  static override summary = 'Simulate a burst of writes that rolled the oplog over before backup collected it.'
  static override description = [
    'The operations written between --from and --to were lost before Continuous Cloud Backup collected them.',
    'As the seed and backup-rules.md row 64 say, Atlas then deletes the oplog backups kept so far (--effect erasesHistory, the default): point-in-time restores reach only instants after --to.',
    'With --effect hole only the lost span goes, leaving a hole in the restorable window.',
  ].join(' ')
  static override args = {name: Args.string({description: 'Cluster name (or serverless instance).', required: true})}
  static override flags = {
    effect: Flags.string({default: 'erasesHistory', description: 'What the rollover costs: every oplog backup up to --to, or only the lost span.', options: [...EFFECTS]}),
    from: Flags.string({description: 'Start of the lost operations (ISO 8601, e.g. 2026-11-29T10:00:00Z).', required: true}),
    to: Flags.string({description: 'End of the lost operations, when backup resumed collecting (ISO 8601; default: the emulator\'s now).'}),
  }
  static override examples = [
    '<%= config.bin %> <%= command.id %> Cluster0 --from 2026-11-29T10:00:00Z --to 2026-11-29T11:00:00Z',
    '<%= config.bin %> <%= command.id %> Cluster0 --from 2026-11-29T10:00:00Z --effect hole -o json',
  ]

  public async run(): Promise<void> {
    const {effect, from, to} = this.flags
    const start = instantArgument(from)
    const end = to === undefined ? undefined : instantArgument(to)
    if (end !== undefined && start >= end) throw new UsageError(`--from ${from} is not before --to ${to}`, 'Give the start of the lost operations in --from and their end in --to')
    const projectId = this.localProject()
    const result = simulateOplogRollover(this.local(), projectId, this.args.name, {from: start, to: end}, effect as RolloverEffect)
    await this.present(result, rolloverText)
  }
}
