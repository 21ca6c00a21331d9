import {describe, expect, it} from 'vitest'

import {clusterFactsOf} from '../../../src/lib/domain/cluster-facts.js'
import type {BackupSchedule, ClusterFacts} from '../../../src/lib/domain/types.js'
import {hasErrors, validateSchedule} from '../../../src/lib/policy/index.js'
import {copy, daily, hourly, type Item, weekly, withItems, ZONE} from './builders.js'

/**
 * Copy settings checked against the cluster (rules 56–59) and the 2024-08-05 copy fields (rule 62): each rule with
 * an accepted and a refused case, on a cluster whose zone, replication specs and regions are known.
 */

const SPEC_0 = '6b1f00aa00aa00aa00aa0000'
const SPEC_1 = '6b1f00aa00aa00aa00aa0001'
/** A two-shard AWS cluster in US_EAST_1 (primary) and US_EAST_2. */
const CLUSTER: ClusterFacts = {
  tier: 'M30',
  provider: 'AWS',
  pitEnabled: true,
  zones: [{zoneId: ZONE, replicationSpecIds: [SPEC_0, SPEC_1], primaryRegion: 'US_EAST_1', regions: ['US_EAST_1', 'US_EAST_2']}],
}
const policy = withItems(hourly(), daily(), weekly())
const withCopies = (...copies: unknown[]): Record<string, unknown> => ({...policy, copySettings: copies})
const item = (over: Item = {}): Item => ({frequencyType: 'daily', retentionUnit: 'days', retentionValue: 14, ...over})
const itemsCopy = (...items: Item[]): Item => copy({frequencies: undefined, copyPolicyItems: items})

function check(input: unknown, cluster: ClusterFacts = CLUSTER, current?: BackupSchedule) {
  return validateSchedule(input, {cluster, current}).map((v) => ({path: v.path, errorCode: v.errorCode, rule: v.rule, severity: v.severity}))
}

const refused = (path: string, errorCode: string, rule: number) => expect.objectContaining({path, errorCode, rule, severity: 'error'})

describe('copy settings against the cluster (rules 56, 57)', () => {
  it('rule 56 accepted: an Atlas region of the provider in the cluster\'s zone', () => {
    expect(check(withCopies(copy({regionName: 'US_WEST_2'}), copy({regionName: 'US_EAST_2'})))).toEqual([])
  })

  it('rule 56 refused: a region that is no Atlas region (NOT_A_REGION) is INVALID_REGION', () => {
    expect(check(withCopies(copy({regionName: 'NOT_A_REGION'})))).toEqual([refused('copySettings[0].regionName', 'INVALID_REGION', 56)])
  })

  it('rule 56 refused: an Atlas region of another provider is INVALID_REGION even when the provider is unknown', () => {
    expect(check(withCopies(copy({regionName: 'EUROPE_WEST'})), {tier: 'M10'})).toEqual([refused('copySettings[0].regionName', 'INVALID_REGION', 56)])
  })

  it('rule 56 refused: a zoneId of no zone of the cluster; accepted: the zone\'s replicationSpecId (2023-01-01)', () => {
    expect(check(withCopies(copy({zoneId: '0123456789abcdef01234567'})))).toEqual([refused('copySettings[0].zoneId', 'INVALID_ATTRIBUTE', 56)])
    expect(check(withCopies(copy({zoneId: undefined, replicationSpecId: SPEC_1})))).toEqual([])
    expect(check(withCopies(copy({zoneId: undefined, replicationSpecId: ZONE})))).toEqual([refused('copySettings[0].replicationSpecId', 'INVALID_ATTRIBUTE', 56)])
  })

  it('rule 56: zones are not checked when the cluster\'s are not known', () => {
    expect(check(withCopies(copy({zoneId: '0123456789abcdef01234567'})), {tier: 'M10', provider: 'AWS', pitEnabled: true})).toEqual([])
  })

  it('rule 56 refused: the same region of the same zone twice', () => {
    expect(check(withCopies(copy(), copy({frequencies: ['WEEKLY']})))).toEqual([refused('copySettings[1].regionName', 'INVALID_ATTRIBUTE', 56)])
  })

  it('rule 57 refused: the zone\'s own highest-priority region; accepted: one of its other regions', () => {
    expect(check(withCopies(copy({regionName: 'US_EAST_1'})))).toEqual([refused('copySettings[0].regionName', 'INVALID_BACKUP_POLICY', 57)])
    expect(check(withCopies(copy({regionName: 'us_east_2'})))).toEqual([])
  })
})

describe('a Global Cluster: each zone copies within its primary\'s provider (rule 57)', () => {
  const EU_ZONE = '6b1f00aa00aa00aa00aaeeee'
  const GLOBAL: ClusterFacts = {
    tier: 'M30',
    provider: 'AWS',
    zones: [CLUSTER.zones![0]!, {zoneId: EU_ZONE, replicationSpecIds: ['6b1f00aa00aa00aa00aa0002'], primaryRegion: 'EUROPE_WEST', provider: 'AZURE', regions: ['EUROPE_WEST']}],
  }

  it('rule 57 accepted: an Azure region for the Azure zone, an AWS one for the AWS zone', () => {
    expect(check(withCopies(copy(), copy({cloudProvider: 'AZURE', regionName: 'EUROPE_NORTH', zoneId: EU_ZONE})), GLOBAL)).toEqual([])
  })

  it('rule 57 refused: an AWS region for the Azure zone', () => {
    expect(check(withCopies(copy({zoneId: EU_ZONE})), GLOBAL)).toEqual([refused('copySettings[0].cloudProvider', 'INVALID_BACKUP_POLICY', 57)])
  })
})

describe('frequencies the policy has (rule 58): a warning, as the API accepted a mismatch', () => {
  it('rule 58 accepted: frequencies the policy has, and ON_DEMAND', () => {
    expect(check(withCopies(copy({frequencies: ['HOURLY', 'DAILY', 'WEEKLY', 'ON_DEMAND']})))).toEqual([])
  })

  it('rule 58 refused (warning): a frequency without a policy item; the schedule is still accepted', () => {
    const violations = validateSchedule(withCopies(copy({frequencies: ['MONTHLY']})), {cluster: CLUSTER})
    expect(violations).toEqual([expect.objectContaining({path: 'copySettings[0].frequencies[0]', errorCode: 'INVALID_BACKUP_POLICY', rule: 58, severity: 'warning'})])
    expect(hasErrors(violations)).toBe(false)
  })
})

describe('the 2024-08-05 copy fields (rule 62)', () => {
  const enabled = (...copies: unknown[]) => ({...withCopies(...copies), copyPolicyItemsEnabled: true})

  it('rule 62 accepted: copyPolicyItems with their own retention when copyPolicyItemsEnabled is true', () => {
    expect(check(enabled(itemsCopy(item(), item({frequencyType: 'weekly', retentionUnit: 'weeks', retentionValue: 8}), {frequencyType: 'ondemand'})))).toEqual([])
  })

  it('rule 62 refused: copyPolicyItems without copyPolicyItemsEnabled, and frequencies with it', () => {
    expect(check(withCopies(itemsCopy(item())))).toEqual([refused('copySettings[0].copyPolicyItems', 'INVALID_ATTRIBUTE', 62)])
    expect(check(enabled(copy()))).toEqual([refused('copySettings[0].frequencies', 'INVALID_ATTRIBUTE', 62), refused('copySettings[0].copyPolicyItems', 'MISSING_ATTRIBUTE', 62)])
  })

  it('rule 62 refused: a copy policy item without retention, an ondemand one with it, a repeated frequency', () => {
    expect(check(enabled(itemsCopy(item({retentionUnit: 'hours', retentionValue: 0}), {frequencyType: 'ondemand', retentionUnit: 'days', retentionValue: 1}, item())))).toEqual([
      refused('copySettings[0].copyPolicyItems[0].retentionUnit', 'INVALID_ENUM_VALUE', 62),
      refused('copySettings[0].copyPolicyItems[0].retentionValue', 'INVALID_ATTRIBUTE', 62),
      refused('copySettings[0].copyPolicyItems[1]', 'INVALID_ATTRIBUTE', 62),
      refused('copySettings[0].copyPolicyItems[2].frequencyType', 'INVALID_ATTRIBUTE', 62),
    ])
  })

  it('rule 62: turning copyPolicyItemsEnabled on checks the stored settings again', () => {
    const current = {...policy, copySettings: [copy()]} as unknown as BackupSchedule
    expect(check({copyPolicyItemsEnabled: true}, CLUSTER, current)).toContainEqual(refused('copySettings[0].copyPolicyItems', 'MISSING_ATTRIBUTE', 62))
  })

  it('rule 62 accepted: lastNumberOfSnapshots 1–500 alone; refused: out of range or beside frequencies', () => {
    expect(check(withCopies(copy({frequencies: undefined, lastNumberOfSnapshots: 500})))).toEqual([])
    expect(check(withCopies(copy({frequencies: undefined, lastNumberOfSnapshots: 0})))).toEqual([refused('copySettings[0].lastNumberOfSnapshots', 'INVALID_ATTRIBUTE', 62)])
    expect(check(withCopies(copy({lastNumberOfSnapshots: 3})))).toEqual([refused('copySettings[0].lastNumberOfSnapshots', 'INVALID_ATTRIBUTE', 62)])
  })

  it('rule 62: deleteCopySnapshots requires copyPolicyItemsEnabled; updateCopySnapshots without it is a warning', () => {
    expect(check({deleteCopySnapshots: true})).toEqual([refused('deleteCopySnapshots', 'INVALID_ATTRIBUTE', 62)])
    expect(check({deleteCopySnapshots: true, copyPolicyItemsEnabled: true})).toEqual([])
    expect(check({updateCopySnapshots: true})).toEqual([expect.objectContaining({path: 'updateCopySnapshots', rule: 62, severity: 'warning'})])
    expect(check({autoCopySettingsEnabled: 'yes'})).toEqual([refused('autoCopySettingsEnabled', 'INVALID_ATTRIBUTE', 62)])
    expect(check({autoCopySettingsEnabled: false, updateCopySnapshots: false})).toEqual([])
    expect(check({autoCopySettingsEnabled: true, copyPolicyItemsEnabled: true})).toEqual([])
    expect(check({autoCopySettingsEnabled: true, copyPolicyItemsEnabled: false})).toEqual([refused('autoCopySettingsEnabled', 'INVALID_ATTRIBUTE', 62)])
  })
})

describe('deleteCopiedBackups entries (rule 60)', () => {
  it('rule 60 accepted: {cloudProvider, regionName, zoneId}, or replicationSpecId (2023-01-01)', () => {
    expect(check({deleteCopiedBackups: [{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId: ZONE}, {regionName: 'EU_WEST_1', replicationSpecId: SPEC_0}]})).toEqual([])
  })

  it('rule 60 refused: an entry without its zone, and an unknown provider', () => {
    expect(check({deleteCopiedBackups: [{cloudProvider: 'AWS', regionName: 'US_WEST_2'}, {cloudProvider: 'IBM', regionName: 'US_WEST_2', zoneId: ZONE}]})).toEqual([
      refused('deleteCopiedBackups[0]', 'INVALID_ATTRIBUTE', 60),
      refused('deleteCopiedBackups[1].cloudProvider', 'INVALID_ENUM_VALUE', 60),
    ])
  })
})

describe('clusterFactsOf: the zones of a cluster description (cloud backend)', () => {
  it('groups replication specs by zone, with the highest-priority region', () => {
    const facts = clusterFactsOf({
      pitEnabled: true,
      replicationSpecs: [
        {id: SPEC_0, zoneId: ZONE, regionConfigs: [{providerName: 'AWS', regionName: 'US_EAST_2', priority: 6, electableSpecs: {instanceSize: 'M30'}}, {providerName: 'AWS', regionName: 'US_EAST_1', priority: 7}]},
        {id: SPEC_1, zoneId: ZONE, regionConfigs: [{providerName: 'AWS', regionName: 'US_EAST_1', priority: 7}]},
      ],
    })
    expect(facts).toEqual({tier: 'M30', nvme: false, pitEnabled: true, provider: 'AWS', zones: [{zoneId: ZONE, replicationSpecIds: [SPEC_0, SPEC_1], primaryRegion: 'US_EAST_1', provider: 'AWS', regions: ['US_EAST_2', 'US_EAST_1']}]})
  })

  it('leaves zones out when the description names none', () => {
    expect(clusterFactsOf({replicationSpecs: [{id: SPEC_0, regionConfigs: [{providerName: 'AWS', regionName: 'US_EAST_1'}]}]}).zones).toBeUndefined()
  })
})
