import * as Flags from '@oclif/core/flags'

import {BACKUPS, commandAliases, COMPLIANCE_POLICY} from '../../../lib/cli/aliases.js'
import {readPolicyFile} from '../../../lib/cli/compliance-file.js'
import {complianceWatchFlags, CompliancePolicyChangeCommand, confirmCompliancePolicy} from '../../../lib/cli/compliance-policy.js'
import {forceFlag} from '../../../lib/cli/flags.js'
import {setupText} from '../../../lib/cli/views/compliance-policy.js'

const ALIASES = commandAliases(BACKUPS, COMPLIANCE_POLICY, ['setup'])

export default class BackupsCompliancePolicySetup extends CompliancePolicyChangeCommand<typeof BackupsCompliancePolicySetup> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Setup the backup compliance policy for your project with a configuration file.'
  static override description = `The file holds the policy's settings as the API names them (authorizedEmail, authorizedUserFirstName, authorizedUserLastName, copyProtectionEnabled, encryptionAtRestEnabled, pitEnabled, restoreWindowDays, scheduledPolicyItems, onDemandPolicyItem); it replaces the whole policy, and Atlas raises cluster policies below it. A policy cannot be disabled without MongoDB Support: on a terminal you are asked to confirm; in scripts and CI pass --force. Run \`compliancePolicy check -f FILE\` first to see what it would change.`
  static override flags = {
    file: Flags.string({char: 'f', description: 'Path to a JSON configuration file that defines backup compliance policy settings ("-" reads stdin). Note: Unsupported fields in the JSON file are ignored.', required: true}),
    force: forceFlag,
    ...complianceWatchFlags,
  }
  static override examples = ['<%= config.bin %> <%= command.id %> -f policy.json', '<%= config.bin %> <%= command.id %> -f policy.json --force --watch']

  public async run(): Promise<void> {
    const timing = this.watchTiming()
    const projectId = this.projectId()
    const {request, ignored} = await readPolicyFile(this.flags.file, projectId)
    if (ignored.length > 0) this.note(`Note: ${this.flags.file} has fields a backup compliance policy does not, ignored: ${ignored.join(', ')}`)
    await confirmCompliancePolicy(this.flags.force)
    const backend = await this.backend()
    const answer = await backend.updateCompliancePolicy(projectId, request)
    if (timing) {
      await this.present(await this.settled(backend, projectId, answer, timing), (policy) => setupText(policy, true))
    } else {
      // The Atlas CLI shows the configuration it sent, not Atlas's answer; -o json shows the answer.
      await this.present(answer, () => setupText(request, false))
    }
  }
}
