import {copyFrequencyNamed} from '../domain/copy-frequency.js'
import {isObjectId} from '../domain/ids.js'
import type {BackupSchedule, BackupSchedulePatch, CloudProvider, ClusterDescription, CopyFrequency, CopySetting} from '../domain/types.js'
import {UsageError} from './errors.js'

/**
 * The flag form of a schedule's copy settings (the Atlas CLI has only --file for them): one region at a time, in
 * one zone. `--copyRegion US_WEST_2:daily,weekly:oplog` adds the region or replaces its setting;
 * `--removeCopyRegion US_WEST_2` stops copying there (its copies stay until they expire unless
 * --deleteCopiedBackups deletes them). The copy settings themselves are checked by the schedule rules.
 */

const COPY_REGION_FORMAT = "'--copyRegion REGION:frequency[,frequency…][:oplog]' (e.g. US_WEST_2:daily,weekly:oplog)"

/** Atlas region names: upper-case words joined by underscores (US_WEST_2, WESTERN_EUROPE, EUROPE_NORTH). */
const REGION_NAME = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/

export interface CopyRegionFlag {
  regionName: string
  frequencies: CopyFrequency[]
  shouldCopyOplogs: boolean
}

/** What the copy-region flags ask for, checked in full before anything is sent. */
export interface CopyRegionEdits {
  put: CopyRegionFlag[]
  remove: string[]
  deleteCopiedBackups: boolean
  zoneId?: string
}

/** The zone the edits apply to, and the provider its copies must use (the zone's highest-priority region's). */
export interface CopyZone {
  zoneId: string
  provider: CloudProvider
}

function regionName(text: string, flag: string): string {
  const name = text.trim().toUpperCase()
  if (!REGION_NAME.test(name)) {
    throw new UsageError(`${flag} "${text}" does not name a region`, 'Use the Atlas region name, e.g. US_WEST_2 (not us-west-2)')
  }
  return name
}

/** Reads one --copyRegion value; the frequencies are spelled as --policy spells them, `ondemand` for on-demand snapshots. */
export function parseCopyRegionFlag(text: string): CopyRegionFlag {
  const parts = text.split(':').map((part) => part.trim())
  if (parts.length < 2 || parts.length > 3 || parts[1] === '') {
    throw new UsageError(`error when parsing --copyRegion "${text}": expected a region, its frequencies and optionally oplog`, `Use the format ${COPY_REGION_FORMAT}`)
  }
  const [region = '', frequencyList = '', oplog] = parts
  const frequencies: CopyFrequency[] = []
  for (const word of frequencyList.split(',').map((f) => f.trim().toLowerCase())) {
    // `on_demand` as well as `ondemand`: the upper-case setting spells it with an underscore.
    const frequency = copyFrequencyNamed(word === 'on_demand' ? 'ondemand' : word)
    if (frequency === undefined) {
      throw new UsageError(`--copyRegion "${text}": "${word}" is not a snapshot frequency`, "Use 'hourly', 'daily', 'weekly', 'monthly', 'yearly' or 'ondemand', separated by commas")
    }
    if (!frequencies.includes(frequency)) frequencies.push(frequency)
  }
  if (oplog !== undefined && oplog.toLowerCase() !== 'oplog') {
    throw new UsageError(`--copyRegion "${text}": "${oplog}" is not a copy option`, 'End the value with :oplog to copy the oplog too (point-in-time restores from the copy), or leave it off')
  }
  return {regionName: regionName(region, '--copyRegion'), frequencies, shouldCopyOplogs: oplog !== undefined}
}

/** Parses and cross-checks the copy-region flags: each region once, --deleteCopiedBackups only with a removal. */
export function copyRegionEdits(flags: {copyRegion?: string[]; removeCopyRegion?: string[]; deleteCopiedBackups?: boolean; zoneId?: string}): CopyRegionEdits {
  const put = (flags.copyRegion ?? []).map(parseCopyRegionFlag)
  const remove = (flags.removeCopyRegion ?? []).map((text) => regionName(text, '--removeCopyRegion'))
  const seen = new Set<string>()
  for (const region of [...put.map((p) => p.regionName), ...remove]) {
    if (seen.has(region)) throw new UsageError(`region ${region} is given more than once in --copyRegion and --removeCopyRegion`, 'Name each region once: --copyRegion replaces its whole setting')
    seen.add(region)
  }
  const deleteCopiedBackups = flags.deleteCopiedBackups === true
  if (deleteCopiedBackups && remove.length === 0) {
    throw new UsageError('--deleteCopiedBackups deletes the copies of the regions --removeCopyRegion removes, and none is given', 'Add --removeCopyRegion <region>')
  }
  if (flags.zoneId !== undefined && !isObjectId(flags.zoneId)) {
    throw new UsageError(`--zoneId "${flags.zoneId}" must be 24 hexadecimal characters`, 'Copy a zoneId from `backups schedule describe <cluster>` or the cluster\'s replicationSpecs')
  }
  if (flags.zoneId !== undefined && put.length === 0 && remove.length === 0) {
    throw new UsageError('--zoneId says which zone --copyRegion and --removeCopyRegion change, and neither is given', 'Add --copyRegion or --removeCopyRegion')
  }
  return {put, remove, deleteCopiedBackups, zoneId: flags.zoneId}
}

export function hasCopyRegionEdits(edits: CopyRegionEdits): boolean {
  return edits.put.length > 0 || edits.remove.length > 0
}

/**
 * The zone the edits apply to: --zoneId if given (it must be one of the cluster's), else the cluster's only zone.
 * A Global Cluster has several, and guessing one would copy the wrong zone's snapshots.
 */
export function copyZoneOf(cluster: ClusterDescription, zoneId: string | undefined): CopyZone {
  const zones = new Map<string, {name?: string; provider?: CloudProvider}>()
  for (const spec of cluster.replicationSpecs ?? []) {
    if (spec.zoneId === undefined || zones.has(spec.zoneId)) continue
    const primary = [...(spec.regionConfigs ?? [])].sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0))[0]
    const provider = primary?.providerName === 'TENANT' ? primary.backingProviderName : (primary?.providerName as CloudProvider | undefined)
    zones.set(spec.zoneId, {name: spec.zoneName, provider})
  }
  const list = [...zones.entries()].map(([id, zone]) => `${id}${zone.name ? ` (${zone.name})` : ''}`).join(', ')
  const clusterName = cluster.name ?? 'the cluster'
  if (zones.size === 0) throw new UsageError(`${clusterName} reports no zone, so its snapshots cannot be copied to other regions`, 'Copy settings need a dedicated cluster (M10 or larger)')
  if (zoneId === undefined && zones.size > 1) throw new UsageError(`${clusterName} has ${zones.size} zones: say which one the copy settings are for`, `Pass --zoneId with one of ${list}`)
  const id = zoneId ?? [...zones.keys()][0]!
  const zone = zones.get(id)
  if (!zone) throw new UsageError(`zone ${id} is not a zone of ${clusterName}`, `Its zones: ${list}`)
  if (zone.provider === undefined) throw new UsageError(`${clusterName} reports no cloud provider for zone ${id}`, 'Use -f with a schedule document that names cloudProvider')
  return {zoneId: id, provider: zone.provider}
}

function zoneOfSetting(setting: CopySetting): string | undefined {
  return setting.zoneId ?? setting.replicationSpecId
}

/**
 * The copySettings (and deleteCopiedBackups) a PATCH carries for the edits, from the schedule as it is now: the
 * whole list travels, since the API replaces it. A region of --copyRegion replaces its setting in the zone, or is
 * added; a region of --removeCopyRegion must have one.
 */
export function editCopySettings(current: BackupSchedule, edits: CopyRegionEdits, zone: CopyZone): Pick<BackupSchedulePatch, 'copySettings' | 'deleteCopiedBackups'> {
  const settings = structuredClone(current.copySettings ?? [])
  const inZone = (setting: CopySetting, region: string) => setting.regionName === region && zoneOfSetting(setting) === zone.zoneId
  for (const region of edits.remove) {
    if (!settings.some((setting) => inZone(setting, region))) {
      const regions = settings.filter((setting) => zoneOfSetting(setting) === zone.zoneId).map((setting) => setting.regionName)
      throw new UsageError(`${region} is not a copy region of zone ${zone.zoneId}`, regions.length === 0 ? 'The zone copies its snapshots nowhere yet' : `Its copy regions: ${regions.join(', ')}`)
    }
  }
  const kept = settings.filter((setting) => !edits.remove.some((region) => inZone(setting, region)))
  for (const flag of edits.put) {
    const setting: CopySetting = {cloudProvider: zone.provider, frequencies: flag.frequencies, regionName: flag.regionName, shouldCopyOplogs: flag.shouldCopyOplogs, zoneId: zone.zoneId}
    const at = kept.findIndex((existing) => inZone(existing, flag.regionName))
    if (at === -1) kept.push(setting)
    else kept[at] = setting
  }
  const patch: Pick<BackupSchedulePatch, 'copySettings' | 'deleteCopiedBackups'> = {copySettings: kept}
  if (edits.deleteCopiedBackups) {
    patch.deleteCopiedBackups = edits.remove.map((regionName) => {
      const removed = settings.find((setting) => inZone(setting, regionName))
      return {cloudProvider: removed?.cloudProvider ?? zone.provider, regionName, zoneId: zone.zoneId}
    })
  }
  return patch
}
