import {BACKUPS, commandAliases, COMPLIANCE_POLICY} from '../../../../../lib/cli/aliases.js'
import {complianceWatchFlags, CompliancePolicyChangeCommand, scheduledItemFlags} from '../../../../../lib/cli/compliance-policy.js'
import {policyUpdatedText} from '../../../../../lib/cli/views/compliance-policy.js'
import type {CompliancePolicyItem, RetentionUnit, ScheduledFrequencyType} from '../../../../../lib/domain/types.js'

const ALIASES = commandAliases(BACKUPS, COMPLIANCE_POLICY, ['policies'], ['scheduled'], ['create'])

export default class BackupsCompliancePolicyPoliciesScheduledCreate extends CompliancePolicyChangeCommand<typeof BackupsCompliancePolicyPoliciesScheduledCreate> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Create a scheduled policy item for the backup compliance policy for your project.'
  static override description = 'Reads the policy and sends it back whole with this item added to its scheduled items. Every cluster policy in the project must then meet it; Atlas raises those below it.'
  static override flags = {...scheduledItemFlags, ...complianceWatchFlags}
  static override examples = ['<%= config.bin %> <%= command.id %> --frequencyType hourly --frequencyInterval 6 --retentionUnit days --retentionValue 7']

  public async run(): Promise<void> {
    const {frequencyInterval, retentionValue} = this.flags
    const item: CompliancePolicyItem = {frequencyType: this.flags.frequencyType as ScheduledFrequencyType, frequencyInterval, retentionUnit: this.flags.retentionUnit as RetentionUnit, retentionValue}
    await this.change((current) => ({scheduledPolicyItems: [...current.scheduledPolicyItems, item]}), (watched) => policyUpdatedText(watched))
  }
}
