import type {BackupSchedule, CopySetting, FlexSnapshot, Paginated, ServerlessSnapshot, Snapshot} from '../../domain/types.js'
import {type Cell, formatTable} from '../table.js'

/** The Atlas CLI's snapshot templates: same columns and headers, ISO times, empty cells instead of <nil>. */

export function snapshotListTable(page: Paginated<Snapshot | ServerlessSnapshot>): Promise<string> {
  return formatTable(
    ['ID', 'TYPE', 'STATUS', 'CREATED AT', 'EXPIRES AT'],
    page.results.map((s) => [s.id, s.snapshotType, s.status, s.createdAt, s.expiresAt]),
  )
}

export function snapshotDescribeTable(snapshot: Snapshot): Promise<string> {
  return formatTable(
    ['ID', 'SNAPSHOT TYPE', 'TYPE', 'DESCRIPTION', 'EXPIRES AT'],
    [[snapshot.id, snapshot.snapshotType, snapshot.type, snapshot.description, snapshot.expiresAt]],
  )
}

export function serverlessSnapshotDescribeTable(snapshot: ServerlessSnapshot): Promise<string> {
  return formatTable(['ID', 'SNAPSHOT TYPE', 'EXPIRES AT'], [[snapshot.id, snapshot.snapshotType, snapshot.expiresAt]])
}

/** Two blocks, as `atlas backups schedule describe` prints them (mixed-case headers in the second, as Atlas has). */
export async function scheduleDescribeTable(schedule: BackupSchedule): Promise<string> {
  const head = await formatTable(['CLUSTER NAME', 'AUTO EXPORT ENABLED', 'NEXT SNAPSHOT'], [[schedule.clusterName, schedule.autoExportEnabled ?? false, schedule.nextSnapshot]])
  const items = schedule.policies.flatMap((policy) => policy.policyItems)
  const body = await formatTable(
    ['ID', 'Frequency Interval', 'Frequency Type', 'Retention Value', 'Retention Unit'],
    items.map((item) => [item.id, item.frequencyInterval, item.frequencyType, item.retentionValue, item.retentionUnit]),
  )
  const copies = schedule.copySettings ?? []
  if (copies.length === 0) return `${head}\n\n${body}`
  return `${head}\n\n${body}\n\n${await copySettingsTable(copies)}`
}

/** The copy settings, one row a region: only when there are some, so a schedule without copies reads as before. */
function copySettingsTable(copies: CopySetting[]): Promise<string> {
  return formatTable(
    ['Copy Region', 'Cloud Provider', 'Zone ID', 'Frequencies', 'Copy Oplogs'],
    copies.map((copy) => [copy.regionName, copy.cloudProvider, copy.zoneId ?? copy.replicationSpecId, copySelection(copy), copy.shouldCopyOplogs ?? false]),
  )
}

/** Which snapshots a setting copies, however it says it (rule 62): frequencies, copy policy items, or the last N. */
function copySelection(copy: CopySetting): string {
  if (copy.lastNumberOfSnapshots !== undefined) return `last ${copy.lastNumberOfSnapshots} snapshots`
  if (copy.copyPolicyItems) {
    return copy.copyPolicyItems.map((item) => (item.retentionValue === undefined ? item.frequencyType : `${item.frequencyType} (${item.retentionValue} ${item.retentionUnit})`)).join(', ')
  }
  return (copy.frequencies ?? []).join(', ')
}

/** The Atlas CLI's Flex templates (listTemplateFlex, describeTemplateFlex): one row a snapshot, the same columns. */
const FLEX_SNAPSHOT_COLUMNS = ['ID', 'STATUS', 'MONGODB VERSION', 'START TIME', 'FINISH TIME', 'EXPIRATION']

function flexSnapshotRow(s: FlexSnapshot): Cell[] {
  return [s.id, s.status, s.mongoDBVersion, s.startTime, s.finishTime, s.expiration]
}

export function flexSnapshotListTable(page: Paginated<FlexSnapshot>): Promise<string> {
  return formatTable(FLEX_SNAPSHOT_COLUMNS, page.results.map(flexSnapshotRow))
}

export function flexSnapshotDescribeTable(snapshot: FlexSnapshot): Promise<string> {
  return formatTable(FLEX_SNAPSHOT_COLUMNS, [flexSnapshotRow(snapshot)])
}
