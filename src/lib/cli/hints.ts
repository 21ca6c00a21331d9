/** Values the user gave the failing command, so that a hint names them instead of placeholders. */
export interface HintValues {
  /** The command as typed, without the binary: "backups snapshots create". */
  command?: string
  clusterName?: string
  snapshotId?: string
}

type Hint = string | ((values: HintValues) => string | undefined)

const isServerless = (values: HintValues): boolean => values.command?.startsWith('serverless ') ?? false

/** Where the snapshot IDs of a cluster (or, from a serverless command, of an instance) are listed. */
function listSnapshots(what: string): Hint {
  return (values) => {
    if (values.command === undefined) {
      return `${what} with \`atlas-backups backups snapshots list <clusterName>\` (serverless instances: \`atlas-backups serverless backups snapshots list <clusterName>\`)`
    }
    return `${what} with \`atlas-backups ${isServerless(values) ? 'serverless ' : ''}backups snapshots list <clusterName>\``
  }
}

/**
 * What a user can do about an Atlas error, by errorCode. The API's detail says what went wrong; this says what to
 * do next, so every error line names the problem and the fix.
 */
const HINTS: Record<string, Hint> = {
  GROUP_NOT_FOUND: 'Check the project ID: --projectId, MONGODB_ATLAS_PROJECT_ID or the profile (`atlas-backups config describe` shows which is in use)',
  HOST_NOT_FOUND: 'List the hosts with `atlas-backups local nodes list`',
  SNAPSHOT_REGION_UNAVAILABLE:
    'Pick a snapshot whose copyRegions has a region that is up (`atlas-backups local regions list`), or end the simulated outage with `atlas-backups local regions outage <region> --end`',
  CLUSTER_NOT_FOUND: 'Check the cluster name and the project (--projectId, or `atlas-backups config describe`)',
  SNAPSHOT_NOT_FOUND: listSnapshots('List the snapshots'),
  INVALID_SNAPSHOT_ID: listSnapshots('List the snapshot IDs'),
  UNFINISHED_ON_DEMAND_SNAPSHOT: (values) =>
    values.snapshotId === undefined
      ? 'Find it with `atlas-backups backups snapshots list <clusterName>`, wait for it with `atlas-backups backups snapshots watch <snapshotId> --clusterName <clusterName>`, then try again'
      : 'Wait for it with `atlas-backups backups snapshots watch <snapshotId> --clusterName <clusterName>`, then try again',
  CANNOT_DELETE_IN_PROGRESS_SNAPSHOT: 'Wait until it completes (`atlas-backups backups snapshots watch <snapshotId> --clusterName <clusterName>`), then delete it',
  CANNOT_MODIFY_IN_PROGRESS_SNAPSHOT_RETENTION: 'Wait until it completes (`atlas-backups backups snapshots watch <snapshotId> --clusterName <clusterName>`), then change its retention',
  PROVIDER_BACKUP_NOT_SUPPORTED: 'M0 clusters have no Cloud Backup: use mongodump, or upgrade to M10 or larger',
  TENANT_CLUSTER_UPDATE_UNSUPPORTED: 'Atlas manages the snapshots of shared and Flex clusters; upgrade to M10 or larger for custom policies, on-demand snapshots and snapshots you delete or keep longer',
  FEATURE_UNSUPPORTED: 'Serverless instances take a snapshot every 6 hours with no custom policy or on-demand snapshots',
  BACKUP_SNAPSHOT_RETENTION_VALUE_INVALID: 'Give a retention of at least 1 day that ends before the year 9999',
  RESTORE_JOB_NOT_FOUND: 'List the restore jobs of the cluster with `atlas-backups backups restores list <clusterName>`',
  BACKUP_CONFIG_NOT_FOUND: 'Turn Cloud Backup on for <clusterName> first (in Atlas; on the emulator: `atlas-backups local clusters update <clusterName> --cloudBackup`)',
  VERSION_GONE: 'Atlas has retired this API version or endpoint; serverless backup endpoints were retired when serverless instances reached end of life',
  CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API:
    'Only Flex clusters download a snapshot this way; for a dedicated cluster start a download restore job: `atlas-backups backups restores start download --clusterName <clusterName> --snapshotId <snapshotId>`',
  // Atlas's generic 404: only the compliance-policy commands know it means "no policy yet".
  RESOURCE_NOT_FOUND: (values) =>
    values.command?.startsWith('backups compliancePolicy ')
      ? 'Set one up with `atlas-backups backups compliancePolicy setup` (every setting at once) or `atlas-backups backups compliancePolicy enable`'
      : undefined,
  CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API: 'Atlas manages the snapshots of Flex clusters: list, describe, watch and download them with `atlas-backups backups snapshots …`, restore them with `atlas-backups backups restores start automated`',
}

/** A value as it can be pasted into a shell: quoted only when it needs to be. */
function shellWord(value: string): string {
  return /^[\w.@%+=:,/-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`
}

/**
 * Replaces `<clusterName>` (or `<cluster>`) and `<snapshotId>` with the values the user gave; placeholders for
 * values the command does not know stay, so the hint still says what to put there.
 */
export function fillPlaceholders(text: string, values: HintValues = {}): string {
  let filled = text
  if (values.clusterName) filled = filled.replaceAll(/<cluster(?:Name)?>/g, shellWord(values.clusterName))
  if (values.snapshotId) filled = filled.replaceAll('<snapshotId>', shellWord(values.snapshotId))
  return filled
}

export function hintFor(errorCode: string, values: HintValues = {}): string | undefined {
  const hint = HINTS[errorCode]
  if (hint === undefined) return undefined
  const text = typeof hint === 'string' ? hint : hint(values)
  return text === undefined ? undefined : fillPlaceholders(text, values)
}
