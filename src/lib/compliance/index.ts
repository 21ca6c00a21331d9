/**
 * The Backup Compliance Policy's rules, pure (no I/O): checking the settings a PUT sends (rule 86), measuring a
 * cluster's schedule against the policy's minimum (rule 88) and the PATCH that raises it there. Callers validate
 * with `checkCompliancePolicySettings` (every problem, never throws) or `requireCompliancePolicySettings` (Atlas's
 * 400), then act.
 */
export {raiseToMinimum} from './raise.js'
export {
  checkCompliancePolicySettings,
  type ComplianceMinimum,
  type CompliancePolicyVersion,
  type ComplianceSettings,
  requireCompliancePolicySettings,
  SETTINGS_INVALID,
  type SettingsCheck,
} from './settings.js'
export {type ComplianceClusterFacts, scheduleShortfalls, type Shortfall} from './shortfalls.js'
