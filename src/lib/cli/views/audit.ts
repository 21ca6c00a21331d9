import type {ControlId, ControlStatus} from '../../audit/controls.js'
import type {AuditReport} from '../../audit/report.js'
import {formatTable} from '../table.js'

/** The table's column for each control: short, so that a row fits a terminal. */
const COLUMNS: Record<ControlId, string> = {
  'policy.hourly': 'HOURLY',
  'policy.daily': 'DAILY',
  'policy.weekly': 'WEEKLY',
  'policy.monthly': 'MONTHLY',
  'policy.yearly': 'YEARLY',
  continuousBackup: 'PIT',
  copyToAnotherRegion: 'COPY',
  newestSnapshotMaxAge: 'RPO',
  noFailedSnapshotsInLastDays: 'FAILED',
  compliancePolicyEnabled: 'COMPLIANCE',
}

const STATUS_WORDS: Record<ControlStatus, string> = {pass: 'pass', fail: 'FAIL', notApplicable: 'n/a'}

/** The reason of each failed control, controls failing for the same reason named together ("HOURLY, DAILY: …"). */
function failureText(controls: AuditReport['results'][number]['controls']): string {
  const byReason = new Map<string, string[]>()
  for (const control of controls) if (control.status === 'fail') byReason.set(control.reason, [...(byReason.get(control.reason) ?? []), COLUMNS[control.id]])
  return [...byReason].map(([reason, columns]) => `${columns.join(', ')}: ${reason}`).join('; ')
}

/**
 * One row per cluster or serverless instance: the verdict of each control, then the reason of each failure
 * ("COPY: no copy setting …; RPO: …"). The project column appears only when more than one project was audited.
 */
export async function auditText(report: AuditReport): Promise<string> {
  const manyProjects = new Set(report.results.map((row) => row.projectId)).size > 1 || report.unreadProjects.length > 0
  const headers = [...(manyProjects ? ['PROJECT'] : []), 'NAME', 'TIER', 'RESULT', ...report.controls.map((id) => COLUMNS[id]), 'FAILURES']
  const rows = report.results.map((row) => [
    ...(manyProjects ? [row.projectName || row.projectId] : []),
    row.name,
    row.tier,
    row.passed ? 'pass' : 'FAIL',
    ...row.controls.map((control) => STATUS_WORDS[control.status]),
    failureText(row.controls),
  ])
  const table = report.results.length === 0 ? 'No cluster or serverless instance to audit.' : await formatTable(headers, rows)
  const {deployments, passed, failed} = report.summary
  const unread = report.unreadProjects.length
  const unreadWords = unread === 0 ? '' : `; ${unread} project${unread === 1 ? '' : 's'} could not be read (see stderr)`
  return [table, '', `${passed} of ${deployments} pass, ${failed} fail the standard (${report.standard}, at ${report.now})${unreadWords}.`].join('\n')
}
