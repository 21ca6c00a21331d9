import {isRecord} from './violation.js'

/**
 * The most policy items a schedule may list. Atlas documents no limit, but a policy has only 50 distinct firing
 * slots (1 hourly, 1 daily, 7 weekdays, 29 days of the month, 12 months): a list twenty times that long is not a
 * policy anyone wrote by hand, and refusing it at once keeps validation and the emulator's schedule instant.
 */
export const MAX_POLICY_ITEMS = 1000

/** A backup schedule has 17 fields; a document with more than this many at its top level is something else. */
export const MAX_SCHEDULE_FIELDS = 100

export interface SizeProblem {
  /** Where, as a violation path: `$` or `policies[0].policyItems`. */
  path: string
  /** The Atlas error code and backup-rules.md row the refusal is reported under. */
  errorCode: string
  rule: number
  message: string
  hint: string
}

function countKeys(value: Record<string, unknown>, stopAfter: number): number {
  let count = 0
  // for…in stops early; Object.keys would copy every key of a huge document first.
  for (const key in value) if (Object.hasOwn(value, key) && ++count > stopAfter) break
  return count
}

/**
 * Refuses, before any rule runs, a document far larger than any backup schedule: too many top-level fields, or
 * too many policy items. Cheap on any input: it never walks past the limits.
 */
export function scheduleSizeProblem(input: unknown): SizeProblem | undefined {
  if (!isRecord(input)) return undefined
  if (countKeys(input, MAX_SCHEDULE_FIELDS) > MAX_SCHEDULE_FIELDS) {
    const total = Object.keys(input).length
    return {
      path: '$',
      errorCode: 'INVALID_ATTRIBUTE',
      rule: 1,
      message: `the document has ${total.toLocaleString('en-US')} top-level fields, more than the ${MAX_SCHEDULE_FIELDS} this tool accepts (a backup schedule has 17)`,
      hint: 'Check that the file is a backup schedule, in the shape `backups schedule describe -o json` prints',
    }
  }
  const policies = input.policies
  const policy: unknown = Array.isArray(policies) ? policies[0] : undefined
  const items = isRecord(policy) ? policy.policyItems : undefined
  if (Array.isArray(items) && items.length > MAX_POLICY_ITEMS) {
    return {
      path: 'policies[0].policyItems',
      errorCode: 'INVALID_NUM_OF_POLICY_ITEMS',
      rule: 13,
      message: `the policy lists ${items.length.toLocaleString('en-US')} items, more than the ${MAX_POLICY_ITEMS.toLocaleString('en-US')} this tool accepts`,
      hint: 'A policy has at most 50 distinct firing times (1 hourly, 1 daily, 7 weekly, 29 monthly, 12 yearly): remove the repeated items',
    }
  }
  return undefined
}
