import {describe, expect, test} from 'vitest'

import {createCluster, deleteCluster} from '../../../src/lib/backends/local/admin.js'
import {updateCluster} from '../../../src/lib/backends/local/cluster-changes.js'
import {COMPLIANCE_SETTLE_MS} from '../../../src/lib/backends/local/compliance-policies.js'
import {CompliancePolicyRepository} from '../../../src/lib/backends/local/compliance-policy-repository.js'
import {deleteProject, listProjects} from '../../../src/lib/backends/local/projects.js'
import {DAY_MS} from '../../../src/lib/domain/time.js'
import {failure} from '../../helpers/rejection.js'
import {atlasError, GROUP, localWorld, type LocalWorld} from './harness.js'

/**
 * Deleting a project of the emulator (DELETE /groups/{groupId}; rule 89's "deleting the project while snapshots
 * exist"), in-process on a small project of its own beside the demo one: one M10 cluster, created at START (10:30
 * UTC) and looked at two days later, so it holds the snapshots of two 18:00 UTC firings. Clock still unless moved.
 */

const PROJECT = 'abcdefabcdefabcdefabcdef'
const PERSON = {authorizedEmail: 'dpo@example.com', authorizedUserFirstName: 'Dana', authorizedUserLastName: 'Officer'}
/** Longer than any retention of the default schedule (monthly snapshots are kept 12 months). */
const PAST_EVERY_EXPIRY = 400 * DAY_MS

function projectWithCluster(): LocalWorld {
  const world = localWorld()
  world.backend.transact((s) => s.repo.insertProject(PROJECT, 'Ledger', s.now))
  createCluster(world.backend, PROJECT, {name: 'Solo', tier: 'M10'})
  world.setNow(world.now() + 2 * DAY_MS)
  return world
}

async function withPolicy(world: LocalWorld): Promise<void> {
  await world.backend.updateCompliancePolicy(PROJECT, {...PERSON, scheduledPolicyItems: []})
  world.setNow(world.now() + COMPLIANCE_SETTLE_MS)
}

function projectIds(world: LocalWorld): string[] {
  return listProjects(world.backend).map((project) => project.id)
}

describe('deleting a project without a Backup Compliance Policy', () => {
  test('refused with 409 CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS while it has a cluster, paused or not; nothing removed', () => {
    const world = projectWithCluster()
    expect(failure(() => deleteProject(world.backend, PROJECT))).toMatchObject({status: 409, errorCode: 'CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS', parameters: []})
    updateCluster(world.backend, PROJECT, 'Solo', {paused: true})
    const paused = failure(() => deleteProject(world.backend, PROJECT))
    expect(paused).toMatchObject({status: 409, errorCode: 'CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS'})
    expect(paused.detail).toContain('(Solo)')
    expect(projectIds(world)).toContain(PROJECT)
  })

  test('accepted once its clusters are terminated: snapshots kept by retainBackups go with it, the other project stays', async () => {
    const world = projectWithCluster()
    const kept = deleteCluster(world.backend, PROJECT, 'Solo', {retainBackups: true}).retainedSnapshots
    expect(kept).toBeGreaterThan(0)
    expect(deleteProject(world.backend, PROJECT)).toEqual({
      deleted: true,
      id: PROJECT,
      name: 'Ledger',
      terminatedClustersRemoved: 1,
      retainedSnapshotsRemoved: kept,
      compliancePolicyRemoved: false,
    })
    expect(projectIds(world)).toEqual([GROUP])
    expect(world.backend.transact((s) => s.repo.db.prepare('SELECT COUNT(*) AS n FROM clusters WHERE project_id = ?').get(PROJECT))).toEqual({n: 0})
    expect(await atlasError(world.backend.listClusters(PROJECT))).toMatchObject({status: 404, errorCode: 'GROUP_NOT_FOUND'})
  })

  test('an unknown project is 404 GROUP_NOT_FOUND', () => {
    const world = localWorld()
    expect(failure(() => deleteProject(world.backend, PROJECT))).toMatchObject({status: 404, errorCode: 'GROUP_NOT_FOUND'})
  })
})

describe('deleting a project under a Backup Compliance Policy (rule 89)', () => {
  test('rule 89 refused: 409 CANNOT_CLOSE_GROUP_ACTIVE_BACKUP_COMPLIANCE_POLICY while a live cluster has snapshots (terminating it would not help)', async () => {
    const world = projectWithCluster()
    await withPolicy(world)
    const refused = failure(() => deleteProject(world.backend, PROJECT))
    expect(refused).toMatchObject({status: 409, errorCode: 'CANNOT_CLOSE_GROUP_ACTIVE_BACKUP_COMPLIANCE_POLICY', parameters: [PROJECT]})
    expect(refused.detail).toMatch(/^Project abcdefabcdefabcdefabcdef has a Backup Compliance Policy and \d+ snapshots it protects \(the last expires at \d{4}-/)
    expect(listProjects(world.backend).find((project) => project.id === PROJECT)).toEqual({id: PROJECT, name: 'Ledger', clusters: 1, terminatedClusters: 0, compliancePolicy: 'ACTIVE'})
  })

  test('rule 89 refused: the retained snapshots of a terminated cluster count, until the last expires', async () => {
    const world = projectWithCluster()
    await withPolicy(world)
    const termination = deleteCluster(world.backend, PROJECT, 'Solo')
    expect(termination.retainedBy).toBe('compliancePolicy')
    expect(failure(() => deleteProject(world.backend, PROJECT))).toMatchObject({status: 409, errorCode: 'CANNOT_CLOSE_GROUP_ACTIVE_BACKUP_COMPLIANCE_POLICY'})
    // A millisecond before the last expiry one snapshot is still protected.
    world.setNow(Date.parse(termination.retainedUntil!) - 1)
    expect(failure(() => deleteProject(world.backend, PROJECT)).detail).toContain(' 1 snapshot it protects ')
    expect(projectIds(world)).toContain(PROJECT)
  })

  test('rule 89 accepted: once the retained snapshots have expired the project goes, and its policy and reserved name with it', async () => {
    const world = projectWithCluster()
    await withPolicy(world)
    deleteCluster(world.backend, PROJECT, 'Solo')
    world.setNow(world.now() + PAST_EVERY_EXPIRY)
    expect(deleteProject(world.backend, PROJECT)).toMatchObject({terminatedClustersRemoved: 1, retainedSnapshotsRemoved: 0, compliancePolicyRemoved: true})
    expect(world.backend.transact((s) => new CompliancePolicyRepository(s.repo.db).find(PROJECT))).toBeUndefined()
    expect(await atlasError(world.backend.getCompliancePolicy(PROJECT))).toMatchObject({status: 404, errorCode: 'GROUP_NOT_FOUND'})
    expect(projectIds(world)).toEqual([GROUP])
  })

  test('rule 89: a cluster with no snapshot yet is refused as a cluster (CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS), not as a protected snapshot', async () => {
    const world = localWorld()
    world.backend.transact((s) => s.repo.insertProject(PROJECT, 'Ledger', s.now))
    createCluster(world.backend, PROJECT, {name: 'Fresh', tier: 'M10'})
    await withPolicy(world)
    expect(failure(() => deleteProject(world.backend, PROJECT))).toMatchObject({status: 409, errorCode: 'CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS'})
  })
})
