import {AtlasApiError} from '../domain/errors.js'
import type {CompliancePolicy} from '../domain/types.js'
import type {Backend} from './backend.js'

/** The project's Backup Compliance Policy, or undefined when it has none (Atlas answers 404); other errors throw. */
export async function compliancePolicyOrNone(backend: Backend, groupId: string): Promise<CompliancePolicy | undefined> {
  try {
    return await backend.getCompliancePolicy(groupId)
  } catch (error) {
    if (error instanceof AtlasApiError && error.status === 404) return undefined
    throw error
  }
}
