import {deterministicObjectId} from '../../domain/ids.js'
import {toIso} from '../../domain/time.js'
import type {BackupSchedule} from '../../domain/types.js'
import {defaultSchedule} from '../../schedule/index.js'
import {buildClusterSpec, clusterIdFor, DEMO_FLEET, DEMO_PROJECT_ID, DEMO_PROJECT_NAME, demoCreationTime, type ClusterRequest} from './fleet.js'
import {emptyClusterState} from './records.js'
import type {ClusterWithSchedule, Repository} from './repository.js'
import {writeMeta} from './store.js'

/**
 * A new cluster's backup schedule: the seed's default policy (18:00 UTC; hourly only with continuous backup, every
 * 12 h on NVMe), with ids assigned the way Atlas does, derived from the cluster so they are reproducible.
 */
export function initialSchedule(clusterId: string, createdAt: number, nvme: boolean, pitEnabled: boolean): BackupSchedule {
  const template = defaultSchedule('seed', {nvme, pitEnabled})
  const policy = template.policies[0]!
  return {
    ...template,
    policies: [
      {
        id: deterministicObjectId(createdAt, `${clusterId}/policy`),
        policyItems: policy.policyItems.map((item, index) => ({...item, id: deterministicObjectId(createdAt, `${clusterId}/policy-item/initial-${index}`)})),
      },
    ],
  }
}

export function newCluster(projectId: string, request: ClusterRequest, createdAt: number): ClusterWithSchedule {
  const spec = buildClusterSpec(request)
  const id = clusterIdFor(projectId, request.name, createdAt)
  return {
    id,
    projectId,
    name: request.name,
    spec,
    schedule: spec.kind === 'dedicated' ? initialSchedule(id, createdAt, spec.nvme, spec.continuousBackup) : undefined,
    state: emptyClusterState(),
    createdAt,
    advancedTo: createdAt,
  }
}

/** Creates the demo project and fleet on first use; their snapshots appear when each cluster is first looked at. */
export function seedDemoWorld(repo: Repository, now: number): void {
  const createdAt = demoCreationTime(now)
  repo.insertProject(DEMO_PROJECT_ID, DEMO_PROJECT_NAME, createdAt)
  for (const request of DEMO_FLEET) repo.insertCluster(newCluster(DEMO_PROJECT_ID, request, createdAt))
  writeMeta(repo.db, 'seeded_at', toIso(now))
}
