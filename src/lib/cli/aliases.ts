export interface CommandAliases {
  /** Shown in help: the other names of the last word under the canonical topics (`backups snapshots ls`). */
  aliases: string[]
  /**
   * Accepted but not shown: singular/plural topic spellings (`backup snapshot ls`). A command declares them as its
   * static `spellings`, not as oclif's hiddenAliases: oclif copies every alias into its command table on every run,
   * and these 299 made each command about a tenth slower to start. The command_not_found hook runs them instead.
   */
  spellings: string[]
}

/**
 * The Atlas CLI answers to singular and plural topic names (`backup snapshot ls` = `backups snapshots list`).
 * oclif has no topic aliases, so each command lists every combination. Give the spellings of each word,
 * canonical first.
 */
export function commandAliases(...words: string[][]): CommandAliases {
  let ids: string[][] = [[]]
  for (const spellings of words) ids = ids.flatMap((prefix) => spellings.map((word) => [...prefix, word]))
  const canonicalTopics = words.slice(0, -1).map((spellings) => spellings[0]).join(':')
  const canonical = words.map((spellings) => spellings[0]).join(':')
  const aliases: string[] = []
  const spellings: string[] = []
  for (const parts of ids) {
    const id = parts.join(':')
    if (id === canonical) continue
    if (parts.slice(0, -1).join(':') === canonicalTopics) aliases.push(id)
    else spellings.push(id)
  }
  return {aliases, spellings}
}

export const BACKUPS = ['backups', 'backup']
export const SNAPSHOTS = ['snapshots', 'snapshot']
export const RESTORES = ['restores', 'restore']
export const SCHEDULE = ['schedule']
export const EXPORTS = ['exports', 'export']
export const BUCKETS = ['buckets', 'bucket']
export const JOBS = ['jobs', 'job']
export const SERVERLESS = ['serverless', 'sl']
// The Atlas CLI matches command names without regard to case, and its documentation spells these in lower case.
export const COMPLIANCE_POLICY = ['compliancePolicy', 'compliancepolicy']
export const COPY_PROTECTION = ['copyProtection', 'copyprotection']
export const ENCRYPTION_AT_REST = ['encryptionAtRest', 'encryptionatrest']
export const POINT_IN_TIME_RESTORES = ['pointInTimeRestores', 'pointintimerestores']
