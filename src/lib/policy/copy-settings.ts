import {isObjectId} from '../domain/ids.js'
import type {CloudProvider, ClusterZone} from '../domain/types.js'
import {isRegionOf} from '../tiers/catalog.js'
import type {CheckedItem} from './items.js'
import {describeValue, type Findings, isRecord, isWholeNumber} from './violation.js'

const PROVIDERS = ['AWS', 'AZURE', 'GCP']
const FREQUENCIES = ['HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY', 'ON_DEMAND']
const ITEM_FREQUENCIES = ['hourly', 'daily', 'weekly', 'monthly', 'yearly', 'ondemand']
const RETENTION_UNITS = ['days', 'weeks', 'months', 'years']
/** DiskBackupCopySetting20240805: at most 6 frequencies or copy policy items; lastNumberOfSnapshots 1–500. */
const MAX_COPY_ITEMS = 6
const MAX_LAST_SNAPSHOTS = 500

export interface CopyContext {
  provider?: CloudProvider
  pitEnabled: boolean
  /** The items the schedule will have, or undefined when unknown. */
  items?: CheckedItem[]
  /** The cluster's zones, or undefined when unknown (then zones and primaries are not checked). */
  zones?: ClusterZone[]
  /** copyPolicyItemsEnabled as the schedule will have it: copyPolicyItems instead of frequencies (rule 62). */
  itemsEnabled: boolean
}

/** The zone a setting names by zoneId, or by replicationSpecId in the 2023-01-01 shape. */
function zoneNamed(zones: readonly ClusterZone[], copy: Record<string, unknown>): ClusterZone | undefined {
  if (copy.zoneId !== undefined) return zones.find((zone) => zone.zoneId === copy.zoneId)
  return zones.find((zone) => zone.replicationSpecIds.includes(copy.replicationSpecId as string))
}

/** Rules 56–57: an Atlas region of the cluster's provider, in a zone the cluster has, other than that zone's primary. */
function checkTarget(copy: Record<string, unknown>, path: string, context: CopyContext, findings: Findings): void {
  const provider = PROVIDERS.includes(copy.cloudProvider as string) ? (copy.cloudProvider as CloudProvider) : undefined
  const region = typeof copy.regionName === 'string' && copy.regionName.trim() !== '' ? copy.regionName : undefined
  if (provider && region && !isRegionOf(provider, region)) {
    findings.error(`${path}.regionName`, 'INVALID_REGION', 56, `${region} is not an Atlas region of ${provider}: use the Atlas region name (e.g. US_WEST_2 on AWS), not the provider's own`)
  }
  const zoneId = copy.zoneId ?? copy.replicationSpecId
  if (!context.zones || typeof zoneId !== 'string' || !isObjectId(zoneId)) return
  const zone = zoneNamed(context.zones, copy)
  const field = copy.zoneId === undefined ? 'replicationSpecId' : 'zoneId'
  if (!zone) {
    const known = context.zones.map((z) => (field === 'zoneId' ? z.zoneId : z.replicationSpecIds.join(', '))).join('; ')
    findings.error(`${path}.${field}`, 'INVALID_ATTRIBUTE', 56, `${zoneId} is not a ${field === 'zoneId' ? 'zone' : 'replication spec'} of this cluster: use ${known} (replicationSpecs of the cluster's description)`)
    return
  }
  if (region && zone.primaryRegion !== undefined && region.toUpperCase() === zone.primaryRegion.toUpperCase()) {
    findings.error(`${path}.regionName`, 'INVALID_BACKUP_POLICY', 57, `${zone.primaryRegion} is the highest-priority region of the zone, where its snapshots are taken: copy them to another region`)
  }
}

function checkCopySetting(copy: unknown, path: string, context: CopyContext, findings: Findings): void {
  if (!isRecord(copy)) {
    findings.error(path, 'INVALID_ATTRIBUTE', 56, `a copy setting must be an object with cloudProvider, regionName, zoneId and frequencies, not ${describeValue(copy)}`)
    return
  }
  const provider = copy.cloudProvider
  // A Global Cluster's zones may each have their own provider: the zone's primary decides (rule 57).
  const expected = (context.zones ? zoneNamed(context.zones, copy)?.provider : undefined) ?? context.provider
  if (!PROVIDERS.includes(provider as string)) {
    findings.error(`${path}.cloudProvider`, 'INVALID_ENUM_VALUE', 56, `cloudProvider ${describeValue(provider)} is not valid: use AWS, AZURE or GCP`)
  } else if (expected && provider !== expected) {
    findings.error(`${path}.cloudProvider`, 'INVALID_BACKUP_POLICY', 57, `snapshots can be copied only to regions of the provider of the zone's primary region (${expected}), not ${String(provider)}`)
  }
  if (typeof copy.regionName !== 'string' || copy.regionName.trim() === '') {
    findings.error(`${path}.regionName`, 'MISSING_ATTRIBUTE', 56, 'regionName is required: the Atlas region to copy snapshots to, e.g. US_WEST_2')
  }
  const zone = copy.zoneId ?? copy.replicationSpecId
  if (zone === undefined || zone === null) {
    findings.error(`${path}.zoneId`, 'MISSING_ATTRIBUTE', 56, 'zoneId is required (replicationSpecId in the 2023-01-01 API): the id of the zone whose snapshots are copied')
  } else if (typeof zone !== 'string' || !isObjectId(zone)) {
    findings.error(`${path}.${copy.zoneId === undefined ? 'replicationSpecId' : 'zoneId'}`, 'INVALID_ATTRIBUTE', 56, `${describeValue(zone)} is not a zone id: ids are 24 hexadecimal characters`)
  }
  checkTarget(copy, path, context, findings)
  checkSelection(copy, path, context, findings)
  if (copy.shouldCopyOplogs !== undefined && typeof copy.shouldCopyOplogs !== 'boolean') {
    findings.error(`${path}.shouldCopyOplogs`, 'INVALID_ATTRIBUTE', 56, `shouldCopyOplogs must be true or false, not ${describeValue(copy.shouldCopyOplogs)}`)
  } else if (copy.shouldCopyOplogs === true && !context.pitEnabled) {
    findings.error(`${path}.shouldCopyOplogs`, 'INVALID_BACKUP_POLICY', 59, 'oplogs can be copied only when Continuous Cloud Backup is on: turn it on first, or set shouldCopyOplogs to false')
  }
}

/** Rule 62: a setting selects its snapshots by frequencies, by copy policy items, or by the last N snapshots, one way only. */
function checkSelection(copy: Record<string, unknown>, path: string, context: CopyContext, findings: Findings): void {
  if (copy.lastNumberOfSnapshots !== undefined) {
    const n = copy.lastNumberOfSnapshots
    if (!isWholeNumber(n) || n < 1 || n > MAX_LAST_SNAPSHOTS) {
      findings.error(`${path}.lastNumberOfSnapshots`, 'INVALID_ATTRIBUTE', 62, `lastNumberOfSnapshots must be a whole number from 1 to ${MAX_LAST_SNAPSHOTS}, not ${describeValue(n)}`)
    } else if (copy.frequencies !== undefined || copy.copyPolicyItems !== undefined) {
      findings.error(`${path}.lastNumberOfSnapshots`, 'INVALID_ATTRIBUTE', 62, 'lastNumberOfSnapshots cannot be combined with frequencies or copyPolicyItems: choose one way to select the snapshots to copy')
    }
  }
  if (context.itemsEnabled) {
    if (copy.frequencies !== undefined) {
      findings.error(`${path}.frequencies`, 'INVALID_ATTRIBUTE', 62, 'copyPolicyItemsEnabled is true: give copyPolicyItems instead of frequencies')
    }
    if (copy.copyPolicyItems === undefined && copy.lastNumberOfSnapshots === undefined) {
      findings.error(`${path}.copyPolicyItems`, 'MISSING_ATTRIBUTE', 62, 'copyPolicyItemsEnabled is true: each copy setting needs copyPolicyItems (which snapshots, and how long their copies are kept)')
    } else {
      checkCopyPolicyItems(copy.copyPolicyItems, path, context, findings)
    }
  } else {
    if (copy.copyPolicyItems !== undefined) {
      findings.error(`${path}.copyPolicyItems`, 'INVALID_ATTRIBUTE', 62, 'copyPolicyItems are allowed only when the schedule has copyPolicyItemsEnabled true: set it, or give frequencies')
    }
    checkFrequencies(copy.frequencies, path, context, findings)
  }
}

function checkCopyPolicyItems(items: unknown, path: string, context: CopyContext, findings: Findings): void {
  if (items === undefined) return
  if (!Array.isArray(items) || items.length > MAX_COPY_ITEMS) {
    findings.error(`${path}.copyPolicyItems`, 'INVALID_ATTRIBUTE', 62, `copyPolicyItems must be a list of up to ${MAX_COPY_ITEMS} items, each {frequencyType, retentionUnit, retentionValue}`)
    return
  }
  const seen = new Set<string>()
  for (const [i, item] of items.entries()) {
    const at = `${path}.copyPolicyItems[${i}]`
    if (!isRecord(item) || !ITEM_FREQUENCIES.includes(item.frequencyType as string)) {
      findings.error(`${at}.frequencyType`, 'INVALID_ENUM_VALUE', 62, `frequencyType ${describeValue(isRecord(item) ? item.frequencyType : item)} is not valid: use ${ITEM_FREQUENCIES.join(', ')}`)
      continue
    }
    const frequency = item.frequencyType as string
    if (seen.has(frequency)) findings.error(`${at}.frequencyType`, 'INVALID_ATTRIBUTE', 62, `a copy setting has one ${frequency} copy policy item at most`)
    seen.add(frequency)
    if (frequency === 'ondemand') {
      if (item.retentionUnit !== undefined || item.retentionValue !== undefined) {
        findings.error(at, 'INVALID_ATTRIBUTE', 62, 'an ondemand copy policy item carries no retention: its copies are kept as long as the snapshot')
      }
      continue
    }
    if (!RETENTION_UNITS.includes(item.retentionUnit as string)) {
      findings.error(`${at}.retentionUnit`, 'INVALID_ENUM_VALUE', 62, `retentionUnit ${describeValue(item.retentionUnit)} is not valid: use ${RETENTION_UNITS.join(', ')}`)
    }
    if (!isWholeNumber(item.retentionValue) || item.retentionValue < 1) {
      findings.error(`${at}.retentionValue`, 'INVALID_ATTRIBUTE', 62, `retentionValue must be a whole number of at least 1, not ${describeValue(item.retentionValue)}`)
    }
    if (context.items && !context.items.some((policyItem) => policyItem.frequencyType === frequency)) {
      findings.warning(`${at}.frequencyType`, 'INVALID_BACKUP_POLICY', 58, `the policy has no ${frequency} item, so no ${frequency} snapshot will be copied`)
    }
  }
}

function checkFrequencies(frequencies: unknown, path: string, context: CopyContext, findings: Findings): void {
  if (frequencies === undefined) return
  if (!Array.isArray(frequencies) || frequencies.length > FREQUENCIES.length) {
    findings.error(`${path}.frequencies`, 'INVALID_ATTRIBUTE', 56, `frequencies must be a list of up to 6 of ${FREQUENCIES.join(', ')}`)
    return
  }
  for (const [i, frequency] of frequencies.entries()) {
    const at = `${path}.frequencies[${i}]`
    if (!FREQUENCIES.includes(frequency as string)) {
      findings.error(at, 'INVALID_ENUM_VALUE', 56, `copy frequency ${describeValue(frequency)} is not valid: use ${FREQUENCIES.join(', ')}`)
    } else if (frequency !== 'ON_DEMAND' && context.items && !context.items.some((item) => item.frequencyType.toUpperCase() === frequency)) {
      // Rule 58 is the UI's; the API accepted a mismatch when it was recorded, so this stays a warning.
      findings.warning(at, 'INVALID_BACKUP_POLICY', 58, `the policy has no ${String(frequency).toLowerCase()} item, so no ${String(frequency).toLowerCase()} snapshot will be copied`)
    }
  }
}

/** Two settings naming the same region of the same zone would copy twice: Atlas keeps one setting per target. */
function checkDuplicates(settings: unknown[], findings: Findings): void {
  const seen = new Set<string>()
  for (const [i, copy] of settings.entries()) {
    if (!isRecord(copy) || typeof copy.regionName !== 'string') continue
    const key = `${String(copy.zoneId ?? copy.replicationSpecId)}/${copy.regionName.toUpperCase()}`
    if (seen.has(key)) findings.error(`copySettings[${i}].regionName`, 'INVALID_ATTRIBUTE', 56, `${copy.regionName} is already a copy target of this zone: give each region once`)
    seen.add(key)
  }
}

/** Rows 56–59 and 62: copies of snapshots to other regions. */
export function checkCopySettings(value: unknown, context: CopyContext, findings: Findings): void {
  if (value === undefined) return
  if (!Array.isArray(value)) {
    findings.error('copySettings', 'INVALID_ATTRIBUTE', 56, 'copySettings must be a list of copy settings')
    return
  }
  for (const [i, copy] of value.entries()) checkCopySetting(copy, `copySettings[${i}]`, context, findings)
  checkDuplicates(value, findings)
}

/** Rule 60: each deleteCopiedBackups entry names a target as a copy setting does (provider, region, zone). */
export function checkDeleteCopiedBackups(value: unknown, findings: Findings): void {
  if (value === undefined) return
  if (!Array.isArray(value)) {
    findings.error('deleteCopiedBackups', 'INVALID_ATTRIBUTE', 60, 'deleteCopiedBackups must be a list of {cloudProvider, regionName, zoneId}')
    return
  }
  for (const [i, entry] of value.entries()) {
    const path = `deleteCopiedBackups[${i}]`
    const zone = isRecord(entry) ? (entry.zoneId ?? entry.replicationSpecId) : undefined
    if (!isRecord(entry) || typeof entry.regionName !== 'string' || typeof zone !== 'string' || !isObjectId(zone)) {
      findings.error(path, 'INVALID_ATTRIBUTE', 60, `each entry names the removed copy setting whose copies to delete: {cloudProvider, regionName, zoneId}, not ${describeValue(entry)}`)
    } else if (entry.cloudProvider !== undefined && !PROVIDERS.includes(entry.cloudProvider as string)) {
      findings.error(`${path}.cloudProvider`, 'INVALID_ENUM_VALUE', 60, `cloudProvider ${describeValue(entry.cloudProvider)} is not valid: use AWS, AZURE or GCP`)
    }
  }
}

/** Rule 62: the schedule-level copy flags of the 2024-08-05 API. */
export function checkCopyFlags(input: Record<string, unknown>, itemsEnabled: boolean, findings: Findings): void {
  for (const key of ['autoCopySettingsEnabled', 'deleteCopySnapshots', 'updateCopySnapshots']) {
    const value = input[key]
    if (value !== undefined && typeof value !== 'boolean') findings.error(key, 'INVALID_ATTRIBUTE', 62, `${key} must be true or false, not ${describeValue(value)}`)
  }
  if (input.autoCopySettingsEnabled === true && input.copyPolicyItemsEnabled === false) {
    findings.error('autoCopySettingsEnabled', 'INVALID_ATTRIBUTE', 62, 'the copy settings Atlas manages are copy policy items: leave copyPolicyItemsEnabled out or true with autoCopySettingsEnabled true')
  }
  if (input.deleteCopySnapshots === true && !itemsEnabled) {
    findings.error('deleteCopySnapshots', 'INVALID_ATTRIBUTE', 62, 'deleteCopySnapshots requires copyPolicyItemsEnabled true: to delete the copies of a removed region, use deleteCopiedBackups')
  }
  if (input.updateCopySnapshots === true && !itemsEnabled) {
    findings.warning('updateCopySnapshots', 'INVALID_ATTRIBUTE', 62, 'updateCopySnapshots changes nothing without copyPolicyItemsEnabled: copies made by frequencies are kept as long as their snapshot')
  }
}
