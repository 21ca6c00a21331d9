/**
 * Which node of a replica set Atlas snapshots, following the seed's two algorithms (single-region and
 * multi-region cluster backups) with their footnoted tie-breaks. Pure: the caller passes the nodes and the
 * current snapshot storage volume.
 */

export interface SnapshotNode {
  hostname: string
  regionName: string
  /** Priority of the node's region; the highest-priority region hosts the primary. */
  regionPriority: number
  /** The replica set member priority. */
  memberPriority: number
  state: 'PRIMARY' | 'SECONDARY'
  healthy: boolean
}

export interface NodeChoice<N extends SnapshotNode = SnapshotNode> {
  /** The node snapshotted; undefined when no node is healthy. */
  node?: N
  /** The node holds the current snapshot volume, so the copy is incremental. */
  incremental: boolean
  /** Every node, most favoured first: the order Atlas tries them in. */
  order: N[]
  /** Favoured nodes passed over, with why. */
  skipped: Array<{hostname: string; reason: string}>
  /** The steps that decided, in words, for `local snapshots explain`. */
  reasons: string[]
}

interface Step<N extends SnapshotNode> {
  /** Negative when a is favoured over b, positive when b is, 0 on a tie (the footnote says: go on). */
  compare: (a: N, b: N) => number
  because: (winner: N) => string
}

function steps<N extends SnapshotNode>(multiRegion: boolean, volumeHost: string | undefined): Array<Step<N>> {
  const incremental = (n: N): boolean => n.hostname === volumeHost
  const common: Array<Step<N>> = [
    {compare: (a, b) => Number(a.state === 'PRIMARY') - Number(b.state === 'PRIMARY'), because: () => 'it is a secondary'},
    {compare: (a, b) => a.memberPriority - b.memberPriority, because: (n) => `it has the lowest member priority (${n.memberPriority})`},
    {compare: (a, b) => Number(incremental(b)) - Number(incremental(a)), because: () => 'it holds the snapshot volume, so the copy is incremental'},
    {compare: (a, b) => (a.hostname < b.hostname ? -1 : a.hostname > b.hostname ? 1 : 0), because: () => 'its hostname sorts first'},
  ]
  if (!multiRegion) return common
  // Multi-region step 1: the highest-priority region first, regions compared in descending priority (footnote 1).
  const region: Step<N> = {
    compare: (a, b) => b.regionPriority - a.regionPriority,
    because: (n) => `it is in the highest-priority region available (${n.regionName}, priority ${n.regionPriority})`,
  }
  return [region, ...common]
}

export function isMultiRegion(nodes: readonly SnapshotNode[]): boolean {
  return new Set(nodes.map((n) => n.regionName)).size > 1
}

/** The deciding step between a node and the one after it, in words. */
function decidingReason<N extends SnapshotNode>(ordering: Array<Step<N>>, winner: N, runnerUp: N | undefined): string | undefined {
  if (!runnerUp) return undefined
  for (const step of ordering) {
    if (step.compare(winner, runnerUp) < 0) return `${winner.hostname} is favoured over ${runnerUp.hostname}: ${step.because(winner)}`
  }
  return undefined
}

/** Every node in the order Atlas tries them, most favoured first. */
export function orderNodes<N extends SnapshotNode>(nodes: readonly N[], volumeHost?: string): N[] {
  const ordering = steps<N>(isMultiRegion(nodes), volumeHost)
  return [...nodes].sort((a, b) => {
    for (const step of ordering) {
      const c = step.compare(a, b)
      if (c !== 0) return c
    }
    return 0
  })
}

function skippedReason(skipped: NodeChoice['skipped']): string {
  return `skipped ${skipped.map((s) => s.hostname).join(', ')}: unhealthy`
}

/**
 * Tries the nodes in order and takes the first healthy one. `volumeHost` is the node holding a valid snapshot
 * volume; pass undefined when there is none (first snapshot, or the volume became invalid).
 */
export function chooseSnapshotNode<N extends SnapshotNode>(nodes: readonly N[], volumeHost?: string): NodeChoice<N> {
  const ordering = steps<N>(isMultiRegion(nodes), volumeHost)
  const order = orderNodes(nodes, volumeHost)
  const skipped: NodeChoice['skipped'] = []
  const reasons: string[] = [isMultiRegion(nodes) ? 'multi-region cluster: region priority, secondary, member priority, incremental, hostname' : 'single-region cluster: secondary, member priority, incremental, hostname']
  for (const [index, node] of order.entries()) {
    if (!node.healthy) {
      skipped.push({hostname: node.hostname, reason: 'unhealthy'})
      continue
    }
    const healthyAfter = order.slice(index + 1).find((n) => n.healthy)
    const reason = decidingReason(ordering, node, healthyAfter)
    if (reason) reasons.push(reason)
    if (skipped.length > 0) reasons.push(skippedReason(skipped))
    return {node, incremental: node.hostname === volumeHost, order, skipped, reasons}
  }
  if (skipped.length > 0) reasons.push(skippedReason(skipped))
  reasons.push('no healthy node: the snapshot fails')
  return {incremental: false, order, skipped, reasons}
}
