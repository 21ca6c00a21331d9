import {BACKUPS, commandAliases, COMPLIANCE_POLICY, COPY_PROTECTION} from '../../../../lib/cli/aliases.js'
import {complianceWatchFlags, CompliancePolicyChangeCommand} from '../../../../lib/cli/compliance-policy.js'
import {toggledText} from '../../../../lib/cli/views/compliance-policy.js'

const ALIASES = commandAliases(BACKUPS, COMPLIANCE_POLICY, COPY_PROTECTION, ['disable'])

export default class BackupsCompliancePolicyCopyProtectionDisable extends CompliancePolicyChangeCommand<typeof BackupsCompliancePolicyCopyProtectionDisable> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Disable copy protection of the backup compliance policy for your project.'
  static override description = 'Reads the policy and sends it back whole with copyProtectionEnabled set to false.'
  static override flags = {...complianceWatchFlags}
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --watch']

  public async run(): Promise<void> {
    await this.change(() => ({copyProtectionEnabled: false}), (watched) => toggledText('Copy protection', false, watched))
  }
}
