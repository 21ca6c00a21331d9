import type {RestoreJobRequest} from '../domain/types.js'
import {UsageError} from './errors.js'
import {canPrompt, confirmOrForce} from './prompts.js'

/**
 * Automated and point-in-time restores wipe their target: they are confirmed on a terminal, naming the cluster and
 * project that lose their data, and need --force without one. Downloads change nothing and are not asked about.
 */
export async function confirmRestoreWipe(request: RestoreJobRequest, force: boolean): Promise<boolean> {
  if (request.deliveryType === 'download' || force) return true
  const target = `cluster ${request.targetClusterName} of project ${request.targetGroupId}`
  if (!canPrompt()) throw new UsageError(`this ${request.deliveryType} restore removes all existing data on ${target}, and there is no terminal to confirm on`, 'Pass --force to confirm in scripts and CI')
  return confirmOrForce(`Are you sure you want to restore into ${target}? Atlas removes all of its existing data first.`, false)
}
