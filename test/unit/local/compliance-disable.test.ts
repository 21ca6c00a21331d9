import {describe, expect, test} from 'vitest'

import {createCluster, deleteCluster} from '../../../src/lib/backends/local/admin.js'
import {updateCluster} from '../../../src/lib/backends/local/cluster-changes.js'
import {COMPLIANCE_SETTLE_MS} from '../../../src/lib/backends/local/compliance-policies.js'
import {DAY_MS} from '../../../src/lib/domain/time.js'
import {atlasError, localWorld, type LocalWorld} from './harness.js'

/**
 * Disabling the Backup Compliance Policy (DELETE …/backupCompliancePolicy, rule 90): only MongoDB Support can, unless
 * the project is empty (no active or paused cluster, no retained snapshot). Real Atlas refuses with 400
 * CANNOT_DISABLE_BACKUP_COMPLIANCE_POLICY. In-process, on a small project of its own: one M10 cluster created at START
 * and looked at two days later, so it holds the snapshots of two 18:00 UTC firings; the clock still unless moved.
 */

const PROJECT = 'abcdefabcdefabcdefabcdef'
const POLICY = {authorizedEmail: 'dpo@example.com', authorizedUserFirstName: 'Dana', authorizedUserLastName: 'Officer', scheduledPolicyItems: []}

async function projectUnderPolicy(): Promise<LocalWorld> {
  const world = localWorld()
  world.backend.transact((s) => s.repo.insertProject(PROJECT, 'Ledger', s.now))
  createCluster(world.backend, PROJECT, {name: 'Solo', tier: 'M10'})
  world.setNow(world.now() + 2 * DAY_MS)
  await world.backend.updateCompliancePolicy(PROJECT, POLICY)
  world.setNow(world.now() + COMPLIANCE_SETTLE_MS)
  return world
}

async function expectRefused(world: LocalWorld): Promise<void> {
  const refused = await atlasError(world.backend.deleteCompliancePolicy(PROJECT))
  expect(refused).toMatchObject({status: 400, errorCode: 'CANNOT_DISABLE_BACKUP_COMPLIANCE_POLICY'})
  expect(refused.parameters).toHaveLength(1)
  expect(refused.detail).toContain('ask MongoDB Support to make it deletable')
  expect((await world.backend.getCompliancePolicy(PROJECT)).state).toBe('ACTIVE')
}

describe('disabling the policy outside an empty project (rule 90)', () => {
  test('rule 90 refused: an active cluster keeps the policy (400 CANNOT_DISABLE_BACKUP_COMPLIANCE_POLICY)', async () => {
    await expectRefused(await projectUnderPolicy())
  })

  test('rule 90 refused: a paused cluster counts as a cluster', async () => {
    const world = await projectUnderPolicy()
    updateCluster(world.backend, PROJECT, 'Solo', {paused: true})
    await expectRefused(world)
  })

  test('rule 90 refused: retained snapshots alone (the cluster terminated) keep the policy until the last expires', async () => {
    const world = await projectUnderPolicy()
    const termination = deleteCluster(world.backend, PROJECT, 'Solo')
    expect(termination.retainedSnapshots).toBeGreaterThan(0)
    await expectRefused(world)
    world.setNow(Date.parse(termination.retainedUntil!) - 1)
    await expectRefused(world)
  })
})

describe('disabling the policy of an empty project (rule 90)', () => {
  test('rule 90 accepted: after its cluster was deleted and the retained snapshots expired; GET then 404, the name free again', async () => {
    const world = await projectUnderPolicy()
    const termination = deleteCluster(world.backend, PROJECT, 'Solo')
    world.setNow(Date.parse(termination.retainedUntil!))
    await world.backend.deleteCompliancePolicy(PROJECT)
    expect(await atlasError(world.backend.getCompliancePolicy(PROJECT))).toMatchObject({status: 404, errorCode: 'RESOURCE_NOT_FOUND'})
    // Without the policy the terminated cluster's name is no longer reserved (rule 91).
    expect(createCluster(world.backend, PROJECT, {name: 'Solo', tier: 'M10'})).toMatchObject({name: 'Solo'})
  })
})
