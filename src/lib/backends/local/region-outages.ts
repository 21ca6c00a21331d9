import type {CloudProvider} from '../../domain/types.js'
import {toIso} from '../../domain/time.js'
import {REGIONS} from '../../tiers/catalog.js'
import type {LocalBackend} from './local-backend.js'
import {DamagedRowError, readMeta, writeMeta, type Database} from './store.js'

/**
 * Simulated regional outages of a cloud provider (`local regions outage`). An outage is the provider's, not a
 * project's: it holds for every cluster of the store. Kept as JSON in the meta table, so no schema change; while a
 * region is out, a restore of a snapshot stored there is served from a copy in another region (restore-jobs.ts).
 */

const META_KEY = 'region_outages'

export interface RegionOutage {
  cloudProvider: CloudProvider
  regionName: string
  /** When it began (virtual time). */
  since: number
}

const PROVIDERS = Object.keys(REGIONS) as CloudProvider[]

function isOutage(value: unknown): value is RegionOutage {
  const o = value as Partial<RegionOutage> | null
  return typeof o === 'object' && o !== null && PROVIDERS.includes(o.cloudProvider as CloudProvider) && typeof o.regionName === 'string' && Number.isFinite(o.since)
}

/** The outages in force; a value that is not a list of outages is damage, never read as "no outage". */
export function readOutages(db: Database): RegionOutage[] {
  const text = readMeta(db, META_KEY)
  if (text === undefined || text === '') return []
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    value = undefined
  }
  if (!Array.isArray(value) || !value.every(isOutage)) throw new DamagedRowError(`the region outages (meta table, ${META_KEY}) are ${JSON.stringify(text.slice(0, 80))}, not a list of outages`)
  return value
}

function writeOutages(db: Database, outages: RegionOutage[]): void {
  writeMeta(db, META_KEY, JSON.stringify(outages))
}

export function isRegionOut(outages: readonly RegionOutage[], cloudProvider: CloudProvider, regionName: string): RegionOutage | undefined {
  return outages.find((outage) => outage.cloudProvider === cloudProvider && outage.regionName === regionName)
}

/** The providers that have a region of this name (US_WEST_2 is an AWS, an Azure and a GCP region). */
export function providersOfRegion(regionName: string): CloudProvider[] {
  return PROVIDERS.filter((provider) => REGIONS[provider].includes(regionName))
}

export interface RegionOutageView {
  cloudProvider: CloudProvider
  regionName: string
  since: string
}

function view(outage: RegionOutage): RegionOutageView {
  return {cloudProvider: outage.cloudProvider, regionName: outage.regionName, since: toIso(outage.since)}
}

/**
 * Starts an outage now. Starting one already in force changes nothing (it keeps its start): a script may repeat it.
 * The region is checked by the command (a region of the provider).
 */
export function startRegionOutage(backend: LocalBackend, cloudProvider: CloudProvider, regionName: string): {outage: RegionOutageView; started: boolean} {
  return backend.transact((s) => {
    const outages = readOutages(s.repo.db)
    const existing = isRegionOut(outages, cloudProvider, regionName)
    if (existing) return {outage: view(existing), started: false}
    const outage = {cloudProvider, regionName, since: s.now}
    writeOutages(s.repo.db, [...outages, outage])
    return {outage: view(outage), started: true}
  })
}

/** Ends an outage; undefined when the region was not out. */
export function endRegionOutage(backend: LocalBackend, cloudProvider: CloudProvider, regionName: string): RegionOutageView | undefined {
  return backend.transact((s) => {
    const outages = readOutages(s.repo.db)
    const existing = isRegionOut(outages, cloudProvider, regionName)
    if (!existing) return undefined
    writeOutages(s.repo.db, outages.filter((outage) => outage !== existing))
    return view(existing)
  })
}

export interface RegionRow {
  cloudProvider: CloudProvider
  regionName: string
  status: 'available' | 'outage'
  /** When the outage began. */
  outageSince?: string
  /** Clusters of the project with nodes in the region. */
  clusters: string[]
  /** Clusters of the project that copy snapshots to the region. */
  copyTargetOf: string[]
}

/**
 * The regions the project's clusters use (nodes or copy targets) and every region out, with its status: what a
 * restore during an outage can fall back on. O(clusters of the project).
 */
export function listRegions(backend: LocalBackend, projectId: string): RegionRow[] {
  return backend.transact((s) => {
    s.requireProject(projectId)
    const outages = readOutages(s.repo.db)
    const rows = new Map<string, RegionRow>()
    const row = (cloudProvider: CloudProvider, regionName: string): RegionRow => {
      const key = `${cloudProvider}/${regionName}`
      let found = rows.get(key)
      if (!found) {
        const outage = isRegionOut(outages, cloudProvider, regionName)
        found = {cloudProvider, regionName, status: outage ? 'outage' : 'available', ...(outage ? {outageSince: toIso(outage.since)} : {}), clusters: [], copyTargetOf: []}
        rows.set(key, found)
      }
      return found
    }
    for (const cluster of s.repo.clusters(projectId)) {
      if (cluster.spec.kind === 'serverless') continue
      for (const region of cluster.spec.regions) row(cluster.spec.provider, region.regionName).clusters.push(cluster.name)
      for (const copy of cluster.schedule?.copySettings ?? []) {
        if (copy.regionName === undefined) continue
        const target = row(copy.cloudProvider ?? cluster.spec.provider, copy.regionName)
        if (!target.copyTargetOf.includes(cluster.name)) target.copyTargetOf.push(cluster.name)
      }
    }
    for (const outage of outages) row(outage.cloudProvider, outage.regionName)
    return [...rows.values()].sort((a, b) => a.cloudProvider.localeCompare(b.cloudProvider) || a.regionName.localeCompare(b.regionName))
  })
}
