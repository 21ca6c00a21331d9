import {describe, expect, it} from 'vitest'

import {chooseSnapshotNode, isMultiRegion, orderNodes, type SnapshotNode} from '../../../src/lib/snapshots/index.js'
import {node} from '../../helpers/values.js'

// The reasons are what `local snapshots explain` prints for each member snapshot, so their words are pinned exactly.
const SINGLE = 'single-region cluster: secondary, member priority, incremental, hostname'
const MULTI = 'multi-region cluster: region priority, secondary, member priority, incremental, hostname'

const names = (nodes: SnapshotNode[]): string[] => nodes.map((n) => n.hostname)

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items]
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]))
}

describe('the order Atlas tries the nodes in does not depend on the order they are listed in', () => {
  it('single region: secondaries by member priority, the incremental one first on a tie, the primary last', () => {
    const nodes = [node('p', {state: 'PRIMARY', memberPriority: 1}), node('a', {memberPriority: 5}), node('b', {memberPriority: 3}), node('c', {memberPriority: 3})]
    for (const listed of permutations(nodes)) expect(names(orderNodes(listed, 'c'))).toEqual(['c', 'b', 'a', 'p'])
  })

  it('single region, all tied but one primary: secondaries by hostname, then the primary', () => {
    const nodes = [node('n1', {state: 'PRIMARY'}), node('n2'), node('n3')]
    for (const listed of permutations(nodes)) expect(names(orderNodes(listed))).toEqual(['n2', 'n3', 'n1'])
  })

  it('multi region: regions by descending priority first, then the single-region steps inside each', () => {
    const nodes = [node('e1', 'US_EAST_1', {state: 'PRIMARY'}), node('e2', 'US_EAST_1'), node('w1', 'US_WEST_2'), node('u1', 'EU_WEST_1', {regionPriority: 5, memberPriority: 5})]
    for (const listed of permutations(nodes)) expect(names(orderNodes(listed))).toEqual(['e2', 'e1', 'w1', 'u1'])
  })
})

describe('isMultiRegion', () => {
  it.each([
    ['no node', [], false],
    ['one node', [node('a')], false],
    ['three nodes of one region', [node('a'), node('b'), node('c')], false],
    ['nodes in two regions', [node('a', 'US_EAST_1'), node('b', 'US_WEST_2')], true],
  ])('%s → %s', (_, nodes, expected) => {
    expect(isMultiRegion(nodes)).toBe(expected)
  })
})

describe('explaining the choice of node (local snapshots explain)', () => {
  it.each([
    ['step 1: a secondary over the primary', [node('s'), node('p', {state: 'PRIMARY'})], undefined, 's', 's is favoured over p: it is a secondary'],
    ['step 2: the lowest member priority', [node('a', {memberPriority: 5}), node('b', {memberPriority: 3})], undefined, 'b', 'b is favoured over a: it has the lowest member priority (3)'],
    ['step 3: the node holding the volume', [node('a'), node('b')], 'b', 'b', 'b is favoured over a: it holds the snapshot volume, so the copy is incremental'],
    ['step 4: the smallest hostname', [node('b'), node('a')], undefined, 'a', 'a is favoured over b: its hostname sorts first'],
    ['the runner-up is the next node in order, not the last', [node('a'), node('b'), node('c')], undefined, 'a', 'a is favoured over b: its hostname sorts first'],
  ])('single region, %s', (_, nodes, volumeHost, chosen, reason) => {
    const choice = chooseSnapshotNode(nodes, volumeHost)
    expect(choice.node?.hostname).toBe(chosen)
    expect(choice.reasons).toEqual([SINGLE, reason])
  })

  it('multi region: names the region and its priority when the region decides', () => {
    const choice = chooseSnapshotNode([node('w1', 'US_WEST_2'), node('e1', 'US_EAST_1')])
    expect(choice.reasons).toEqual([MULTI, 'e1 is favoured over w1: it is in the highest-priority region available (US_EAST_1, priority 7)'])
  })

  it('a node with no healthy node after it needs no deciding step', () => {
    expect(chooseSnapshotNode([node('a')]).reasons).toEqual([SINGLE])
    const choice = chooseSnapshotNode([node('a'), node('b', {healthy: false})])
    expect(choice.node?.hostname).toBe('a')
    expect(choice.skipped).toEqual([])
    expect(choice.reasons).toEqual([SINGLE])
  })

  it('after skipping unhealthy nodes, compares the chosen node with the next healthy one and lists the skipped ones', () => {
    const choice = chooseSnapshotNode([node('a', {healthy: false}), node('b'), node('c')])
    expect(choice.node?.hostname).toBe('b')
    expect(choice.reasons).toEqual([SINGLE, 'b is favoured over c: its hostname sorts first', 'skipped a: unhealthy'])
  })

  it('several skipped nodes are named in order, in one line', () => {
    const choice = chooseSnapshotNode([node('c'), node('b', {healthy: false}), node('a', {healthy: false})])
    expect(choice.node?.hostname).toBe('c')
    expect(choice.reasons).toEqual([SINGLE, 'skipped a, b: unhealthy'])
  })

  it('no healthy node: no node, a full copy nowhere, every node skipped, and the snapshot fails', () => {
    const nodes = [node('b', {healthy: false}), node('a', {healthy: false})]
    const choice = chooseSnapshotNode(nodes, 'a')
    expect(choice).toEqual({
      incremental: false,
      order: [nodes[1], nodes[0]],
      skipped: [{hostname: 'a', reason: 'unhealthy'}, {hostname: 'b', reason: 'unhealthy'}],
      reasons: [SINGLE, 'skipped a, b: unhealthy', 'no healthy node: the snapshot fails'],
    })
    expect('node' in choice).toBe(false)
  })

  it('no node at all: nothing is skipped, and the snapshot fails', () => {
    expect(chooseSnapshotNode([])).toEqual({incremental: false, order: [], skipped: [], reasons: [SINGLE, 'no healthy node: the snapshot fails']})
  })
})
