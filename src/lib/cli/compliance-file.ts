import type {CompliancePolicyRequest} from '../domain/types.js'
import {readObjectDocument} from './document-file.js'
import {requestOf, requireValidPolicy} from './compliance-policy.js'

/**
 * The configuration file of `compliancePolicy setup` and `check -f`: a DataProtectionSettings20231001 document
 * (JSON, or YAML). As the Atlas CLI says, fields it does not support are ignored; this one names them on stderr.
 */

// Atlas sets these itself: a file copied from `describe -o json` holds them, and they are dropped without a word.
const READ_ONLY = new Set(['deletable', 'state', 'updatedDate', 'updatedUser', 'projectId'])

export interface PolicyFile {
  request: CompliancePolicyRequest
  /** Top-level fields the file has that a policy has not. */
  ignored: string[]
}

/** Reads the file and checks it as Atlas would (rule 86, exit 2 before anything is sent); the project's id is the one the command acts on, whatever the file says. */
export async function readPolicyFile(path: string, projectId: string): Promise<PolicyFile> {
  const document = await readObjectDocument(path, 'a backup compliance policy', 'A policy is an object in the shape `backups compliancePolicy describe -o json` prints')
  requireValidPolicy(document, path === '-' ? 'stdin' : path)
  const request = requestOf({...(document as CompliancePolicyRequest), projectId})
  const ignored = Object.keys(document).filter((field) => !(field in request) && !READ_ONLY.has(field) && document[field] !== null)
  return {request, ignored}
}
