import type {CompliancePolicy, CompliancePolicyRequest} from '../../domain/types.js'
import {backupCompliancePolicySchema} from '../../domain/schemas.js'
import type {RequestContext} from './errors.js'
import type {AtlasHttp} from './http.js'
import {enc} from './paths.js'

/**
 * The project's Backup Compliance Policy over the Admin API v2 (atlas-api-notes.md §2). GET and PUT use the
 * 2023-10-01 shape, whose authorizedUserFirstName and authorizedUserLastName are required; DELETE exists only in
 * 2024-11-13. A PUT is a whole replacement, so sending it twice after a timeout sets the same policy twice: the
 * retry policy may repeat it like any other idempotent request.
 */

const V_COMPLIANCE_POLICY = '2023-10-01'
const V_COMPLIANCE_POLICY_DELETE = '2024-11-13'

// Every compliance-policy operation needs Project Owner, reads included (atlas-api-notes.md §2).
const CONTEXT: RequestContext = {role: 'Project Owner role'}

function policyPath(groupId: string): string {
  return `/groups/${enc(groupId)}/backupCompliancePolicy`
}

export async function getCompliancePolicy(api: AtlasHttp, groupId: string): Promise<CompliancePolicy> {
  return asPolicy(await api.request({method: 'GET', path: policyPath(groupId), version: V_COMPLIANCE_POLICY, context: CONTEXT, schema: backupCompliancePolicySchema}))
}

/**
 * `overwriteBackupPolicies` travels only when the caller gives it: Atlas's own default (true, raise the cluster
 * policies) then applies, as it does for the Atlas CLI, which never sends it.
 */
export async function updateCompliancePolicy(api: AtlasHttp, groupId: string, body: CompliancePolicyRequest, options: {overwriteBackupPolicies?: boolean} = {}): Promise<CompliancePolicy> {
  const query = options.overwriteBackupPolicies === undefined ? undefined : {overwriteBackupPolicies: options.overwriteBackupPolicies}
  return asPolicy(await api.request({method: 'PUT', path: policyPath(groupId), version: V_COMPLIANCE_POLICY, query, body, context: CONTEXT, schema: backupCompliancePolicySchema}))
}

/** Atlas answers 204; it refuses (rule 90) unless MongoDB Support made the policy deletable or the project is empty. */
export async function deleteCompliancePolicy(api: AtlasHttp, groupId: string): Promise<void> {
  await api.request({method: 'DELETE', path: policyPath(groupId), version: V_COMPLIANCE_POLICY_DELETE, context: CONTEXT})
}

/**
 * The schema lets through what real Atlas leaves out or sends as null (`onDemandPolicyItem: null`, no
 * `scheduledPolicyItems`); callers get the documented shape, with an empty list and null where nothing was sent.
 */
function asPolicy(answer: unknown): CompliancePolicy {
  const policy = answer as Partial<CompliancePolicy> & {authorizedEmail: string}
  return {...policy, onDemandPolicyItem: policy.onDemandPolicyItem ?? null, scheduledPolicyItems: policy.scheduledPolicyItems ?? []} as CompliancePolicy
}
