import type {CompliancePolicyVersion} from '../../compliance/index.js'
import type {CompliancePolicyRequest} from '../../domain/types.js'
import {booleanParam, noContent, ok, param, type ResourceHandlers} from './operation.js'

/**
 * The project's Backup Compliance Policy. DataProtectionSettings (2023-01-01) and DataProtectionSettings20231001 have
 * the same fields; only the 2023-10-01 body must name the authorising person, so the PUT passes its version on to
 * the backend's check. DELETE exists in 2024-11-13 only and answers 204, as the spec lists.
 */
export const compliancePolicyHandlers: ResourceHandlers = {
  getGroupBackupCompliancePolicy: async (ctx) => ok(await ctx.backend.getCompliancePolicy(param(ctx, 'groupId'))),
  updateGroupBackupCompliancePolicy: async (ctx) => {
    const overwriteBackupPolicies = booleanParam(ctx.query, 'overwriteBackupPolicies')
    const options = {version: ctx.version as CompliancePolicyVersion, ...(overwriteBackupPolicies === undefined ? {} : {overwriteBackupPolicies})}
    return ok(await ctx.backend.updateCompliancePolicy(param(ctx, 'groupId'), (ctx.body ?? {}) as CompliancePolicyRequest, options))
  },
  disableGroupBackupCompliancePolicy: async (ctx) => {
    await ctx.backend.deleteCompliancePolicy(param(ctx, 'groupId'))
    return noContent
  },
}
