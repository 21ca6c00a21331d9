import * as Flags from '@oclif/core/flags'

import {BACKUPS, commandAliases, SCHEDULE} from '../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../lib/cli/backend-command.js'
import {readDocument} from '../../../lib/cli/document-file.js'
import {UsageError} from '../../../lib/cli/errors.js'
import {buildSchedulePatch, hasScheduleChanges, parsePolicyFlag} from '../../../lib/cli/schedule-flags.js'
import {refuseOversizedSchedule, violationLine, violationsError} from '../../../lib/cli/violations.js'
import {clusterFactsOf} from '../../../lib/domain/cluster-facts.js'
import type {BackupSchedulePatch} from '../../../lib/domain/types.js'
import {hasErrors, validateSchedule} from '../../../lib/policy/index.js'

const ALIASES = commandAliases(BACKUPS, SCHEDULE, ['update', 'updates'])
const SCHEDULE_FLAGS = ['referenceHourOfDay', 'referenceMinuteOfHour', 'restoreWindowDays', 'policy', 'removePolicyItem', 'updateSnapshots', 'noUpdateSnapshots', 'deleteSnapshots', 'exportBucketId', 'exportFrequencyType', 'autoExport', 'noAutoExport', 'useOrgAndGroupNamesInExportPrefix', 'noUseOrgAndGroupNamesInExportPrefix']
const READ_ONLY_FIELDS = ['clusterId', 'clusterName', 'links', 'nextSnapshot']

function onOff(on: boolean, off: boolean): boolean | undefined {
  return on ? true : off ? false : undefined
}

function inRange(value: number | undefined, min: number, max: number, name: string, allowed: string): number | undefined {
  if (value !== undefined && (value < min || value > max)) throw new UsageError(`incorrect value for parameter ${name}: ${value}`, `Value must be ${allowed}`)
  return value
}

export default class BackupsScheduleUpdate extends BackendCommand<typeof BackupsScheduleUpdate> {
  static override aliases = ALIASES.aliases
  static override hiddenAliases = ALIASES.hiddenAliases
  static override summary = 'Modify the backup schedule for the specified cluster for your project.'
  static override description = `The backup schedule defines when MongoDB takes scheduled snapshots and how long it keeps them. Every rule the new schedule would break is reported at once, with its path and Atlas error code, before anything changes (exit code 2).
Unlike the Atlas CLI, --policy can add items (leave policyItemID empty), --removePolicyItem removes them, and the years unit is accepted. -f takes a whole schedule in the API's shape (JSON or YAML); its policyItems replace the current ones.`
  static override flags = {
    autoExport: Flags.boolean({description: 'Enable automatic export of snapshots to the export bucket.', exclusive: ['noAutoExport']}),
    clusterName: Flags.string({description: 'Name of the cluster.', required: true}),
    deleteSnapshots: Flags.boolean({description: 'Also delete the snapshots of the policy items this update removes.'}),
    exportBucketId: Flags.string({description: 'Unique identifier of the export bucket.'}),
    exportFrequencyType: Flags.string({description: 'Frequency of automatic exports.', options: ['daily', 'weekly', 'monthly', 'yearly']}),
    file: Flags.string({char: 'f', description: 'Path to a JSON or YAML schedule document (- reads stdin); exclusive with the other schedule flags.', exclusive: SCHEDULE_FLAGS}),
    noAutoExport: Flags.boolean({description: 'Disable automatic export of snapshots.', exclusive: ['autoExport']}),
    noUpdateSnapshots: Flags.boolean({description: 'Do not apply retention changes to earlier snapshots.', exclusive: ['updateSnapshots']}),
    noUseOrgAndGroupNamesInExportPrefix: Flags.boolean({description: 'Use organization and project IDs in export paths.', exclusive: ['useOrgAndGroupNamesInExportPrefix']}),
    policy: Flags.string({description: "Policy item as 'policyID,policyItemID,frequencyType,frequencyIntervalNumber,retentionUnit,retentionValue'; repeatable; an empty policyItemID adds an item.", multiple: true}),
    referenceHourOfDay: Flags.integer({description: 'Hour of the day (UTC, 0-23) to schedule snapshots.'}),
    referenceMinuteOfHour: Flags.integer({description: 'Minute of the hour (0-59) to schedule snapshots.'}),
    removePolicyItem: Flags.string({description: 'ID of a policy item to remove; repeatable.', multiple: true}),
    restoreWindowDays: Flags.integer({description: 'Days back in time you can restore to with Continuous Cloud Backup (positive).'}),
    updateSnapshots: Flags.boolean({description: 'Apply retention changes to snapshots taken earlier.', exclusive: ['noUpdateSnapshots']}),
    useOrgAndGroupNamesInExportPrefix: Flags.boolean({description: 'Use organization and project names in export paths.', exclusive: ['noUseOrgAndGroupNamesInExportPrefix']}),
  }
  static override examples = [
    '<%= config.bin %> <%= command.id %> --clusterName Cluster0 --referenceHourOfDay 3 --referenceMinuteOfHour 30',
    "<%= config.bin %> <%= command.id %> --clusterName Cluster0 --policy ',,yearly,1,years,7'",
    '<%= config.bin %> <%= command.id %> --clusterName Cluster0 -f schedule.yaml --updateSnapshots',
  ]

  public async run(): Promise<void> {
    const flags = this.flags
    inRange(flags.referenceHourOfDay, 0, 23, 'referenceHourOfDay', 'an integer between 0 and 23 inclusive')
    inRange(flags.referenceMinuteOfHour, 0, 59, 'referenceMinuteOfHour', 'an integer between 0 and 59 inclusive')
    inRange(flags.restoreWindowDays, 1, Number.MAX_SAFE_INTEGER, 'restoreWindowDays', 'a positive, non-zero integer')
    const policies = (flags.policy ?? []).map(parsePolicyFlag)
    const backend = await this.backend()
    const projectId = this.projectId()
    const [current, cluster] = await Promise.all([backend.getSchedule(projectId, flags.clusterName), backend.getCluster(projectId, flags.clusterName)])

    let patch: BackupSchedulePatch
    if (flags.file !== undefined) {
      const document = await readDocument(flags.file)
      refuseOversizedSchedule(document, flags.file)
      patch = (typeof document === 'object' && document !== null ? {...document} : document) as BackupSchedulePatch
      for (const field of READ_ONLY_FIELDS) delete (patch as Record<string, unknown>)[field]
    } else {
      patch = buildSchedulePatch(current, {
        referenceHourOfDay: flags.referenceHourOfDay,
        referenceMinuteOfHour: flags.referenceMinuteOfHour,
        restoreWindowDays: flags.restoreWindowDays,
        updateSnapshots: onOff(flags.updateSnapshots, flags.noUpdateSnapshots),
        deleteSnapshots: flags.deleteSnapshots || undefined,
        useOrgAndGroupNamesInExportPrefix: onOff(flags.useOrgAndGroupNamesInExportPrefix, flags.noUseOrgAndGroupNamesInExportPrefix),
        autoExportEnabled: onOff(flags.autoExport, flags.noAutoExport),
        exportBucketId: flags.exportBucketId,
        exportFrequencyType: flags.exportFrequencyType as 'monthly' | 'yearly' | undefined,
        policies,
        removeItemIds: flags.removePolicyItem ?? [],
      })
      if (!hasScheduleChanges(patch)) throw new UsageError('nothing to update', 'Pass at least one schedule flag, e.g. --referenceHourOfDay, --policy or -f')
    }

    // Atlas reports one violation per request; checking here first reports all of them, whichever backend answers.
    const violations = validateSchedule(patch, {cluster: clusterFactsOf(cluster), current})
    if (hasErrors(violations)) throw violationsError(violations)
    for (const warning of violations) this.note(`Warning: ${violationLine(warning)}`)

    const updated = await backend.updateSchedule(projectId, flags.clusterName, patch)
    await this.present(updated, () => `Snapshot backup policy for cluster '${flags.clusterName}' updated.`)
  }
}
