import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {describe, expect, it} from 'vitest'

import type {BackupSchedule, ClusterFacts} from '../../../src/lib/domain/types.js'
import {hasErrors, validateSchedule} from '../../../src/lib/policy/index.js'
import {defaultSchedule} from '../../../src/lib/schedule/index.js'
import {REPO_ROOT} from '../../helpers/cli.js'
import {daily, hourly, ID_A, ID_B, M10, monthly, PIT, weekly, withItems, yearly, ZONE} from './builders.js'

const current: BackupSchedule = {
  referenceHourOfDay: 18,
  referenceMinuteOfHour: 0,
  restoreWindowDays: 2,
  policies: [{id: ID_B, policyItems: [{...daily(), id: ID_A} as BackupSchedule['policies'][0]['policyItems'][0]]}],
}

interface Case {
  rule: number
  name: string
  input: unknown
  cluster?: ClusterFacts
  current?: BackupSchedule
  /** Rejected cases: the path and code expected among the violations; accepted cases: none at all of `code`. */
  path?: string
  code: string
  severity?: 'error' | 'warning'
  /** The rule row the violation names, when it is not `rule` (a row-18 or row-19 case breaks row 17). */
  reportedAs?: number
}

const rejected: Case[] = [
  {rule: 80, name: 'M0 has no backup', input: withItems(daily()), cluster: {tier: 'M0'}, path: '$', code: 'PROVIDER_BACKUP_NOT_SUPPORTED'},
  {rule: 81, name: 'M2 policy is fixed', input: withItems(daily()), cluster: {tier: 'M2'}, path: '$', code: 'TENANT_CLUSTER_UPDATE_UNSUPPORTED'},
  {rule: 81, name: 'M5 policy is fixed', input: withItems(daily()), cluster: {tier: 'M5'}, path: '$', code: 'TENANT_CLUSTER_UPDATE_UNSUPPORTED'},
  {rule: 83, name: 'serverless policy is fixed', input: withItems(daily()), cluster: {tier: 'SERVERLESS'}, path: '$', code: 'FEATURE_UNSUPPORTED'},
  {rule: 1, name: 'two policies', input: {policies: [{policyItems: []}, {policyItems: []}]}, path: 'policies', code: 'INVALID_NUM_OF_POLICIES'},
  {rule: 1, name: 'policies not a list', input: {policies: 'x'}, path: 'policies', code: 'INVALID_NUM_OF_POLICIES'},
  {rule: 2, name: 'item without retention', input: withItems({frequencyType: 'daily', frequencyInterval: 1}), path: 'policies[0].policyItems[0]', code: 'MISSING_POLICY_ITEM_PARAMETERS'},
  {rule: 2, name: 'hourly without interval', input: withItems({frequencyType: 'hourly', retentionUnit: 'days', retentionValue: 2}), path: 'policies[0].policyItems[0]', code: 'INVALID_HOURLY_SNAPSHOT_INTERVAL_OR_RETENTION_PERIOD'},
  {rule: 3, name: 'malformed item id', input: withItems(daily({id: 'abc'})), path: 'policies[0].policyItems[0].id', code: 'INVALID_POLICY_ITEM_ID'},
  {rule: 3, name: 'unknown item id', input: withItems(daily({id: ID_B})), current, path: 'policies[0].policyItems[0].id', code: 'INVALID_POLICY_ITEM_ID'},
  {rule: 3, name: 'unknown policy id', input: {policies: [{id: ID_A, policyItems: [daily({id: ID_A})]}]}, current, path: 'policies[0].id', code: 'INVALID_POLICY_ID'},
  {rule: 4, name: 'item changes type', input: withItems(weekly({id: ID_A})), current, path: 'policies[0].policyItems[0].frequencyType', code: 'INVALID_FREQUENCY_TYPE_CHANGE'},
  {rule: 5, name: 'unknown frequency type', input: withItems(daily({frequencyType: 'fortnightly'})), path: 'policies[0].policyItems[0].frequencyType', code: 'INVALID_ENUM_VALUE'},
  {rule: 5, name: 'ondemand in a schedule', input: withItems(daily({frequencyType: 'ondemand'})), path: 'policies[0].policyItems[0].frequencyType', code: 'INVALID_ENUM_VALUE'},
  {rule: 6, name: 'hourly every 3 hours', input: withItems(hourly({frequencyInterval: 3})), path: 'policies[0].policyItems[0].frequencyInterval', code: 'INVALID_HOURLY_SNAPSHOT_INTERVAL_OR_RETENTION_PERIOD'},
  {rule: 6, name: 'NVMe hourly every 6 hours', input: withItems(hourly()), cluster: {tier: 'M40_NVME'}, path: 'policies[0].policyItems[0].frequencyInterval', code: 'INVALID_HOURLY_SNAPSHOT_INTERVAL_OR_RETENTION_PERIOD'},
  {rule: 7, name: 'daily every 2 days', input: withItems(daily({frequencyInterval: 2})), path: 'policies[0].policyItems[0].frequencyInterval', code: 'INVALID_BACKUP_POLICY'},
  {rule: 8, name: 'weekly day 8', input: withItems(weekly({frequencyInterval: 8})), path: 'policies[0].policyItems[0].frequencyInterval', code: 'INVALID_BACKUP_POLICY'},
  {rule: 8, name: 'weekly day 0', input: withItems(weekly({frequencyInterval: 0})), path: 'policies[0].policyItems[0].frequencyInterval', code: 'INVALID_BACKUP_POLICY'},
  {rule: 9, name: 'monthly day 30', input: withItems(monthly({frequencyInterval: 30})), path: 'policies[0].policyItems[0].frequencyInterval', code: 'INVALID_BACKUP_POLICY'},
  {rule: 10, name: 'yearly month 13', input: withItems(yearly({frequencyInterval: 13})), path: 'policies[0].policyItems[0].frequencyInterval', code: 'INVALID_BACKUP_POLICY'},
  {rule: 11, name: 'fractional interval', input: withItems(weekly({frequencyInterval: 1.5})), path: 'policies[0].policyItems[0].frequencyInterval', code: 'INVALID_ATTRIBUTE'},
  {rule: 11, name: 'interval as text', input: withItems(weekly({frequencyInterval: '1'})), path: 'policies[0].policyItems[0].frequencyInterval', code: 'INVALID_ATTRIBUTE'},
  {rule: 12, name: 'two hourly items', input: withItems(hourly(), hourly({frequencyInterval: 12})), path: 'policies[0].policyItems[1].frequencyType', code: 'INVALID_BACKUP_POLICY'},
  {rule: 12, name: 'two daily items', input: withItems(daily(), daily()), path: 'policies[0].policyItems[1].frequencyType', code: 'INVALID_BACKUP_POLICY'},
  {rule: 13, name: 'no items', input: withItems(), path: 'policies[0].policyItems', code: 'INVALID_NUM_OF_POLICY_ITEMS', severity: 'warning'},
  {rule: 14, name: 'unit hours', input: withItems(daily({retentionUnit: 'hours'})), path: 'policies[0].policyItems[0].retentionUnit', code: 'INVALID_ENUM_VALUE'},
  {rule: 14, name: 'upper-case unit', input: withItems(daily({retentionUnit: 'DAYS'})), path: 'policies[0].policyItems[0].retentionUnit', code: 'INVALID_ENUM_VALUE'},
  {rule: 15, name: 'zero retention', input: withItems(daily({retentionValue: 0})), path: 'policies[0].policyItems[0].retentionValue', code: 'ATTRIBUTE_NEGATIVE_OR_ZERO'},
  {rule: 15, name: 'fractional retention', input: withItems(daily({retentionValue: 2.5})), path: 'policies[0].policyItems[0].retentionValue', code: 'INVALID_ATTRIBUTE'},
  {rule: 16, name: 'weekly kept 6 days', input: withItems(weekly({retentionUnit: 'days', retentionValue: 6})), path: 'policies[0].policyItems[0].retentionValue', code: 'INVALID_BACKUP_POLICY'},
  {rule: 16, name: 'monthly kept 4 weeks', input: withItems(monthly({retentionUnit: 'weeks', retentionValue: 4})), path: 'policies[0].policyItems[0].retentionValue', code: 'INVALID_BACKUP_POLICY'},
  {rule: 16, name: 'yearly kept 11 months', input: withItems(yearly({retentionUnit: 'months', retentionValue: 11})), path: 'policies[0].policyItems[0].retentionValue', code: 'INVALID_BACKUP_POLICY'},
  {rule: 17, name: 'daily shorter than hourly', input: withItems(hourly({retentionValue: 5}), daily({retentionValue: 3})), path: 'policies[0].policyItems[1].retentionValue', code: 'INVALID_BACKUP_POLICY'},
  {rule: 17, name: 'weekly shorter than hourly, no daily in between', input: withItems(hourly({retentionValue: 30}), weekly()), path: 'policies[0].policyItems[1].retentionValue', code: 'INVALID_BACKUP_POLICY'},
  {rule: 18, name: 'monthly 1 month vs weekly 30 days', input: withItems(weekly({retentionUnit: 'days', retentionValue: 30}), monthly({retentionValue: 1})), path: 'policies[0].policyItems[1].retentionValue', code: 'INVALID_BACKUP_POLICY', severity: 'warning'},
  {rule: 19, name: 'the shortest monthly vs the longest weekly', input: withItems(weekly({retentionValue: 2}), weekly({frequencyInterval: 7, retentionValue: 10}), monthly({retentionValue: 2})), path: 'policies[0].policyItems[2].retentionValue', code: 'INVALID_BACKUP_POLICY', reportedAs: 17},
  {rule: 20, name: 'window beyond hourly retention', input: {...withItems(hourly({retentionValue: 4})), restoreWindowDays: 5}, cluster: PIT, path: 'restoreWindowDays', code: 'INVALID_RESTORE_WINDOW'},
  {rule: 20, name: 'change shortens hourly below the stored window', input: {policies: [{policyItems: [hourly({retentionValue: 1})]}]}, cluster: PIT, current: {...current, policies: [{policyItems: []}], restoreWindowDays: 3}, path: 'policies[0].policyItems[0].retentionValue', code: 'INVALID_RESTORE_WINDOW'},
  {rule: 21, name: 'window zero', input: {restoreWindowDays: 0}, path: 'restoreWindowDays', code: 'INVALID_RESTORE_WINDOW'},
  {rule: 21, name: 'window fractional', input: {restoreWindowDays: 1.5}, path: 'restoreWindowDays', code: 'INVALID_RESTORE_WINDOW'},
  {rule: 23, name: 'continuous backup without hourly item', input: withItems(daily()), cluster: PIT, path: 'policies[0].policyItems', code: 'ATLAS_GENERAL_ERROR', severity: 'warning'},
  {rule: 24, name: 'hour 24', input: {referenceHourOfDay: 24, referenceMinuteOfHour: 0}, path: 'referenceHourOfDay', code: 'INVALID_REFERENCE_HOUR_OF_DAY'},
  {rule: 24, name: 'hour -1', input: {referenceHourOfDay: -1, referenceMinuteOfHour: 0}, path: 'referenceHourOfDay', code: 'INVALID_REFERENCE_HOUR_OF_DAY'},
  {rule: 25, name: 'minute 60', input: {referenceHourOfDay: 1, referenceMinuteOfHour: 60}, path: 'referenceMinuteOfHour', code: 'INVALID_REFERENCE_MINUTE_OF_HOUR'},
  {rule: 26, name: 'a change with the hour only', input: {referenceHourOfDay: 3}, current, path: '$', code: 'INVALID_REFERENCE_TIME_OF_DAY_MISSING_FIELDS'},
  {rule: 34, name: 'updateSnapshots as text', input: {updateSnapshots: 'yes'}, path: 'updateSnapshots', code: 'INVALID_ATTRIBUTE'},
  {rule: 35, name: 'deleteSnapshots as a number', input: {deleteSnapshots: 1}, path: 'deleteSnapshots', code: 'INVALID_ATTRIBUTE'},
  {rule: 56, name: 'copy without zone', input: {...withItems(daily()), copySettings: [{cloudProvider: 'AWS', regionName: 'US_WEST_2', frequencies: ['DAILY']}]}, path: 'copySettings[0].zoneId', code: 'MISSING_ATTRIBUTE'},
  {rule: 56, name: 'copy without region', input: {...withItems(daily()), copySettings: [{cloudProvider: 'AWS', zoneId: ZONE, frequencies: ['DAILY']}]}, path: 'copySettings[0].regionName', code: 'MISSING_ATTRIBUTE'},
  {rule: 56, name: 'copy frequency unknown', input: {...withItems(daily()), copySettings: [{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId: ZONE, frequencies: ['BIWEEKLY']}]}, path: 'copySettings[0].frequencies[0]', code: 'INVALID_ENUM_VALUE'},
  {rule: 57, name: 'copy to another provider', input: {...withItems(daily()), copySettings: [{cloudProvider: 'GCP', regionName: 'CENTRAL_US', zoneId: ZONE, frequencies: ['DAILY']}]}, path: 'copySettings[0].cloudProvider', code: 'INVALID_BACKUP_POLICY'},
  {rule: 58, name: 'copying a frequency the policy lacks', input: {...withItems(daily()), copySettings: [{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId: ZONE, frequencies: ['WEEKLY']}]}, path: 'copySettings[0].frequencies[0]', code: 'INVALID_BACKUP_POLICY', severity: 'warning'},
  {rule: 59, name: 'oplog copies without continuous backup', input: {...withItems(daily()), copySettings: [{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId: ZONE, frequencies: ['DAILY'], shouldCopyOplogs: true}]}, path: 'copySettings[0].shouldCopyOplogs', code: 'INVALID_BACKUP_POLICY'},
  {rule: 1, name: 'unknown top-level field', input: {referenceHour: 3}, path: 'referenceHour', code: 'INVALID_ATTRIBUTE', severity: 'warning'},
  // Boundaries of the allowed frequencyInterval sets (rows 6–10) and the tiers without a custom policy (rows 80–83).
  {rule: 81, name: 'Flex policy is fixed', input: withItems(daily()), cluster: {tier: 'FLEX'}, path: '$', code: 'TENANT_CLUSTER_UPDATE_UNSUPPORTED'},
  ...[0, 3, 24].map((n): Case => ({rule: 6, name: `hourly every ${n} hours`, input: withItems(hourly({frequencyInterval: n})), path: 'policies[0].policyItems[0].frequencyInterval', code: 'INVALID_HOURLY_SNAPSHOT_INTERVAL_OR_RETENTION_PERIOD'})),
  {rule: 6, name: 'hourly every 8 hours with --nvme on a non-NVMe tier name', input: withItems(hourly({frequencyInterval: 8})), cluster: {tier: 'M30', nvme: true}, path: 'policies[0].policyItems[0].frequencyInterval', code: 'INVALID_HOURLY_SNAPSHOT_INTERVAL_OR_RETENTION_PERIOD'},
  {rule: 7, name: 'daily 0', input: withItems(daily({frequencyInterval: 0})), path: 'policies[0].policyItems[0].frequencyInterval', code: 'INVALID_BACKUP_POLICY'},
  ...[0, 29, 31, 41].map((n): Case => ({rule: 9, name: `monthly day ${n}`, input: withItems(monthly({frequencyInterval: n})), path: 'policies[0].policyItems[0].frequencyInterval', code: 'INVALID_BACKUP_POLICY'})),
  {rule: 10, name: 'yearly month 0', input: withItems(yearly({frequencyInterval: 0})), path: 'policies[0].policyItems[0].frequencyInterval', code: 'INVALID_BACKUP_POLICY'},
  {rule: 15, name: 'negative retention', input: withItems(daily({retentionValue: -1})), path: 'policies[0].policyItems[0].retentionValue', code: 'ATTRIBUTE_NEGATIVE_OR_ZERO'},
  {rule: 16, name: 'monthly kept 30 days', input: withItems(monthly({retentionUnit: 'days', retentionValue: 30})), path: 'policies[0].policyItems[0].retentionValue', code: 'INVALID_BACKUP_POLICY'},
  // Row 18's normalisation (day 1, week 7, month 31, year 12 months = 372 days) decides these cross-unit cases.
  {rule: 17, name: 'weekly 1 week after daily 8 days', input: withItems(daily({retentionValue: 8}), weekly({retentionValue: 1})), path: 'policies[0].policyItems[1].retentionValue', code: 'INVALID_BACKUP_POLICY'},
  {rule: 18, name: 'monthly 1 month after daily 32 days (a month is 31 days)', input: withItems(daily({retentionValue: 32}), monthly({retentionValue: 1})), path: 'policies[0].policyItems[1].retentionValue', code: 'INVALID_BACKUP_POLICY', reportedAs: 17},
  {rule: 18, name: 'yearly 1 year after monthly 13 months (a year is 12 months)', input: withItems(monthly({retentionValue: 13}), yearly()), path: 'policies[0].policyItems[1].retentionValue', code: 'INVALID_BACKUP_POLICY', reportedAs: 17},
  {rule: 18, name: 'monthly 1 month after daily 31 days passes only with a 31-day month', input: withItems(daily({retentionValue: 31}), monthly({retentionValue: 1})), path: 'policies[0].policyItems[1].retentionValue', code: 'INVALID_BACKUP_POLICY', severity: 'warning'},
  {rule: 20, name: 'window 8 days beyond hourly kept 1 week', input: {...withItems(hourly({retentionUnit: 'weeks', retentionValue: 1})), restoreWindowDays: 8}, cluster: PIT, path: 'restoreWindowDays', code: 'INVALID_RESTORE_WINDOW'},
  {rule: 21, name: 'window negative', input: {restoreWindowDays: -3}, path: 'restoreWindowDays', code: 'INVALID_RESTORE_WINDOW'},
  {rule: 21, name: 'window as text', input: {restoreWindowDays: '7'}, path: 'restoreWindowDays', code: 'INVALID_RESTORE_WINDOW'},
  {rule: 24, name: 'hour 1.5', input: {referenceHourOfDay: 1.5, referenceMinuteOfHour: 0}, path: 'referenceHourOfDay', code: 'INVALID_REFERENCE_HOUR_OF_DAY'},
  {rule: 25, name: 'minute -1', input: {referenceHourOfDay: 1, referenceMinuteOfHour: -1}, path: 'referenceMinuteOfHour', code: 'INVALID_REFERENCE_MINUTE_OF_HOUR'},
  {rule: 56, name: 'copy to an unknown provider', input: {...withItems(daily()), copySettings: [{cloudProvider: 'IBM', regionName: 'US_WEST_2', zoneId: ZONE, frequencies: ['DAILY']}]}, path: 'copySettings[0].cloudProvider', code: 'INVALID_ENUM_VALUE'},
  {rule: 56, name: 'more than 6 copy frequencies', input: {...withItems(daily()), copySettings: [{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId: ZONE, frequencies: ['HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY', 'ON_DEMAND', 'DAILY']}]}, path: 'copySettings[0].frequencies', code: 'INVALID_ATTRIBUTE'},
  {rule: 56, name: 'shouldCopyOplogs as text', input: {...withItems(daily()), copySettings: [{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId: ZONE, frequencies: ['DAILY'], shouldCopyOplogs: 'yes'}]}, path: 'copySettings[0].shouldCopyOplogs', code: 'INVALID_ATTRIBUTE'},
]

const accepted: Case[] = [
  {rule: 84, name: 'M10 takes a policy', input: withItems(daily()), code: 'TENANT_CLUSTER_UPDATE_UNSUPPORTED'},
  {rule: 1, name: 'one policy', input: withItems(daily()), code: 'INVALID_NUM_OF_POLICIES'},
  {rule: 2, name: 'complete items', input: withItems(daily(), weekly()), code: 'MISSING_POLICY_ITEM_PARAMETERS'},
  {rule: 3, name: 'a known item id', input: withItems(daily({id: ID_A})), current, code: 'INVALID_POLICY_ITEM_ID'},
  {rule: 3, name: 'the known policy id', input: {policies: [{id: ID_B, policyItems: [daily({id: ID_A})]}]}, current, code: 'INVALID_POLICY_ID'},
  {rule: 4, name: 'an item keeps its type', input: withItems(daily({id: ID_A, retentionValue: 9})), current, code: 'INVALID_FREQUENCY_TYPE_CHANGE'},
  {rule: 5, name: 'every frequency type', input: withItems(hourly(), daily(), weekly(), monthly(), yearly()), code: 'INVALID_ENUM_VALUE'},
  ...[1, 2, 4, 6, 8, 12].map((n): Case => ({rule: 6, name: `hourly every ${n} hours`, input: withItems(hourly({frequencyInterval: n})), code: 'INVALID_HOURLY_SNAPSHOT_INTERVAL_OR_RETENTION_PERIOD'})),
  {rule: 6, name: 'NVMe hourly every 12 hours', input: withItems(hourly({frequencyInterval: 12})), cluster: {tier: 'M40_NVME'}, code: 'INVALID_HOURLY_SNAPSHOT_INTERVAL_OR_RETENTION_PERIOD'},
  {rule: 7, name: 'daily 1', input: withItems(daily()), code: 'INVALID_BACKUP_POLICY'},
  {rule: 8, name: 'weekly Monday and Sunday', input: withItems(weekly({frequencyInterval: 1}), weekly({frequencyInterval: 7})), code: 'INVALID_BACKUP_POLICY'},
  {rule: 9, name: 'monthly 1, 28 and 40', input: withItems(monthly({frequencyInterval: 1}), monthly({frequencyInterval: 28}), monthly()), code: 'INVALID_BACKUP_POLICY'},
  {rule: 10, name: 'yearly 1 and 12', input: withItems(yearly({frequencyInterval: 1}), yearly()), code: 'INVALID_BACKUP_POLICY'},
  {rule: 11, name: 'whole intervals', input: withItems(weekly()), code: 'INVALID_ATTRIBUTE'},
  {rule: 12, name: 'several weekly and monthly items', input: withItems(weekly(), weekly({frequencyInterval: 3}), monthly(), monthly({frequencyInterval: 15})), code: 'INVALID_BACKUP_POLICY'},
  {rule: 13, name: 'some items', input: withItems(daily()), code: 'INVALID_NUM_OF_POLICY_ITEMS'},
  {rule: 14, name: 'every unit', input: withItems(daily({retentionUnit: 'weeks', retentionValue: 1}), monthly({retentionUnit: 'years', retentionValue: 1})), code: 'INVALID_ENUM_VALUE'},
  {rule: 15, name: 'retention 1', input: withItems(daily({retentionValue: 1})), code: 'ATTRIBUTE_NEGATIVE_OR_ZERO'},
  {rule: 16, name: 'monthly kept 31 days, 5 weeks or 1 month', input: withItems(monthly({retentionUnit: 'days', retentionValue: 31}), monthly({frequencyInterval: 1, retentionUnit: 'weeks', retentionValue: 5}), monthly({frequencyInterval: 2, retentionValue: 1})), code: 'INVALID_BACKUP_POLICY'},
  {rule: 17, name: 'less frequent keeps longer', input: withItems(hourly(), daily(), weekly(), monthly(), yearly()), code: 'INVALID_BACKUP_POLICY'},
  {rule: 18, name: 'monthly 12 months vs yearly 1 year (same family)', input: withItems(monthly(), yearly()), code: 'INVALID_BACKUP_POLICY'},
  {rule: 20, name: 'window within hourly retention', input: {...withItems(hourly({retentionValue: 4})), restoreWindowDays: 4}, cluster: PIT, code: 'INVALID_RESTORE_WINDOW'},
  {rule: 20, name: 'without continuous backup the window is not bounded (row 22)', input: {...withItems(hourly({retentionValue: 1})), restoreWindowDays: 7}, code: 'INVALID_RESTORE_WINDOW'},
  {rule: 21, name: 'window 1', input: {restoreWindowDays: 1}, code: 'INVALID_RESTORE_WINDOW'},
  {rule: 23, name: 'continuous backup with an hourly item', input: withItems(hourly(), daily()), cluster: PIT, code: 'ATLAS_GENERAL_ERROR'},
  {rule: 24, name: 'hour 0 and 23', input: {referenceHourOfDay: 23, referenceMinuteOfHour: 0}, code: 'INVALID_REFERENCE_HOUR_OF_DAY'},
  {rule: 25, name: 'minute 59', input: {referenceHourOfDay: 0, referenceMinuteOfHour: 59}, code: 'INVALID_REFERENCE_MINUTE_OF_HOUR'},
  {rule: 26, name: 'a change with both', input: {referenceHourOfDay: 3, referenceMinuteOfHour: 0}, current, code: 'INVALID_REFERENCE_TIME_OF_DAY_MISSING_FIELDS'},
  {rule: 26, name: 'a whole document with the hour only', input: {referenceHourOfDay: 3}, code: 'INVALID_REFERENCE_TIME_OF_DAY_MISSING_FIELDS'},
  {rule: 34, name: 'updateSnapshots true', input: {updateSnapshots: true}, code: 'INVALID_ATTRIBUTE'},
  {rule: 35, name: 'deleteSnapshots false', input: {deleteSnapshots: false}, code: 'INVALID_ATTRIBUTE'},
  {rule: 56, name: 'a complete copy setting (2024-08-05)', input: {...withItems(daily()), copySettings: [{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId: ZONE, frequencies: ['DAILY', 'ON_DEMAND']}]}, code: 'MISSING_ATTRIBUTE'},
  {rule: 56, name: 'a copy setting with replicationSpecId (2023-01-01)', input: {...withItems(daily()), copySettings: [{cloudProvider: 'AWS', regionName: 'US_WEST_2', replicationSpecId: ZONE, frequencies: ['DAILY']}]}, code: 'MISSING_ATTRIBUTE'},
  {rule: 57, name: 'copy on the same provider', input: {...withItems(daily()), copySettings: [{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId: ZONE, frequencies: ['DAILY']}]}, code: 'INVALID_BACKUP_POLICY'},
  {rule: 6, name: 'hourly every 12 hours with --nvme', input: withItems(hourly({frequencyInterval: 12})), cluster: {tier: 'M30', nvme: true}, code: 'INVALID_HOURLY_SNAPSHOT_INTERVAL_OR_RETENTION_PERIOD'},
  {rule: 12, name: 'several yearly items', input: withItems(yearly({frequencyInterval: 1}), yearly()), code: 'INVALID_BACKUP_POLICY'},
  {rule: 16, name: 'hourly and daily kept 1 day', input: withItems(hourly({retentionValue: 1}), daily({retentionValue: 1})), code: 'INVALID_BACKUP_POLICY'},
  {rule: 16, name: 'weekly kept 7 days or 1 week', input: withItems(weekly({retentionUnit: 'days', retentionValue: 7}), weekly({frequencyInterval: 1, retentionValue: 1})), code: 'INVALID_BACKUP_POLICY'},
  {rule: 16, name: 'yearly kept 1 year or 12 months', input: withItems(yearly(), yearly({frequencyInterval: 6, retentionUnit: 'months', retentionValue: 12})), code: 'INVALID_BACKUP_POLICY'},
  {rule: 17, name: 'equal retention is enough: daily 7 days, weekly 1 week', input: withItems(daily(), weekly({retentionValue: 1})), code: 'INVALID_BACKUP_POLICY'},
  {rule: 18, name: 'yearly 12 months after monthly 1 year', input: withItems(monthly({retentionUnit: 'years', retentionValue: 1}), yearly({retentionUnit: 'months', retentionValue: 12})), code: 'INVALID_BACKUP_POLICY'},
  {rule: 18, name: 'monthly 5 weeks after weekly 5 weeks', input: withItems(weekly({retentionValue: 5}), monthly({retentionUnit: 'weeks', retentionValue: 5})), code: 'INVALID_BACKUP_POLICY'},
  {
    rule: 19,
    name: 'the Terraform advanced policy (hourly 1d, daily 4d, weekly 2w and 5w, monthly 3m and 4m, yearly 1y)',
    input: withItems(hourly({retentionValue: 1}), daily({retentionValue: 4}), weekly({retentionValue: 2}), weekly({frequencyInterval: 3, retentionValue: 5}), monthly({retentionValue: 3}), monthly({frequencyInterval: 5, retentionValue: 4}), yearly()),
    code: 'INVALID_BACKUP_POLICY',
  },
  {rule: 20, name: 'window 7 days within hourly kept 1 week', input: {...withItems(hourly({retentionUnit: 'weeks', retentionValue: 1})), restoreWindowDays: 7}, cluster: PIT, code: 'INVALID_RESTORE_WINDOW'},
  {rule: 24, name: 'hour 0', input: {referenceHourOfDay: 0, referenceMinuteOfHour: 0}, code: 'INVALID_REFERENCE_HOUR_OF_DAY'},
  {rule: 25, name: 'minute 0', input: {referenceHourOfDay: 0, referenceMinuteOfHour: 0}, code: 'INVALID_REFERENCE_MINUTE_OF_HOUR'},
  {rule: 58, name: 'copying frequencies the policy has', input: {...withItems(hourly(), daily(), weekly()), copySettings: [{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId: ZONE, frequencies: ['HOURLY', 'DAILY', 'WEEKLY', 'ON_DEMAND']}]}, code: 'INVALID_BACKUP_POLICY'},
  {rule: 59, name: 'oplog copies with continuous backup', input: {...withItems(hourly(), daily()), copySettings: [{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId: ZONE, frequencies: ['HOURLY'], shouldCopyOplogs: true}]}, cluster: PIT, code: 'INVALID_BACKUP_POLICY'},
]

describe('policy validation: rejected cases name the path and the Atlas error code', () => {
  it.each(rejected)('rule $rule: $name → $path $code', (c) => {
    const violations = validateSchedule(c.input, {cluster: c.cluster ?? M10, current: c.current})
    expect(violations).toContainEqual(expect.objectContaining({path: c.path, errorCode: c.code, severity: c.severity ?? 'error'}))
    const found = violations.find((v) => v.path === c.path && v.errorCode === c.code)!
    expect(found.message.length).toBeGreaterThan(20)
    if (c.rule > 0) expect(violations.filter((v) => v.path === c.path && v.errorCode === c.code).map((v) => v.rule)).toContain(c.reportedAs ?? c.rule)
  })
})

describe('policy validation: accepted cases', () => {
  it.each(accepted)('rule $rule: $name', (c) => {
    const violations = validateSchedule(c.input, {cluster: c.cluster ?? M10, current: c.current})
    expect(violations.filter((v) => v.errorCode === c.code)).toEqual([])
    expect(hasErrors(violations)).toBe(false)
  })
})

describe('policy validation: whole documents', () => {
  it.each([
    ['the seed default', defaultSchedule('seed', {pitEnabled: true}), PIT],
    ['the seed default on NVMe', defaultSchedule('seed', {nvme: true, pitEnabled: true}), {tier: 'M40_NVME', pitEnabled: true}],
    ['the seed default without continuous backup', defaultSchedule('seed'), M10],
    ['today\'s Atlas default', defaultSchedule('atlas2026', {pitEnabled: true}), PIT],
  ] as const)('%s has no violation at all', (_name, schedule, cluster) => {
    expect(validateSchedule(schedule, {cluster})).toEqual([])
  })

  it('reports every fault of examples/schedule-invalid.json at once', () => {
    const document: unknown = JSON.parse(readFileSync(join(REPO_ROOT, 'examples', 'schedule-invalid.json'), 'utf8'))
    const errors = validateSchedule(document, {cluster: PIT}).filter((v) => v.severity === 'error')
    expect(errors.length).toBeGreaterThanOrEqual(5)
    expect(new Set(errors.map((v) => v.errorCode))).toEqual(new Set(['INVALID_REFERENCE_HOUR_OF_DAY', 'INVALID_HOURLY_SNAPSHOT_INTERVAL_OR_RETENTION_PERIOD', 'INVALID_BACKUP_POLICY', 'INVALID_RESTORE_WINDOW']))
  })

  it.each([null, 42, 'x', [], true, {policies: 'x'}, {policies: [null]}, {policies: [{policyItems: [null, 1, 'a', {}, {frequencyType: null}]}]}, {copySettings: [null, {frequencies: 'DAILY'}]}])(
    'never throws on %j',
    (input) => {
      expect(() => validateSchedule(input, {cluster: PIT, current})).not.toThrow()
      expect(hasErrors(validateSchedule(input, {cluster: PIT, current})) || JSON.stringify(input) === '{}').toBe(true)
    },
  )
})
