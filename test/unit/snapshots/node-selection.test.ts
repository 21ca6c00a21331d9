import {describe, expect, it} from 'vitest'

import {chooseSnapshotNode, orderNodes, type SnapshotNode} from '../../../src/lib/snapshots/index.js'
import {node} from '../../helpers/values.js'


const names = (nodes: SnapshotNode[]): string[] => nodes.map((n) => n.hostname)

describe('single-region node selection (seed: Single-Region Cluster Backups)', () => {
  it('step 1: snapshots a secondary rather than the primary', () => {
    const nodes = [node('a', {state: 'PRIMARY', memberPriority: 1}), node('b', {memberPriority: 7})]
    expect(chooseSnapshotNode(nodes).node?.hostname).toBe('b')
  })

  it('footnote 1: when several nodes are secondaries, the next step decides', () => {
    const nodes = [node('a', {memberPriority: 5}), node('b', {memberPriority: 2})]
    expect(chooseSnapshotNode(nodes).node?.hostname).toBe('b')
  })

  it('step 2: snapshots the secondary with the lowest priority', () => {
    const nodes = [node('a', {memberPriority: 7}), node('b', {memberPriority: 3}), node('c', {state: 'PRIMARY', memberPriority: 7})]
    expect(names(orderNodes(nodes))).toEqual(['b', 'a', 'c'])
  })

  it('footnote 2: on a priority tie, favours the node that can snapshot incrementally', () => {
    const nodes = [node('a'), node('b')]
    const choice = chooseSnapshotNode(nodes, 'b')
    expect(choice.node?.hostname).toBe('b')
    expect(choice.incremental).toBe(true)
  })

  it('step 3 comes after priority: a lower-priority node beats the incremental one', () => {
    const nodes = [node('a', {memberPriority: 1}), node('b', {memberPriority: 5})]
    const choice = chooseSnapshotNode(nodes, 'b')
    expect(choice.node?.hostname).toBe('a')
    expect(choice.incremental).toBe(false)
  })

  it('footnote 3 and step 4: with no incremental candidate, the lexicographically smallest hostname', () => {
    const nodes = [node('host-c'), node('host-a'), node('host-b')]
    expect(names(orderNodes(nodes))).toEqual(['host-a', 'host-b', 'host-c'])
    expect(chooseSnapshotNode(nodes, 'elsewhere').node?.hostname).toBe('host-a')
  })

  it('skips an unhealthy node for the next one it favours, and says so', () => {
    const nodes = [node('a', {healthy: false}), node('b'), node('c', {state: 'PRIMARY'})]
    const choice = chooseSnapshotNode(nodes)
    expect(choice.node?.hostname).toBe('b')
    expect(choice.skipped).toEqual([{hostname: 'a', reason: 'unhealthy'}])
    expect(choice.reasons.join('\n')).toContain('unhealthy')
  })

  it('falls back to the primary when every secondary is unhealthy, and fails when no node is healthy', () => {
    const primaryLeft = [node('a', {healthy: false}), node('b', {healthy: false}), node('c', {state: 'PRIMARY'})]
    expect(chooseSnapshotNode(primaryLeft).node?.hostname).toBe('c')
    const none = primaryLeft.map((n) => ({...n, healthy: false}))
    expect(chooseSnapshotNode(none).node).toBeUndefined()
  })
})

describe('multi-region node selection (seed: Multi-Region Cluster Backups)', () => {
  const east = {regionName: 'US_EAST_1', regionPriority: 7, memberPriority: 7}
  const west = {regionName: 'US_WEST_2', regionPriority: 6, memberPriority: 6}
  const eu = {regionName: 'EU_WEST_1', regionPriority: 5, memberPriority: 5}

  it('step 1: snapshots in the highest-priority region, even over a lower member priority elsewhere', () => {
    const nodes = [node('w1', west), node('e1', {...east, state: 'PRIMARY'}), node('e2', east)]
    expect(chooseSnapshotNode(nodes).node?.hostname).toBe('e2')
  })

  it('footnote 1: regions are tried in descending priority', () => {
    const nodes = [node('eu1', eu), node('w1', west), node('e1', {...east, state: 'PRIMARY'})]
    expect(names(orderNodes(nodes))).toEqual(['e1', 'w1', 'eu1'])
    // The only node of the top region is the primary and unhealthy: the next region by priority.
    const down = [node('eu1', eu), node('w1', west), node('e1', {...east, state: 'PRIMARY', healthy: false})]
    expect(chooseSnapshotNode(down).node?.hostname).toBe('w1')
  })

  it('step 2 and footnote 2: within the region, a secondary; several secondaries go to the next step', () => {
    const nodes = [node('e1', {...east, state: 'PRIMARY', memberPriority: 1}), node('e2', {...east, memberPriority: 7}), node('e3', {...east, memberPriority: 4})]
    expect(names(orderNodes(nodes))).toEqual(['e3', 'e2', 'e1'])
  })

  it('step 3 and footnote 3: the lowest priority, then the node that can snapshot incrementally', () => {
    const nodes = [node('e2', east), node('e3', east), node('w1', west)]
    expect(chooseSnapshotNode(nodes, 'e3').node?.hostname).toBe('e3')
    expect(chooseSnapshotNode(nodes, 'e3').incremental).toBe(true)
  })

  it('step 4, footnote 4 and step 5: then the lexicographically smallest hostname', () => {
    const nodes = [node('e9', east), node('e4', east), node('w1', west)]
    expect(chooseSnapshotNode(nodes, 'w1').node?.hostname).toBe('e4')
  })

  it('explains the deciding step in words', () => {
    const nodes = [node('w1', west), node('e2', east)]
    expect(chooseSnapshotNode(nodes).reasons.join('\n')).toContain('highest-priority region')
  })
})
