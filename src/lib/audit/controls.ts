import {FREQUENCY_ORDER} from '../domain/retention.js'
import {DAY_MS, durationText, toIso} from '../domain/time.js'
import type {ScheduledFrequencyType} from '../domain/types.js'
import type {AuditedItem, DeploymentFacts} from './facts.js'
import type {AuditStandard, FrequencyMinimum} from './standard.js'

export type ControlStatus = 'pass' | 'fail' | 'notApplicable'

export interface ControlResult {
  status: ControlStatus
  /** One line: why it passes, fails or does not apply. */
  reason: string
}

export type ControlId =
  | `policy.${ScheduledFrequencyType}`
  | 'continuousBackup'
  | 'copyToAnotherRegion'
  | 'newestSnapshotMaxAge'
  | 'noFailedSnapshotsInLastDays'
  | 'compliancePolicyEnabled'

export interface Control {
  id: ControlId
  /** The table's column header. */
  column: string
  evaluate(facts: DeploymentFacts, now: number): ControlResult
}

const pass = (reason: string): ControlResult => ({status: 'pass', reason})
const fail = (reason: string): ControlResult => ({status: 'fail', reason})

function deploymentWords(facts: DeploymentFacts): string {
  if (facts.kind === 'serverless') return 'serverless instances'
  if (facts.tierKind === 'flex') return 'Flex clusters'
  return `${facts.tier} clusters`
}

/** A deployment without backup fails every control that needs one, with the same reason. */
function noBackup(facts: DeploymentFacts): ControlResult | undefined {
  if (facts.tierKind === 'free') return fail('M0 clusters have no backup: move to M10 or above')
  if (!facts.backupEnabled) return fail('Cloud Backup is off for this cluster')
  return undefined
}

/** The control, failing first with noBackup's reason on a deployment that has no backup. */
function needingBackup(control: Control): Control {
  return {...control, evaluate: (facts, now) => noBackup(facts) ?? control.evaluate(facts, now)}
}

function everyHoursWords(hours: number | undefined): string {
  return hours === 1 ? 'every hour' : `every ${hours} hours`
}

function itemWords(item: AuditedItem): string {
  const how = item.frequencyType === 'hourly' ? ` ${everyHoursWords(item.everyHours)},` : ''
  return `${item.frequencyType}${how} kept ${item.keptWords}`
}

function meets(item: AuditedItem, minimum: FrequencyMinimum): boolean {
  if (minimum.everyHours !== undefined && (item.everyHours ?? Infinity) > minimum.everyHours) return false
  return minimum.keepAtLeast === undefined || item.keptDays >= minimum.keepAtLeast.days
}

function requiredWords(minimum: FrequencyMinimum): string {
  const parts: string[] = []
  if (minimum.everyHours !== undefined) parts.push(everyHoursWords(minimum.everyHours))
  if (minimum.keepAtLeast) parts.push(`kept at least ${minimum.keepAtLeast.value} ${minimum.keepAtLeast.unit}`)
  return parts.length === 0 ? 'present' : parts.join(', ')
}

/** One item of the frequency type meeting the minimum is enough: the standard then holds for that type. */
function policyControl(type: ScheduledFrequencyType, minimum: FrequencyMinimum): Control {
  return {
    id: `policy.${type}`,
    column: type.toUpperCase(),
    evaluate(facts) {
      if (!facts.policy.ok) return fail(facts.policy.reason)
      const schedule = facts.fixedByAtlas ? `the schedule Atlas fixes for ${deploymentWords(facts)}` : 'the policy'
      const items = facts.policy.value.filter((item) => item.frequencyType === type)
      const good = items.find((item) => meets(item, minimum))
      if (good) return pass(itemWords(good))
      const standard = `(standard: ${type} ${requiredWords(minimum)})`
      if (items.length === 0) return fail(`${schedule} has no ${type} item ${standard}`)
      return fail(`${schedule}: ${items.map(itemWords).join('; ')} ${standard}`)
    },
  }
}

function continuousBackupControl(minWindowDays: number | undefined): Control {
  return {
    id: 'continuousBackup',
    column: 'PIT',
    evaluate(facts) {
      if (!facts.continuousBackup) {
        if (facts.kind === 'cluster' && facts.tierKind !== 'dedicated') return fail(`Atlas offers no continuous backup for ${deploymentWords(facts)}`)
        return fail(facts.kind === 'serverless' ? 'Serverless Continuous Backup is off' : 'continuous cloud backup (point-in-time restore) is off')
      }
      if (!facts.restoreWindowDays.ok) return fail(facts.restoreWindowDays.reason)
      const window = facts.restoreWindowDays.value
      if (minWindowDays !== undefined && (window ?? 0) < minWindowDays) {
        const fixed = facts.fixedByAtlas ? ', fixed by Atlas' : ''
        return fail(`restore window ${window ?? 0} days${fixed}; the standard requires at least ${minWindowDays}`)
      }
      return pass(`on, restore window ${window} days`)
    },
  }
}

const copyControl: Control = {
  id: 'copyToAnotherRegion',
  column: 'COPY',
  evaluate(facts) {
    if (facts.fixedByAtlas) return fail(`Atlas offers no snapshot copies to other regions for ${deploymentWords(facts)}`)
    if (!facts.copies.ok) return fail(facts.copies.reason)
    const elsewhere = facts.copies.value.filter((copy) => copy.copiesSomething && copy.regionName !== copy.sourceRegion)
    if (elsewhere.length > 0) return pass(`copies to ${[...new Set(elsewhere.map((copy) => copy.regionName))].join(', ')}`)
    return fail('no copy setting copies snapshots to a region other than the one they are taken in')
  },
}

function newestSnapshotControl(maxAgeMs: number, maxAgeWords: string): Control {
  return {
    id: 'newestSnapshotMaxAge',
    column: 'RPO',
    evaluate(facts, now) {
      if (!facts.snapshots.ok) return fail(facts.snapshots.reason)
      const newest = facts.snapshots.value.newestCompletedAt
      if (newest === null) return fail('no completed snapshot')
      const age = Math.max(0, now - newest)
      const words = `newest completed snapshot ${durationText(age / 1000)} old (${toIso(newest)})`
      return age <= maxAgeMs ? pass(words) : fail(`${words}; the standard allows at most ${maxAgeWords}`)
    },
  }
}

function failedSnapshotsControl(days: number): Control {
  return {
    id: 'noFailedSnapshotsInLastDays',
    column: 'FAILED',
    evaluate(facts) {
      if (!facts.snapshots.ok) return fail(facts.snapshots.reason)
      const failed = facts.snapshots.value.failedSince
      const window = `in the last ${days} day${days === 1 ? '' : 's'}`
      if (failed.length === 0) return pass(`no failed snapshot ${window}`)
      return fail(`${failed.length} failed snapshot${failed.length === 1 ? '' : 's'} ${window}, the newest at ${failed[0]}`)
    },
  }
}

/** States in which the policy is in force: UPDATING changes a policy that already holds. */
const POLICY_IN_FORCE = new Set(['ACTIVE', 'UPDATING'])

const compliancePolicyControl: Control = {
  id: 'compliancePolicyEnabled',
  column: 'COMPLIANCE',
  evaluate(facts) {
    // Atlas's Backup Compliance Policy covers dedicated (M10+) clusters only: on the others it protects nothing.
    if (facts.kind === 'serverless' || facts.tierKind !== 'dedicated') {
      return {status: 'notApplicable', reason: `the Backup Compliance Policy does not cover ${deploymentWords(facts)}`}
    }
    if (!facts.compliancePolicy.ok) return fail(facts.compliancePolicy.reason)
    const state = facts.compliancePolicy.value
    if (state === null) return fail('the project has no Backup Compliance Policy')
    if (!POLICY_IN_FORCE.has(state)) return fail(`the project's Backup Compliance Policy is ${state}, not yet in force`)
    return pass(`the project's Backup Compliance Policy is ${state}`)
  },
}

/** The controls the standard sets, in a fixed order (the table's columns and the JSON's). */
export function controlsOf(standard: AuditStandard): Control[] {
  const controls: Control[] = []
  for (const type of FREQUENCY_ORDER) {
    const minimum = standard.policy?.[type]
    if (minimum) controls.push(needingBackup(policyControl(type, minimum)))
  }
  if (standard.continuousBackup) controls.push(needingBackup(continuousBackupControl(standard.continuousBackup.minRestoreWindowDays)))
  if (standard.copyToAnotherRegion) controls.push(needingBackup(copyControl))
  if (standard.newestSnapshotMaxAgeMs !== undefined) controls.push(needingBackup(newestSnapshotControl(standard.newestSnapshotMaxAgeMs, standard.newestSnapshotMaxAge ?? `${standard.newestSnapshotMaxAgeMs} ms`)))
  if (standard.noFailedSnapshotsInLastDays !== undefined) controls.push(needingBackup(failedSnapshotsControl(standard.noFailedSnapshotsInLastDays)))
  if (standard.compliancePolicyEnabled) controls.push(compliancePolicyControl)
  return controls
}

/** How far back the snapshot history must be read: the failure window, if the standard has one. */
export function failureWindowStart(standard: AuditStandard, now: number): number | undefined {
  return standard.noFailedSnapshotsInLastDays === undefined ? undefined : now - standard.noFailedSnapshotsInLastDays * DAY_MS
}
