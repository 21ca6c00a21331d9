import {BACKUPS, commandAliases, COMPLIANCE_POLICY, ENCRYPTION_AT_REST} from '../../../../lib/cli/aliases.js'
import {complianceWatchFlags, CompliancePolicyChangeCommand} from '../../../../lib/cli/compliance-policy.js'
import {toggledText} from '../../../../lib/cli/views/compliance-policy.js'

const ALIASES = commandAliases(BACKUPS, COMPLIANCE_POLICY, ENCRYPTION_AT_REST, ['disable'])

export default class BackupsCompliancePolicyEncryptionAtRestDisable extends CompliancePolicyChangeCommand<typeof BackupsCompliancePolicyEncryptionAtRestDisable> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Disable encryption-at-rest for the backup compliance policy for your project.'
  static override description = 'Reads the policy and sends it back whole with encryptionAtRestEnabled set to false.'
  static override flags = {...complianceWatchFlags}
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --watch']

  public async run(): Promise<void> {
    await this.change(() => ({encryptionAtRestEnabled: false}), (watched) => toggledText('Encryption at rest', false, watched))
  }
}
