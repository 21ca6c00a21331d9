import {BACKUPS, commandAliases, COMPLIANCE_POLICY} from '../../../../../lib/cli/aliases.js'
import BackupsCompliancePolicyPoliciesOndemandCreate from './create.js'

const ALIASES = commandAliases(BACKUPS, COMPLIANCE_POLICY, ['policies'], ['ondemand'], ['update'])

/** The Atlas CLI's `update` runs the same code as `create`: both replace the on-demand item. */
export default class BackupsCompliancePolicyPoliciesOndemandUpdate extends BackupsCompliancePolicyPoliciesOndemandCreate {
  static override aliases = ALIASES.aliases
  static override spellings = ALIASES.spellings
  static override summary = 'Update the on-demand policy item of the backup compliance policy for your project.'
}
