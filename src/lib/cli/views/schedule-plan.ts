import type {BackupSchedule, PolicyItem} from '../../domain/types.js'
import {durationText, toIso} from '../../domain/time.js'
import type {PlanGap, SchedulePlan} from '../../schedule/index.js'
import {formatTable} from '../table.js'

/** The documented JSON of `backups schedule plan` (README, "Plan a schedule before it runs"). */
export interface PlanItemView {
  id?: string
  frequencyType: string
  frequencyInterval: number
  retentionUnit: string
  retentionValue: number
}

export interface GapView {
  worstGapSeconds: number
  from: string
  to: string
}

export interface SchedulePlanView {
  clusterName?: string
  source: 'cluster' | 'file'
  now: string
  pitEnabled: boolean
  restoreWindowDays: number
  nextSnapshots: (PlanItemView & {scheduledAt: string; expiresAt: string})[]
  steadyState: {
    items: (PlanItemView & {retainedSnapshots: number})[]
    totalSnapshots: number
    oldestRestorablePoint: string | null
  }
  rpo: {
    applies: 'continuousBackup' | 'snapshotsOnly'
    withoutContinuousBackup: GapView | null
    withContinuousBackup: {withinRestoreWindowSeconds: 0; restoreWindowStart: string; worstGapBeforeRestoreWindow: GapView | null}
  }
  /** Only with a data size (--dataSizeGB). */
  storageEstimate?: {dataSizeBytes: number; estimatedBytes: number; assumptions: string}
}

const STORAGE_ASSUMPTIONS = 'An estimate, not Atlas\'s figure: the oldest kept snapshot holds a full copy of the data, each later one the blocks changed since the kept snapshot before it, taken as 0.5 % of the data per hour (at least 1 MiB, at most a full copy); no compression, no copies to other regions, no oplog for continuous backup.'

export interface PlanContext {
  clusterName?: string
  dataSizeBytes?: number
  source: 'cluster' | 'file'
  pitEnabled: boolean
  restoreWindowDays: number
}

function itemView(item: PolicyItem | undefined): PlanItemView {
  const view: PlanItemView = {
    frequencyType: String(item?.frequencyType),
    frequencyInterval: Number(item?.frequencyInterval),
    retentionUnit: String(item?.retentionUnit),
    retentionValue: Number(item?.retentionValue),
  }
  return item?.id === undefined ? view : {id: item.id, ...view}
}

function gapView(gap: PlanGap | undefined): GapView | null {
  return gap ? {worstGapSeconds: gap.gapMs / 1000, from: toIso(gap.from), to: toIso(gap.to)} : null
}

export function schedulePlanView(schedule: Pick<BackupSchedule, 'policies'>, plan: SchedulePlan, context: PlanContext): SchedulePlanView {
  const items = schedule.policies[0]?.policyItems ?? []
  return {
    ...(context.clusterName === undefined ? {} : {clusterName: context.clusterName}),
    source: context.source,
    now: toIso(plan.now),
    pitEnabled: context.pitEnabled,
    restoreWindowDays: context.restoreWindowDays,
    nextSnapshots: plan.nextSnapshots.map((f) => ({scheduledAt: toIso(f.at), ...itemView(items[f.itemIndex]), expiresAt: toIso(f.expiresAt)})),
    steadyState: {
      items: items.map((item, index) => ({...itemView(item), retainedSnapshots: plan.retainedPerItem[index] ?? 0})),
      totalSnapshots: plan.retainedTotal,
      oldestRestorablePoint: plan.oldestRestorablePoint === undefined ? null : toIso(plan.oldestRestorablePoint),
    },
    rpo: {
      applies: context.pitEnabled ? 'continuousBackup' : 'snapshotsOnly',
      withoutContinuousBackup: gapView(plan.worstGapWithoutContinuous),
      withContinuousBackup: {
        withinRestoreWindowSeconds: 0,
        restoreWindowStart: toIso(plan.restoreWindowStart),
        worstGapBeforeRestoreWindow: gapView(plan.worstGapBeforeRestoreWindow),
      },
    },
    ...(context.dataSizeBytes === undefined || plan.storedBytesEstimate === undefined
      ? {}
      : {storageEstimate: {dataSizeBytes: context.dataSizeBytes, estimatedBytes: plan.storedBytesEstimate, assumptions: STORAGE_ASSUMPTIONS}}),
  }
}

function gibText(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`
}


function retentionText(item: PlanItemView): string {
  return `${item.frequencyType} ${item.frequencyInterval}, kept ${item.retentionValue} ${item.retentionUnit}`
}

function gapText(gap: GapView | null): string {
  return gap ? `${durationText(gap.worstGapSeconds)} (${gap.from} to ${gap.to})` : 'none'
}

export async function schedulePlanText(view: SchedulePlanView): Promise<string> {
  // An empty list means no policy item fires, unless --next 0 asked for none.
  const next =
    view.nextSnapshots.length > 0
      ? await formatTable(['SCHEDULED AT', 'POLICY ITEM', 'EXPIRES AT'], view.nextSnapshots.map((s) => [s.scheduledAt, retentionText(s), s.expiresAt]))
      : view.steadyState.items.length === 0
        ? 'The schedule takes no snapshots.'
        : 'None listed (--next 0).'
  const items = await formatTable(
    ['ID', 'FREQUENCY TYPE', 'FREQUENCY INTERVAL', 'RETENTION', 'RETAINED SNAPSHOTS'],
    view.steadyState.items.map((i) => [i.id ?? '', i.frequencyType, i.frequencyInterval, `${i.retentionValue} ${i.retentionUnit}`, i.retainedSnapshots]),
  )
  const {rpo, steadyState} = view
  const continuous = `0 within the ${view.restoreWindowDays}-day restore window (from ${rpo.withContinuousBackup.restoreWindowStart}); before it ${gapText(rpo.withContinuousBackup.worstGapBeforeRestoreWindow)}`
  return [
    `Next snapshots after ${view.now}:`,
    next,
    '',
    'Steady state (the schedule has always run unchanged):',
    items,
    `Estimated number of snapshots: ${steadyState.totalSnapshots}`,
    `Oldest restorable point: ${steadyState.oldestRestorablePoint ?? 'none'}`,
    `Worst gap between restore points, snapshots only: ${gapText(rpo.withoutContinuousBackup)}${view.pitEnabled ? '' : ' (applies)'}`,
    `Worst gap with continuous backup: ${continuous}${view.pitEnabled ? ' (applies)' : ''}`,
    ...(view.storageEstimate ? [`Estimated storage of the kept snapshots: ${gibText(view.storageEstimate.estimatedBytes)} for ${gibText(view.storageEstimate.dataSizeBytes)} of data. ${view.storageEstimate.assumptions}`] : []),
  ].join('\n')
}
