import type {BackupSchedule, BackupSchedulePatch, PolicyItem} from '../domain/types.js'

export interface MergeResult {
  schedule: BackupSchedule
  /** Items whose retention changed, by id: `updateSnapshots` re-dates their earlier snapshots. */
  retentionChanged: PolicyItem[]
  /** Ids of items the PATCH removed: `deleteSnapshots` deletes their snapshots. */
  removedItemIds: string[]
}

/** The fields a PATCH replaces when sent (besides policies): what `schedule diff` compares. */
export const MERGED_FIELDS = [
  'autoCopySettingsEnabled',
  'autoExportEnabled',
  'copyPolicyItemsEnabled',
  'copySettings',
  'export',
  'extraRetentionSettings',
  'referenceHourOfDay',
  'referenceMinuteOfHour',
  'restoreWindowDays',
  'useOrgAndGroupNamesInExportPrefix',
] as const

/**
 * Applies a PATCH to a validated schedule with Atlas's semantics (backup-rules.md row 3): fields sent replace
 * stored ones; `policies[0].policyItems`, when sent, replaces the whole item set: items with an id are updated,
 * items without one are created (ids from `newId`), stored items left out are deleted. Write-only flags are not
 * stored.
 */
export function mergeSchedulePatch(current: BackupSchedule, patch: BackupSchedulePatch, newId: () => string): MergeResult {
  const next: BackupSchedule = structuredClone(current)
  for (const field of MERGED_FIELDS) {
    // A null reads as a field not sent, as the validation reads it: it never replaces what is stored.
    if (patch[field] !== undefined && patch[field] !== null) (next as unknown as Record<string, unknown>)[field] = structuredClone(patch[field])
  }
  const currentPolicy = current.policies[0] ?? {policyItems: []}
  const sentItems = patch.policies?.[0]?.policyItems
  const retentionChanged: PolicyItem[] = []
  const removedItemIds: string[] = []
  if (sentItems !== undefined) {
    const byId = new Map(currentPolicy.policyItems.map((item) => [item.id, item]))
    const items: PolicyItem[] = sentItems.map((sent) => {
      const item: PolicyItem = {
        frequencyInterval: sent.frequencyInterval,
        frequencyType: sent.frequencyType,
        id: sent.id ?? newId(),
        retentionUnit: sent.retentionUnit,
        retentionValue: sent.retentionValue,
      }
      const before = sent.id === undefined ? undefined : byId.get(sent.id)
      if (before && (before.retentionUnit !== item.retentionUnit || before.retentionValue !== item.retentionValue)) retentionChanged.push(item)
      return item
    })
    const kept = new Set(items.map((item) => item.id))
    for (const item of currentPolicy.policyItems) if (item.id && !kept.has(item.id)) removedItemIds.push(item.id)
    next.policies = [{id: currentPolicy.id, policyItems: items}]
  }
  return {schedule: next, retentionChanged, removedItemIds}
}
