import {describe, expect, it} from 'vitest'

import {invalidateVolume, planSnapshot, snapshotSizeBytes, VOLUME_EVENTS, type SnapshotVolume} from '../../../src/lib/snapshots/index.js'
import {node} from '../../helpers/values.js'


const cluster = [
  node('e1', 'US_EAST_1', {state: 'PRIMARY'}),
  node('e2', 'US_EAST_1'),
  node('w1', 'US_WEST_2'),
  node('w2', 'US_WEST_2'),
]

describe('snapshot storage volume', () => {
  it('the first snapshot creates a volume in the primary\'s region with a full copy, then goes incremental', () => {
    const first = planSnapshot(cluster, undefined)
    expect(first.kind).toBe('full')
    expect(first.choice.node?.regionName).toBe('US_EAST_1')
    expect(first.nextVolume).toEqual({hostname: 'e2', valid: true})
    const second = planSnapshot(cluster, first.nextVolume)
    expect(second.kind).toBe('incremental')
    expect(second.choice.node?.hostname).toBe('e2')
  })

  it('explains an election on a multi-region cluster as one among the primary region\'s nodes, not as a single-region choice', () => {
    const [why, scope] = planSnapshot(cluster, undefined).choice.reasons
    expect(why).toContain("primary's region (US_EAST_1)")
    expect(scope).toBe('election among the nodes of US_EAST_1: secondary, member priority, hostname')
    expect(planSnapshot(cluster, {hostname: 'e2', valid: true}).choice.reasons[0]).toMatch(/^multi-region cluster/)
  })

  it.each(VOLUME_EVENTS)('after %s the volume is invalid: a new node is elected, a full copy, then incremental again', (event) => {
    const volume: SnapshotVolume = {hostname: 'w1', valid: true}
    const invalid = invalidateVolume(volume, event)
    expect(invalid).toEqual({hostname: 'w1', valid: false})
    const elected = planSnapshot(cluster, invalid)
    expect(elected.kind).toBe('full')
    expect(elected.choice.node?.regionName).toBe('US_EAST_1')
    expect(elected.choice.reasons[0]).toContain('invalid')
    const next = planSnapshot(cluster, elected.nextVolume)
    expect(next.kind).toBe('incremental')
    expect(next.choice.node?.hostname).toBe(elected.choice.node?.hostname)
  })

  it('the new volume follows the primary: after a highest-priority-region change it is created in the new region', () => {
    const moved = [node('e1', 'US_EAST_1', {regionPriority: 6, memberPriority: 6}), node('w1', 'US_WEST_2', {state: 'PRIMARY', regionPriority: 7, memberPriority: 7}), node('w2', 'US_WEST_2', {regionPriority: 7, memberPriority: 7})]
    const plan = planSnapshot(moved, invalidateVolume({hostname: 'e1', valid: true}, 'highestPriorityRegionChange'))
    expect(plan.choice.node?.hostname).toBe('w2')
  })

  it.each([
    ['no volume yet', undefined],
    ['an invalid volume', {hostname: 'e2', valid: false}],
  ])('with %s and no healthy node in the primary\'s region, the election falls back to a healthy node of another region', (_, volume) => {
    const eastDown = cluster.map((n) => (n.regionName === 'US_EAST_1' ? {...n, healthy: false} : n))
    const plan = planSnapshot(eastDown, volume)
    expect(plan.choice.node?.hostname).toBe('w1')
    expect(plan.choice.node?.regionName).toBe('US_WEST_2')
    expect(plan.kind).toBe('full')
    expect(plan.nextVolume).toEqual({hostname: 'w1', valid: true})
    expect(plan.choice.skipped.map((s) => s.hostname).sort()).toEqual(['e1', 'e2'])
    // The election was not limited to the primary's region, so it is not explained as one.
    expect(plan.choice.reasons.join('\n')).not.toContain('election among the nodes of US_EAST_1')
  })

  it('the fallback follows region priority: with the primary\'s region down, the next region by priority is elected', () => {
    const threeRegions = [
      node('e1', 'US_EAST_1', {state: 'PRIMARY', healthy: false}),
      node('e2', 'US_EAST_1', {healthy: false}),
      node('a1', 'EU_WEST_1', {regionPriority: 5, memberPriority: 5}),
      node('w1', 'US_WEST_2', {memberPriority: 7}),
    ]
    const plan = planSnapshot(threeRegions, undefined)
    expect(plan.choice.node?.hostname).toBe('w1')
    expect(plan.nextVolume).toEqual({hostname: 'w1', valid: true})
    // Once the primary's region is healthy again, the next invalid volume is elected there.
    const recovered = threeRegions.map((n) => ({...n, healthy: true}))
    expect(planSnapshot(recovered, {hostname: 'w1', valid: false}).choice.node?.hostname).toBe('e2')
  })

  it('an unhealthy volume node means a full copy on the next favoured node, which then holds the volume', () => {
    const sick = cluster.map((n) => (n.hostname === 'e2' ? {...n, healthy: false} : n))
    const plan = planSnapshot(sick, {hostname: 'e2', valid: true})
    expect(plan.kind).toBe('full')
    expect(plan.choice.node?.hostname).toBe('e1')
    expect(plan.nextVolume).toEqual({hostname: 'e1', valid: true})
  })

  it('no healthy node: no snapshot node and the volume is kept', () => {
    const down = cluster.map((n) => ({...n, healthy: false}))
    const volume = {hostname: 'e2', valid: true}
    const plan = planSnapshot(down, volume)
    expect(plan.choice.node).toBeUndefined()
    expect(plan.nextVolume).toBe(volume)
  })

  it('sizes: a full copy is the data size; an incremental one a bounded fraction of it', () => {
    const data = 10 * 1024 ** 3
    expect(snapshotSizeBytes({kind: 'full', dataSizeBytes: data, hoursSincePrevious: 6})).toBe(data)
    const inc = snapshotSizeBytes({kind: 'incremental', dataSizeBytes: data, hoursSincePrevious: 6})
    expect(inc).toBeGreaterThan(0)
    expect(inc).toBeLessThan(data)
    expect(snapshotSizeBytes({kind: 'incremental', dataSizeBytes: data, hoursSincePrevious: 1e6})).toBe(data)
  })
})
