import {BACKUPS, commandAliases, COMPLIANCE_POLICY, POINT_IN_TIME_RESTORES} from '../../../../lib/cli/aliases.js'
import {complianceWatchFlags, CompliancePolicyChangeCommand, restoreWindowDaysFlag} from '../../../../lib/cli/compliance-policy.js'
import {pointInTimeText} from '../../../../lib/cli/views/compliance-policy.js'

const ALIASES = commandAliases(BACKUPS, COMPLIANCE_POLICY, POINT_IN_TIME_RESTORES, ['enable'])

export default class BackupsCompliancePolicyPointInTimeRestoresEnable extends CompliancePolicyChangeCommand<typeof BackupsCompliancePolicyPointInTimeRestoresEnable> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Enable Point-in-Time restores for the backup compliance policy for your project.'
  static override description = 'Reads the policy and sends it back whole with pitEnabled true and the restore window given. The window cannot be longer than the policy\'s hourly retention (rule 86), and once set it cannot be shortened without MongoDB Support.'
  static override flags = {restoreWindowDays: restoreWindowDaysFlag, ...complianceWatchFlags}
  static override examples = ['<%= config.bin %> <%= command.id %> --restoreWindowDays 7']

  public async run(): Promise<void> {
    const {restoreWindowDays} = this.flags
    await this.change(() => ({pitEnabled: true, restoreWindowDays}), (watched) => pointInTimeText(restoreWindowDays, watched))
  }
}
