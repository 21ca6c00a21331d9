import {toIso} from '../../domain/time.js'
import type {
  BackupSchedule,
  ClusterDescription,
  CopySetting,
  Link,
  PageRequest,
  Paginated,
  PolicyItem,
  ReplicaSetSnapshot,
  ServerlessSnapshot,
  ShardedClusterSnapshot,
  Snapshot,
} from '../../domain/types.js'
import {snapshotStateAt, snapshotStateChangesAfter} from '../../snapshots/index.js'
import {liveCopies} from './copies.js'
import {cloudBackupOn, encryptionAtRestProviderOf, replicationSpecIdOf, zoneIdOf} from './fleet.js'
import type {ClusterRow, SnapshotRecord} from './records.js'

/**
 * Turns stored records into exactly the JSON Atlas returns: same field names and enums, keys in Atlas's
 * (alphabetical) order, ISO timestamps without milliseconds, and fields absent until Atlas would show them.
 */

export const ATLAS_REL = 'https://cloud.mongodb.com'

export function groupPath(groupId: string): string {
  return `/api/atlas/v2/groups/${groupId}`
}

export function clusterPath(groupId: string, clusterName: string): string {
  return `${groupPath(groupId)}/clusters/${clusterName}`
}

function link(base: string, path: string, rel = 'self'): Link {
  return {href: `${base}${path}`, rel}
}

export interface ViewContext {
  /** Base URL for `links[].href`: the address of `serve`, or its default for in-process use. */
  linkBase: string
  now: number
  /**
   * The earliest instant after `now` at which something read so far would read differently (a snapshot's state, a
   * copy, the cluster's next catch-up event), as the views and the read path's catch-up note it (changesAt). Only a
   * read that names every such instant of its answer offers it to serve's answer cache (LocalBackend.readKept).
   */
  nextChange?: number
}

/** Notes that what was read changes at `instant` (nothing happens for an instant that is not after now). */
export function changesAt(ctx: ViewContext, instant: number | undefined): void {
  if (instant !== undefined && instant > ctx.now && instant < (ctx.nextChange ?? Number.POSITIVE_INFINITY)) ctx.nextChange = instant
}

function snapshotLinks(ctx: ViewContext, groupId: string, cluster: ClusterRow, record: SnapshotRecord): Link[] {
  const serverless = cluster.spec.kind === 'serverless'
  const owner = serverless ? `${groupPath(groupId)}/serverless/${cluster.name}` : clusterPath(groupId, cluster.name)
  return [link(ctx.linkBase, `${owner}/backup/snapshots/${record.id}`), link(ctx.linkBase, owner, `${ATLAS_REL}/${serverless ? 'serverless' : 'cluster'}`)]
}

/** The fields every snapshot of a dedicated cluster has, replica set or sharded, in the state it is in at ctx.now. */
function dedicatedFields(ctx: ViewContext, groupId: string, cluster: ClusterRow, record: SnapshotRecord) {
  const state = snapshotStateAt(record, ctx.now)
  changesAt(ctx, snapshotStateChangesAfter(record, ctx.now))
  return {
    state,
    fields: {
      createdAt: state.createdAt === undefined ? undefined : toIso(state.createdAt),
      description: record.snapshotType === 'onDemand' ? record.description ?? '' : undefined,
      expiresAt: toIso(state.expiresAt),
      frequencyType: record.frequencyType,
      id: record.id,
      // Only a snapshot encrypted with a customer key has one (rule 52).
      masterKeyUUID: record.customerKey?.masterKeyUUID,
      links: snapshotLinks(ctx, groupId, cluster, record),
      mongodVersion: state.mongodVersionVisible ? record.mongodVersion : undefined,
      policyItems: record.policyItemId ? [record.policyItemId] : [],
      snapshotType: record.snapshotType,
      status: state.status,
      storageSizeBytes: state.status === 'completed' ? totalSize(record) : 0,
    },
  }
}

type DedicatedFields = ReturnType<typeof dedicatedFields>['fields']

/** Every field of dedicatedFields, checked complete by the compiler, so no key order below can leave one out. */
const DEDICATED_KEYS = Object.keys({
  createdAt: true,
  description: true,
  expiresAt: true,
  frequencyType: true,
  id: true,
  links: true,
  masterKeyUUID: true,
  mongodVersion: true,
  policyItems: true,
  snapshotType: true,
  status: true,
  storageSizeBytes: true,
} satisfies Record<keyof DedicatedFields, true>)

// Each snapshot type's keys in Atlas's (alphabetical, UTF-16 code unit) order, sorted once rather than per snapshot.
const REPLICA_SET_KEYS = [...DEDICATED_KEYS, 'cloudProvider', 'copyRegions', 'replicaSetName', 'type'].sort()
const SHARDED_KEYS = [...DEDICATED_KEYS, 'configServerType', 'members', 'snapshotIds', 'type'].sort()

/**
 * A snapshot view with `keys` in that order, each from the type's own fields or else the common ones, unset ones left
 * out. Assigned in order, without a spread and a sort per snapshot: a page builds a hundred of these, and the spread
 * and sort were a fifth of serve's CPU per page.
 */
function inKeyOrder(keys: readonly string[], own: Record<string, unknown>, common: DedicatedFields): Record<string, unknown> {
  const view: Record<string, unknown> = {}
  for (const key of keys) {
    const value = key in own ? own[key] : common[key as keyof DedicatedFields]
    if (value !== undefined) view[key] = value
  }
  return view
}

function replicaSetView(ctx: ViewContext, groupId: string, cluster: ClusterRow, record: SnapshotRecord): ReplicaSetSnapshot {
  const {fields, state} = dedicatedFields(ctx, groupId, cluster, record)
  const own = {
    cloudProvider: state.cloudProviderVisible ? record.cloudProvider : undefined,
    copyRegions: copyRegionsAt(ctx, record),
    replicaSetName: record.members[0]?.replicaSetName ?? cluster.name,
    type: 'replicaSet',
  }
  return inKeyOrder(REPLICA_SET_KEYS, own, fields) as unknown as ReplicaSetSnapshot
}

/** The regions holding a copy at the context's now (rules 33, 60); each copy made or expiring later is a change. */
function copyRegionsAt(ctx: ViewContext, record: SnapshotRecord): string[] {
  for (const copy of record.copies ?? []) {
    changesAt(ctx, copy.copiedAt)
    changesAt(ctx, copy.expiresAt)
  }
  return liveCopies(record, ctx.now).map((copy) => copy.regionName)
}

function totalSize(record: SnapshotRecord): number {
  return record.members.reduce((sum, member) => sum + member.sizeBytes, 0)
}

function shardedView(ctx: ViewContext, groupId: string, cluster: ClusterRow, record: SnapshotRecord): ShardedClusterSnapshot {
  const {fields} = dedicatedFields(ctx, groupId, cluster, record)
  const own = {
    configServerType: 'DEDICATED',
    members: record.members.map((member) => ({cloudProvider: record.cloudProvider, id: member.id, replicaSetName: member.replicaSetName})),
    snapshotIds: record.members.map((member) => member.id),
    type: 'shardedCluster',
  }
  return inKeyOrder(SHARDED_KEYS, own, fields) as unknown as ShardedClusterSnapshot
}

/**
 * Keys in alphabetical order, as the Atlas API writes them, and without the unset ones. Built by assignment, never
 * by deleting keys afterwards: a deleted key turns the object into a slow dictionary for JSON.stringify (a snapshot
 * page builds a hundred of these).
 */
function ordered<T extends object>(value: T): T {
  const fields = value as Record<string, unknown>
  const sorted: Record<string, unknown> = {}
  // The default sort compares UTF-16 code units, as `<` on strings does.
  for (const key of Object.keys(fields).sort()) if (fields[key] !== undefined) sorted[key] = fields[key]
  return sorted as T
}

export function snapshotView(ctx: ViewContext, groupId: string, cluster: ClusterRow, record: SnapshotRecord): Snapshot {
  return cluster.spec.clusterType === 'SHARDED' ? shardedView(ctx, groupId, cluster, record) : replicaSetView(ctx, groupId, cluster, record)
}

export function serverlessSnapshotView(ctx: ViewContext, groupId: string, cluster: ClusterRow, record: SnapshotRecord): ServerlessSnapshot {
  const state = snapshotStateAt(record, ctx.now)
  changesAt(ctx, snapshotStateChangesAfter(record, ctx.now))
  return compact({
    createdAt: state.createdAt === undefined ? undefined : toIso(state.createdAt),
    expiresAt: toIso(state.expiresAt),
    frequencyType: record.frequencyType === 'daily' ? 'daily' : 'hourly',
    id: record.id,
    links: snapshotLinks(ctx, groupId, cluster, record),
    mongodVersion: state.mongodVersionVisible ? record.mongodVersion : undefined,
    serverlessInstanceName: cluster.name,
    snapshotType: 'scheduled',
    status: state.status,
    storageSizeBytes: state.status === 'completed' ? totalSize(record) : 0,
  })
}

export function scheduleView(ctx: ViewContext, groupId: string, cluster: ClusterRow, schedule: BackupSchedule, nextSnapshot: number | undefined): BackupSchedule {
  return compact({
    autoCopySettingsEnabled: schedule.autoCopySettingsEnabled,
    autoExportEnabled: schedule.autoExportEnabled ?? false,
    clusterId: cluster.id,
    clusterName: cluster.name,
    copyPolicyItemsEnabled: schedule.copyPolicyItemsEnabled ?? false,
    copySettings: (schedule.copySettings ?? []).map(copySettingView),
    export: schedule.export,
    extraRetentionSettings: schedule.extraRetentionSettings,
    // Atlas's schedule still links its group through the v1.0 public API (seen in every recorded schedule response).
    links: [link(ctx.linkBase, `${clusterPath(groupId, cluster.name)}/backup/schedule`), link(ctx.linkBase, `/api/public/v1.0/groups/${groupId}`, `${ATLAS_REL}/group`)],
    nextSnapshot: nextSnapshot === undefined ? undefined : toIso(nextSnapshot),
    policies: schedule.policies.map((policy) => compact({id: policy.id, policyItems: policy.policyItems.map(policyItemView)})),
    referenceHourOfDay: schedule.referenceHourOfDay,
    referenceMinuteOfHour: schedule.referenceMinuteOfHour,
    restoreWindowDays: schedule.restoreWindowDays,
    useOrgAndGroupNamesInExportPrefix: schedule.useOrgAndGroupNamesInExportPrefix ?? false,
  })
}

/** A copy setting as Atlas answers it: keys in order, copy policy items as their items are. */
function copySettingView(setting: CopySetting): CopySetting {
  return ordered({
    ...setting,
    copyPolicyItems: setting.copyPolicyItems?.map((item) => ordered({...item})),
  })
}

/** Stored items keep the key order they were written in (a user's file, a PATCH); Atlas answers alphabetically. */
function policyItemView(item: PolicyItem): PolicyItem {
  return compact({
    frequencyInterval: item.frequencyInterval,
    frequencyType: item.frequencyType,
    id: item.id,
    retentionUnit: item.retentionUnit,
    retentionValue: item.retentionValue,
  })
}

export function clusterView(ctx: ViewContext, groupId: string, cluster: ClusterRow): ClusterDescription {
  const spec = cluster.spec
  const tenant = spec.kind === 'shared' || spec.kind === 'free'
  const path = clusterPath(groupId, cluster.name)
  const regionConfigs = spec.regions.map((region) =>
    compact({
      backingProviderName: tenant ? spec.provider : undefined,
      electableSpecs: {diskSizeGB: spec.diskSizeGB, instanceSize: spec.tier, nodeCount: tenant ? undefined : region.nodeCount},
      priority: region.priority,
      providerName: tenant ? ('TENANT' as const) : spec.provider,
      regionName: region.regionName,
    }),
  )
  const shards = spec.clusterType === 'SHARDED' ? spec.replicaSets.length : 1
  return compact({
    backupEnabled: cloudBackupOn(spec),
    clusterType: spec.clusterType,
    createDate: toIso(cluster.createdAt),
    encryptionAtRestProvider: encryptionAtRestProviderOf(spec),
    groupId,
    id: cluster.id,
    links: [
      link(ctx.linkBase, path),
      link(ctx.linkBase, `${path}/backup/restoreJobs`, `${ATLAS_REL}/restoreJobs`),
      link(ctx.linkBase, `${path}/backup/snapshots`, `${ATLAS_REL}/snapshots`),
    ],
    mongoDBMajorVersion: spec.mongoDBVersion.split('.').slice(0, 2).join('.'),
    mongoDBVersion: spec.mongoDBVersion,
    name: cluster.name,
    paused: false,
    pitEnabled: spec.kind === 'dedicated' && spec.continuousBackup,
    replicationSpecs: Array.from({length: shards}, (_, index) => ({
      id: replicationSpecIdOf(cluster.id, index),
      regionConfigs,
      zoneId: zoneIdOf(cluster.id),
      zoneName: 'Zone 1',
    })),
    stateName: 'IDLE' as const,
  })
}

/**
 * The pagination envelope with Atlas's `self` (and `previous`/`next`) links around one page of results; `total` is
 * the size of the whole list, omitted when includeCount=false as Atlas does.
 */
export function paginate<T>(ctx: ViewContext, path: string, results: T[], page: PageRequest, total: number, offset: number): Paginated<T> {
  const pageNum = page.pageNum ?? 1
  const itemsPerPage = page.itemsPerPage ?? 100
  const includeCount = page.includeCount ?? true
  const query = (n: number) => `?includeCount=${includeCount}&pageNum=${n}&itemsPerPage=${itemsPerPage}`
  const links = [link(ctx.linkBase, `${path}${query(pageNum)}`)]
  if (pageNum > 1) links.unshift(link(ctx.linkBase, `${path}${query(pageNum - 1)}`, 'previous'))
  if (offset + results.length < total) links.push(link(ctx.linkBase, `${path}${query(pageNum + 1)}`, 'next'))
  return includeCount ? {links, results, totalCount: total} : {links, results}
}

/**
 * One page of a stored list, reading only that page: `total` counts the list, `fetch` reads `limit` rows from
 * `offset`. A page past the end is empty without asking the store, whose offset could be too large to bind.
 * `total` undefined (includeCount=false, see countedTotal) leaves the list uncounted: one row more than the page
 * says whether a `next` link is due, so a page costs O(page) rather than O(list).
 */
export function paginateStored<R, T>(ctx: ViewContext, path: string, page: PageRequest, total: number | undefined, fetch: (limit: number, offset: number) => R[], view: (record: R) => T): Paginated<T> {
  const itemsPerPage = page.itemsPerPage ?? 100
  const pageNum = page.pageNum ?? 1
  const offset = (pageNum - 1) * itemsPerPage
  const request = {...page, itemsPerPage, pageNum}
  if (total === undefined) {
    const records = fetch(itemsPerPage + 1, offset)
    return paginate(ctx, path, records.slice(0, itemsPerPage).map(view), request, offset + records.length, offset)
  }
  // A page past the end is empty; asking SQLite for it could pass an offset too large to bind as an integer.
  const records = offset < total ? fetch(itemsPerPage, offset) : []
  return paginate(ctx, path, records.map(view), request, total, offset)
}

/** The list's size for a page that reports it; undefined, without counting, for includeCount=false. */
export function countedTotal(page: PageRequest, count: () => number): number | undefined {
  return page.includeCount === false ? undefined : count()
}

/** Pages an in-memory list (clusters: a handful per project). */
export function paginateAll<T>(ctx: ViewContext, path: string, all: T[], page: PageRequest = {}): Paginated<T> {
  const pageNum = page.pageNum ?? 1
  const itemsPerPage = page.itemsPerPage ?? 100
  const offset = (pageNum - 1) * itemsPerPage
  return paginate(ctx, path, all.slice(offset, offset + itemsPerPage), page, all.length, offset)
}

/** Drops undefined fields so JSON output never shows them (the API omits what is not set). */
export function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as Array<keyof T>) if (value[key] === undefined) delete value[key]
  return value
}
