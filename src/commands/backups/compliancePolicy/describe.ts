import {BACKUPS, commandAliases, COMPLIANCE_POLICY} from '../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../lib/cli/backend-command.js'
import {compliancePolicyText} from '../../../lib/cli/views/compliance-policy.js'

const ALIASES = commandAliases(BACKUPS, COMPLIANCE_POLICY, ['describe', 'get'])

export default class BackupsCompliancePolicyDescribe extends BackendCommand<typeof BackupsCompliancePolicyDescribe> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Return the backup compliance policy for your project.'
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --projectId 5e2211c17a3e5a48f5497de3 -o json']

  public async run(): Promise<void> {
    const projectId = this.projectId()
    const backend = await this.backend()
    await this.present(await backend.getCompliancePolicy(projectId), compliancePolicyText)
  }
}
