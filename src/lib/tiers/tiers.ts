/**
 * What each Atlas tier allows for backup (backup-rules.md §1.11). Pure: callers pass the tier name.
 */

export type TierKind = 'free' | 'shared' | 'flex' | 'serverless' | 'dedicated'

export interface TierInfo {
  /** Normalised, upper-case tier name (M10, M40_NVME, FLEX, SERVERLESS …). */
  name: string
  kind: TierKind
  nvme: boolean
  /** Cloud Backup of any kind exists (false only on M0). */
  backupAvailable: boolean
  /** A custom backup policy can be set (M10+ only). */
  customPolicy: boolean
  /** On-demand snapshots can be taken (M10+ only). */
  onDemand: boolean
}

const DEDICATED = /^(M|R)(\d+)(_NVME)?(_GEN_2)?$/

export function tierInfo(tier: string): TierInfo {
  const name = tier.trim().toUpperCase()
  if (name === 'M0') return {name, kind: 'free', nvme: false, backupAvailable: false, customPolicy: false, onDemand: false}
  if (name === 'M2' || name === 'M5') return {name, kind: 'shared', nvme: false, backupAvailable: true, customPolicy: false, onDemand: false}
  if (name === 'FLEX') return {name, kind: 'flex', nvme: false, backupAvailable: true, customPolicy: false, onDemand: false}
  if (name === 'SERVERLESS') return {name, kind: 'serverless', nvme: false, backupAvailable: true, customPolicy: false, onDemand: false}
  const match = DEDICATED.exec(name)
  if (match && Number(match[2]) >= 10) {
    return {name, kind: 'dedicated', nvme: Boolean(match[3]), backupAvailable: true, customPolicy: true, onDemand: true}
  }
  throw new RangeError(`unknown cluster tier "${tier}": expected M0, M2, M5, M10 and above (e.g. M30, R40, M40_NVME), FLEX or SERVERLESS`)
}
