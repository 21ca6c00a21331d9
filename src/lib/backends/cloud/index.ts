import type {Settings} from '../../config/settings.js'
import {CliError} from '../../cli/errors.js'
import {AtlasApiError} from '../../domain/errors.js'
import type {
  BackupSchedule,
  BackupSchedulePatch,
  ClusterDescription,
  OnDemandSnapshotRequest,
  PageRequest,
  Paginated,
  ServerlessSnapshot,
  ShardedClusterSnapshot,
  Snapshot,
  SnapshotRetentionPatch,
} from '../../domain/types.js'
import {
  backupScheduleSchema,
  clusterDescriptionSchema,
  flexSnapshotSchema,
  paginatedSchema,
  serverlessSnapshotSchema,
  shardedClusterSnapshotSchema,
  snapshotSchema,
} from '../../domain/schemas.js'
import type {Backend} from '../backend.js'
import {type Authenticator, DigestAuthenticator, ServiceAccountAuthenticator, TokenError} from './auth.js'
import {flexPageToSnapshots, flexToSnapshot, type FlexSnapshot} from './flex.js'
import {AtlasHttp, type AtlasRequest, type CloudHooks} from './http.js'

export type {CloudHooks} from './http.js'

// Media-type versions per operation (atlas-api-notes.md §2–3): the newest each operation serves.
const V_CLUSTERS = '2024-08-05'
const V_SCHEDULE = '2024-08-05'
const V_SNAPSHOTS = '2023-01-01'
const V_SERVERLESS = '2023-01-01'
const V_FLEX = '2024-11-13'

const FLEX_IN_CLUSTER_API = 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API'

function pageQuery(page: PageRequest | undefined): AtlasRequest['query'] {
  return {pageNum: page?.pageNum, itemsPerPage: page?.itemsPerPage, includeCount: page?.includeCount}
}

const enc = encodeURIComponent

/** The Atlas Administration API v2 over HTTP, behind the same interface as the local emulator. */
export class CloudBackend implements Backend {
  readonly kind = 'cloud' as const
  /** Clusters found to be Flex clusters during this command: their snapshot calls go to the flex endpoints. */
  private readonly flexClusters = new Set<string>()

  constructor(private readonly api: AtlasHttp) {}

  async close(): Promise<void> {}

  listClusters(groupId: string, page?: PageRequest): Promise<Paginated<ClusterDescription>> {
    return this.api.request({method: 'GET', path: `/groups/${enc(groupId)}/clusters`, version: V_CLUSTERS, query: pageQuery(page), schema: paginatedSchema(clusterDescriptionSchema)})
  }

  getCluster(groupId: string, clusterName: string): Promise<ClusterDescription> {
    return this.api.request({method: 'GET', path: clusterPath(groupId, clusterName), version: V_CLUSTERS, context: {clusterName}, schema: clusterDescriptionSchema})
  }

  getSchedule(groupId: string, clusterName: string): Promise<BackupSchedule> {
    return this.api.request({method: 'GET', path: `${clusterPath(groupId, clusterName)}/backup/schedule`, version: V_SCHEDULE, context: {clusterName}, schema: backupScheduleSchema})
  }

  /**
   * The spec requires `policies` in the PATCH body, although Atlas documents partial updates; a change that leaves
   * the items alone sends the current ones back (same ids: nothing changes).
   */
  async updateSchedule(groupId: string, clusterName: string, patch: BackupSchedulePatch): Promise<BackupSchedule> {
    if (!patch.policies) {
      const current = await this.getSchedule(groupId, clusterName)
      patch = {...patch, policies: current.policies.map((policy) => ({id: policy.id, policyItems: policy.policyItems}))}
    }
    return this.api.request({method: 'PATCH', path: `${clusterPath(groupId, clusterName)}/backup/schedule`, version: V_SCHEDULE, body: patch, context: {clusterName}, schema: backupScheduleSchema})
  }

  deleteSchedule(groupId: string, clusterName: string): Promise<BackupSchedule> {
    return this.api.request({method: 'DELETE', path: `${clusterPath(groupId, clusterName)}/backup/schedule`, version: V_SCHEDULE, context: {clusterName}, schema: backupScheduleSchema})
  }

  listSnapshots(groupId: string, clusterName: string, page?: PageRequest): Promise<Paginated<Snapshot>> {
    return this.flexAware(
      clusterName,
      () => this.api.request({method: 'GET', path: `${clusterPath(groupId, clusterName)}/backup/snapshots`, version: V_SNAPSHOTS, query: pageQuery(page), context: {clusterName}, schema: paginatedSchema(snapshotSchema)}),
      async () => flexPageToSnapshots(await this.api.request<Paginated<FlexSnapshot>>({method: 'GET', path: `${flexPath(groupId, clusterName)}/backup/snapshots`, version: V_FLEX, query: pageQuery(page), context: {clusterName}, schema: paginatedSchema(flexSnapshotSchema)}), clusterName),
    )
  }

  getSnapshot(groupId: string, clusterName: string, snapshotId: string): Promise<Snapshot> {
    const context = {clusterName, snapshotId}
    return this.flexAware(
      clusterName,
      () => this.api.request({method: 'GET', path: `${clusterPath(groupId, clusterName)}/backup/snapshots/${enc(snapshotId)}`, version: V_SNAPSHOTS, context, schema: snapshotSchema}),
      async () => flexToSnapshot(await this.api.request<FlexSnapshot>({method: 'GET', path: `${flexPath(groupId, clusterName)}/backup/snapshots/${enc(snapshotId)}`, version: V_FLEX, context, schema: flexSnapshotSchema}), clusterName),
    )
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
    return this.api.request({method: 'GET', path: `/groups/${enc(groupId)}/serverless/${enc(instanceName)}/backup/snapshots`, version: V_SERVERLESS, query: pageQuery(page), context: {clusterName: instanceName, serverless: true}, schema: paginatedSchema(serverlessSnapshotSchema)})
  }

  getServerlessSnapshot(groupId: string, instanceName: string, snapshotId: string): Promise<ServerlessSnapshot> {
    return this.api.request({method: 'GET', path: `/groups/${enc(groupId)}/serverless/${enc(instanceName)}/backup/snapshots/${enc(snapshotId)}`, version: V_SERVERLESS, context: {clusterName: instanceName, snapshotId, serverless: true}, schema: serverlessSnapshotSchema})
  }

  /**
   * Snapshot reads of a Flex cluster go to the flex endpoints. Atlas says a cluster is Flex by refusing it in the
   * cluster API; that answer is remembered for the command, so a `watch` polls the right endpoint from then on.
   */
  private async flexAware<T>(clusterName: string, cluster: () => Promise<T>, flex: () => Promise<T>): Promise<T> {
    if (this.flexClusters.has(clusterName)) return flex()
    try {
      return await cluster()
    } catch (error) {
      if (!(error instanceof AtlasApiError) || error.errorCode !== FLEX_IN_CLUSTER_API) throw error
      this.flexClusters.add(clusterName)
      return flex()
    }
  }
}

function clusterPath(groupId: string, clusterName: string): string {
  return `/groups/${enc(groupId)}/clusters/${enc(clusterName)}`
}

function flexPath(groupId: string, clusterName: string): string {
  return `/groups/${enc(groupId)}/flexClusters/${enc(clusterName)}`
}

/** The cloud backend for these settings; axios is loaded here, only when Atlas itself is used. */
export async function createCloudBackend(settings: Settings, hooks: CloudHooks): Promise<Backend> {
  const credentials = settings.credentials
  if (!credentials) {
    throw new CliError('no Atlas credentials are set', {hint: 'Set MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY (or a service account), or run `atlas-backups config init`'})
  }
  const {default: axios} = await import('axios')
  const http = axios.create()
  const baseUrl = settings.baseUrl.value.replace(/\/+$/, '')
  let auth: Authenticator
  let who: string
  if (credentials.kind === 'apiKey') {
    auth = new DigestAuthenticator({username: credentials.publicKey, password: credentials.privateKey})
    who = `API key ${credentials.publicKey}`
  } else {
    auth = new ServiceAccountAuthenticator(http, `${baseUrl}/api/oauth/token`, {clientId: credentials.clientId, clientSecret: credentials.clientSecret})
    who = `service account ${credentials.clientId}`
  }
  return new CloudBackend(new AtlasHttp(http, baseUrl, tokenErrorsAsCliErrors(auth, who, baseUrl), hooks, who))
}

/** A failed token request is a credentials problem: say so in one line. */
function tokenErrorsAsCliErrors(auth: Authenticator, who: string, baseUrl: string): Authenticator {
  return {
    header: async (method, uri) => {
      try {
        return await auth.header(method, uri)
      } catch (error) {
        if (error instanceof TokenError) {
          throw new CliError(`Atlas at ${baseUrl} refused a token for ${who} (HTTP ${error.status})`, {hint: 'Check MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET (or the profile), and that the service account is not revoked'})
        }
        throw error
      }
    },
    refresh: (header) => auth.refresh(header),
  }
}
