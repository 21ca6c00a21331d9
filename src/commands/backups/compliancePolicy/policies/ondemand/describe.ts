import {BACKUPS, commandAliases, COMPLIANCE_POLICY} from '../../../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../../../lib/cli/backend-command.js'
import {onDemandItemText} from '../../../../../lib/cli/views/compliance-policy.js'

const ALIASES = commandAliases(BACKUPS, COMPLIANCE_POLICY, ['policies'], ['ondemand'], ['describe'])

export default class BackupsCompliancePolicyPoliciesOndemandDescribe extends BackendCommand<typeof BackupsCompliancePolicyPoliciesOndemandDescribe> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Return the on-demand policy item of the backup compliance policy for your project.'
  static override description = 'With -o json it prints the item, or null when the policy has none.'
  static override examples = ['<%= config.bin %> <%= command.id %>']

  public async run(): Promise<void> {
    const projectId = this.projectId()
    const backend = await this.backend()
    await this.present((await backend.getCompliancePolicy(projectId)).onDemandPolicyItem, onDemandItemText)
  }
}
