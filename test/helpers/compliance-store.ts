import {CompliancePolicyRepository} from '../../src/lib/backends/local/compliance-policy-repository.js'
import {DEMO_PROJECT_ID} from '../../src/lib/backends/local/fleet.js'
import type {LocalBackend} from '../../src/lib/backends/local/local-backend.js'
import type {PolicyInForce} from '../../src/lib/compliance/enforcement.js'

/** A Backup Compliance Policy with nothing required beyond protecting snapshots; tests override what they need. */
export const BASE_POLICY: PolicyInForce = {
  authorizedEmail: 'dpo@example.com',
  authorizedUserFirstName: 'Dana',
  authorizedUserLastName: 'Officer',
  copyProtectionEnabled: false,
  deletable: false,
  encryptionAtRestEnabled: false,
  onDemandPolicyItem: null,
  pitEnabled: false,
  projectId: DEMO_PROJECT_ID,
  restoreWindowDays: 0,
  scheduledPolicyItems: [],
}

/** Puts a policy in force for the demo project, as the compliance-policy resource leaves it after a PUT. */
export function putPolicy(backend: LocalBackend, at: number, settings: Partial<PolicyInForce> = {}): void {
  backend.transact((s) =>
    new CompliancePolicyRepository(s.repo.db).save(DEMO_PROJECT_ID, {settings: {...BASE_POLICY, ...settings}, enabledAt: at, changedAt: at, pendingState: 'ENABLING', settlesAt: at}),
  )
}
