import {BACKUPS, commandAliases, COMPLIANCE_POLICY} from '../../../../../lib/cli/aliases.js'
import {complianceWatchFlags, CompliancePolicyChangeCommand, retentionFlags} from '../../../../../lib/cli/compliance-policy.js'
import {policyUpdatedText} from '../../../../../lib/cli/views/compliance-policy.js'
import type {RetentionUnit} from '../../../../../lib/domain/types.js'

const ALIASES = commandAliases(BACKUPS, COMPLIANCE_POLICY, ['policies'], ['ondemand'], ['create'])

export default class BackupsCompliancePolicyPoliciesOndemandCreate extends CompliancePolicyChangeCommand<typeof BackupsCompliancePolicyPoliciesOndemandCreate> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Create the on-demand policy item of the backup compliance policy for your project.'
  static override description = 'Reads the policy and sends it back whole with this on-demand item, which replaces any the policy had (create and update do the same, as in the Atlas CLI). On-demand snapshots must then be kept at least this long.'
  static override flags = {...retentionFlags, ...complianceWatchFlags}
  static override examples = ['<%= config.bin %> <%= command.id %> --retentionUnit days --retentionValue 7']

  public async run(): Promise<void> {
    const {retentionValue} = this.flags
    const retentionUnit = this.flags.retentionUnit as RetentionUnit
    await this.change(() => ({onDemandPolicyItem: {frequencyType: 'ondemand', frequencyInterval: 0, retentionUnit, retentionValue}}), (watched) => policyUpdatedText(watched))
  }
}
