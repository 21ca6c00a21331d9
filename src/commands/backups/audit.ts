import * as Flags from '@oclif/core/flags'

import {BackendCommand} from '../../lib/cli/backend-command.js'
import {auditProgress} from '../../lib/cli/audit-progress.js'
import {UsageError} from '../../lib/cli/errors.js'
import {EXIT} from '../../lib/cli/exit-codes.js'
import {auditText} from '../../lib/cli/views/audit.js'

/** Requests in flight at once: enough to hide latency, well under Atlas's rate limits for one key. */
const DEFAULT_CONCURRENCY = 8

export default class BackupsAudit extends BackendCommand<typeof BackupsAudit> {
  static override summary = 'Check every cluster and serverless instance against a backup standard.'

  static override description = `Measures each cluster and serverless instance of the project (or of every project the credentials can see, with --allProjects) against the controls of a standard file (JSON or YAML; see examples/audit-standard.yaml): the backup policy's frequency and retention per frequency type, continuous backup and its restore window, a copy in another region, the age of the newest completed snapshot, failed snapshots in the last N days, and the project's Backup Compliance Policy. Nothing is changed. Time is the backend's (the emulator's virtual clock on the local backend).
Exit code 0 when every deployment passes, 1 when one fails or a project could not be read (those are listed on stderr), 2 for a bad standard file or flags.
-o json prints {standard, now, passed, controls, summary: {deployments, passed, failed, unreadProjects}, results: [{projectId, projectName, name, type, tier, passed, controls: [{id, status (pass, fail, notApplicable), reason}]}], unreadProjects: [{groupId, name, reason}]}.`

  static override examples = [
    '<%= config.bin %> <%= command.id %> --standard examples/audit-standard.yaml',
    '<%= config.bin %> <%= command.id %> --standard standard.json --allProjects -o json',
  ]

  static override flags = {
    allProjects: Flags.boolean({description: 'Audit every project the credentials can see, instead of one.'}),
    concurrency: Flags.integer({default: DEFAULT_CONCURRENCY, description: 'Requests in flight at once (1-64).', max: 64, min: 1}),
    standard: Flags.string({description: 'The standard to check against: a JSON or YAML file ("-" reads stdin).', required: true}),
  }

  public async run(): Promise<void> {
    const {allProjects, concurrency, standard: file} = this.flags
    if (allProjects && (this.flags as {projectId?: string}).projectId !== undefined) throw new UsageError('--allProjects and --projectId ask for different scopes', 'Give one of them')
    const {readStandardFile} = await import('../../lib/audit/standard-file.js')
    const standard = await readStandardFile(file)
    const scope = allProjects ? {allProjects: true as const} : {groupId: this.projectId()}
    const [{readFleet}, {auditProjects}] = await Promise.all([import('../../lib/audit/fleet.js'), import('../../lib/audit/report.js')])
    const backend = await this.backend()
    const now = await this.backendNow()
    const progress = auditProgress()
    try {
      const fleet = await readFleet(backend, scope, {concurrency})
      const report = await auditProjects(backend, fleet, standard, file === '-' ? 'stdin' : file, now, {concurrency, onProgress: (done, total) => progress.update(done, total)})
      progress.stop()
      for (const failure of report.unreadProjects) this.note(`Warning: project ${failure.name ?? failure.groupId} (${failure.groupId}) could not be read: ${failure.reason}`)
      await this.present(report, auditText)
      if (!report.passed) process.exitCode = EXIT.FAILED
    } finally {
      progress.stop()
    }
  }
}
