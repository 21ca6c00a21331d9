import * as Flags from '@oclif/core/flags'

import {listAll} from '../backends/all-pages.js'
import {compliancePolicyOrNone} from '../backends/compliance-policy-or-none.js'
import type {Backend} from '../backends/backend.js'
import {clusterFactsOf} from '../domain/cluster-facts.js'
import {isObjectId} from '../domain/ids.js'
import type {BackupSchedule, BackupSchedulePatch, ClusterDescription, ClusterFacts} from '../domain/types.js'
import {hasErrors, validateSchedule, type Violation} from '../policy/index.js'
import {diffSchedule, type ScheduleDiff} from '../schedule/diff.js'
import {retainedSnapshotOfListed} from '../schedule/snapshot-facts.js'
import {copyRegionEdits, copyZoneOf, type CopyRegionEdits, type CopyZone, editCopySettings, hasCopyRegionEdits} from './copy-region-flags.js'
import {readObjectDocument} from './document-file.js'
import {UsageError} from './errors.js'
import {MAX_ITEMS_PER_PAGE} from './flags.js'
import {buildSchedulePatch, checkExportField, EXPORT_FREQUENCIES, type ExportFrequency, hasScheduleChanges, parsePolicyFlag, type ScheduleFlagValues} from './schedule-flags.js'
import {refuseOversizedSchedule, violationsError} from './violations.js'

/**
 * A schedule change as `schedule update` and `schedule diff` both take it: the flags, read and checked before
 * anything is sent, and the PATCH body they make on top of the current schedule.
 */

export const scheduleChangeFlags = {
  autoExport: Flags.boolean({description: 'Enable automatic export of snapshots to the export bucket (needs a bucket and a frequency).', exclusive: ['noAutoExport']}),
  copyRegion: Flags.string({description: "Copy snapshots to a region, as 'REGION:frequency[,frequency…][:oplog]' (frequencies hourly, daily, weekly, monthly, yearly, ondemand); adds the region or replaces its setting; repeatable.", multiple: true}),
  deleteCopiedBackups: Flags.boolean({description: 'Also delete the copies in the regions --removeCopyRegion removes (asks first; --force in scripts).'}),
  deleteSnapshots: Flags.boolean({description: 'Also delete the snapshots of the policy items this update removes (asks first; --force in scripts).'}),
  exportBucketId: Flags.string({description: 'Unique identifier of the export bucket.'}),
  exportFrequencyType: Flags.string({description: 'Frequency of automatic exports.', options: [...EXPORT_FREQUENCIES]}),
  file: Flags.string({char: 'f', description: 'Path to a JSON or YAML schedule document (- reads stdin); other schedule flags override its fields.', exclusive: ['policy', 'removePolicyItem', 'copyRegion', 'removeCopyRegion']}),
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

/** The parsed values of scheduleChangeFlags. */
export interface ScheduleChangeFlags {
  autoExport: boolean
  copyRegion?: string[]
  deleteCopiedBackups: boolean
  deleteSnapshots: boolean
  exportBucketId?: string
  exportFrequencyType?: string
  file?: string
  noAutoExport: boolean
  noUpdateSnapshots: boolean
  noUseOrgAndGroupNamesInExportPrefix: boolean
  policy?: string[]
  referenceHourOfDay?: number
  referenceMinuteOfHour?: number
  removeCopyRegion?: string[]
  removePolicyItem?: string[]
  restoreWindowDays?: number
  updateSnapshots: boolean
  useOrgAndGroupNamesInExportPrefix: boolean
  zoneId?: string
}

/** What the flags ask for: the schedule flags, the copy-region edits and the -f document's fields. */
export interface ScheduleChangeRequest {
  values: ScheduleFlagValues
  copies: CopyRegionEdits
  base: BackupSchedulePatch
  file?: string
}

const READ_ONLY_FIELDS = ['clusterId', 'clusterName', 'links', 'nextSnapshot']

function onOff(on: boolean, off: boolean): boolean | undefined {
  return on ? true : off ? false : undefined
}

function inRange(value: number | undefined, min: number, max: number, name: string, allowed: string): number | undefined {
  if (value !== undefined && (value < min || value > max)) throw new UsageError(`incorrect value for parameter ${name}: ${value}`, `Value must be ${allowed}`)
  return value
}

/** Every flag checked before anything is sent: ranges, --policy syntax, the export bucket id. */
function flagValues(flags: ScheduleChangeFlags): ScheduleFlagValues {
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

/** The file's fields, read-only ones dropped; a file that is not one object is refused before anything is sent. */
async function readScheduleFile(path: string): Promise<BackupSchedulePatch> {
  const document = await readObjectDocument(path, 'a backup schedule', 'A schedule is an object in the shape `backups schedule describe <cluster> -o json` prints')
  refuseOversizedSchedule(document, path)
  const fields: Record<string, unknown> = {...document}
  for (const field of READ_ONLY_FIELDS) delete fields[field]
  checkExportField(fields.export, path)
  return fields as BackupSchedulePatch
}

function flagsChangeSomething(values: ScheduleFlagValues): boolean {
  const {updateSnapshots: _update, deleteSnapshots: _delete, policies, removeItemIds, ...fields} = values
  return policies.length > 0 || removeItemIds.length > 0 || Object.values(fields).some((value) => value !== undefined)
}

function nothingToChange(file: string | undefined, base: BackupSchedulePatch): UsageError {
  if (file === undefined) return new UsageError('nothing to update', 'Pass at least one schedule flag, e.g. --referenceHourOfDay, --policy, --copyRegion or -f')
  const keys = Object.keys(base)
  const named = keys.length === 0 ? '' : ` (${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', …' : ''} change nothing)`
  return new UsageError(`${file} sets no schedule field${named}, so there is nothing to update`, 'Give a field such as referenceHourOfDay or policies, in the shape `backups schedule describe <cluster> -o json` prints')
}

/** Reads the flags and the -f document, before anything is sent; refuses a change that sets nothing. */
export async function readScheduleChange(flags: ScheduleChangeFlags): Promise<ScheduleChangeRequest> {
  const values = flagValues(flags)
  const copies = copyRegionEdits(flags)
  const base = flags.file === undefined ? {} : await readScheduleFile(flags.file)
  if (!hasScheduleChanges(base) && !flagsChangeSomething(values) && !hasCopyRegionEdits(copies)) throw nothingToChange(flags.file, base)
  return {values, copies, base, file: flags.file}
}

/** Whether the change deletes the removed items' snapshots, by flag or by the file's field. */
export function deletesSnapshots(request: ScheduleChangeRequest): boolean {
  return request.values.deleteSnapshots === true || (request.values.deleteSnapshots === undefined && request.base.deleteSnapshots === true)
}

/** Whether the change asks to apply retention changes to the snapshots already taken, by flag or by the file's field. */
export function updatesSnapshots(request: ScheduleChangeRequest): boolean {
  return request.values.updateSnapshots === true || (request.values.updateSnapshots === undefined && request.base.updateSnapshots === true)
}

/** The zone copy-region flags edit, read from the cluster; undefined when the change edits no copy region. */
export function copyZoneFor(request: ScheduleChangeRequest, cluster: ClusterDescription): CopyZone | undefined {
  return hasCopyRegionEdits(request.copies) ? copyZoneOf(cluster, request.copies.zoneId) : undefined
}

/** The PATCH body on top of the current schedule. */
export function schedulePatchOf(request: ScheduleChangeRequest, current: BackupSchedule, zone: CopyZone | undefined): BackupSchedulePatch {
  const patch = buildSchedulePatch(current, request.values, request.base)
  return zone === undefined ? patch : {...patch, ...editCopySettings(current, request.copies, zone)}
}

/**
 * The PATCH body, checked against every schedule rule: a body that breaks one is refused with all its violations
 * (exit 2), whichever backend would answer. Returns the warnings.
 */
export function checkedSchedulePatch(request: ScheduleChangeRequest, current: BackupSchedule, cluster: ClusterFacts, zone: CopyZone | undefined): {patch: BackupSchedulePatch; warnings: Violation[]} {
  const patch = schedulePatchOf(request, current, zone)
  const violations = validateSchedule(patch, {cluster, current})
  if (hasErrors(violations)) throw violationsError(violations)
  return {patch, warnings: violations}
}

export interface ScheduleChangePreview {
  current: BackupSchedule
  patch: BackupSchedulePatch
  diff: ScheduleDiff
  warnings: Violation[]
  /** The backend's clock when the snapshots were read. */
  now: number
}

/**
 * Reads the cluster, its schedule, whether a compliance policy is in force and every page of its snapshots through the Backend (so it works on any backend),
 * and works out what the change would do at `now`. Sends nothing.
 */
export async function previewScheduleChange(backend: Backend, projectId: string, clusterName: string, request: ScheduleChangeRequest, now: () => Promise<number>): Promise<ScheduleChangePreview> {
  const [current, cluster, neverShorten] = await Promise.all([backend.getSchedule(projectId, clusterName), backend.getCluster(projectId, clusterName), compliancePolicyOrNone(backend, projectId).then((policy) => policy !== undefined)])
  const {patch, warnings} = checkedSchedulePatch(request, current, clusterFactsOf(cluster), copyZoneFor(request, cluster))
  const listed = await listAll((page) => backend.listSnapshots(projectId, clusterName, page), MAX_ITEMS_PER_PAGE)
  const at = await now()
  const items = new Map((current.policies[0]?.policyItems ?? []).filter((item) => item.id !== undefined).map((item) => [item.id!, item]))
  const snapshots = listed.results.map((snapshot) => retainedSnapshotOfListed(snapshot, items, at))
  return {current, patch, warnings, now: at, diff: diffSchedule({current, patch, snapshots, now: at, neverShorten})}
}
