import type {ClusterUpdateResult} from '../../backends/local/cluster-changes.js'
import type {IsoSpan, RolloverResult} from '../../backends/local/oplog-rollover.js'

function value(v: string | number | boolean | null): string {
  return v === null ? 'none' : String(v)
}

/** What changed, each change followed by its effects on backups; settings that already had the value are named too. */
export function clusterUpdateText(result: ClusterUpdateResult): string {
  const lines: string[] = []
  if (result.changes.length === 0) lines.push(`Nothing changed on ${result.cluster}.`)
  else lines.push(`Cluster ${result.cluster} changed at ${result.at}:`)
  for (const change of result.changes) {
    lines.push(`  ${change.setting}: ${value(change.from)} -> ${value(change.to)}`)
    for (const effect of change.effects) lines.push(`    - ${effect.detail}`)
  }
  if (result.unchanged.length > 0) lines.push(`Already as asked: ${result.unchanged.join(', ')}.`)
  return lines.join('\n')
}

function spans(list: IsoSpan[]): string {
  return list.map((s) => `${s.from} to ${s.to}`).join(', ')
}

export function rolloverText(result: RolloverResult): string {
  const lines = [`The oplog of ${result.cluster} rolled over: the operations written from ${result.rolledOver.from} to ${result.rolledOver.to} were never collected.`]
  lines.push(result.lost.length === 0 ? 'No collected oplog was lost.' : `Oplog coverage lost (${result.effect}): ${spans(result.lost)}.`)
  lines.push(result.coverage.length === 0 ? 'No oplog coverage is left: point-in-time restores reach only instants collected from now on.' : `Oplog coverage kept: ${spans(result.coverage)}.`)
  return lines.join('\n')
}
