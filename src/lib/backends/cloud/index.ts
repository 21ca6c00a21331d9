import {Agent as HttpAgent} from 'node:http'
import {Agent as HttpsAgent} from 'node:https'

import axios from './axios.js'

import type {Credentials, Settings} from '../../config/settings.js'
import {CliError} from '../../cli/errors.js'
import {clusterFactsOf} from '../../domain/cluster-facts.js'
import type {
  BackupSchedule,
  BackupSchedulePatch,
  ClusterDescription,
  CompliancePolicy,
  CompliancePolicyRequest,
  ExportBucket,
  ExportBucketPatch,
  ExportBucketRequest,
  ExportJob,
  ExportJobRequest,
  FlexClusterDescription,
  FlexDownloadRequest,
  FlexRestoreJob,
  FlexRestoreJobRequest,
  FlexSnapshot,
  OnDemandSnapshotRequest,
  PageRequest,
  Paginated,
  Project,
  RestoreJob,
  RestoreJobRequest,
  ServerlessInstanceDescription,
  ServerlessRestoreJob,
  ServerlessRestoreJobRequest,
  ServerlessSnapshot,
  ShardedClusterSnapshot,
  Snapshot,
  SnapshotRetentionPatch,
} from '../../domain/types.js'
import {
  backupScheduleSchema,
  clusterDescriptionSchema,
  flexClusterSchema,
  flexRestoreJobSchema,
  flexSnapshotSchema,
  paginatedSchema,
  projectSchema,
  serverlessInstanceSchema,
  serverlessSnapshotSchema,
  shardedClusterSnapshotSchema,
  snapshotSchema,
} from '../../domain/schemas.js'
import type {Backend, CompliancePolicyChange, ScheduleChange} from '../backend.js'
import * as compliancePolicy from './compliance-policy.js'
import {type Authenticator, DigestAuthenticator, ServiceAccountAuthenticator, TokenError} from './auth.js'
import {describeCredentials, redirectError, type Who} from './errors.js'
import * as exports from './exports.js'
import {AtlasHttp, type CloudHooks} from './http.js'
import {clusterPath, enc, flexPath, pageQuery, serverlessPath} from './paths.js'
import {plainHttpWarning} from './plain-http.js'
import * as restoreJobs from './restore-jobs.js'
import {Scrubber} from './scrub.js'

export type {CloudHooks} from './http.js'

// Media-type versions per operation (atlas-api-notes.md §2–3): the newest each operation serves.
const V_CLUSTERS = '2024-08-05'
const V_SCHEDULE = '2024-08-05'
const V_SNAPSHOTS = '2023-01-01'
const V_SERVERLESS = '2023-01-01'
const V_FLEX = '2024-11-13'
// GET /groups and GET /groups/{groupId}/serverless: 2023-01-01 is the only version of each.
const V_GROUPS = '2023-01-01'

const TOKEN_PATH = '/api/oauth/token'

/** The Atlas Administration API v2 over HTTP, behind the same interface as the local emulator. */
export class CloudBackend implements Backend {
  readonly kind = 'cloud' as const

  constructor(
    private readonly api: AtlasHttp,
    private readonly release: () => void = () => {},
  ) {}

  // The project's Backup Compliance Policy (./compliance-policy.ts).

  getCompliancePolicy(groupId: string): Promise<CompliancePolicy> {
    return compliancePolicy.getCompliancePolicy(this.api, groupId)
  }

  updateCompliancePolicy(groupId: string, body: CompliancePolicyRequest, options?: {overwriteBackupPolicies?: boolean}): Promise<CompliancePolicy> {
    return compliancePolicy.updateCompliancePolicy(this.api, groupId, body, options)
  }

  async changeCompliancePolicy(groupId: string, change: CompliancePolicyChange): Promise<CompliancePolicy> {
    return this.updateCompliancePolicy(groupId, change(await this.getCompliancePolicy(groupId)))
  }

  deleteCompliancePolicy(groupId: string): Promise<void> {
    return compliancePolicy.deleteCompliancePolicy(this.api, groupId)
  }

  async close(): Promise<void> {
    this.release()
  }

  listClusters(groupId: string, page?: PageRequest): Promise<Paginated<ClusterDescription>> {
    return this.api.request({method: 'GET', path: `/groups/${enc(groupId)}/clusters`, version: V_CLUSTERS, query: pageQuery(page), schema: paginatedSchema(clusterDescriptionSchema)})
  }

  getCluster(groupId: string, clusterName: string): Promise<ClusterDescription> {
    return this.api.request({method: 'GET', path: clusterPath(groupId, clusterName), version: V_CLUSTERS, context: {clusterName}, schema: clusterDescriptionSchema})
  }

  listProjects(page?: PageRequest): Promise<Paginated<Project>> {
    return this.api.request({method: 'GET', path: '/groups', version: V_GROUPS, query: pageQuery(page), context: {role: 'Organization Read Only role (or higher)', roleScope: 'the organization'}, schema: paginatedSchema(projectSchema)})
  }

  listServerlessInstances(groupId: string, page?: PageRequest): Promise<Paginated<ServerlessInstanceDescription>> {
    return this.api.request({method: 'GET', path: `/groups/${enc(groupId)}/serverless`, version: V_SERVERLESS, query: pageQuery(page), schema: paginatedSchema(serverlessInstanceSchema)})
  }

  getSchedule(groupId: string, clusterName: string): Promise<BackupSchedule> {
    return this.api.request({method: 'GET', path: `${clusterPath(groupId, clusterName)}/backup/schedule`, version: V_SCHEDULE, context: {clusterName}, schema: backupScheduleSchema})
  }

  /**
   * Sends only the fields given, as Atlas documents for this PATCH ("provide only the fields that you want to
   * update"; the Atlas CLI's own `schedule update` sends no `policies` unless --policy is given). The spec marks
   * `policies` required, but sending the items back unchanged would undo an item change made meanwhile by someone else.
   */
  updateSchedule(groupId: string, clusterName: string, patch: BackupSchedulePatch): Promise<BackupSchedule> {
    return this.api.request({method: 'PATCH', path: `${clusterPath(groupId, clusterName)}/backup/schedule`, version: V_SCHEDULE, body: patch, context: {clusterName}, schema: backupScheduleSchema})
  }

  /**
   * Atlas has no conditional update (no ETag, no version field), so the change is worked out from a GET made just
   * before the PATCH. Only the fields the change sets travel: scalar fields alone never undo someone else's change;
   * a change to the items sends the whole item list, and one made by someone else between the GET and the PATCH
   * is lost (README, "Concurrent changes").
   */
  async changeSchedule(groupId: string, clusterName: string, change: ScheduleChange): Promise<BackupSchedule> {
    const [current, cluster] = await Promise.all([this.getSchedule(groupId, clusterName), this.getCluster(groupId, clusterName)])
    return this.updateSchedule(groupId, clusterName, change(current, clusterFactsOf(cluster)))
  }

  deleteSchedule(groupId: string, clusterName: string): Promise<BackupSchedule> {
    return this.api.request({method: 'DELETE', path: `${clusterPath(groupId, clusterName)}/backup/schedule`, version: V_SCHEDULE, context: {clusterName}, schema: backupScheduleSchema})
  }

  listSnapshots(groupId: string, clusterName: string, page?: PageRequest): Promise<Paginated<Snapshot>> {
    return this.api.request({method: 'GET', path: `${clusterPath(groupId, clusterName)}/backup/snapshots`, version: V_SNAPSHOTS, query: pageQuery(page), context: {clusterName}, schema: paginatedSchema(snapshotSchema)})
  }

  getSnapshot(groupId: string, clusterName: string, snapshotId: string): Promise<Snapshot> {
    const context = {clusterName, snapshotId}
    return this.api.request({method: 'GET', path: `${clusterPath(groupId, clusterName)}/backup/snapshots/${enc(snapshotId)}`, version: V_SNAPSHOTS, context, schema: snapshotSchema})
  }

  takeSnapshot(groupId: string, clusterName: string, request: OnDemandSnapshotRequest): Promise<Snapshot> {
    return this.api.request({method: 'POST', path: `${clusterPath(groupId, clusterName)}/backup/snapshots`, version: V_SNAPSHOTS, body: request, context: {clusterName}, schema: snapshotSchema})
  }

  updateSnapshotRetention(groupId: string, clusterName: string, snapshotId: string, body: SnapshotRetentionPatch): Promise<Snapshot> {
    return this.api.request({method: 'PATCH', path: `${clusterPath(groupId, clusterName)}/backup/snapshots/${enc(snapshotId)}`, version: V_SNAPSHOTS, body, context: {clusterName, snapshotId}, schema: snapshotSchema})
  }

  async deleteSnapshot(groupId: string, clusterName: string, snapshotId: string): Promise<void> {
    await this.api.request({method: 'DELETE', path: `${clusterPath(groupId, clusterName)}/backup/snapshots/${enc(snapshotId)}`, version: V_SNAPSHOTS, context: {clusterName, snapshotId}})
  }

  listShardedSnapshots(groupId: string, clusterName: string): Promise<Paginated<ShardedClusterSnapshot>> {
    return this.api.request({method: 'GET', path: `${clusterPath(groupId, clusterName)}/backup/snapshots/shardedClusters`, version: V_SNAPSHOTS, context: {clusterName}, schema: paginatedSchema(shardedClusterSnapshotSchema)})
  }

  getShardedSnapshot(groupId: string, clusterName: string, snapshotId: string): Promise<ShardedClusterSnapshot> {
    return this.api.request({method: 'GET', path: `${clusterPath(groupId, clusterName)}/backup/snapshots/shardedCluster/${enc(snapshotId)}`, version: V_SNAPSHOTS, context: {clusterName, snapshotId}, schema: shardedClusterSnapshotSchema})
  }

  listServerlessSnapshots(groupId: string, instanceName: string, page?: PageRequest): Promise<Paginated<ServerlessSnapshot>> {
    return this.api.request({method: 'GET', path: `${serverlessPath(groupId, instanceName)}/backup/snapshots`, version: V_SERVERLESS, query: pageQuery(page), context: {clusterName: instanceName, serverless: true}, schema: paginatedSchema(serverlessSnapshotSchema)})
  }

  getServerlessSnapshot(groupId: string, instanceName: string, snapshotId: string): Promise<ServerlessSnapshot> {
    return this.api.request({method: 'GET', path: `${serverlessPath(groupId, instanceName)}/backup/snapshots/${enc(snapshotId)}`, version: V_SERVERLESS, context: {clusterName: instanceName, snapshotId, serverless: true}, schema: serverlessSnapshotSchema})
  }

  // Restore jobs (./restore-jobs.ts). Not yet in the Backend interface: the local backend implements them next.

  listRestoreJobs(groupId: string, clusterName: string, page?: PageRequest): Promise<Paginated<RestoreJob>> {
    return restoreJobs.listRestoreJobs(this.api, groupId, clusterName, page)
  }

  getRestoreJob(groupId: string, clusterName: string, restoreJobId: string): Promise<RestoreJob> {
    return restoreJobs.getRestoreJob(this.api, groupId, clusterName, restoreJobId)
  }

  createRestoreJob(groupId: string, clusterName: string, request: RestoreJobRequest): Promise<RestoreJob> {
    return restoreJobs.createRestoreJob(this.api, groupId, clusterName, request)
  }

  cancelRestoreJob(groupId: string, clusterName: string, restoreJobId: string): Promise<void> {
    return restoreJobs.cancelRestoreJob(this.api, groupId, clusterName, restoreJobId)
  }

  listServerlessRestoreJobs(groupId: string, instanceName: string, page?: PageRequest): Promise<Paginated<ServerlessRestoreJob>> {
    return restoreJobs.listServerlessRestoreJobs(this.api, groupId, instanceName, page)
  }

  getServerlessRestoreJob(groupId: string, instanceName: string, restoreJobId: string): Promise<ServerlessRestoreJob> {
    return restoreJobs.getServerlessRestoreJob(this.api, groupId, instanceName, restoreJobId)
  }

  createServerlessRestoreJob(groupId: string, instanceName: string, request: ServerlessRestoreJobRequest): Promise<ServerlessRestoreJob> {
    return restoreJobs.createServerlessRestoreJob(this.api, groupId, instanceName, request)
  }

  // Snapshot export buckets and export jobs (./exports.ts).

  listExportBuckets(groupId: string, page?: PageRequest): Promise<Paginated<ExportBucket>> {
    return exports.listExportBuckets(this.api, groupId, page)
  }

  createExportBucket(groupId: string, request: ExportBucketRequest): Promise<ExportBucket> {
    return exports.createExportBucket(this.api, groupId, request)
  }

  getExportBucket(groupId: string, exportBucketId: string): Promise<ExportBucket> {
    return exports.getExportBucket(this.api, groupId, exportBucketId)
  }

  updateExportBucket(groupId: string, exportBucketId: string, patch: ExportBucketPatch): Promise<ExportBucket> {
    return exports.updateExportBucket(this.api, groupId, exportBucketId, patch)
  }

  deleteExportBucket(groupId: string, exportBucketId: string): Promise<void> {
    return exports.deleteExportBucket(this.api, groupId, exportBucketId)
  }

  listExportJobs(groupId: string, clusterName: string, page?: PageRequest): Promise<Paginated<ExportJob>> {
    return exports.listExportJobs(this.api, groupId, clusterName, page)
  }

  createExportJob(groupId: string, clusterName: string, request: ExportJobRequest): Promise<ExportJob> {
    return exports.createExportJob(this.api, groupId, clusterName, request)
  }

  getExportJob(groupId: string, clusterName: string, exportId: string): Promise<ExportJob> {
    return exports.getExportJob(this.api, groupId, clusterName, exportId)
  }

  // The Flex API (2024-11-13). Which API a cluster belongs to is the commands' business (src/lib/cli/flex.ts):
  // Atlas refuses a cluster on the wrong one with a 400 that says so, and these pass it on as it came.

  getFlexCluster(groupId: string, name: string): Promise<FlexClusterDescription> {
    return this.api.request({method: 'GET', path: flexPath(groupId, name), version: V_FLEX, context: {clusterName: name}, schema: flexClusterSchema})
  }

  listFlexSnapshots(groupId: string, name: string, page?: PageRequest): Promise<Paginated<FlexSnapshot>> {
    return this.api.request({method: 'GET', path: `${flexPath(groupId, name)}/backup/snapshots`, version: V_FLEX, query: pageQuery(page), context: {clusterName: name}, schema: paginatedSchema(flexSnapshotSchema)})
  }

  getFlexSnapshot(groupId: string, name: string, snapshotId: string): Promise<FlexSnapshot> {
    return this.api.request({method: 'GET', path: `${flexPath(groupId, name)}/backup/snapshots/${enc(snapshotId)}`, version: V_FLEX, context: {clusterName: name, snapshotId}, schema: flexSnapshotSchema})
  }

  downloadFlexSnapshot(groupId: string, name: string, request: FlexDownloadRequest): Promise<FlexRestoreJob> {
    return this.api.request({method: 'POST', path: `${flexPath(groupId, name)}/backup/download`, version: V_FLEX, body: request, context: {clusterName: name, snapshotId: request.snapshotId}, schema: flexRestoreJobSchema})
  }

  listFlexRestoreJobs(groupId: string, name: string, page?: PageRequest): Promise<Paginated<FlexRestoreJob>> {
    return this.api.request({method: 'GET', path: `${flexPath(groupId, name)}/backup/restoreJobs`, version: V_FLEX, query: pageQuery(page), context: {clusterName: name}, schema: paginatedSchema(flexRestoreJobSchema)})
  }

  getFlexRestoreJob(groupId: string, name: string, restoreJobId: string): Promise<FlexRestoreJob> {
    return this.api.request({method: 'GET', path: `${flexPath(groupId, name)}/backup/restoreJobs/${enc(restoreJobId)}`, version: V_FLEX, context: {clusterName: name}, schema: flexRestoreJobSchema})
  }

  createFlexRestoreJob(groupId: string, name: string, request: FlexRestoreJobRequest): Promise<FlexRestoreJob> {
    return this.api.request({method: 'POST', path: `${flexPath(groupId, name)}/backup/restoreJobs`, version: V_FLEX, body: request, context: {clusterName: name}, schema: flexRestoreJobSchema})
  }
}

/**
 * The cloud backend for these settings. This module is imported lazily (`await import(...)`) by the backend
 * factory, so axios and axios-retry load only when Atlas itself is used.
 */
export async function createCloudBackend(settings: Settings, given: CloudHooks): Promise<CloudBackend> {
  const credentials = settings.credentials
  if (!credentials) {
    throw new CliError('no Atlas credentials are set', {hint: 'Set MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY (or MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET), or run `atlas-backups config init`'})
  }
  const baseUrl = settings.baseUrl.value.replace(/\/+$/, '')
  const scrubber = scrubberFor(credentials, baseUrl)
  // Every line this backend writes is masked: a server may echo a secret into anything it sends back.
  const hooks: CloudHooks = {debug: (line) => given.debug(scrubber.text(line)), warn: (line) => given.warn(scrubber.text(line))}
  const insecure = plainHttpWarning(baseUrl, credentials)
  if (insecure) hooks.warn(insecure)
  // Keep-alive: digest's second round trip and --all's parallel pages reuse connections; close() ends them.
  const agents = {httpAgent: new HttpAgent({keepAlive: true, timeout: 5_000}), httpsAgent: new HttpsAgent({keepAlive: true, timeout: 5_000})}
  const http = axios.create(agents)
  const who = describeCredentials(credentials)
  let auth: Authenticator
  if (credentials.kind === 'apiKey') {
    auth = new DigestAuthenticator({username: credentials.publicKey, password: credentials.privateKey})
  } else {
    // Its own instance: the token request is a POST and must not go through the API instance's retries.
    const tokenHttp = axios.create(agents)
    auth = tokenErrorsAsCliErrors(new ServiceAccountAuthenticator(tokenHttp, `${baseUrl}${TOKEN_PATH}`, {clientId: credentials.clientId, clientSecret: credentials.clientSecret}, hooks.debug, (token) => scrubber.add(token)), who, baseUrl)
  }
  return new CloudBackend(new AtlasHttp(http, baseUrl, auth, hooks, who, scrubber), () => {
    agents.httpAgent.destroy()
    agents.httpsAgent.destroy()
  })
}

/** The secrets of these credentials as they travel (the Basic header is base64 of id:secret), and a base URL's password. */
function scrubberFor(credentials: Credentials, baseUrl: string): Scrubber {
  const scrubber = new Scrubber()
  if (credentials.kind === 'apiKey') {
    scrubber.add(credentials.privateKey)
  } else {
    scrubber.add(credentials.clientSecret)
    scrubber.add(Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64'))
  }
  try {
    scrubber.add(decodeURIComponent(new URL(baseUrl).password) || undefined)
  } catch {
    // not a URL: the request will say so
  }
  return scrubber
}

/** A refused token request is a credentials problem: say so in one line, naming the client id, never the secret. */
function tokenErrorsAsCliErrors(auth: Authenticator, who: Who, baseUrl: string): Authenticator {
  return {
    header: async (method, uri, body) => {
      try {
        return await auth.header(method, uri, body)
      } catch (error) {
        if (error instanceof TokenError) {
          if (error.status >= 300 && error.status < 400) throw redirectError(baseUrl, 'POST', TOKEN_PATH, error.status, error.location)
          throw new CliError(`Atlas at ${baseUrl} refused a token for ${who.label} (HTTP ${error.status})`, {hint: `Check the credentials: ${who.fix}`})
        }
        throw error
      }
    },
    refresh: (header, rounds) => auth.refresh(header, rounds),
  }
}
