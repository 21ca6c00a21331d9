import type {ClusterFacts} from '../../../src/lib/domain/types.js'

/** Cluster facts and policy pieces the policy tests build their schedules from (each builder takes overrides). */
export const M10: ClusterFacts = {tier: 'M10', provider: 'AWS'}
export const PIT: ClusterFacts = {tier: 'M10', provider: 'AWS', pitEnabled: true}
export const ID_A = '5f4007f327a3bd7b6f4103c5'
export const ID_B = '5f4007f327a3bd7b6f4103c6'
export const ZONE = '6b1f00aa00aa00aa00aa00aa'

export type Item = Record<string, unknown>
export const hourly = (over: Item = {}): Item => ({frequencyType: 'hourly', frequencyInterval: 6, retentionUnit: 'days', retentionValue: 2, ...over})
export const daily = (over: Item = {}): Item => ({frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7, ...over})
export const weekly = (over: Item = {}): Item => ({frequencyType: 'weekly', frequencyInterval: 6, retentionUnit: 'weeks', retentionValue: 4, ...over})
export const monthly = (over: Item = {}): Item => ({frequencyType: 'monthly', frequencyInterval: 40, retentionUnit: 'months', retentionValue: 12, ...over})
export const yearly = (over: Item = {}): Item => ({frequencyType: 'yearly', frequencyInterval: 12, retentionUnit: 'years', retentionValue: 1, ...over})
export const withItems = (...items: unknown[]): Record<string, unknown> => ({referenceHourOfDay: 18, referenceMinuteOfHour: 0, restoreWindowDays: 2, policies: [{policyItems: items}]})
export const copy = (over: Item = {}): Item => ({cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId: ZONE, frequencies: ['DAILY'], ...over})
