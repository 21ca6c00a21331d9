import * as Flags from '@oclif/core/flags'

import {BaseCommand} from '../../../lib/cli/base-command.js'
import {readObjectDocument} from '../../../lib/cli/document-file.js'
import {UsageError} from '../../../lib/cli/errors.js'
import {EXIT} from '../../../lib/cli/exit-codes.js'
import {formatTable} from '../../../lib/cli/table.js'
import {refuseOversizedSchedule} from '../../../lib/cli/violations.js'
import {hasErrors, validateSchedule, type Violation} from '../../../lib/policy/index.js'
import type {CloudProvider} from '../../../lib/domain/types.js'
import {isOfferedTier} from '../../../lib/tiers/catalog.js'

export default class BackupsScheduleValidate extends BaseCommand<typeof BackupsScheduleValidate> {
  static override summary = 'Check a backup schedule file against every Atlas backup rule, offline.'

  static override description = `Reads a schedule in the shape of the Atlas API (JSON or YAML, as \`backups schedule describe -o json\` prints it) and reports every rule it breaks at once, each with its JSON path, Atlas error code and what is allowed. Nothing is sent anywhere: use it as a policy-as-code check in CI.
Retentions in different units are compared in days, with a week as 7, a month as 31 and a year as 12 months (372 days): Atlas does not document its own comparison, so a verdict that a shorter month or year would reverse is a warning, not an error.
Exit code 0 when the schedule is valid (warnings allowed), 2 when it breaks a rule.`

  static override examples = [
    '<%= config.bin %> <%= command.id %> -f schedule.json',
    '<%= config.bin %> <%= command.id %> -f schedule.yaml --tier M40_NVME --pit',
    '<%= config.bin %> <%= command.id %> -f schedule.json --tier M30 --pit --provider AWS -o json',
  ]

  static override flags = {
    file: Flags.string({char: 'f', description: 'Path to the schedule document (JSON or YAML); - reads stdin.', required: true}),
    nvme: Flags.boolean({description: 'The cluster uses NVMe storage (hourly snapshots every 12 hours only). Implied by an _NVME tier.'}),
    pit: Flags.boolean({description: 'Continuous Cloud Backup (point-in-time restore) is on for the cluster.'}),
    provider: Flags.string({description: 'Cloud provider of the cluster\'s primary region, to check copy settings.', options: ['AWS', 'AZURE', 'GCP']}),
    tier: Flags.string({default: 'M10', description: 'Cluster tier: M0, M2, M5, M10 and above (M30, R40, M40_NVME …), FLEX or SERVERLESS.'}),
  }

  public async run(): Promise<void> {
    const {file, nvme, pit, provider, tier} = this.flags
    const cloud = provider as CloudProvider | undefined
    if (!isOfferedTier(tier)) throw new UsageError(`unknown tier "${tier}"`, 'Use a tier Atlas offers: M0, M2, M5, FLEX, SERVERLESS, or a dedicated size such as M10, M30, R40 or M40_NVME')
    if (cloud && !isOfferedTier(tier, cloud)) throw new UsageError(`${cloud} has no ${tier.toUpperCase()} tier`, 'Check --tier and --provider')
    const document = await readObjectDocument(file, 'a backup schedule', 'A schedule is an object in the shape `backups schedule describe <cluster> -o json` prints')
    refuseOversizedSchedule(document, file)
    const violations = validateSchedule(document, {
      cluster: {tier, nvme, pitEnabled: pit, provider: cloud},
    })
    await this.present(violations, (list) => this.describe(list))
    if (hasErrors(violations)) process.exitCode = EXIT.USAGE
  }

  private async describe(violations: Violation[]): Promise<string> {
    if (violations.length === 0) return 'The backup schedule is valid.'
    const table = await formatTable(
      ['PATH', 'SEVERITY', 'ERROR CODE', 'MESSAGE'],
      violations.map((v) => [v.path, v.severity, v.errorCode, v.message]),
    )
    const errors = violations.filter((v) => v.severity === 'error').length
    const verdict = errors === 0 ? 'The backup schedule is valid, with warnings.' : `The backup schedule breaks ${errors === 1 ? '1 rule' : `${errors} rules`}.`
    return `${table}\n${verdict}`
  }
}
