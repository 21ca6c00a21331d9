import type {CompliancePolicy} from '../../domain/types.js'
import {type Database, storedObject} from './store.js'

/**
 * A project's Backup Compliance Policy as the emulator stores it: the settings last PUT, and the instants from which
 * the state is derived (ENABLING or UPDATING until `settlesAt`, ACTIVE after), so a frozen clock shows one state.
 */
export interface CompliancePolicyRecord {
  /** The settings as GET shows them, without the derived `state`. */
  settings: Omit<CompliancePolicy, 'state'>
  /** When the first PUT enabled the policy (epoch ms). */
  enabledAt: number
  /** When the last PUT was made (epoch ms). */
  changedAt: number
  /** The state the last PUT put the policy in until `settlesAt`. */
  pendingState: 'ENABLING' | 'UPDATING'
  settlesAt: number
}

/** The SQL of the compliance_policies table (schema 3): one row per project that has a policy. */
export class CompliancePolicyRepository {
  constructor(private readonly db: Database) {}

  find(projectId: string): CompliancePolicyRecord | undefined {
    const row = this.db.prepare('SELECT body FROM compliance_policies WHERE project_id = ?').get(projectId) as {body: string} | undefined
    return row ? storedObject<CompliancePolicyRecord>(row.body, `the compliance policy of project ${projectId} (compliance_policies table)`) : undefined
  }

  save(projectId: string, record: CompliancePolicyRecord): void {
    this.db
      .prepare('INSERT INTO compliance_policies (project_id, body) VALUES (?, ?) ON CONFLICT (project_id) DO UPDATE SET body = excluded.body')
      .run(projectId, JSON.stringify(record))
  }

  delete(projectId: string): void {
    this.db.prepare('DELETE FROM compliance_policies WHERE project_id = ?').run(projectId)
  }
}

/**
 * The policy in force for a project, or undefined: what every enforcement check reads. A policy is enforced from the
 * PUT that set it (ENABLING and UPDATING included), as Atlas refuses changes while it is being applied.
 */
export function compliancePolicyInForce(db: Database, projectId: string): CompliancePolicyRecord['settings'] | undefined {
  return new CompliancePolicyRepository(db).find(projectId)?.settings
}
