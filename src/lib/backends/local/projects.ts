import {cannotCloseGroupUnderCompliance, cannotCloseGroupWithClusters, groupAlreadyExists} from '../../domain/atlas-errors.js'
import {deterministicObjectId} from '../../domain/ids.js'
import {toIso} from '../../domain/time.js'
import {CompliancePolicyRepository} from './compliance-policy-repository.js'
import type {LocalBackend} from './local-backend.js'
import type {LocalSession} from './session.js'

/**
 * The emulator's projects (Atlas's DELETE /groups/{groupId}, and a list for `local projects`): an operation on the
 * emulator, like the fleet's, since the backup API has no project resource.
 */

export interface ProjectSummary {
  id: string
  name: string
  /** Live clusters and serverless instances, paused ones included. */
  clusters: number
  /** Terminated clusters whose snapshots are kept, or whose name a compliance policy reserves. */
  terminatedClusters: number
  /** The state of the project's Backup Compliance Policy, or absent when it has none. */
  compliancePolicy?: 'ENABLING' | 'UPDATING' | 'ACTIVE'
}

/** One row per project; it counts rows and reads no snapshot, so it costs O(clusters). */
export function listProjects(backend: LocalBackend): ProjectSummary[] {
  return backend.transact((s) => {
    const policies = new CompliancePolicyRepository(s.repo.db)
    return s.repo.projects().map((project) => {
      const all = s.repo.clusters(project.id, {terminated: true})
      const terminated = all.filter((cluster) => cluster.state.terminated).length
      const policy = policies.find(project.id)
      return {
        id: project.id,
        name: project.name,
        clusters: all.length - terminated,
        terminatedClusters: terminated,
        ...(policy ? {compliancePolicy: s.now < policy.settlesAt ? policy.pendingState : ('ACTIVE' as const)} : {}),
      }
    })
  })
}

/**
 * Atlas's project name: 1 to 64 letters, digits, spaces and - _ . ( ) , : & @ + ' (the demo project's name has a
 * space, as projects made in the Atlas UI often do).
 */
const PROJECT_NAME = /^[\p{L}\p{N} \-_.(),:&@+']{1,64}$/u

export function isValidProjectName(name: string): boolean {
  return PROJECT_NAME.test(name) && name.trim() === name
}

/**
 * A new, empty project (what `atlas projects create` does), so that a fleet of several projects can be built locally.
 * Its id derives from the name and the emulator's now, so a frozen clock gives the same id every time.
 */
export function createProject(backend: LocalBackend, name: string): ProjectSummary {
  return backend.transact((s) => {
    if (s.repo.projects().some((project) => project.name === name)) throw groupAlreadyExists(name)
    const id = deterministicObjectId(s.now, `project/${name}`)
    s.repo.insertProject(id, name, s.now)
    return {id, name, clusters: 0, terminatedClusters: 0}
  })
}

export interface ProjectDeletion {
  deleted: true
  id: string
  name: string
  /** Terminated clusters removed with the project, and the retained snapshots they still had (only without a policy). */
  terminatedClustersRemoved: number
  retainedSnapshotsRemoved: number
  /** The project's Backup Compliance Policy went with it. */
  compliancePolicyRemoved: boolean
}

/** Every snapshot the project still has (live and terminated clusters, each brought up to now so expired ones are gone). */
function snapshotsLeft(s: LocalSession, projectId: string): {count: number; lastExpiry: number} {
  let count = 0
  let lastExpiry = -Infinity
  for (const cluster of s.repo.clusters(projectId, {terminated: true})) {
    s.advance(cluster)
    for (const record of s.repo.snapshotsOf(cluster.id)) {
      count++
      lastExpiry = Math.max(lastExpiry, record.expiresAt)
    }
  }
  return {count, lastExpiry}
}

/**
 * DELETE /groups/{groupId}. Under a Backup Compliance Policy no snapshot may go before it expires, so a project that
 * still has one (a live cluster's or a terminated one's) is refused first (rule 89): terminating its clusters would
 * not help. Otherwise live clusters refuse it, as in Atlas. What is left goes with the project: terminated clusters
 * (without a policy, snapshots kept by retainBackups are deleted with it), their restore jobs, and the policy, which
 * in a project with no cluster and no snapshot its owner could disable anyway (rule 90).
 */
export function deleteProject(backend: LocalBackend, projectId: string): ProjectDeletion {
  return backend.transact((s) => {
    s.requireProject(projectId)
    const policies = new CompliancePolicyRepository(s.repo.db)
    const policy = policies.find(projectId)
    if (policy) {
      const left = snapshotsLeft(s, projectId)
      if (left.count > 0) throw cannotCloseGroupUnderCompliance(projectId, left.count, toIso(left.lastExpiry))
    }
    const live = s.repo.clusters(projectId)
    if (live.length > 0) throw cannotCloseGroupWithClusters(projectId, live.map((cluster) => cluster.name))
    const terminated = s.repo.terminatedClusters(projectId)
    let retainedSnapshotsRemoved = 0
    for (const cluster of terminated) {
      s.advance(cluster)
      retainedSnapshotsRemoved += s.repo.countSnapshots(cluster.id)
      // Its restore jobs go with it (ON DELETE CASCADE).
      s.repo.deleteCluster(cluster.id)
    }
    if (policy) policies.delete(projectId)
    const name = s.repo.projects().find((project) => project.id === projectId)!.name
    s.repo.deleteProject(projectId)
    return {deleted: true, id: projectId, name, terminatedClustersRemoved: terminated.length, retainedSnapshotsRemoved, compliancePolicyRemoved: policy !== undefined}
  })
}
