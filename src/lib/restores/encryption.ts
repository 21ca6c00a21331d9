import {RestoreRuleError} from './errors.js'
import type {RestoreCluster, RestoreSnapshot} from './facts.js'

/** Where a cluster's encryption at rest with customer key management keeps its key, as Atlas names it; NONE is off. */
export const ENCRYPTION_AT_REST_PROVIDERS = ['NONE', 'AWS', 'AZURE', 'GCP'] as const
export type EncryptionAtRestProvider = (typeof ENCRYPTION_AT_REST_PROVIDERS)[number]
/** The key services a snapshot can be encrypted with: AWS KMS, Azure Key Vault, GCP KMS. */
export type CustomerKeyProvider = Exclude<EncryptionAtRestProvider, 'NONE'>

/**
 * Active downloads a project may hold at once (rule 76). Atlas has such a limit but does not publish its number:
 * 5 is the emulator's own choice, enough for a few clusters downloading at the same time.
 */
export const MAX_ACTIVE_DOWNLOADS_PER_PROJECT = 5

const KEY_SERVICE: Record<CustomerKeyProvider, string> = {AWS: 'AWS KMS', AZURE: 'Azure Key Vault', GCP: 'GCP KMS'}

/** Atlas holds no key to decrypt a customer-key snapshot into a file it hands out (rule 76). */
export function checkDownloadEncryption(snapshot: Pick<RestoreSnapshot, 'id' | 'customerKeyProvider'>): void {
  if (snapshot.customerKeyProvider === undefined) return
  throw new RestoreRuleError(
    76,
    'snapshotId',
    400,
    'CANNOT_DOWNLOAD_SNAPSHOT_WITH_ENCRYPTION',
    `Snapshot ${snapshot.id} is encrypted with a customer key (${KEY_SERVICE[snapshot.customerKeyProvider]}): it cannot be downloaded. Restore it into a cluster that uses encryption at rest with the same provider instead.`,
    [snapshot.id],
  )
}

/** The project's limit on active downloads (rule 76): `active` counts the downloads being prepared or ready. */
export function checkProjectDownloads(groupId: string, active: number): void {
  if (active < MAX_ACTIVE_DOWNLOADS_PER_PROJECT) return
  throw new RestoreRuleError(
    76,
    'deliveryType',
    400,
    'TOO_MANY_SNAPSHOT_DOWNLOADS',
    `Project ${groupId} already has ${active} active snapshot downloads, the most it may have at once (${MAX_ACTIVE_DOWNLOADS_PER_PROJECT}): wait until one expires, or cancel one.`,
    [groupId],
  )
}

/**
 * A customer-key snapshot restores only into a target whose encryption at rest uses the same provider, which can
 * reach the key (rule 75). An unencrypted snapshot may go into an encrypted target: the target encrypts what it
 * receives with its own key, so nothing is left unprotected.
 */
export function checkRestoreEncryption(
  snapshot: Pick<RestoreSnapshot, 'id' | 'customerKeyProvider'>,
  target: Pick<RestoreCluster, 'name' | 'encryptionAtRestProvider'>,
): void {
  const key = snapshot.customerKeyProvider
  const targetProvider = target.encryptionAtRestProvider ?? 'NONE'
  if (key === undefined || key === targetProvider) return
  const targetUses = targetProvider === 'NONE' ? 'does not use encryption at rest' : `uses encryption at rest with ${KEY_SERVICE[targetProvider]}`
  throw new RestoreRuleError(
    75,
    'targetClusterName',
    400,
    'INVALID_SNAPSHOT_RESTORE_ENCRYPTION',
    `Snapshot ${snapshot.id} is encrypted with a customer key in ${KEY_SERVICE[key]}, but cluster ${target.name} ${targetUses}: restore it into a cluster using encryption at rest with ${KEY_SERVICE[key]}.`,
    [snapshot.id, target.name],
  )
}
