import {snapshotRegionUnavailable} from '../domain/atlas-errors.js'
import type {AtlasApiError} from '../domain/errors.js'
import {toIso} from '../domain/time.js'
import type {CloudProvider} from '../domain/types.js'

/**
 * Which region serves a restore. A snapshot is stored in the region it was taken in; when a cloud provider outage
 * takes that region down, Atlas restores from a copy of the snapshot in another region (the seed: "In the event of a
 * cloud provider service outage in a region configured for automatic snapshot distribution, Atlas will attempt
 * restore using snapshots stored in copy regions"). A point-in-time restore replays the oplog after the snapshot, so
 * the copy region must also hold the oplog over that span (copies made with shouldCopyOplogs).
 */

export interface RegionRef {
  cloudProvider: CloudProvider
  regionName: string
}

/** A span during which the oplog was copied to a region; `to` absent while copying goes on. */
export interface OplogCopySpan extends RegionRef {
  from: number
  to?: number
}

export interface ServingRegionFacts {
  snapshotId: string
  clusterName: string
  /** Where the snapshot is stored: the region it was taken in. */
  home: RegionRef
  /** The regions holding a copy of it now (copied and not expired), in the order of the copy settings. */
  copies: RegionRef[]
  outages: RegionRef[]
  /** Point-in-time restores: the oplog span to replay, from the snapshot to the moment restored to. */
  oplog?: {from: number; to: number}
  oplogCopies: OplogCopySpan[]
}

export interface ServingRegion {
  region: RegionRef
  /** A copy in another region served it, because the snapshot's own region was out. */
  fromCopy: boolean
}

function same(a: RegionRef, b: RegionRef): boolean {
  return a.cloudProvider === b.cloudProvider && a.regionName === b.regionName
}

function holdsOplog(facts: ServingRegionFacts, region: RegionRef): boolean {
  const needed = facts.oplog
  if (!needed) return true
  return facts.oplogCopies.some((span) => same(span, region) && span.from <= needed.from && (span.to ?? Infinity) >= needed.to)
}

function isOut(facts: ServingRegionFacts, region: RegionRef): boolean {
  return facts.outages.some((outage) => same(outage, region))
}

function availableCopies(facts: ServingRegionFacts): RegionRef[] {
  return facts.copies.filter((copy) => !same(copy, facts.home) && !isOut(facts, copy))
}

/**
 * The snapshot's own region while it is up; else the first copy in a region that is up (and, for a point in time,
 * holds the oplog to replay); undefined when none can.
 */
export function findServingRegion(facts: ServingRegionFacts): ServingRegion | undefined {
  if (!isOut(facts, facts.home)) return {region: facts.home, fromCopy: false}
  const served = availableCopies(facts).find((copy) => holdsOplog(facts, copy))
  return served ? {region: served, fromCopy: true} : undefined
}

/** Why no region can serve the restore: no copy, every copy out, or none holding the oplog to replay. */
export function servingRefusal(facts: ServingRegionFacts): AtlasApiError {
  const available = availableCopies(facts)
  const home = `${facts.home.cloudProvider} ${facts.home.regionName}`
  let why: string
  if (facts.copies.length === 0) why = 'it has no copy in another region'
  else if (available.length === 0) why = `its copies (${facts.copies.map((c) => c.regionName).join(', ')}) are all in regions that are out too`
  else why = `no copy region (${available.map((c) => c.regionName).join(', ')}) holds the oplog from ${toIso(facts.oplog!.from)} to ${toIso(facts.oplog!.to)} (copy settings with shouldCopyOplogs)`
  return snapshotRegionUnavailable(facts.snapshotId, facts.clusterName, home, why)
}

/** findServingRegion, or the refusal. */
export function servingRegion(facts: ServingRegionFacts): ServingRegion {
  const served = findServingRegion(facts)
  if (served) return served
  throw servingRefusal(facts)
}
