import * as Flags from '@oclif/core/flags'

import {BACKUPS, commandAliases, COMPLIANCE_POLICY} from '../../../lib/cli/aliases.js'
import {complianceWatchFlags, CompliancePolicyChangeCommand, confirmCompliancePolicy, emailProblem, requireValidPolicy} from '../../../lib/cli/compliance-policy.js'
import {UsageError} from '../../../lib/cli/errors.js'
import {forceFlag} from '../../../lib/cli/flags.js'
import {enableText} from '../../../lib/cli/views/compliance-policy.js'
import type {CompliancePolicyRequest} from '../../../lib/domain/types.js'

const ALIASES = commandAliases(BACKUPS, COMPLIANCE_POLICY, ['enable'])

export default class BackupsCompliancePolicyEnable extends CompliancePolicyChangeCommand<typeof BackupsCompliancePolicyEnable> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Enable Backup Compliance Policy without any configuration.'
  static override description = `Sets the project's policy to the authorized user alone: no policy items, copy protection, encryption at rest and point-in-time restores off (the same request as the Atlas CLI; it replaces any settings the policy had). A policy cannot be disabled without MongoDB Support: on a terminal you are asked to confirm; in scripts and CI pass --force.`
  static override flags = {
    authorizedEmail: Flags.string({description: 'Email address of the user who authorized to update the backup compliance policy settings.', required: true}),
    authorizedUserFirstName: Flags.string({description: 'First name of the user who authorized to update the backup compliance policy settings.', required: true}),
    authorizedUserLastName: Flags.string({description: 'Last name of the user who authorized to update the backup compliance policy settings.', required: true}),
    force: forceFlag,
    ...complianceWatchFlags,
  }
  static override examples = ['<%= config.bin %> <%= command.id %> --authorizedEmail jane.doe@example.com --authorizedUserFirstName Jane --authorizedUserLastName Doe --force']

  public async run(): Promise<void> {
    const {authorizedEmail, authorizedUserFirstName, authorizedUserLastName, force} = this.flags
    const problem = emailProblem(authorizedEmail)
    if (problem) throw new UsageError(`unable to enable compliance policy due to invalid email: ${problem}`, 'Give --authorizedEmail as name@domain')
    for (const [flag, value] of [['--authorizedUserFirstName', authorizedUserFirstName], ['--authorizedUserLastName', authorizedUserLastName]] as const) {
      if (value.trim() === '') throw new UsageError(`${flag} is empty`, 'Give the name of the user who authorized the policy')
    }
    const timing = this.watchTiming()
    const projectId = this.projectId()
    const request: CompliancePolicyRequest = {authorizedEmail, authorizedUserFirstName, authorizedUserLastName, copyProtectionEnabled: false, encryptionAtRestEnabled: false, pitEnabled: false, projectId}
    requireValidPolicy(request, 'the policy')
    await confirmCompliancePolicy(force)
    const backend = await this.backend()
    const policy = await this.settled(backend, projectId, await backend.updateCompliancePolicy(projectId, request), timing)
    await this.present(policy, () => enableText(timing !== undefined))
  }
}
