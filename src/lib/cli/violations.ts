import {scheduleSizeProblem, type Violation} from '../policy/index.js'
import {UsageError} from './errors.js'

/** One line per violation: where, which Atlas error code, and what is allowed. */
export function violationLine(violation: Violation): string {
  return `${violation.path}  ${violation.errorCode}  ${violation.message}`
}

export function violationsError(violations: Violation[]): UsageError {
  const errors = violations.filter((v) => v.severity === 'error')
  const count = errors.length === 1 ? '1 rule' : `${errors.length} rules`
  return new UsageError(`the backup schedule breaks ${count}, nothing was changed`, 'Fix every line below and run the command again', errors.map(violationLine))
}

/**
 * A document far larger than any schedule is refused in one line before any rule runs (or anything is sent), so a
 * file of 500,000 stray keys cannot print 500,000 warnings or overflow the table renderer.
 */
export function refuseOversizedSchedule(document: unknown, source: string): void {
  const problem = scheduleSizeProblem(document)
  if (problem) throw new UsageError(`${source === '-' ? 'stdin' : source}: ${problem.message}, nothing was changed`, problem.hint)
}
