import {deterministicObjectId} from '../../domain/ids.js'
import {toIso} from '../../domain/time.js'
import type {Link, PageRequest, Paginated, Project, ServerlessInstanceDescription} from '../../domain/types.js'
import type {ClusterRow} from './records.js'
import type {LocalSession} from './session.js'
import {ATLAS_REL, groupPath, paginateAll, type ViewContext} from './views.js'

/**
 * The fleet as Atlas lists it: the projects the credentials can see (GET /groups) and a project's serverless
 * instances (GET /groups/{groupId}/serverless), which the clusters API leaves out.
 */

/** The emulator has one organisation; every project belongs to it. Fixed, like the demo project's id. */
export const LOCAL_ORG_ID = deterministicObjectId(Date.UTC(2026, 0, 1), 'atlas-backups local organization')

function link(ctx: ViewContext, path: string, rel = 'self'): Link {
  return {href: `${ctx.linkBase}${path}`, rel}
}

/** Group as Atlas answers it (the recorded POST /groups): clusterCount counts live deployments, serverless included. */
export function projectView(ctx: ViewContext, project: {id: string; name: string; createdAt: number}, clusterCount: number): Project {
  const path = groupPath(project.id)
  return {
    clusterCount,
    created: toIso(project.createdAt),
    id: project.id,
    links: [link(ctx, path), link(ctx, `${path}/clusters`, `${ATLAS_REL}/clusters`)],
    name: project.name,
    orgId: LOCAL_ORG_ID,
    withDefaultAlertsSettings: true,
  }
}

export function projectPage(s: LocalSession, page: PageRequest = {}): Paginated<Project> {
  const projects = s.repo.projectRows().map((project) => projectView(s.view, project, s.repo.clusters(project.id).length))
  return paginateAll(s.view, '/api/atlas/v2/groups', projects, page)
}

export function serverlessInstanceView(ctx: ViewContext, groupId: string, instance: ClusterRow): ServerlessInstanceDescription {
  const spec = instance.spec
  const path = `${groupPath(groupId)}/serverless/${instance.name}`
  return {
    connectionStrings: {standardSrv: `mongodb+srv://${instance.name.toLowerCase()}.${instance.id.slice(-7)}.mongodb.net`},
    createDate: toIso(instance.createdAt),
    groupId,
    id: instance.id,
    links: [link(ctx, path), link(ctx, `${path}/backup/snapshots`, `${ATLAS_REL}/snapshots`)],
    mongoDBVersion: spec.mongoDBVersion,
    name: instance.name,
    providerSettings: {backingProviderName: spec.provider, providerName: 'SERVERLESS', regionName: spec.regions[0]?.regionName ?? ''},
    serverlessBackupOptions: {serverlessContinuousBackupEnabled: spec.continuousBackup},
    stateName: 'IDLE',
    terminationProtectionEnabled: false,
  }
}

/** Live serverless instances of the project by name, as listClusters orders its clusters. */
export function serverlessInstancePage(s: LocalSession, groupId: string, page: PageRequest = {}): Paginated<ServerlessInstanceDescription> {
  s.requireProject(groupId)
  const instances = s.repo.clusters(groupId).filter((cluster) => cluster.spec.kind === 'serverless')
  return paginateAll(s.view, `${groupPath(groupId)}/serverless`, instances.map((instance) => serverlessInstanceView(s.view, groupId, instance)), page)
}
