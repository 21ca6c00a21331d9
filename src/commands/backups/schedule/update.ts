import * as Flags from '@oclif/core/flags'

import type {Backend, ScheduleChange} from '../../../lib/backends/backend.js'
import {BACKUPS, commandAliases, SCHEDULE} from '../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../lib/cli/backend-command.js'
import {copyRegionEdits, copyZoneOf, type CopyRegionEdits, type CopyZone, editCopySettings, hasCopyRegionEdits} from '../../../lib/cli/copy-region-flags.js'
import {readObjectDocument} from '../../../lib/cli/document-file.js'
import {CliError, UsageError} from '../../../lib/cli/errors.js'
import {forceFlag} from '../../../lib/cli/flags.js'
import {canPrompt, requireConfirmation} from '../../../lib/cli/prompts.js'
import {
  buildSchedulePatch,
  checkExportField,
  EXPORT_FREQUENCIES,
  type ExportFrequency,
  hasScheduleChanges,
  parsePolicyFlag,
  removedItemIds,
  type ScheduleFlagValues,
} from '../../../lib/cli/schedule-flags.js'
import {refuseOversizedSchedule, violationLine, violationsError} from '../../../lib/cli/violations.js'
import {isObjectId} from '../../../lib/domain/ids.js'
import type {BackupSchedule, BackupSchedulePatch} from '../../../lib/domain/types.js'
import {hasErrors, validateSchedule, type Violation} from '../../../lib/policy/index.js'

const ALIASES = commandAliases(BACKUPS, SCHEDULE, ['update', 'updates'])
const READ_ONLY_FIELDS = ['clusterId', 'clusterName', 'links', 'nextSnapshot']

function onOff(on: boolean, off: boolean): boolean | undefined {
  return on ? true : off ? false : undefined
}

function inRange(value: number | undefined, min: number, max: number, name: string, allowed: string): number | undefined {
  if (value !== undefined && (value < min || value > max)) throw new UsageError(`incorrect value for parameter ${name}: ${value}`, `Value must be ${allowed}`)
  return value
}

function describeItems(schedule: BackupSchedule, ids: string[]): string {
  const items = schedule.policies[0]?.policyItems ?? []
  return ids.map((id) => `${id} (${items.find((item) => item.id === id)?.frequencyType ?? 'item'})`).join(', ')
}

function withCopyEdits(patch: BackupSchedulePatch, current: BackupSchedule, copies: CopyRegionEdits, zone: CopyZone | undefined): BackupSchedulePatch {
  return zone === undefined ? patch : {...patch, ...editCopySettings(current, copies, zone)}
}

export default class BackupsScheduleUpdate extends BackendCommand<typeof BackupsScheduleUpdate> {
  static override aliases = ALIASES.aliases
  static override hiddenAliases = ALIASES.hiddenAliases
  static override summary = 'Modify the backup schedule for the specified cluster for your project.'
  static override description = `The backup schedule defines when MongoDB takes scheduled snapshots and how long it keeps them. Every rule the new schedule would break is reported at once, with its path and Atlas error code, before anything changes (exit code 2).
Unlike the Atlas CLI, --policy can add items (leave policyItemID empty), --removePolicyItem removes them, and the years unit is accepted. The change is worked out from the schedule as it is when it is written, so two updates made at once both land (over Atlas, see the README for the one race left).
-f takes a schedule in the API's shape (JSON or YAML); its policyItems replace the current ones. The other schedule flags can be given with -f and replace the file's field; --policy and --removePolicyItem cannot (edit the file's policyItems instead).
--deleteSnapshots deletes the snapshots of the items the update removes: it asks first on a terminal and needs --force without one.
--autoExport needs an export bucket and a frequency (monthly or yearly, the values the Atlas API accepts), given with it or already in the schedule.
Beyond the Atlas CLI, copy settings have flags too: --copyRegion REGION:daily,weekly[:oplog] copies those snapshots (and the oplog, for point-in-time restores) to REGION, adding the region or replacing its setting; --removeCopyRegion REGION stops copying there, and the copies stay until they expire unless --deleteCopiedBackups deletes them (it asks first on a terminal and needs --force without one). They change the cluster's only zone; a Global Cluster needs --zoneId.`
  static override flags = {
    autoExport: Flags.boolean({description: 'Enable automatic export of snapshots to the export bucket (needs a bucket and a frequency).', exclusive: ['noAutoExport']}),
    clusterName: Flags.string({description: 'Name of the cluster.', required: true}),
    copyRegion: Flags.string({description: "Copy snapshots to a region, as 'REGION:frequency[,frequency…][:oplog]' (frequencies hourly, daily, weekly, monthly, yearly, ondemand); adds the region or replaces its setting; repeatable.", multiple: true}),
    deleteCopiedBackups: Flags.boolean({description: 'Also delete the copies in the regions --removeCopyRegion removes (asks first; --force in scripts).'}),
    deleteSnapshots: Flags.boolean({description: 'Also delete the snapshots of the policy items this update removes (asks first; --force in scripts).'}),
    exportBucketId: Flags.string({description: 'Unique identifier of the export bucket.'}),
    exportFrequencyType: Flags.string({description: 'Frequency of automatic exports.', options: [...EXPORT_FREQUENCIES]}),
    file: Flags.string({char: 'f', description: 'Path to a JSON or YAML schedule document (- reads stdin); other schedule flags override its fields.', exclusive: ['policy', 'removePolicyItem', 'copyRegion', 'removeCopyRegion']}),
    force: forceFlag,
    noAutoExport: Flags.boolean({description: 'Disable automatic export of snapshots.', exclusive: ['autoExport']}),
    noUpdateSnapshots: Flags.boolean({description: 'Do not apply retention changes to earlier snapshots.', exclusive: ['updateSnapshots']}),
    noUseOrgAndGroupNamesInExportPrefix: Flags.boolean({description: 'Use organization and project IDs in export paths.', exclusive: ['useOrgAndGroupNamesInExportPrefix']}),
    policy: Flags.string({description: "Policy item as 'policyID,policyItemID,frequencyType,frequencyIntervalNumber,retentionUnit,retentionValue'; repeatable; an empty policyItemID adds an item.", multiple: true}),
    referenceHourOfDay: Flags.integer({description: 'Hour of the day (UTC, 0-23) to schedule snapshots.'}),
    referenceMinuteOfHour: Flags.integer({description: 'Minute of the hour (0-59) to schedule snapshots.'}),
    removeCopyRegion: Flags.string({description: 'Stop copying snapshots to this region; its copies stay until they expire unless --deleteCopiedBackups; repeatable.', multiple: true}),
    removePolicyItem: Flags.string({description: 'ID of a policy item to remove; repeatable.', multiple: true}),
    restoreWindowDays: Flags.integer({description: 'Days back in time you can restore to with Continuous Cloud Backup (positive).'}),
    updateSnapshots: Flags.boolean({description: 'Apply retention changes to snapshots taken earlier.', exclusive: ['noUpdateSnapshots']}),
    useOrgAndGroupNamesInExportPrefix: Flags.boolean({description: 'Use organization and project names in export paths.', exclusive: ['noUseOrgAndGroupNamesInExportPrefix']}),
    zoneId: Flags.string({description: 'Zone whose copy settings --copyRegion and --removeCopyRegion change (default: the cluster\'s only zone).'}),
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
    const values = this.flagValues()
    const copies = copyRegionEdits(flags)
    const base = flags.file === undefined ? {} : await this.readScheduleFile(flags.file)
    if (!hasScheduleChanges(base) && !this.flagsChangeSomething(values) && !hasCopyRegionEdits(copies)) throw this.nothingToUpdate(base)
    // Deleting snapshots asks first, whether the flag or the file asks for it. Without a terminal that is decided
    // here, before anything is sent.
    const deletesSnapshots = values.deleteSnapshots === true || (values.deleteSnapshots === undefined && base.deleteSnapshots === true)
    const mayRemoveItems = values.removeItemIds.length > 0 || base.policies !== undefined
    const mustConfirm = deletesSnapshots && mayRemoveItems && !flags.force
    if (mustConfirm && !canPrompt()) {
      throw new UsageError('--deleteSnapshots deletes snapshots, and there is no terminal to confirm on', 'Pass --force to confirm in scripts and CI')
    }
    if (copies.deleteCopiedBackups && !flags.force && !canPrompt()) {
      throw new UsageError('--deleteCopiedBackups deletes the copies of snapshots, and there is no terminal to confirm on', 'Pass --force to confirm in scripts and CI')
    }

    const backend = await this.backend()
    const projectId = this.projectId()
    const zone = hasCopyRegionEdits(copies) ? copyZoneOf(await backend.getCluster(projectId, flags.clusterName), copies.zoneId) : undefined
    if (copies.deleteCopiedBackups && !flags.force) await this.confirmCopyDeletion(copies)
    const confirmed = mustConfirm ? await this.confirmRemovals(backend, projectId, values, base) : undefined
    const warnings: Violation[] = []
    const change: ScheduleChange = (current, cluster) => {
      const patch = withCopyEdits(buildSchedulePatch(current, values, base), current, copies, zone)
      // Atlas reports one violation per request; checking here first reports all of them, whichever backend answers.
      const violations = validateSchedule(patch, {cluster, current})
      if (hasErrors(violations)) throw violationsError(violations)
      const unconfirmed = confirmed && patch.deleteSnapshots ? removedItemIds(current, patch).filter((id) => !confirmed.has(id)) : []
      if (unconfirmed.length > 0) {
        throw new CliError(`the schedule changed after you confirmed: this update would now also remove ${describeItems(current, unconfirmed)} and its snapshots, so nothing was changed`, {hint: 'Run the command again to see what it removes now'})
      }
      warnings.splice(0, warnings.length, ...violations)
      return patch
    }
    const updated = await backend.changeSchedule(projectId, flags.clusterName, change)
    for (const warning of warnings) this.note(`Warning: ${violationLine(warning)}`)
    await this.present(updated, () => `Snapshot backup policy for cluster '${flags.clusterName}' updated.`)
  }

  /** Every flag checked before anything is sent: ranges, --policy syntax, the export bucket id. */
  private flagValues(): ScheduleFlagValues {
    const flags = this.flags
    inRange(flags.referenceHourOfDay, 0, 23, 'referenceHourOfDay', 'an integer between 0 and 23 inclusive')
    inRange(flags.referenceMinuteOfHour, 0, 59, 'referenceMinuteOfHour', 'an integer between 0 and 59 inclusive')
    inRange(flags.restoreWindowDays, 1, Number.MAX_SAFE_INTEGER, 'restoreWindowDays', 'a positive, non-zero integer')
    if (flags.exportBucketId !== undefined && !isObjectId(flags.exportBucketId)) {
      throw new UsageError(`--exportBucketId "${flags.exportBucketId}" must be 24 hexadecimal characters`, 'Copy the id of one of the project\'s export buckets')
    }
    return {
      referenceHourOfDay: flags.referenceHourOfDay,
      referenceMinuteOfHour: flags.referenceMinuteOfHour,
      restoreWindowDays: flags.restoreWindowDays,
      updateSnapshots: onOff(flags.updateSnapshots, flags.noUpdateSnapshots),
      deleteSnapshots: flags.deleteSnapshots || undefined,
      useOrgAndGroupNamesInExportPrefix: onOff(flags.useOrgAndGroupNamesInExportPrefix, flags.noUseOrgAndGroupNamesInExportPrefix),
      autoExportEnabled: onOff(flags.autoExport, flags.noAutoExport),
      exportBucketId: flags.exportBucketId,
      exportFrequencyType: flags.exportFrequencyType as ExportFrequency | undefined,
      policies: (flags.policy ?? []).map(parsePolicyFlag),
      removeItemIds: flags.removePolicyItem ?? [],
    }
  }

  private async confirmCopyDeletion(copies: CopyRegionEdits): Promise<void> {
    const regions = copies.remove.join(', ')
    await requireConfirmation(`Are you sure you want to stop copying ${this.flags.clusterName}'s snapshots to ${regions} and delete every copy there?`, false, 'schedule not updated: the deletion of the copies was not confirmed')
  }

  private nothingToUpdate(base: BackupSchedulePatch): UsageError {
    const file = this.flags.file
    if (file === undefined) return new UsageError('nothing to update', 'Pass at least one schedule flag, e.g. --referenceHourOfDay, --policy, --copyRegion or -f')
    const keys = Object.keys(base)
    const named = keys.length === 0 ? '' : ` (${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', …' : ''} change nothing)`
    return new UsageError(`${file} sets no schedule field${named}, so there is nothing to update`, 'Give a field such as referenceHourOfDay or policies, in the shape `backups schedule describe <cluster> -o json` prints')
  }

  private flagsChangeSomething(values: ScheduleFlagValues): boolean {
    const {updateSnapshots: _update, deleteSnapshots: _delete, policies, removeItemIds, ...fields} = values
    return policies.length > 0 || removeItemIds.length > 0 || Object.values(fields).some((value) => value !== undefined)
  }

  /** The file's fields, read-only ones dropped; a file that is not one object is refused before anything is sent. */
  private async readScheduleFile(path: string): Promise<BackupSchedulePatch> {
    const document = await readObjectDocument(path, 'a backup schedule', 'A schedule is an object in the shape `backups schedule describe <cluster> -o json` prints')
    refuseOversizedSchedule(document, path)
    const fields: Record<string, unknown> = {...document}
    for (const field of READ_ONLY_FIELDS) delete fields[field]
    checkExportField(fields.export, path)
    return fields as BackupSchedulePatch
  }

  /**
   * Asks before snapshots are deleted, naming the items whose snapshots go; asks nothing when the update removes no
   * item. Returns the ids confirmed: the write refuses to remove any other (the schedule may change meanwhile).
   */
  private async confirmRemovals(backend: Backend, projectId: string, values: ScheduleFlagValues, base: BackupSchedulePatch): Promise<Set<string>> {
    const clusterName = this.flags.clusterName
    const current = await backend.getSchedule(projectId, clusterName)
    const removing = removedItemIds(current, buildSchedulePatch(current, values, base))
    if (removing.length === 0) return new Set()
    const items = removing.length === 1 ? `policy item ${describeItems(current, removing)}` : `policy items ${describeItems(current, removing)}`
    await requireConfirmation(`Are you sure you want to remove ${items} of ${clusterName} and delete every snapshot taken for ${removing.length === 1 ? 'it' : 'them'}?`, false, 'schedule not updated: the deletion was not confirmed')
    return new Set(removing)
  }
}
