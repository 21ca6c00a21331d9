import {AtlasApiError} from '../../domain/errors.js'
import {toIso} from '../../domain/time.js'
import {oplogRollover, type RolloverEffect} from '../../restores/coverage.js'
import type {Interval} from '../../restores/intervals.js'
import {findAnyCluster} from './cluster-changes.js'
import type {LocalBackend} from './local-backend.js'
import {clusterCoverage} from './records.js'

/**
 * `local clusters oplog-rollover`: simulates a burst of writes that rolled the oplog over before backup collected it
 * (the seed's example: 1,000 operations of oplog, 2,000 written, backup collects #1,001). Not an Atlas API operation.
 */

export interface IsoSpan {
  from: string
  to: string
}

export interface RolloverResult {
  cluster: string
  projectId: string
  /** The operations written in this span were lost. */
  rolledOver: IsoSpan
  effect: RolloverEffect
  /** Collected oplog the rollover removed: point-in-time restores can no longer reach it. */
  lost: IsoSpan[]
  /** The oplog coverage kept now, the stretch being collected included (up to now). */
  coverage: IsoSpan[]
}

function isoSpan(interval: Interval): IsoSpan {
  return {from: toIso(interval.from), to: toIso(interval.to)}
}

/**
 * Applies a rollover of [from, to) to the cluster's stored coverage. `erasesHistory` (the default, as the seed and
 * row 64 read) removes every oplog backup up to `to`; `hole` removes only the lost span.
 */
export function simulateOplogRollover(backend: LocalBackend, projectId: string, name: string, lost: {from: number; to?: number}, effect: RolloverEffect = 'erasesHistory'): RolloverResult {
  return backend.transact((s) => {
    const cluster = findAnyCluster(s, projectId, name)
    const span = {from: lost.from, to: lost.to ?? s.now}
    // Checked here because only the store knows the virtual clock; nothing has changed yet.
    const field = lost.to === undefined ? 'from' : 'to'
    if (span.to > s.now || span.from >= span.to) {
      throw new AtlasApiError(400, 'INVALID_ATTRIBUTE', `The lost span must end by the emulator's now (${toIso(s.now)}) and start before it ends`, [cluster.name], [
        {field, description: `${toIso(lost.to ?? lost.from)} is too late: give --${field} before ${toIso(s.now)}, or move the clock with \`local clock set\``},
      ])
    }
    const before = clusterCoverage(cluster)
    if (!before.enabled) {
      throw new AtlasApiError(409, 'CONTINUOUS_BACKUP_OFF', `${cluster.name} has Continuous Cloud Backup off: it keeps no oplog backup for a rollover to lose. Turn it on with \`local clusters update ${cluster.name} --continuousBackup\``, [cluster.name])
    }
    const after = oplogRollover(before, span, effect)
    cluster.state.coverage = after
    s.repo.saveCluster(cluster)
    const kept = [...after.stretches, ...(after.collectingSince === null || after.collectingSince >= s.now ? [] : [{from: after.collectingSince, to: s.now}])]
    return {
      cluster: cluster.name,
      projectId,
      rolledOver: isoSpan(span),
      effect,
      lost: after.lost.slice(before.lost.length).map(isoSpan),
      coverage: kept.map(isoSpan),
    }
  })
}
