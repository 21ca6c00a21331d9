import {describe, expect, it} from 'vitest'

import {planSnapshot, VOLUME_EVENTS} from '../../../src/lib/snapshots/index.js'
import {node} from '../../helpers/values.js'

// The reasons are what `local snapshots explain` prints for each member snapshot, so their words are pinned exactly.
const MULTI = 'multi-region cluster: region priority, secondary, member priority, incremental, hostname'

const cluster = [
  node('e1', 'US_EAST_1', {state: 'PRIMARY'}),
  node('e2', 'US_EAST_1'),
  node('w1', 'US_WEST_2'),
  node('w2', 'US_WEST_2'),
]

describe('planning a snapshot on the snapshot storage volume', () => {
  it('the events that invalidate the volume are the five the seed lists (local clusters storage-event takes these names)', () => {
    expect(VOLUME_EVENTS).toEqual(['tierChange', 'diskChange', 'regionChange', 'highestPriorityRegionChange', 'maintenance'])
  })

  it('an incremental copy on the volume\'s node adds no volume note to the explanation', () => {
    const plan = planSnapshot(cluster, {hostname: 'e2', valid: true})
    expect(plan.kind).toBe('incremental')
    expect(plan.choice.reasons).toEqual([MULTI, 'e2 is favoured over e1: it is a secondary'])
  })

  it('when the volume\'s node is not chosen, the explanation says the copy is full and the volume moves', () => {
    const sick = cluster.map((n) => (n.hostname === 'e2' ? {...n, healthy: false} : n))
    const plan = planSnapshot(sick, {hostname: 'e2', valid: true})
    expect(plan.kind).toBe('full')
    expect(plan.nextVolume).toEqual({hostname: 'e1', valid: true})
    expect(plan.choice.reasons).toEqual([
      MULTI,
      'e1 is favoured over w1: it is in the highest-priority region available (US_EAST_1, priority 7)',
      'skipped e2: unhealthy',
      'e2 holds the volume but was not chosen: full copy, the volume moves to e1',
    ])
  })

  it('with a valid volume and no healthy node, the plan is a full copy that takes nothing and keeps the volume', () => {
    const volume = {hostname: 'e2', valid: true}
    const plan = planSnapshot(cluster.map((n) => ({...n, healthy: false})), volume)
    expect(plan.kind).toBe('full')
    expect(plan.choice.node).toBeUndefined()
    expect(plan.nextVolume).toBe(volume)
  })

  it('a new volume is elected among the primary region\'s nodes while any of them is healthy, even if not all are', () => {
    const e2Down = cluster.map((n) => (n.hostname === 'e2' ? {...n, healthy: false} : n))
    const plan = planSnapshot(e2Down, undefined)
    expect(plan.choice.node?.hostname).toBe('e1')
    // Only the primary region's nodes took part in the election.
    expect(plan.choice.order.map((n) => n.hostname)).toEqual(['e2', 'e1'])
    expect(plan.choice.reasons).toEqual([
      "there is no snapshot volume yet: a new volume is created in the primary's region (US_EAST_1) with a full copy",
      'election among the nodes of US_EAST_1: secondary, member priority, hostname',
      'skipped e2: unhealthy',
    ])
    expect(plan.nextVolume).toEqual({hostname: 'e1', valid: true})
  })

  it('with no primary (an election under way), a new volume is elected among all nodes and the region is unknown', () => {
    const noPrimary = cluster.map((n) => ({...n, state: 'SECONDARY' as const}))
    const plan = planSnapshot(noPrimary, undefined)
    expect(plan.choice.node?.hostname).toBe('e1')
    expect(plan.kind).toBe('full')
    expect(plan.choice.reasons[0]).toBe("there is no snapshot volume yet: a new volume is created in the primary's region (unknown) with a full copy")
    expect(plan.choice.reasons[1]).toBe(MULTI)
  })
})
