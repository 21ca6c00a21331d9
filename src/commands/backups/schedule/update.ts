import * as Flags from '@oclif/core/flags'

import type {ScheduleChange} from '../../../lib/backends/backend.js'
import {BACKUPS, commandAliases, SCHEDULE} from '../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../lib/cli/backend-command.js'
import {hasCopyRegionEdits} from '../../../lib/cli/copy-region-flags.js'
import {CliError, UsageError} from '../../../lib/cli/errors.js'
import {forceFlag} from '../../../lib/cli/flags.js'
import {canPrompt, requireConfirmation} from '../../../lib/cli/prompts.js'
import {
  checkedSchedulePatch,
  copyZoneFor,
  deletesSnapshots,
  previewScheduleChange,
  readScheduleChange,
  scheduleChangeFlags,
  type ScheduleChangePreview,
  updatesSnapshots,
} from '../../../lib/cli/schedule-change.js'
import {removedItemIds} from '../../../lib/cli/schedule-flags.js'
import {scheduleDiffText, scheduleDiffView} from '../../../lib/cli/views/schedule-diff.js'
import {violationLine} from '../../../lib/cli/violations.js'
import type {BackupSchedule} from '../../../lib/domain/types.js'
import type {Violation} from '../../../lib/policy/index.js'

const ALIASES = commandAliases(BACKUPS, SCHEDULE, ['update', 'updates'])

function describeItems(schedule: BackupSchedule, ids: string[]): string {
  const items = schedule.policies[0]?.policyItems ?? []
  return ids.map((id) => `${id} (${items.find((item) => item.id === id)?.frequencyType ?? 'item'})`).join(', ')
}

export default class BackupsScheduleUpdate extends BackendCommand<typeof BackupsScheduleUpdate> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Modify the backup schedule for the specified cluster for your project.'
  static override description = `The backup schedule defines when MongoDB takes scheduled snapshots and how long it keeps them. Every rule the new schedule would break is reported at once, with its path and Atlas error code, before anything changes (exit code 2).
Unlike the Atlas CLI, --policy can add items (leave policyItemID empty), --removePolicyItem removes them, and the years unit is accepted. The change is worked out from the schedule as it is when it is written, so two updates made at once both land (over Atlas, see the README for the one race left).
-f takes a schedule in the API's shape (JSON or YAML); its policyItems replace the current ones. The other schedule flags can be given with -f and replace the file's field; --policy and --removePolicyItem cannot (edit the file's policyItems instead).
On a terminal the update first shows what it would change (as \`backups schedule diff\` prints it) and asks once; --force sends it without asking. Without a terminal it is sent as it is, except what deletes snapshots: --deleteSnapshots (the snapshots of the items the update removes) and --updateSnapshots when a shorter retention makes snapshots expire at once need --force.
--autoExport needs an export bucket and a frequency (monthly or yearly, the values the Atlas API accepts), given with it or already in the schedule.
Beyond the Atlas CLI, copy settings have flags too: --copyRegion REGION:daily,weekly[:oplog] copies those snapshots (and the oplog, for point-in-time restores) to REGION, adding the region or replacing its setting; --removeCopyRegion REGION stops copying there, and the copies stay until they expire unless --deleteCopiedBackups deletes them (it asks first on a terminal and needs --force without one). They change the cluster's only zone; a Global Cluster needs --zoneId.`
  static override flags = {
    ...scheduleChangeFlags,
    clusterName: Flags.string({description: 'Name of the cluster.', required: true}),
    force: forceFlag,
  }
  static override examples = [
    '<%= config.bin %> <%= command.id %> --clusterName Cluster0 --referenceHourOfDay 3 --referenceMinuteOfHour 30',
    "<%= config.bin %> <%= command.id %> --clusterName Cluster0 --policy ',,yearly,1,years,7'",
    '<%= config.bin %> <%= command.id %> --clusterName Cluster0 -f schedule.yaml --updateSnapshots',
    '<%= config.bin %> <%= command.id %> --clusterName Cluster0 --removePolicyItem 68fd64806675a7fbfd9f06ca --deleteSnapshots --force',
    '<%= config.bin %> <%= command.id %> --clusterName Cluster0 --copyRegion US_WEST_2:daily,weekly:oplog',
    '<%= config.bin %> <%= command.id %> --clusterName Cluster0 --removeCopyRegion US_WEST_2 --deleteCopiedBackups --force',
  ]

  public async run(): Promise<void> {
    const flags = this.flags
    const request = await readScheduleChange(flags)
    const {values, base, copies} = request
    // Deleting snapshots asks first, whether the flag or the file asks for it. Without a terminal that is decided
    // here, before anything is sent.
    const mayRemoveItems = values.removeItemIds.length > 0 || base.policies !== undefined
    const mustConfirmRemovals = deletesSnapshots(request) && mayRemoveItems && !flags.force
    const terminal = canPrompt()
    if (mustConfirmRemovals && !terminal) {
      throw new UsageError('--deleteSnapshots deletes snapshots, and there is no terminal to confirm on', 'Pass --force to confirm in scripts and CI')
    }
    if (copies.deleteCopiedBackups && !flags.force && !terminal) {
      throw new UsageError('--deleteCopiedBackups deletes the copies of snapshots, and there is no terminal to confirm on', 'Pass --force to confirm in scripts and CI')
    }

    const backend = await this.backend()
    const projectId = this.projectId()
    const clusterName = flags.clusterName
    // On a terminal the update shows what it changes and asks once; in a script it is worked out only when
    // --updateSnapshots may expire snapshots at once, which needs --force there.
    const preview = flags.force ? undefined : terminal || updatesSnapshots(request) ? await previewScheduleChange(backend, projectId, clusterName, request, () => this.backendNow()) : undefined
    if (preview && !terminal && preview.diff.snapshots.expireAtOnce.length > 0) {
      throw new UsageError(`--updateSnapshots would make ${preview.diff.snapshots.expireAtOnce.length} snapshots expire at once, and there is no terminal to confirm on`, 'Pass --force to confirm in scripts and CI (`backups schedule diff` lists them)')
    }
    const confirmed = preview && terminal ? await this.confirmChange(preview) : undefined
    const zone = hasCopyRegionEdits(copies) ? copyZoneFor(request, await backend.getCluster(projectId, clusterName)) : undefined
    const warnings: Violation[] = []
    const change: ScheduleChange = (current, cluster) => {
      // Atlas reports one violation per request; checking here first reports all of them, whichever backend answers.
      const checked = checkedSchedulePatch(request, current, cluster, zone)
      const patch = checked.patch
      const unconfirmed = confirmed && patch.deleteSnapshots ? removedItemIds(current, patch).filter((id) => !confirmed.has(id)) : []
      if (unconfirmed.length > 0) {
        throw new CliError(`the schedule changed after you confirmed: this update would now also remove ${describeItems(current, unconfirmed)} and its snapshots, so nothing was changed`, {hint: 'Run the command again to see what it removes now'})
      }
      warnings.splice(0, warnings.length, ...checked.warnings)
      return patch
    }
    const updated = await backend.changeSchedule(projectId, clusterName, change)
    for (const warning of warnings) this.note(`Warning: ${violationLine(warning)}`)
    await this.present(updated, () => `Snapshot backup policy for cluster '${clusterName}' updated.`)
  }

  /**
   * Shows the diff on stderr and asks once, naming what the update deletes (the removed items' snapshots, the copies
   * in the regions removed). Asks nothing when the update changes nothing. Returns the ids of the items whose
   * snapshots the user agreed to delete: the write refuses to remove any other (the schedule may change meanwhile).
   */
  private async confirmChange(preview: ScheduleChangePreview): Promise<Set<string>> {
    const {diff, current} = preview
    const clusterName = this.flags.clusterName
    const removing = diff.snapshots.deleteSnapshots ? diff.itemsRemoved.map((item) => item.id!).filter(Boolean) : []
    if (!diff.changed) return new Set(removing)
    process.stderr.write(scheduleDiffText(scheduleDiffView(diff, {clusterName, now: preview.now})) + '\n')
    const deletions: string[] = []
    if (removing.length > 0) deletions.push(`remove ${removing.length === 1 ? 'policy item' : 'policy items'} ${describeItems(current, removing)} of ${clusterName} and delete every snapshot taken for ${removing.length === 1 ? 'it' : 'them'}`)
    if (diff.copiesDeletedIn.length > 0) deletions.push(`stop copying ${clusterName}'s snapshots to ${diff.copiesDeletedIn.join(', ')} and delete every copy there`)
    const atOnce = diff.snapshots.expireAtOnce.length
    if (atOnce > 0) deletions.push(`delete the ${atOnce === 1 ? 'snapshot' : `${atOnce} snapshots`} whose new retention has run out`)
    const question = deletions.length === 0 ? `Are you sure you want to apply this change to the backup schedule of ${clusterName}?` : `Are you sure you want to ${deletions.join(', and ')}?`
    const declined = removing.length > 0 || atOnce > 0 ? 'schedule not updated: the deletion was not confirmed' : diff.copiesDeletedIn.length > 0 ? 'schedule not updated: the deletion of the copies was not confirmed' : 'schedule not updated: the change was not confirmed'
    await requireConfirmation(question, false, declined)
    return new Set(removing)
  }
}
