import {BACKUPS, commandAliases, COMPLIANCE_POLICY, ENCRYPTION_AT_REST} from '../../../../lib/cli/aliases.js'
import {complianceWatchFlags, CompliancePolicyChangeCommand} from '../../../../lib/cli/compliance-policy.js'
import {toggledText} from '../../../../lib/cli/views/compliance-policy.js'

const ALIASES = commandAliases(BACKUPS, COMPLIANCE_POLICY, ENCRYPTION_AT_REST, ['enable'])

export default class BackupsCompliancePolicyEncryptionAtRestEnable extends CompliancePolicyChangeCommand<typeof BackupsCompliancePolicyEncryptionAtRestEnable> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Enable encryption-at-rest for the backup compliance policy for your project.'
  static override description = 'Reads the policy and sends it back whole with encryptionAtRestEnabled set to true.'
  static override flags = {...complianceWatchFlags}
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --watch']

  public async run(): Promise<void> {
    await this.change(() => ({encryptionAtRestEnabled: true}), (watched) => toggledText('Encryption at rest', true, watched))
  }
}
