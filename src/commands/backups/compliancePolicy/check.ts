import * as Flags from '@oclif/core/flags'

import {BACKUPS, commandAliases, COMPLIANCE_POLICY} from '../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../lib/cli/backend-command.js'
import {checkCompliance, minimumOfFile} from '../../../lib/cli/compliance-check.js'
import {readPolicyFile} from '../../../lib/cli/compliance-file.js'
import {compliancePolicyOrNone} from '../../../lib/backends/compliance-policy-or-none.js'
import {CliError} from '../../../lib/cli/errors.js'
import {EXIT} from '../../../lib/cli/exit-codes.js'
import {complianceCheckText} from '../../../lib/cli/views/compliance-policy.js'
import type {ComplianceMinimum} from '../../../lib/compliance/index.js'

const ALIASES = commandAliases(BACKUPS, COMPLIANCE_POLICY, ['check'])

export default class BackupsCompliancePolicyCheck extends BackendCommand<typeof BackupsCompliancePolicyCheck> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Report, cluster by cluster, what a backup compliance policy would change or refuse.'
  static override description = `Measures every cluster's backup policy against the project's compliance policy, or against the one in -f FILE before you set it up: each gap is either raised by Atlas to the policy's minimum, or (a customer key, an NVMe cluster's hourly interval) cannot be, and Atlas then refuses the whole policy. Clusters below M10 are not covered. Nothing is changed.
Exit code 0 when every covered cluster complies, 1 when one does not (a CI step can gate on it), 2 for a bad file.
-o json prints {projectId, policy ("project" or the file), complies, clusters: [{clusterName, tier, verdict (complies, raise, refuse, not covered), shortfalls: [{field, required, actual, message, raisable}]}]}.`
  static override flags = {
    file: Flags.string({char: 'f', description: 'Check this policy (the file `setup` takes; "-" reads stdin) instead of the project\'s.'}),
  }
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> -f policy.json -o json']

  public async run(): Promise<void> {
    const projectId = this.projectId()
    const fromFile = this.flags.file === undefined ? undefined : minimumOfFile((await readPolicyFile(this.flags.file, projectId)).request)
    const backend = await this.backend()
    const policy: ComplianceMinimum = fromFile ?? (await this.projectPolicy(projectId))
    const report = await checkCompliance(backend, projectId, policy, this.flags.file ?? 'project')
    await this.present(report, complianceCheckText)
    if (!report.complies) process.exitCode = EXIT.FAILED
  }

  private async projectPolicy(projectId: string): Promise<ComplianceMinimum> {
    const policy = await compliancePolicyOrNone(await this.backend(), projectId)
    if (policy === undefined) {
      throw new CliError(`project ${projectId} has no backup compliance policy to check against`, {exitCode: EXIT.USAGE, hint: 'Give the policy you mean to set up with -f FILE'})
    }
    return policy
  }
}
