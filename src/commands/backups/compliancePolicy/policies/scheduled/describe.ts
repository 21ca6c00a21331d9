import {BACKUPS, commandAliases, COMPLIANCE_POLICY} from '../../../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../../../lib/cli/backend-command.js'
import {scheduledItemsText} from '../../../../../lib/cli/views/compliance-policy.js'

const ALIASES = commandAliases(BACKUPS, COMPLIANCE_POLICY, ['policies'], ['scheduled'], ['describe'])

export default class BackupsCompliancePolicyPoliciesScheduledDescribe extends BackendCommand<typeof BackupsCompliancePolicyPoliciesScheduledDescribe> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Return the scheduled policy items of the backup compliance policy for your project.'
  static override description = 'With -o json it prints the list of items ([] when there are none).'
  static override examples = ['<%= config.bin %> <%= command.id %>']

  public async run(): Promise<void> {
    const projectId = this.projectId()
    const backend = await this.backend()
    await this.present((await backend.getCompliancePolicy(projectId)).scheduledPolicyItems, scheduledItemsText)
  }
}
