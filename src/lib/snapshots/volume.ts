import {chooseSnapshotNode, isMultiRegion, type NodeChoice, type SnapshotNode} from './node-selection.js'

/** The snapshot storage volume of one replica set: the disk incremental snapshots build on. */
export interface SnapshotVolume {
  hostname: string
  valid: boolean
}

/** Events the seed lists as electing a new node for the snapshot storage volume. */
export type VolumeEvent = 'tierChange' | 'diskChange' | 'regionChange' | 'highestPriorityRegionChange' | 'maintenance'

export const VOLUME_EVENTS: readonly VolumeEvent[] = ['tierChange', 'diskChange', 'regionChange', 'highestPriorityRegionChange', 'maintenance']

/** After one of these events the volume is invalid: the next snapshot elects a node and copies in full. */
export function invalidateVolume(volume: SnapshotVolume | undefined, _event: VolumeEvent): SnapshotVolume | undefined {
  return volume ? {hostname: volume.hostname, valid: false} : undefined
}

export interface SnapshotPlan<N extends SnapshotNode> {
  choice: NodeChoice<N>
  kind: 'full' | 'incremental'
  /** The volume after this snapshot; unchanged when no node could be snapshotted. */
  nextVolume: SnapshotVolume | undefined
}

/**
 * Plans one snapshot of a replica set. With a valid volume, the favoured healthy node is snapshotted, incrementally
 * if it holds the volume. Without one, Atlas creates a new volume in the current primary's region and takes a
 * full copy there, then keeps using that member; if that region has no healthy node, any healthy node will do.
 */
export function planSnapshot<N extends SnapshotNode>(nodes: readonly N[], volume: SnapshotVolume | undefined): SnapshotPlan<N> {
  if (volume?.valid) {
    const choice = chooseSnapshotNode(nodes, volume.hostname)
    const node = choice.node
    if (!node) return {choice, kind: 'full', nextVolume: volume}
    if (!choice.incremental) choice.reasons.push(`${volume.hostname} holds the volume but was not chosen: full copy, the volume moves to ${node.hostname}`)
    return {choice, kind: choice.incremental ? 'incremental' : 'full', nextVolume: {hostname: node.hostname, valid: true}}
  }
  const primaryRegion = nodes.find((n) => n.state === 'PRIMARY')?.regionName
  const inPrimaryRegion = nodes.filter((n) => n.regionName === primaryRegion)
  const electable = inPrimaryRegion.some((n) => n.healthy) ? inPrimaryRegion : nodes
  const choice = chooseSnapshotNode(electable, undefined)
  // The election looked only at the primary's region, so the single-region label chooseSnapshotNode gave would mislead.
  if (electable !== nodes && isMultiRegion(nodes)) choice.reasons[0] = `election among the nodes of ${primaryRegion}: secondary, member priority, hostname`
  const why = volume ? 'the snapshot volume is invalid' : 'there is no snapshot volume yet'
  choice.reasons.unshift(`${why}: a new volume is created in the primary's region (${primaryRegion ?? 'unknown'}) with a full copy`)
  return {choice, kind: 'full', nextVolume: choice.node ? {hostname: choice.node.hostname, valid: true} : volume}
}
