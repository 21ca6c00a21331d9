import {durationText, toIso} from '../../domain/time.js'
import type {PolicyItem} from '../../domain/types.js'
import type {ItemField, ScheduleDiff, SnapshotDiff} from '../../schedule/diff.js'
import {type PlanItemView} from './schedule-plan.js'

/** The documented JSON of `backups schedule diff` (README, "Seeing a schedule change before it lands"). */
export interface ScheduleDiffView {
  clusterName: string
  now: string
  changed: boolean
  destructive: boolean
  compliancePolicyInForce: boolean
  policyItems: {
    added: PlanItemView[]
    removed: PlanItemView[]
    changed: Array<{id: string; changed: ItemField[]; before: PlanItemView; after: PlanItemView}>
  }
  fields: Array<{field: string; before: unknown; after: unknown}>
  copiesDeletedIn: string[]
  snapshots: SnapshotDiff
  steadyState: {
    totalSnapshots: {before: number; after: number}
    worstGapSeconds: {before: number | null; after: number | null}
  }
}

function itemView(item: PolicyItem): PlanItemView {
  const view: PlanItemView = {frequencyType: item.frequencyType, frequencyInterval: item.frequencyInterval, retentionUnit: item.retentionUnit, retentionValue: item.retentionValue}
  return item.id === undefined ? view : {id: item.id, ...view}
}

function seconds(ms: number | undefined): number | null {
  return ms === undefined ? null : ms / 1000
}

export function scheduleDiffView(diff: ScheduleDiff, context: {clusterName: string; now: number}): ScheduleDiffView {
  return {
    clusterName: context.clusterName,
    now: toIso(context.now),
    changed: diff.changed,
    destructive: diff.destructive,
    compliancePolicyInForce: diff.compliancePolicyInForce,
    policyItems: {
      added: diff.itemsAdded.map(itemView),
      removed: diff.itemsRemoved.map(itemView),
      changed: diff.itemsChanged.map((c) => ({id: c.id, changed: c.changed, before: itemView(c.before), after: itemView(c.after)})),
    },
    fields: diff.fieldsChanged.map((f) => ({field: f.field, before: f.before ?? null, after: f.after ?? null})),
    copiesDeletedIn: diff.copiesDeletedIn,
    snapshots: {...diff.snapshots},
    steadyState: {
      totalSnapshots: {before: diff.steadyState.retainedBefore, after: diff.steadyState.retainedAfter},
      worstGapSeconds: {before: seconds(diff.steadyState.worstGapBeforeMs), after: seconds(diff.steadyState.worstGapAfterMs)},
    },
  }
}

function itemText(item: PlanItemView): string {
  return `${item.frequencyType} every ${item.frequencyInterval}, kept ${item.retentionValue} ${item.retentionUnit}`
}

function valueText(value: unknown): string {
  return value === null || value === undefined ? 'unset' : typeof value === 'object' ? JSON.stringify(value) : String(value)
}

function gapText(value: number | null): string {
  return value === null ? 'none' : durationText(value)
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`
}

/** The ids after a colon, four to a line below it, so a long list stays readable on a terminal. */
function idsText(ids: string[]): string {
  const lines: string[] = []
  for (let i = 0; i < ids.length; i += 4) lines.push(`\n    ${ids.slice(i, i + 4).join(', ')}`)
  return ids.length === 0 ? '' : `:${lines.join(',')}`
}

/** The snapshot lines: what the update does to the snapshots already taken, and what it would do with the flags left off. */
function snapshotLines(s: ScheduleDiffView['snapshots'], compliancePolicy: boolean): string[] {
  const lines: string[] = compliancePolicy ? ['  A Backup Compliance Policy is in force: no snapshot is kept for less time than now (rules 36, 89)'] : []
  if (s.updateSnapshots) {
    lines.push(`  --updateSnapshots: ${s.expireEarlier} expire earlier, ${s.expireLater} later, ${plural(s.expireAtOnce.length, 'snapshot')} expire at once${idsText(s.expireAtOnce)}`)
  } else if (s.notUpdated > 0) {
    lines.push(`  ${plural(s.notUpdated, 'snapshot')} keep their old expiry (--updateSnapshots would apply the new retention to them)`)
  }
  if (s.deleteSnapshots) lines.push(`  --deleteSnapshots: ${plural(s.deleted.length, 'snapshot')} deleted${idsText(s.deleted)}`)
  if (compliancePolicy && s.deleteSnapshots && s.deleted.length > 0) lines.push('  The compliance policy forbids deleting them: Atlas would refuse this update (drop --deleteSnapshots)')
  else if (s.keptFromRemovedItems > 0) lines.push(`  ${plural(s.keptFromRemovedItems, 'snapshot')} of removed items stay until they expire (--deleteSnapshots would delete them)`)
  return lines.length === (compliancePolicy ? 1 : 0) ? [...lines, '  none change'] : lines
}

export function scheduleDiffText(view: ScheduleDiffView): string {
  if (!view.changed) return `No change: the backup schedule of cluster '${view.clusterName}' already is what the update asks for.`
  const {policyItems: items} = view
  const itemLines = [
    ...items.removed.map((item) => `  - removed  ${itemText(item)} (${item.id ?? ''})`),
    ...items.changed.map((c) => `  ~ changed  ${itemText(c.before)} → ${itemText(c.after)} (${c.id})`),
    ...items.added.map((item) => `  + added    ${itemText(item)}`),
  ]
  const width = Math.max(0, ...view.fields.map((f) => f.field.length))
  const fieldLines = view.fields.map((f) => `  ${f.field.padEnd(width)}  ${valueText(f.before)} → ${valueText(f.after)}`)
  const {steadyState: steady} = view
  return [
    `Changes to the backup schedule of cluster '${view.clusterName}' (at ${view.now}):`,
    'Policy items:',
    ...(itemLines.length === 0 ? ['  unchanged'] : itemLines),
    'Other fields:',
    ...(fieldLines.length === 0 ? ['  unchanged'] : fieldLines),
    ...(view.copiesDeletedIn.length === 0 ? [] : [`Copies deleted in: ${view.copiesDeletedIn.join(', ')}`]),
    'Snapshots already taken:',
    ...snapshotLines(view.snapshots, view.compliancePolicyInForce),
    'Steady state:',
    `  Estimated number of snapshots: ${steady.totalSnapshots.before} → ${steady.totalSnapshots.after}`,
    `  Worst gap between restore points, snapshots only: ${gapText(steady.worstGapSeconds.before)} → ${gapText(steady.worstGapSeconds.after)}`,
  ].join('\n')
}
