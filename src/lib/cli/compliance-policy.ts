import type {Command} from '@oclif/core'
import * as Flags from '@oclif/core/flags'

import type {Backend} from '../backends/backend.js'
import {checkCompliancePolicySettings} from '../compliance/index.js'
import type {CompliancePolicy, CompliancePolicyRequest} from '../domain/types.js'
import {BackendCommand} from './backend-command.js'
import {UsageError} from './errors.js'
import {canPrompt, requireConfirmation} from './prompts.js'
import {violationLine} from './violations.js'
import {watchCompliancePolicy, watchTiming} from './watch.js'

/**
 * What the `backups compliancePolicy …` commands share: the --watch flags, the read-modify-write of the whole
 * policy, and the confirmation before a policy is set up (it cannot be undone without MongoDB Support).
 */

export const complianceWatchFlags = {
  watch: Flags.boolean({char: 'w', default: false, description: 'Wait until Atlas has applied the change (the policy is ACTIVE again), showing progress on stderr, then print the result.'}),
  interval: Flags.string({description: 'With --watch: how often to poll (at least 1s; default 4s), e.g. 10s.'}),
  timeout: Flags.string({description: 'With --watch: give up after this long (e.g. 10m), with exit code 124; by default it waits as long as it takes.'}),
}

interface WatchFlagValues {
  watch: boolean
  interval?: string
  timeout?: string
}

type Timing = {intervalMs: number; timeoutMs?: number}

// The fields a PUT may carry (DataProtectionSettings20231001 less what Atlas sets itself).
const REQUEST_FIELDS = [
  'authorizedEmail',
  'authorizedUserFirstName',
  'authorizedUserLastName',
  'copyProtectionEnabled',
  'encryptionAtRestEnabled',
  'onDemandPolicyItem',
  'pitEnabled',
  'projectId',
  'restoreWindowDays',
  'scheduledPolicyItems',
] as const satisfies readonly (keyof CompliancePolicyRequest)[]

/**
 * The PUT body that sets a policy back as it is: every setting, none of the fields Atlas keeps for itself (state,
 * deletable, updatedDate, updatedUser), nor fields of other API versions. No on-demand item is left out rather
 * than sent as null.
 */
export function requestOf(policy: CompliancePolicyRequest | CompliancePolicy): CompliancePolicyRequest {
  const request: Record<string, unknown> = {}
  for (const field of REQUEST_FIELDS) if (policy[field] !== undefined && policy[field] !== null) request[field] = policy[field]
  return request as CompliancePolicyRequest
}

/**
 * Refuses (exit 2, nothing sent) a policy Atlas would refuse with BACKUP_COMPLIANCE_POLICY_SETTINGS_INVALID (rule
 * 86), one line per problem; `what` names where it came from ("policy.json", "the policy with this change").
 */
export function requireValidPolicy(body: unknown, what: string): void {
  const errors = checkCompliancePolicySettings(body, '2023-10-01').violations.filter((v) => v.severity === 'error')
  if (errors.length === 0) return
  const count = errors.length === 1 ? '1 rule' : `${errors.length} rules`
  throw new UsageError(`${what} breaks ${count} of a backup compliance policy, nothing was sent`, 'Fix every line below and run the command again', errors.map(violationLine))
}

export const CONFIRMATION =
  'Backup compliance policy can not be disabled without MongoDB Support. Please confirm that you want to continue.\nLearn more: https://www.mongodb.com/docs/atlas/backup/cloud-backup/backup-compliance-policy/'

/** Setting a policy up is confirmed on a terminal (default No); without one it needs --force, and says so. */
export async function confirmCompliancePolicy(force: boolean): Promise<void> {
  if (force) return
  if (!canPrompt()) {
    throw new UsageError('a backup compliance policy cannot be disabled without MongoDB Support, and there is no terminal to confirm it on', 'Pass --force to confirm in scripts and CI')
  }
  await requireConfirmation(CONFIRMATION, false, 'did not receive confirmation to enable backup compliance policy')
}

/**
 * Why an e-mail address would be refused, in the manner of the Atlas CLI's RFC 5322 parse; undefined when it is a
 * plain address (local-part@domain). Display names (`Name <a@b>`) are refused: Atlas stores the address alone.
 */
export function emailProblem(email: string): string | undefined {
  if (email.trim() === '') return 'no address'
  if (/\s/.test(email)) return 'an address has no spaces'
  const at = email.lastIndexOf('@')
  if (at === -1) return "missing '@'"
  const local = email.slice(0, at)
  const domain = email.slice(at + 1)
  if (local === '') return "nothing before '@'"
  if (domain === '') return "no domain after '@'"
  if (/[<>()[\]\\,;:"]/.test(email.replace(/@(?=[^@]*$)/, ''))) return 'characters an address cannot hold unquoted (<>()[]\\,;:")'
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return 'a dot at the start or end of the name, or two in a row'
  if (!/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/.test(domain)) return `"${domain}" is not a domain`
  return undefined
}

/**
 * The base of the compliance-policy commands that change the policy: the --watch timing is checked with the other
 * flags, before anything is sent; then the change is made and, with --watch, awaited until ACTIVE.
 */
export abstract class CompliancePolicyChangeCommand<T extends typeof Command> extends BackendCommand<T> {
  /** The --watch timing, or undefined without --watch; throws a usage error (exit 2) for a bad --interval or --timeout. */
  protected watchTiming(): Timing | undefined {
    const flags = this.flags as unknown as WatchFlagValues
    if (!flags.watch) {
      const given = [flags.interval === undefined ? '' : '--interval', flags.timeout === undefined ? '' : '--timeout'].filter(Boolean)
      if (given.length > 0) throw new UsageError(`${given.join(' and ')} only apply with --watch`, 'Add --watch (-w), or leave them out')
      return undefined
    }
    return watchTiming({interval: flags.interval ?? '4s', timeout: flags.timeout})
  }

  /** Changes the policy and sends it back whole (the Atlas CLI's read-modify-write: one transaction on the local backend); a change Atlas would refuse is not sent. */
  protected async modify(backend: Backend, projectId: string, change: (current: CompliancePolicy) => CompliancePolicyRequest): Promise<CompliancePolicy> {
    return backend.changeCompliancePolicy(projectId, (current) => {
      const body = change(current)
      requireValidPolicy(body, 'the policy with this change')
      return body
    })
  }

  /**
   * The whole of a read-modify-write command: checks --watch, makes the change, and prints Atlas's answer (or, with
   * --watch, the ACTIVE policy), with `text(watched)` as the message of the text output.
   */
  protected async change(edit: (current: CompliancePolicy) => CompliancePolicyRequest, text: (watched: boolean) => string): Promise<void> {
    const timing = this.watchTiming()
    const projectId = this.projectId()
    const backend = await this.backend()
    const answer = await this.modify(backend, projectId, (current) => ({...requestOf(current), ...edit(current)}))
    await this.present(await this.settled(backend, projectId, answer, timing), () => text(timing !== undefined))
  }

  /** What Atlas answered to the PUT, or with --watch the policy once it is ACTIVE. */
  protected async settled(backend: Backend, projectId: string, answer: CompliancePolicy, timing: Timing | undefined): Promise<CompliancePolicy> {
    if (!timing) return answer
    return watchCompliancePolicy(projectId, () => backend.getCompliancePolicy(projectId), timing, backend)
  }
}

/** A whole number of at least 1, checked before anything is sent (oclif's integer flag lets 0 and 1e20 through). */
const positiveInteger = (description: string) =>
  Flags.custom<number>({
    description,
    required: true,
    async parse(input) {
      if (!/^\+?\d+$/.test(input) || !Number.isSafeInteger(Number(input)) || Number(input) < 1) throw new Error(`Expected a positive, non-zero integer but received: ${input}`)
      return Number(input)
    },
  })()

export const retentionFlags = {
  retentionUnit: Flags.string({description: "Unit of time in which Atlas measures snapshot retention: 'days' 'weeks' 'months' (or 'years').", options: ['days', 'weeks', 'months', 'years'], required: true}),
  retentionValue: positiveInteger('Duration in days, weeks, or months that Atlas retains the snapshot.'),
}

export const scheduledItemFlags = {
  frequencyType: Flags.string({description: "Frequency associated with the backup policy item: 'daily' 'hourly' 'monthly' 'weekly' (or 'yearly').", options: ['hourly', 'daily', 'weekly', 'monthly', 'yearly'], required: true}),
  frequencyInterval: positiveInteger('Desired frequency of the new backup policy item specified by frequencyType; Atlas reads it on hourly items only (hours between snapshots).'),
  ...retentionFlags,
}

export const restoreWindowDaysFlag = positiveInteger('Number of days back in time you can restore to with Continuous Cloud Backup accuracy. Must be a positive, non-zero integer.')
