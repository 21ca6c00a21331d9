import type {CompliancePolicyRequest} from '../domain/types.js'
import {isRecord} from '../policy/violation.js'
import {readDocument} from './document-file.js'
import {UsageError} from './errors.js'
import {requestOf} from './compliance-policy.js'

/**
 * The configuration file of `compliancePolicy setup` and `check -f`: a DataProtectionSettings20231001 document
 * (JSON, or YAML). As the Atlas CLI says, fields it does not support are ignored; this one names them on stderr.
 */

const STRINGS = ['authorizedEmail', 'authorizedUserFirstName', 'authorizedUserLastName'] as const
const BOOLEANS = ['copyProtectionEnabled', 'encryptionAtRestEnabled', 'pitEnabled'] as const
// Atlas sets these itself: a file copied from `describe -o json` holds them, and they are dropped without a word.
const READ_ONLY = new Set(['deletable', 'state', 'updatedDate', 'updatedUser', 'projectId'])

export interface PolicyFile {
  request: CompliancePolicyRequest
  /** Top-level fields the file has that a policy has not. */
  ignored: string[]
}

/** Where the document is not the shape of a policy: one line per field, so the whole file can be fixed at once. */
function shapeProblems(document: Record<string, unknown>): string[] {
  const problems: string[] = []
  for (const field of STRINGS) {
    if (document[field] !== undefined && typeof document[field] !== 'string') problems.push(`${field}: must be a string`)
  }
  for (const field of BOOLEANS) {
    if (document[field] !== undefined && typeof document[field] !== 'boolean') problems.push(`${field}: must be true or false`)
  }
  if (document.restoreWindowDays !== undefined && !Number.isInteger(document.restoreWindowDays)) problems.push('restoreWindowDays: must be a whole number of days')
  const scheduled = document.scheduledPolicyItems
  if (scheduled !== undefined && scheduled !== null && !(Array.isArray(scheduled) && scheduled.every(isRecord))) problems.push('scheduledPolicyItems: must be a list of policy items')
  const onDemand = document.onDemandPolicyItem
  if (onDemand !== undefined && onDemand !== null && !isRecord(onDemand)) problems.push('onDemandPolicyItem: must be a policy item')
  return problems
}

/** Reads and shapes the file; the project's id is the one the command acts on, whatever the file says. */
export async function readPolicyFile(path: string, projectId: string): Promise<PolicyFile> {
  const document = await readDocument(path)
  const source = path === '-' ? 'stdin' : path
  if (!isRecord(document)) throw new UsageError(`${source} is not a backup compliance policy: it must be one JSON object`, 'Start from `atlas-backups backups compliancePolicy describe -o json`')
  const problems = shapeProblems(document)
  if (problems.length > 0) throw new UsageError(`${source} is not a backup compliance policy, nothing was sent`, 'Fix every line below and run the command again', problems)
  const request = requestOf({...(document as CompliancePolicyRequest), projectId})
  const ignored = Object.keys(document).filter((field) => !(field in request) && !READ_ONLY.has(field) && document[field] !== null)
  return {request, ignored}
}
