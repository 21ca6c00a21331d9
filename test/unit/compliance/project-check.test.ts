import {describe, expect, it} from 'vitest'

import {type CheckedCluster, checkProject} from '../../../src/lib/compliance/project-check.js'
import type {BackupSchedule, PolicyItem} from '../../../src/lib/domain/types.js'

/** `compliancePolicy check`: each cluster's verdict against a policy's minimum (rules 84 and 88). */

const hourly = (interval: number, days: number): PolicyItem => ({frequencyType: 'hourly', frequencyInterval: interval, retentionUnit: 'days', retentionValue: days})
const daily = (days: number): PolicyItem => ({frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: days})
const schedule = (...items: PolicyItem[]): BackupSchedule => ({policies: [{policyItems: items}]}) as BackupSchedule

const cluster = (clusterName: string, tier: string, items: PolicyItem[], extra: Partial<CheckedCluster> = {}): CheckedCluster => ({
  clusterName,
  tier,
  backupEnabled: true,
  facts: {},
  schedule: schedule(...items),
  ...extra,
})

const policy = {scheduledPolicyItems: [hourly(6, 2), daily(7)], pitEnabled: false, restoreWindowDays: 0}

describe('compliancePolicy check (rule 88)', () => {
  it('a cluster at or above every minimum complies, and the project with it (exit 0)', () => {
    const report = checkProject([cluster('A', 'M10', [hourly(6, 2), daily(14)])], policy)
    expect(report).toEqual({complies: true, clusters: [{clusterName: 'A', tier: 'M10', verdict: 'complies', shortfalls: []}]})
  })

  it('a cluster below a minimum that a raise closes is raised; the project does not comply (exit 1)', () => {
    const report = checkProject([cluster('A', 'M10', [hourly(12, 2), daily(3)])], policy)
    expect(report.complies).toBe(false)
    expect(report.clusters[0]!.verdict).toBe('raise')
    expect(report.clusters[0]!.shortfalls.map((s) => [s.field, s.actual, s.raisable])).toEqual([
      ['policies[0].policyItems[0].frequencyInterval', 'every 12 hours', true],
      ['policies[0].policyItems[1].retentionValue', 'kept 3 days', true],
    ])
  })

  it('an NVMe cluster cannot take hourly snapshots more often than every 12 hours: refused (rule 85), whatever else is raised', () => {
    const report = checkProject([cluster('N', 'M40_NVME', [hourly(12, 2), daily(3)])], policy)
    expect(report.clusters[0]!.verdict).toBe('refuse')
    expect(report.clusters[0]!.shortfalls.filter((s) => !s.raisable).map((s) => s.field)).toEqual(['policies[0].policyItems[0].frequencyInterval'])
  })

  it('a policy requiring encryption at rest refuses a cluster without a customer key', () => {
    const report = checkProject([cluster('A', 'M10', [hourly(6, 2), daily(7)], {facts: {encryptionAtRestProvider: 'NONE'}})], {...policy, encryptionAtRestEnabled: true})
    expect(report.clusters[0]).toMatchObject({verdict: 'refuse', shortfalls: [{field: 'encryptionAtRestProvider', raisable: false}]})
  })

  it('Cloud Backup off is a raise: the policy turns it on', () => {
    const report = checkProject([cluster('A', 'M10', [], {backupEnabled: false, schedule: undefined})], policy)
    expect(report.clusters[0]!.verdict).toBe('raise')
    expect(report.clusters[0]!.shortfalls[0]).toMatchObject({field: 'backupEnabled', actual: 'off', raisable: true})
  })

  it('rule 84: clusters below M10 (free, shared, flex) are not covered and do not make the project fail', () => {
    const report = checkProject([cluster('F', 'M0', []), cluster('S', 'M5', []), cluster('X', 'FLEX', []), cluster('A', 'M10', [hourly(6, 2), daily(7)])], policy)
    expect(report.clusters.map((c) => c.verdict)).toEqual(['not covered', 'not covered', 'not covered', 'complies'])
    expect(report.complies).toBe(true)
  })
})
