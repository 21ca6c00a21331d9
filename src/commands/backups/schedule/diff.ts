import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {BackendCommand} from '../../../lib/cli/backend-command.js'
import {EXIT} from '../../../lib/cli/exit-codes.js'
import {previewScheduleChange, readScheduleChange, scheduleChangeFlags} from '../../../lib/cli/schedule-change.js'
import {scheduleDiffText, scheduleDiffView} from '../../../lib/cli/views/schedule-diff.js'
import {violationLine} from '../../../lib/cli/violations.js'

export default class BackupsScheduleDiff extends BackendCommand<typeof BackupsScheduleDiff> {
  static override summary = 'Preview what a schedule update would change, without sending it.'

  static override description = `Takes the change as \`backups schedule update\` takes it (-f FILE, or the update flags) and prints what it would change: policy items added, removed and changed, the other fields, what it does to the snapshots already taken (--updateSnapshots: how many expire earlier or later and which expire at once; --deleteSnapshots: which are deleted), and the estimated number of snapshots and worst gap between restore points before and after (as \`backups schedule plan\` computes them). Nothing is sent.
Exit code 0 when the update would change nothing, 1 when it would change something (so CI can detect drift between a schedule file and the cluster), 2 for bad input, including a schedule that breaks a rule.`

  static override examples = [
    '<%= config.bin %> <%= command.id %> Cluster0 -f schedule.yaml --updateSnapshots --deleteSnapshots',
    "<%= config.bin %> <%= command.id %> Cluster0 --policy ',,yearly,1,years,7' -o json",
    '<%= config.bin %> <%= command.id %> Cluster0 -f schedule.yaml >/dev/null || echo "the cluster drifted from schedule.yaml"',
  ]

  static override args = {clusterName: Args.string({description: 'Human-readable label for the cluster whose schedule the update would change.', required: true})}

  // The update's flags; the two that delete say what the diff shows rather than that they ask first.
  static override flags = {
    ...scheduleChangeFlags,
    deleteCopiedBackups: Flags.boolean({description: 'Show the copies the update would delete in the regions --removeCopyRegion removes.'}),
    deleteSnapshots: Flags.boolean({description: 'Show the snapshots of the removed policy items the update would delete.'}),
  }

  public async run(): Promise<void> {
    const request = await readScheduleChange(this.flags)
    const backend = await this.backend()
    const {clusterName} = this.args
    const preview = await previewScheduleChange(backend, this.projectId(), clusterName, request, () => this.backendNow())
    for (const warning of preview.warnings) this.note(`Warning: ${violationLine(warning)}`)
    await this.present(scheduleDiffView(preview.diff, {clusterName, now: preview.now}), scheduleDiffText)
    if (preview.diff.changed) process.exitCode = EXIT.FAILED
  }
}
