import {BACKUPS, commandAliases, COMPLIANCE_POLICY} from '../../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../../lib/cli/backend-command.js'
import {compliancePoliciesText} from '../../../../lib/cli/views/compliance-policy.js'

const ALIASES = commandAliases(BACKUPS, COMPLIANCE_POLICY, ['policies'], ['describe'])

export default class BackupsCompliancePolicyPoliciesDescribe extends BackendCommand<typeof BackupsCompliancePolicyPoliciesDescribe> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Return the individual policy items of the backup compliance policy for your project.'
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> -o json']

  public async run(): Promise<void> {
    const projectId = this.projectId()
    const backend = await this.backend()
    await this.present(await backend.getCompliancePolicy(projectId), compliancePoliciesText)
  }
}
