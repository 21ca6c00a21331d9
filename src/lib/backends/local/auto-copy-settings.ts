import {invalidAttribute} from '../../domain/atlas-errors.js'
import {normalisedDays} from '../../domain/retention.js'
import type {BackupSchedule, BackupSchedulePatch, CloudProvider, ClusterZone, CopyPolicyItem, CopySetting, PolicyItem} from '../../domain/types.js'
import {sameTarget} from './copies.js'

/**
 * autoCopySettingsEnabled (API 2024-08-05, rule 62), as the Atlas docs describe it ("Configure Atlas to Automatically
 * Copy Snapshots to Other Regions", API and UI procedures): Atlas gives each secondary region of the cluster (each
 * region of a zone other than the zone's highest-priority one) a copy setting whose copy policy items have the
 * frequencies and retentions of the backup policy's items, and keeps the settings in step with the topology as
 * secondary regions come and go. Turning it on overwrites the copy settings configured; while it is on, the items of
 * those settings may be changed but no copy region added or removed.
 *
 * Where the docs are silent, the emulator decides: the settings are copy policy items, so the schedule gets
 * copyPolicyItemsEnabled true (sending false beside it is refused); the backup policy's several items of one frequency
 * give one copy item with the longest retention; no on-demand item (on-demand snapshots are not a policy item);
 * shouldCopyOplogs is what the region's setting had before, false for a new region; a region that stops being
 * secondary loses its setting, and its copies stay until they expire, as when a user removes a setting.
 */

function targetsOf(zones: readonly ClusterZone[], provider: CloudProvider): Array<Required<Pick<CopySetting, 'cloudProvider' | 'regionName' | 'zoneId'>>> {
  return zones.flatMap((zone) =>
    zone.regions
      .filter((region) => region.toUpperCase() !== zone.primaryRegion?.toUpperCase())
      .map((regionName) => ({cloudProvider: zone.provider ?? provider, regionName, zoneId: zone.zoneId})),
  )
}

/** One copy policy item per frequency of the backup policy, with the longest retention among that frequency's items. */
function itemsLikePolicy(items: readonly PolicyItem[]): CopyPolicyItem[] {
  const longest = new Map<string, PolicyItem>()
  for (const item of items) {
    const kept = longest.get(item.frequencyType)
    if (!kept || normalisedDays(item.retentionUnit, item.retentionValue) > normalisedDays(kept.retentionUnit, kept.retentionValue)) longest.set(item.frequencyType, item)
  }
  return [...longest.values()].map((item) => ({frequencyType: item.frequencyType, retentionUnit: item.retentionUnit, retentionValue: item.retentionValue}))
}

/**
 * The copy settings Atlas manages for these zones: a region that already had a managed setting keeps it as the user
 * tuned it (`keepTuned`), a new one gets items like the backup policy's.
 */
export function autoCopySettings(zones: readonly ClusterZone[], provider: CloudProvider, schedule: BackupSchedule, before: readonly CopySetting[] | undefined, keepTuned: boolean): CopySetting[] {
  const defaults = itemsLikePolicy(schedule.policies[0]?.policyItems ?? [])
  return targetsOf(zones, provider).map((target) => {
    const previous = before?.find((setting) => sameTarget(setting, target))
    if (keepTuned && previous) return structuredClone(previous)
    return {...target, copyPolicyItems: structuredClone(defaults), shouldCopyOplogs: previous?.shouldCopyOplogs ?? false}
  })
}

/**
 * A schedule PATCH with autoCopySettingsEnabled in force after it: the merged schedule gets Atlas's settings when the
 * PATCH turns the flag on; while it stays on, copySettings sent must name exactly the managed regions.
 */
export function applyAutoCopySettings(merged: BackupSchedule, current: BackupSchedule, patch: BackupSchedulePatch, zones: readonly ClusterZone[], provider: CloudProvider): void {
  if (merged.autoCopySettingsEnabled !== true) return
  if (patch.copyPolicyItemsEnabled === false) {
    throw invalidAttribute('copyPolicyItemsEnabled', 'autoCopySettingsEnabled is true, and the copy settings Atlas manages are copy policy items: leave copyPolicyItemsEnabled out or true, or send autoCopySettingsEnabled false.')
  }
  merged.copyPolicyItemsEnabled = true
  if (current.autoCopySettingsEnabled !== true) {
    merged.copySettings = autoCopySettings(zones, provider, merged, current.copySettings, false)
    return
  }
  if (patch.copySettings === undefined) return
  const managed = targetsOf(zones, provider)
  const sent = merged.copySettings ?? []
  const added = sent.find((setting) => !managed.some((target) => sameTarget(setting, target)))
  const removed = managed.find((target) => !sent.some((setting) => sameTarget(setting, target)))
  if (added || removed) {
    const regions = managed.map((target) => target.regionName).join(', ') || 'none: the cluster has no secondary region'
    const what = added ? `${String(added.regionName)} is not a secondary region of the cluster` : `${removed!.regionName} is a secondary region of the cluster and cannot be left out`
    throw invalidAttribute('copySettings', `autoCopySettingsEnabled is true, so Atlas keeps one copy setting per secondary region (${regions}) and ${what}. Change their copyPolicyItems, or send autoCopySettingsEnabled false to add or remove copy regions.`)
  }
}

/** The topology changed: the managed settings follow the secondary regions; the others' settings are untouched. */
export function resyncAutoCopySettings(schedule: BackupSchedule, zones: readonly ClusterZone[], provider: CloudProvider): CopySetting[] {
  return autoCopySettings(zones, provider, schedule, schedule.copySettings, true)
}
