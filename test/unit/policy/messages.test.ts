import {describe, expect, it} from 'vitest'

import type {BackupSchedule, ClusterFacts, PolicyItem} from '../../../src/lib/domain/types.js'
import {hasErrors, validateSchedule} from '../../../src/lib/policy/index.js'
import {scheduleOf} from '../../helpers/values.js'
import {copy, daily, hourly, ID_A, ID_B, type Item, M10, monthly, PIT, weekly, withItems, yearly} from './builders.js'

/*
 * The whole list of violations for one document: every path, Atlas code, rule row, severity and the exact message
 * the user reads (validate and update print them), in document order. rules.test.ts checks that each rule fires;
 * these pin what is said and that nothing else is reported, so a changed word, bound or extra finding fails.
 */

const withCopies = (...copies: unknown[]): Record<string, unknown> => ({...withItems(daily()), copySettings: copies})
const stored = (...items: Item[]): BackupSchedule => ({...scheduleOf(items), referenceHourOfDay: 18, referenceMinuteOfHour: 0, restoreWindowDays: 2})

/** [path, errorCode, rule, severity, message] */
type Found = [string, string, number, 'error' | 'warning', string]

interface Case {
  rule: number
  name: string
  input: unknown
  cluster?: ClusterFacts
  current?: BackupSchedule
  expected: Found[]
}

const cases: Case[] = [
  {rule: 80, name: 'M0 has no Cloud Backup', input: withItems(daily()), cluster: {tier: 'M0'}, expected: [
      ['$', 'PROVIDER_BACKUP_NOT_SUPPORTED', 80, 'error', 'M0 free clusters have no Cloud Backup: a backup policy needs an M10 or larger cluster'],
    ]},
  {rule: 81, name: 'an M2 policy is fixed, named by its tier', input: withItems(daily()), cluster: {tier: 'm2'}, expected: [
      ['$', 'TENANT_CLUSTER_UPDATE_UNSUPPORTED', 81, 'error', 'M2 clusters take one snapshot a day and keep the last 8; their policy cannot be changed: use an M10 or larger cluster'],
    ]},
  {rule: 81, name: 'a Flex policy is fixed, named by its tier', input: withItems(daily()), cluster: {tier: 'FLEX'}, expected: [
      ['$', 'TENANT_CLUSTER_UPDATE_UNSUPPORTED', 81, 'error', 'FLEX clusters take one snapshot a day and keep the last 8; their policy cannot be changed: use an M10 or larger cluster'],
    ]},
  {rule: 83, name: 'a serverless policy is fixed', input: withItems(daily()), cluster: {tier: 'SERVERLESS'}, expected: [
      ['$', 'FEATURE_UNSUPPORTED', 83, 'error', 'serverless instances take a snapshot every 6 hours on a fixed policy that cannot be changed'],
    ]},
  {rule: 1, name: 'a list instead of a schedule', input: [withItems(daily())], expected: [
      ['$', 'INVALID_ATTRIBUTE', 1, 'error', 'a backup schedule must be an object (the shape `backups schedule describe -o json` prints), not a list'],
    ]},
  {rule: 1, name: 'a number instead of a schedule', input: 42, expected: [
      ['$', 'INVALID_ATTRIBUTE', 1, 'error', 'a backup schedule must be an object (the shape `backups schedule describe -o json` prints), not 42'],
    ]},
  {rule: 1, name: 'null instead of a schedule', input: null, expected: [
      ['$', 'INVALID_ATTRIBUTE', 1, 'error', 'a backup schedule must be an object (the shape `backups schedule describe -o json` prints), not null'],
    ]},
  {rule: 1, name: 'two policies', input: {policies: [{policyItems: []}, {policyItems: []}]}, expected: [
      ['policies', 'INVALID_NUM_OF_POLICIES', 1, 'error', 'policies must hold exactly one policy, not 2'],
    ]},
  {rule: 1, name: 'policies as text', input: {policies: 'x'}, expected: [
      ['policies', 'INVALID_NUM_OF_POLICIES', 1, 'error', 'policies must hold exactly one policy, not "x"'],
    ]},
  {rule: 1, name: 'a policy that is not an object', input: {policies: [[]]}, expected: [
      ['policies[0]', 'INVALID_ATTRIBUTE', 1, 'error', 'the policy must be an object with a policyItems list'],
    ]},
  {rule: 1, name: 'a policy without policyItems changes nothing', input: {policies: [{}]}, cluster: PIT, current: stored(daily()), expected: []},
  {rule: 1, name: 'unknown top-level fields', input: {referenceHour: 3, Policies: []}, expected: [
      ['referenceHour', 'INVALID_ATTRIBUTE', 1, 'warning', 'referenceHour is not a field of a backup schedule and will be ignored: check its spelling'],
      ['Policies', 'INVALID_ATTRIBUTE', 1, 'warning', 'Policies is not a field of a backup schedule and will be ignored: check its spelling'],
    ]},
  {rule: 1, name: 'every field of a schedule or a change is known', input: {autoExportEnabled: false, clusterId: ID_A, clusterName: 'c', copyPolicyItemsEnabled: false, copySettings: [], deleteCopiedBackups: [], deleteSnapshots: false, export: {}, extraRetentionSettings: [], links: [], nextSnapshot: '2026-01-01T00:00:00Z', policies: [{policyItems: [daily()]}], referenceHourOfDay: 1, referenceMinuteOfHour: 2, restoreWindowDays: 3, updateSnapshots: false, useOrgAndGroupNamesInExportPrefix: false}, expected: []},
  {rule: 2, name: 'policyItems as text', input: {policies: [{policyItems: 'daily'}]}, expected: [
      ['policies[0].policyItems', 'INVALID_ATTRIBUTE', 2, 'error', 'policyItems must be a list of policy items'],
    ]},
  {rule: 2, name: 'an item that is not an object', input: withItems('daily', null), expected: [
      ['policies[0].policyItems[0]', 'INVALID_ATTRIBUTE', 2, 'error', 'a policy item must be an object with frequencyType, frequencyInterval, retentionUnit and retentionValue, not "daily"'],
      ['policies[0].policyItems[1]', 'INVALID_ATTRIBUTE', 2, 'error', 'a policy item must be an object with frequencyType, frequencyInterval, retentionUnit and retentionValue, not null'],
    ]},
  {rule: 2, name: 'an item lacking retention (null counts as missing)', input: withItems({frequencyType: 'daily', frequencyInterval: 1, retentionUnit: null}), expected: [
      ['policies[0].policyItems[0]', 'MISSING_POLICY_ITEM_PARAMETERS', 2, 'error', 'the policy item lacks retentionUnit, retentionValue: every item needs frequencyType, frequencyInterval, retentionUnit and retentionValue'],
    ]},
  {rule: 2, name: 'an hourly item lacking only its unit is not the hourly code', input: withItems(hourly({retentionUnit: undefined})), expected: [
      ['policies[0].policyItems[0]', 'MISSING_POLICY_ITEM_PARAMETERS', 2, 'error', 'the policy item lacks retentionUnit: every item needs frequencyType, frequencyInterval, retentionUnit and retentionValue'],
    ]},
  {rule: 2, name: 'an hourly item lacking its value takes the hourly code', input: withItems(hourly({retentionValue: undefined})), expected: [
      ['policies[0].policyItems[0]', 'INVALID_HOURLY_SNAPSHOT_INTERVAL_OR_RETENTION_PERIOD', 2, 'error', 'the policy item lacks retentionValue: every item needs frequencyType, frequencyInterval, retentionUnit and retentionValue'],
    ]},
  {rule: 2, name: 'a null interval is missing, not a bad number', input: withItems(daily({frequencyInterval: null})), expected: [
      ['policies[0].policyItems[0]', 'MISSING_POLICY_ITEM_PARAMETERS', 2, 'error', 'the policy item lacks frequencyInterval: every item needs frequencyType, frequencyInterval, retentionUnit and retentionValue'],
    ]},
  {rule: 2, name: 'an item lacking its type and interval', input: withItems({frequencyType: null, retentionUnit: 'days', retentionValue: 3}), expected: [
      ['policies[0].policyItems[0]', 'MISSING_POLICY_ITEM_PARAMETERS', 2, 'error', 'the policy item lacks frequencyType, frequencyInterval: every item needs frequencyType, frequencyInterval, retentionUnit and retentionValue'],
    ]},
  {rule: 3, name: 'a policy id that is not this schedule\'s', input: {policies: [{id: ID_A, policyItems: [daily({id: ID_A})]}]}, current: {...stored(), policies: [{id: ID_B, policyItems: [{...daily(), id: ID_A} as unknown as PolicyItem]}]}, expected: [
      ['policies[0].id', 'INVALID_POLICY_ID', 3, 'error', 'policy id "5f4007f327a3bd7b6f4103c5" is not this schedule\'s policy (5f4007f327a3bd7b6f4103c6): leave it out or copy it from `backups schedule describe`'],
    ]},
  {rule: 3, name: 'a policy id in a whole document is not checked', input: {policies: [{id: ID_A, policyItems: [daily()]}]}, expected: []},
  {rule: 3, name: 'a policy id is not checked against a stored policy without one', input: {policies: [{id: ID_A, policyItems: [daily()]}]}, current: stored(daily()), expected: []},
  {rule: 3, name: 'a malformed item id, and a numeric one', input: withItems(daily({id: 'abc'}), weekly({id: 7})), expected: [
      ['policies[0].policyItems[0].id', 'INVALID_POLICY_ITEM_ID', 3, 'error', 'policy item id "abc" is not valid: ids are 24 hexadecimal characters; leave id out to add a new item'],
      ['policies[0].policyItems[1].id', 'INVALID_POLICY_ITEM_ID', 3, 'error', 'policy item id 7 is not valid: ids are 24 hexadecimal characters; leave id out to add a new item'],
    ]},
  {rule: 3, name: 'a null item id is a new item', input: withItems(daily({id: null})), current: stored(), expected: []},
  {rule: 3, name: 'a well-formed id is not looked up in a whole document', input: withItems(daily({id: ID_B})), expected: []},
  {rule: 3, name: 'an id unknown to a stored schedule that has no policy', input: withItems(daily({id: ID_A})), current: {policies: []}, expected: [
      ['policies[0].policyItems[0].id', 'INVALID_POLICY_ITEM_ID', 3, 'error', 'no policy item with id 5f4007f327a3bd7b6f4103c5 exists in this schedule: use an id from `backups schedule describe`, or leave id out to add an item'],
    ]},
  {rule: 3, name: 'an id unknown to the stored schedule', input: withItems(daily({id: ID_B})), current: stored({...daily(), id: ID_A}), expected: [
      ['policies[0].policyItems[0].id', 'INVALID_POLICY_ITEM_ID', 3, 'error', 'no policy item with id 5f4007f327a3bd7b6f4103c6 exists in this schedule: use an id from `backups schedule describe`, or leave id out to add an item'],
    ]},
  {rule: 4, name: 'a repeated stored id is the first item with it', input: withItems(weekly({id: ID_A})), current: stored({...daily(), id: ID_A}, {...weekly(), id: ID_A}), expected: [
      ['policies[0].policyItems[0].frequencyType', 'INVALID_FREQUENCY_TYPE_CHANGE', 4, 'error', 'policy item 5f4007f327a3bd7b6f4103c5 is daily and cannot become "weekly": remove it and add a new item instead'],
    ]},
  {rule: 4, name: 'an item with an id and no type is only missing its type', input: withItems({id: ID_A, frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7}), current: stored({...daily(), id: ID_A}), expected: [
      ['policies[0].policyItems[0]', 'MISSING_POLICY_ITEM_PARAMETERS', 2, 'error', 'the policy item lacks frequencyType: every item needs frequencyType, frequencyInterval, retentionUnit and retentionValue'],
    ]},
  {rule: 5, name: 'ondemand in a schedule', input: withItems(daily({frequencyType: 'ondemand'})), expected: [
      ['policies[0].policyItems[0].frequencyType', 'INVALID_ENUM_VALUE', 5, 'error', 'ondemand items belong to a Backup Compliance Policy, not to a backup schedule: use hourly, daily, weekly, monthly or yearly'],
    ]},
  {rule: 5, name: 'an unknown type skips the interval check', input: withItems(daily({frequencyType: 'fortnightly', frequencyInterval: 99})), expected: [
      ['policies[0].policyItems[0].frequencyType', 'INVALID_ENUM_VALUE', 5, 'error', '"fortnightly" is not a frequency type: use hourly, daily, weekly, monthly or yearly'],
    ]},
  {rule: 6, name: 'hourly every 3 hours', input: withItems(hourly({frequencyInterval: 3})), expected: [
      ['policies[0].policyItems[0].frequencyInterval', 'INVALID_HOURLY_SNAPSHOT_INTERVAL_OR_RETENTION_PERIOD', 6, 'error', 'hourly frequencyInterval 3 is not allowed: use 1, 2, 4, 6, 8 or 12 (hours)'],
    ]},
  {rule: 6, name: 'NVMe hourly every 6 hours', input: withItems(hourly()), cluster: {tier: 'M40_NVME'}, expected: [
      ['policies[0].policyItems[0].frequencyInterval', 'INVALID_HOURLY_SNAPSHOT_INTERVAL_OR_RETENTION_PERIOD', 6, 'error', 'hourly frequencyInterval 6 is not allowed: use 12 (NVMe clusters take hourly snapshots every 12 hours only)'],
    ]},
  {rule: 7, name: 'daily every 2 days', input: withItems(daily({frequencyInterval: 2})), expected: [
      ['policies[0].policyItems[0].frequencyInterval', 'INVALID_BACKUP_POLICY', 7, 'error', 'daily frequencyInterval 2 is not allowed: use 1'],
    ]},
  {rule: 8, name: 'weekly day 8', input: withItems(weekly({frequencyInterval: 8})), expected: [
      ['policies[0].policyItems[0].frequencyInterval', 'INVALID_BACKUP_POLICY', 8, 'error', 'weekly frequencyInterval 8 is not allowed: use 1 to 7 (day of the week, 1 = Monday, 7 = Sunday)'],
    ]},
  {rule: 9, name: 'monthly day 29', input: withItems(monthly({frequencyInterval: 29})), expected: [
      ['policies[0].policyItems[0].frequencyInterval', 'INVALID_BACKUP_POLICY', 9, 'error', 'monthly frequencyInterval 29 is not allowed: use 1 to 28 (day of the month) or 40 (last day of the month)'],
    ]},
  {rule: 10, name: 'yearly month 13', input: withItems(yearly({frequencyInterval: 13})), expected: [
      ['policies[0].policyItems[0].frequencyInterval', 'INVALID_BACKUP_POLICY', 10, 'error', 'yearly frequencyInterval 13 is not allowed: use 1 to 12 (month; the snapshot is taken on its 1st day)'],
    ]},
  {rule: 11, name: 'an interval as text', input: withItems(weekly({frequencyInterval: '1'})), expected: [
      ['policies[0].policyItems[0].frequencyInterval', 'INVALID_ATTRIBUTE', 11, 'error', 'frequencyInterval "1" must be a whole number'],
    ]},
  {rule: 12, name: 'three daily items: the second and third are reported', input: withItems(daily(), daily(), daily()), expected: [
      ['policies[0].policyItems[1].frequencyType', 'INVALID_BACKUP_POLICY', 12, 'error', 'only one daily item is allowed per policy; policies[0].policyItems[0] is already daily'],
      ['policies[0].policyItems[2].frequencyType', 'INVALID_BACKUP_POLICY', 12, 'error', 'only one daily item is allowed per policy; policies[0].policyItems[0] is already daily'],
    ]},
  {rule: 12, name: 'a second daily item with a broken retention is reported for its retention only', input: withItems(daily(), daily({retentionUnit: 'hours'}), daily({retentionValue: 2.5}), daily({retentionValue: 0})), expected: [
      ['policies[0].policyItems[1].retentionUnit', 'INVALID_ENUM_VALUE', 14, 'error', 'retentionUnit "hours" is not valid: use days, weeks, months or years'],
      ['policies[0].policyItems[2].retentionValue', 'INVALID_ATTRIBUTE', 15, 'error', 'retentionValue 2.5 must be a whole number'],
      ['policies[0].policyItems[3].retentionValue', 'ATTRIBUTE_NEGATIVE_OR_ZERO', 15, 'error', 'retentionValue 0 must be 1 or more'],
    ]},
  {rule: 12, name: 'two hourly items', input: withItems(hourly(), hourly({frequencyInterval: 12})), expected: [
      ['policies[0].policyItems[1].frequencyType', 'INVALID_BACKUP_POLICY', 12, 'error', 'only one hourly item is allowed per policy; policies[0].policyItems[0] is already hourly'],
    ]},
  {rule: 13, name: 'no items', input: withItems(), expected: [
      ['policies[0].policyItems', 'INVALID_NUM_OF_POLICY_ITEMS', 13, 'warning', 'the policy has no items: no scheduled snapshot will be taken'],
    ]},
  {rule: 14, name: 'unit hours and a fractional value are both reported', input: withItems(daily({retentionUnit: 'hours', retentionValue: 2.5})), expected: [
      ['policies[0].policyItems[0].retentionUnit', 'INVALID_ENUM_VALUE', 14, 'error', 'retentionUnit "hours" is not valid: use days, weeks, months or years'],
      ['policies[0].policyItems[0].retentionValue', 'INVALID_ATTRIBUTE', 15, 'error', 'retentionValue 2.5 must be a whole number'],
    ]},
  {rule: 15, name: 'zero retention', input: withItems(daily({retentionValue: 0})), expected: [
      ['policies[0].policyItems[0].retentionValue', 'ATTRIBUTE_NEGATIVE_OR_ZERO', 15, 'error', 'retentionValue 0 must be 1 or more'],
    ]},
  {rule: 15, name: 'a weekly item kept 0 weeks is reported once, not also as too short', input: withItems(weekly({retentionValue: 0})), expected: [
      ['policies[0].policyItems[0].retentionValue', 'ATTRIBUTE_NEGATIVE_OR_ZERO', 15, 'error', 'retentionValue 0 must be 1 or more'],
    ]},
  {rule: 15, name: 'negative retention', input: withItems(daily({retentionValue: -1})), expected: [
      ['policies[0].policyItems[0].retentionValue', 'ATTRIBUTE_NEGATIVE_OR_ZERO', 15, 'error', 'retentionValue -1 must be 1 or more'],
    ]},
  {rule: 16, name: 'too short for each type, said in its words', input: withItems(hourly({retentionValue: 1}), daily({retentionValue: 1}), weekly({retentionUnit: 'days', retentionValue: 6}), monthly({retentionUnit: 'weeks', retentionValue: 4}), yearly({retentionUnit: 'months', retentionValue: 11})), expected: [
      ['policies[0].policyItems[2].retentionValue', 'INVALID_BACKUP_POLICY', 16, 'error', 'a weekly item must keep its snapshots at least 7 days or 1 week, not 6 days'],
      ['policies[0].policyItems[3].retentionValue', 'INVALID_BACKUP_POLICY', 16, 'error', 'a monthly item must keep its snapshots at least 31 days, 5 weeks or 1 month, not 4 weeks'],
      ['policies[0].policyItems[4].retentionValue', 'INVALID_BACKUP_POLICY', 16, 'error', 'a yearly item must keep its snapshots at least 1 year or 12 months, not 11 months'],
    ]},
  {rule: 16, name: 'a monthly item kept 1 week', input: withItems(monthly({retentionUnit: 'weeks', retentionValue: 1})), expected: [
      ['policies[0].policyItems[0].retentionValue', 'INVALID_BACKUP_POLICY', 16, 'error', 'a monthly item must keep its snapshots at least 31 days, 5 weeks or 1 month, not 1 week'],
    ]},
  {rule: 17, name: 'daily shorter than hourly', input: withItems(hourly({retentionValue: 5}), daily({retentionValue: 3})), expected: [
      ['policies[0].policyItems[1].retentionValue', 'INVALID_BACKUP_POLICY', 17, 'error', 'the daily item keeps 3 days, less than the hourly item (5 days): a less frequent item must keep its snapshots at least as long'],
    ]},
  {rule: 17, name: 'an item with a bad interval still takes part in the comparison', input: withItems(hourly({retentionValue: 5}), daily({frequencyInterval: 2, retentionValue: 3})), expected: [
      ['policies[0].policyItems[1].frequencyInterval', 'INVALID_BACKUP_POLICY', 7, 'error', 'daily frequencyInterval 2 is not allowed: use 1'],
      ['policies[0].policyItems[1].retentionValue', 'INVALID_BACKUP_POLICY', 17, 'error', 'the daily item keeps 3 days, less than the hourly item (5 days): a less frequent item must keep its snapshots at least as long'],
    ]},
  {rule: 17, name: 'a tie across types names the one listed first (hourly first)', input: withItems(hourly({retentionValue: 9}), daily({retentionValue: 9}), weekly({retentionValue: 1})), expected: [
      ['policies[0].policyItems[2].retentionValue', 'INVALID_BACKUP_POLICY', 17, 'error', 'the weekly item keeps 1 week, less than the hourly item (9 days): a less frequent item must keep its snapshots at least as long'],
    ]},
  {rule: 17, name: 'a tie across types names the one listed first (daily first)', input: withItems(daily({retentionValue: 9}), hourly({retentionValue: 9}), weekly({retentionValue: 1})), expected: [
      ['policies[0].policyItems[2].retentionValue', 'INVALID_BACKUP_POLICY', 17, 'error', 'the weekly item keeps 1 week, less than the daily item (9 days): a less frequent item must keep its snapshots at least as long'],
    ]},
  {rule: 19, name: 'a tie within a type names the one listed first (2 weeks before 14 days)', input: withItems(weekly({retentionValue: 2}), weekly({frequencyInterval: 3, retentionUnit: 'days', retentionValue: 14}), yearly({retentionUnit: 'days', retentionValue: 10})), expected: [
      ['policies[0].policyItems[2].retentionValue', 'INVALID_BACKUP_POLICY', 16, 'error', 'a yearly item must keep its snapshots at least 1 year or 12 months, not 10 days'],
      ['policies[0].policyItems[2].retentionValue', 'INVALID_BACKUP_POLICY', 17, 'error', 'the yearly item keeps 10 days, less than the weekly item (2 weeks): a less frequent item must keep its snapshots at least as long'],
    ]},
  {rule: 19, name: 'a tie within a type names the one listed first (14 days before 2 weeks)', input: withItems(weekly({frequencyInterval: 3, retentionUnit: 'days', retentionValue: 14}), weekly({retentionValue: 2}), yearly({retentionUnit: 'days', retentionValue: 10})), expected: [
      ['policies[0].policyItems[2].retentionValue', 'INVALID_BACKUP_POLICY', 16, 'error', 'a yearly item must keep its snapshots at least 1 year or 12 months, not 10 days'],
      ['policies[0].policyItems[2].retentionValue', 'INVALID_BACKUP_POLICY', 17, 'error', 'the yearly item keeps 10 days, less than the weekly item (14 days): a less frequent item must keep its snapshots at least as long'],
    ]},
  {rule: 19, name: 'a longer item listed later beats a shorter one listed first', input: withItems(daily({retentionValue: 3}), hourly({retentionValue: 5}), weekly({retentionUnit: 'days', retentionValue: 4})), expected: [
      ['policies[0].policyItems[2].retentionValue', 'INVALID_BACKUP_POLICY', 16, 'error', 'a weekly item must keep its snapshots at least 7 days or 1 week, not 4 days'],
      ['policies[0].policyItems[0].retentionValue', 'INVALID_BACKUP_POLICY', 17, 'error', 'the daily item keeps 3 days, less than the hourly item (5 days): a less frequent item must keep its snapshots at least as long'],
      ['policies[0].policyItems[2].retentionValue', 'INVALID_BACKUP_POLICY', 17, 'error', 'the weekly item keeps 4 days, less than the hourly item (5 days): a less frequent item must keep its snapshots at least as long'],
    ]},
  {rule: 19, name: 'the longest of several more frequent types, not the nearest', input: withItems(hourly({retentionValue: 40}), daily({retentionValue: 35}), weekly({retentionValue: 5}), monthly({retentionValue: 1})), expected: [
      ['policies[0].policyItems[1].retentionValue', 'INVALID_BACKUP_POLICY', 17, 'error', 'the daily item keeps 35 days, less than the hourly item (40 days): a less frequent item must keep its snapshots at least as long'],
      ['policies[0].policyItems[2].retentionValue', 'INVALID_BACKUP_POLICY', 17, 'error', 'the weekly item keeps 5 weeks, less than the hourly item (40 days): a less frequent item must keep its snapshots at least as long'],
      ['policies[0].policyItems[3].retentionValue', 'INVALID_BACKUP_POLICY', 17, 'error', 'the monthly item keeps 1 month, less than the hourly item (40 days): a less frequent item must keep its snapshots at least as long'],
    ]},
  {rule: 18, name: 'monthly 2 months after daily 57 days passes only with 31-day months', input: withItems(daily({retentionValue: 57}), monthly({retentionValue: 2})), expected: [
      ['policies[0].policyItems[1].retentionValue', 'INVALID_BACKUP_POLICY', 18, 'warning', 'the monthly item (2 months) keeps at least as long as the daily item (57 days) only if a month counts as 31 days and a year as 372; Atlas does not document how it compares units: use the same unit for both to be sure'],
    ]},
  {rule: 18, name: 'monthly 2 months after daily 56 days holds even with 28-day months', input: withItems(daily({retentionValue: 56}), monthly({retentionValue: 2})), expected: []},
  {rule: 18, name: 'monthly 2 months after weekly 8 weeks holds even with 28-day months', input: withItems(weekly({retentionValue: 8}), monthly({retentionValue: 2})), expected: []},
  {rule: 18, name: 'monthly 2 months after weekly 9 weeks is too short', input: withItems(weekly({retentionValue: 9}), monthly({retentionValue: 2})), expected: [
      ['policies[0].policyItems[1].retentionValue', 'INVALID_BACKUP_POLICY', 17, 'error', 'the monthly item keeps 2 months, less than the weekly item (9 weeks): a less frequent item must keep its snapshots at least as long'],
    ]},
  {rule: 18, name: 'monthly 3 months after weekly 13 weeks passes only with long months', input: withItems(weekly({retentionValue: 13}), monthly({retentionValue: 3})), expected: [
      ['policies[0].policyItems[1].retentionValue', 'INVALID_BACKUP_POLICY', 18, 'warning', 'the monthly item (3 months) keeps at least as long as the weekly item (13 weeks) only if a month counts as 31 days and a year as 372; Atlas does not document how it compares units: use the same unit for both to be sure'],
    ]},
  {rule: 18, name: 'yearly 1 year after weekly 53 weeks passes only with a long year', input: withItems(weekly({retentionValue: 53}), yearly()), expected: [
      ['policies[0].policyItems[1].retentionValue', 'INVALID_BACKUP_POLICY', 18, 'warning', 'the yearly item (1 year) keeps at least as long as the weekly item (53 weeks) only if a month counts as 31 days and a year as 372; Atlas does not document how it compares units: use the same unit for both to be sure'],
    ]},
  {rule: 18, name: 'yearly 1 year after daily 366 days passes only with a long year', input: withItems(daily({retentionValue: 366}), yearly()), expected: [
      ['policies[0].policyItems[1].retentionValue', 'INVALID_BACKUP_POLICY', 18, 'warning', 'the yearly item (1 year) keeps at least as long as the daily item (366 days) only if a month counts as 31 days and a year as 372; Atlas does not document how it compares units: use the same unit for both to be sure'],
    ]},
  {rule: 18, name: 'yearly 1 year after daily 365 days holds for any year', input: withItems(daily({retentionValue: 365}), yearly()), expected: []},
  {rule: 18, name: 'weekly 31 days after hourly 1 month: a count of days already covers the longest month', input: withItems(hourly({retentionUnit: 'months', retentionValue: 1}), weekly({retentionUnit: 'days', retentionValue: 31})), expected: []},
  {rule: 20, name: 'a window beyond the hourly retention', input: {...withItems(hourly({retentionValue: 4})), restoreWindowDays: 5}, cluster: PIT, expected: [
      ['restoreWindowDays', 'INVALID_RESTORE_WINDOW', 20, 'error', 'the hourly policy item retention (4 days) cannot be less than the restore window (5 days): shorten the window or keep hourly snapshots longer'],
    ]},
  {rule: 20, name: 'a change that shortens hourly below the stored window points at the item', input: {policies: [{policyItems: [hourly({retentionValue: 1})]}]}, cluster: PIT, current: {...stored(), restoreWindowDays: 3}, expected: [
      ['policies[0].policyItems[0].retentionValue', 'INVALID_RESTORE_WINDOW', 20, 'error', 'the hourly policy item retention (1 day) cannot be less than the restore window (3 days): shorten the window or keep hourly snapshots longer'],
    ]},
  {rule: 20, name: 'a change of the window alone is checked against the stored hourly item', input: {restoreWindowDays: 8}, cluster: PIT, current: stored(hourly({retentionUnit: 'weeks', retentionValue: 1}), daily(), {frequencyType: 'ondemand', frequencyInterval: 0, retentionUnit: 'days', retentionValue: 1}), expected: [
      ['restoreWindowDays', 'INVALID_RESTORE_WINDOW', 20, 'error', 'the hourly policy item retention (1 week) cannot be less than the restore window (8 days): shorten the window or keep hourly snapshots longer'],
    ]},
  {rule: 20, name: 'a stored window is checked when neither gives one', input: {policies: [{policyItems: [hourly({retentionValue: 1})]}]}, cluster: PIT, current: stored(), expected: [
      ['policies[0].policyItems[0].retentionValue', 'INVALID_RESTORE_WINDOW', 20, 'error', 'the hourly policy item retention (1 day) cannot be less than the restore window (2 days): shorten the window or keep hourly snapshots longer'],
    ]},
  {rule: 20, name: 'a change touching neither, on a stored schedule past its hourly item, names the window', input: {referenceHourOfDay: 3, referenceMinuteOfHour: 0}, cluster: PIT, current: {...stored(hourly({retentionValue: 1})), restoreWindowDays: 3}, expected: [
      ['restoreWindowDays', 'INVALID_RESTORE_WINDOW', 20, 'error', 'the hourly policy item retention (1 day) cannot be less than the restore window (3 days): shorten the window or keep hourly snapshots longer'],
    ]},
  {rule: 20, name: 'an invalid window is not compared with the hourly retention', input: {...withItems(hourly({retentionValue: 1})), restoreWindowDays: 2.5}, cluster: PIT, current: {...stored(), restoreWindowDays: 9}, expected: [
      ['restoreWindowDays', 'INVALID_RESTORE_WINDOW', 21, 'error', 'restoreWindowDays 2.5 is not valid: the restore window is a positive whole number of days'],
    ]},
  {rule: 20, name: 'a whole document without a window is not bounded', input: {policies: [{policyItems: [hourly({retentionValue: 1})]}]}, cluster: PIT, expected: []},
  {rule: 21, name: 'a window as text', input: {restoreWindowDays: '7'}, expected: [
      ['restoreWindowDays', 'INVALID_RESTORE_WINDOW', 21, 'error', 'restoreWindowDays "7" is not valid: the restore window is a positive whole number of days'],
    ]},
  {rule: 23, name: 'continuous backup without an hourly item', input: withItems(daily()), cluster: PIT, expected: [
      ['policies[0].policyItems', 'ATLAS_GENERAL_ERROR', 23, 'warning', 'Continuous Cloud Backup is on but the policy has no hourly item: add one that keeps snapshots at least as long as the restore window'],
    ]},
  {rule: 23, name: 'no warning for an empty list: row 13 says it', input: withItems(), cluster: PIT, expected: [
      ['policies[0].policyItems', 'INVALID_NUM_OF_POLICY_ITEMS', 13, 'warning', 'the policy has no items: no scheduled snapshot will be taken'],
    ]},
  {rule: 23, name: 'no warning while an item is broken (it may be the hourly one)', input: withItems(daily(), {frequencyType: 'hourly'}), cluster: PIT, expected: [
      ['policies[0].policyItems[1]', 'INVALID_HOURLY_SNAPSHOT_INTERVAL_OR_RETENTION_PERIOD', 2, 'error', 'the policy item lacks frequencyInterval, retentionUnit, retentionValue: every item needs frequencyType, frequencyInterval, retentionUnit and retentionValue'],
    ]},
  {rule: 23, name: 'no warning while an item has an unknown type (it may be meant as hourly)', input: withItems(daily(), daily({frequencyType: 'hourlyy'})), cluster: PIT, expected: [
      ['policies[0].policyItems[1].frequencyType', 'INVALID_ENUM_VALUE', 5, 'error', '"hourlyy" is not a frequency type: use hourly, daily, weekly, monthly or yearly'],
    ]},
  {rule: 20, name: 'a window alone on a stored schedule with no policy: no hourly item to compare', input: {restoreWindowDays: 3}, cluster: PIT, current: {policies: []}, expected: []},
  {rule: 20, name: 'a window alone in a whole document: no hourly item to compare', input: {restoreWindowDays: 3}, cluster: PIT, expected: []},
  {rule: 23, name: 'no warning for a change that leaves the stored policy as it is', input: {restoreWindowDays: 2}, cluster: PIT, current: stored(daily()), expected: []},
  {rule: 24, name: 'hour 24 and minute 60', input: {referenceHourOfDay: 24, referenceMinuteOfHour: 60}, expected: [
      ['referenceHourOfDay', 'INVALID_REFERENCE_HOUR_OF_DAY', 24, 'error', 'referenceHourOfDay 24 is not valid: use a whole hour from 0 to 23 (UTC)'],
      ['referenceMinuteOfHour', 'INVALID_REFERENCE_MINUTE_OF_HOUR', 25, 'error', 'referenceMinuteOfHour 60 is not valid: use a whole minute from 0 to 59'],
    ]},
  {rule: 24, name: 'hour and minute as text', input: {referenceHourOfDay: '1', referenceMinuteOfHour: '2'}, expected: [
      ['referenceHourOfDay', 'INVALID_REFERENCE_HOUR_OF_DAY', 24, 'error', 'referenceHourOfDay "1" is not valid: use a whole hour from 0 to 23 (UTC)'],
      ['referenceMinuteOfHour', 'INVALID_REFERENCE_MINUTE_OF_HOUR', 25, 'error', 'referenceMinuteOfHour "2" is not valid: use a whole minute from 0 to 59'],
    ]},
  {rule: 26, name: 'a change with the hour only', input: {referenceHourOfDay: 3}, current: stored(), expected: [
      ['$', 'INVALID_REFERENCE_TIME_OF_DAY_MISSING_FIELDS', 26, 'error', 'referenceMinuteOfHour is missing: send referenceHourOfDay and referenceMinuteOfHour together'],
    ]},
  {rule: 26, name: 'a change with the minute only', input: {referenceMinuteOfHour: 3}, current: stored(), expected: [
      ['$', 'INVALID_REFERENCE_TIME_OF_DAY_MISSING_FIELDS', 26, 'error', 'referenceHourOfDay is missing: send referenceHourOfDay and referenceMinuteOfHour together'],
    ]},
  {rule: 34, name: 'every flag that is not a boolean', input: {autoExportEnabled: 1, copyPolicyItemsEnabled: 'no', deleteSnapshots: 0, updateSnapshots: null, useOrgAndGroupNamesInExportPrefix: 'yes'}, expected: [
      ['autoExportEnabled', 'INVALID_ATTRIBUTE', 34, 'error', 'autoExportEnabled must be true or false, not 1'],
      ['copyPolicyItemsEnabled', 'INVALID_ATTRIBUTE', 34, 'error', 'copyPolicyItemsEnabled must be true or false, not "no"'],
      ['deleteSnapshots', 'INVALID_ATTRIBUTE', 35, 'error', 'deleteSnapshots must be true or false, not 0'],
      ['updateSnapshots', 'INVALID_ATTRIBUTE', 34, 'error', 'updateSnapshots must be true or false, not null'],
      ['useOrgAndGroupNamesInExportPrefix', 'INVALID_ATTRIBUTE', 34, 'error', 'useOrgAndGroupNamesInExportPrefix must be true or false, not "yes"'],
    ]},
  {rule: 56, name: 'copySettings not a list', input: {...withItems(daily()), copySettings: {cloudProvider: 'AWS'}}, expected: [
      ['copySettings', 'INVALID_ATTRIBUTE', 56, 'error', 'copySettings must be a list of copy settings'],
    ]},
  {rule: 56, name: 'a copy setting that is not an object', input: withCopies('AWS', null), expected: [
      ['copySettings[0]', 'INVALID_ATTRIBUTE', 56, 'error', 'a copy setting must be an object with cloudProvider, regionName, zoneId and frequencies, not "AWS"'],
      ['copySettings[1]', 'INVALID_ATTRIBUTE', 56, 'error', 'a copy setting must be an object with cloudProvider, regionName, zoneId and frequencies, not null'],
    ]},
  {rule: 56, name: 'a copy setting with nothing in it', input: withCopies({}), expected: [
      ['copySettings[0].cloudProvider', 'INVALID_ENUM_VALUE', 56, 'error', 'cloudProvider missing is not valid: use AWS, AZURE or GCP'],
      ['copySettings[0].regionName', 'MISSING_ATTRIBUTE', 56, 'error', 'regionName is required: the Atlas region to copy snapshots to, e.g. US_WEST_2'],
      ['copySettings[0].zoneId', 'MISSING_ATTRIBUTE', 56, 'error', 'zoneId is required (replicationSpecId in the 2023-01-01 API): the id of the zone whose snapshots are copied'],
    ]},
  {rule: 56, name: 'a blank region, a numeric one and bad zones', input: withCopies(copy({regionName: '  ', zoneId: 'abc'}), copy({regionName: 2, zoneId: 12}), copy({zoneId: undefined, replicationSpecId: 'xyz'}), copy({zoneId: null})), expected: [
      ['copySettings[0].regionName', 'MISSING_ATTRIBUTE', 56, 'error', 'regionName is required: the Atlas region to copy snapshots to, e.g. US_WEST_2'],
      ['copySettings[0].zoneId', 'INVALID_ATTRIBUTE', 56, 'error', '"abc" is not a zone id: ids are 24 hexadecimal characters'],
      ['copySettings[1].regionName', 'MISSING_ATTRIBUTE', 56, 'error', 'regionName is required: the Atlas region to copy snapshots to, e.g. US_WEST_2'],
      ['copySettings[1].zoneId', 'INVALID_ATTRIBUTE', 56, 'error', '12 is not a zone id: ids are 24 hexadecimal characters'],
      ['copySettings[2].replicationSpecId', 'INVALID_ATTRIBUTE', 56, 'error', '"xyz" is not a zone id: ids are 24 hexadecimal characters'],
      ['copySettings[3].zoneId', 'MISSING_ATTRIBUTE', 56, 'error', 'zoneId is required (replicationSpecId in the 2023-01-01 API): the id of the zone whose snapshots are copied'],
    ]},
  {rule: 56, name: 'a null replicationSpecId is a missing zone', input: withCopies(copy({zoneId: undefined, replicationSpecId: null})), expected: [
      ['copySettings[0].zoneId', 'MISSING_ATTRIBUTE', 56, 'error', 'zoneId is required (replicationSpecId in the 2023-01-01 API): the id of the zone whose snapshots are copied'],
    ]},
  {rule: 56, name: 'frequencies as text, too many, and unknown ones', input: withCopies(copy({frequencies: 'DAILY'}), copy({regionName: 'US_EAST_2', frequencies: ['HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY', 'ON_DEMAND', 'DAILY']}), copy({regionName: 'EU_WEST_1', frequencies: ['daily', 7]})), expected: [
      ['copySettings[0].frequencies', 'INVALID_ATTRIBUTE', 56, 'error', 'frequencies must be a list of up to 6 of HOURLY, DAILY, WEEKLY, MONTHLY, YEARLY, ON_DEMAND'],
      ['copySettings[1].frequencies', 'INVALID_ATTRIBUTE', 56, 'error', 'frequencies must be a list of up to 6 of HOURLY, DAILY, WEEKLY, MONTHLY, YEARLY, ON_DEMAND'],
      ['copySettings[2].frequencies[0]', 'INVALID_ENUM_VALUE', 56, 'error', 'copy frequency "daily" is not valid: use HOURLY, DAILY, WEEKLY, MONTHLY, YEARLY, ON_DEMAND'],
      ['copySettings[2].frequencies[1]', 'INVALID_ENUM_VALUE', 56, 'error', 'copy frequency 7 is not valid: use HOURLY, DAILY, WEEKLY, MONTHLY, YEARLY, ON_DEMAND'],
    ]},
  {rule: 56, name: 'six frequencies, and none at all', input: {...withItems(hourly(), daily(), weekly(), monthly(), yearly()), copySettings: [copy({frequencies: ['HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY', 'ON_DEMAND']}), copy({regionName: 'US_EAST_2', frequencies: undefined}), copy({regionName: 'EU_WEST_1', frequencies: []})]}, expected: []},
  {rule: 56, name: 'shouldCopyOplogs as text', input: withCopies(copy({shouldCopyOplogs: 'yes'})), expected: [
      ['copySettings[0].shouldCopyOplogs', 'INVALID_ATTRIBUTE', 56, 'error', 'shouldCopyOplogs must be true or false, not "yes"'],
    ]},
  {rule: 57, name: 'a copy to another provider', input: withCopies(copy({cloudProvider: 'GCP'})), expected: [
      ['copySettings[0].cloudProvider', 'INVALID_BACKUP_POLICY', 57, 'error', 'snapshots can be copied only to regions of the provider of the zone\'s primary region (AWS), not GCP'],
    ]},
  {rule: 57, name: 'any provider when the cluster\'s is not known', input: withCopies(copy({cloudProvider: 'AZURE'})), cluster: {tier: 'M10'}, expected: []},
  {rule: 58, name: 'copying frequencies the policy lacks', input: withCopies(copy({frequencies: ['HOURLY', 'DAILY', 'WEEKLY', 'ON_DEMAND']})), expected: [
      ['copySettings[0].frequencies[0]', 'INVALID_BACKUP_POLICY', 58, 'warning', 'the policy has no hourly item, so no hourly snapshot will be copied'],
      ['copySettings[0].frequencies[2]', 'INVALID_BACKUP_POLICY', 58, 'warning', 'the policy has no weekly item, so no weekly snapshot will be copied'],
    ]},
  {rule: 58, name: 'an item of unknown type is not compared with the copies', input: {...withItems(daily({frequencyType: 'weeklyy'})), copySettings: [copy({frequencies: ['WEEKLY']})]}, expected: [
      ['policies[0].policyItems[0].frequencyType', 'INVALID_ENUM_VALUE', 5, 'error', '"weeklyy" is not a frequency type: use hourly, daily, weekly, monthly or yearly'],
      ['copySettings[0].frequencies[0]', 'INVALID_BACKUP_POLICY', 58, 'warning', 'the policy has no weekly item, so no weekly snapshot will be copied'],
    ]},
  {rule: 58, name: 'a change checks the copies against the stored items', input: {copySettings: [copy({frequencies: ['DAILY', 'WEEKLY']})]}, current: stored(daily()), expected: [
      ['copySettings[0].frequencies[1]', 'INVALID_BACKUP_POLICY', 58, 'warning', 'the policy has no weekly item, so no weekly snapshot will be copied'],
    ]},
  {rule: 58, name: 'a change on a schedule with no policy copies nothing', input: {copySettings: [copy({frequencies: ['WEEKLY']})]}, current: {policies: []}, expected: [
      ['copySettings[0].frequencies[0]', 'INVALID_BACKUP_POLICY', 58, 'warning', 'the policy has no weekly item, so no weekly snapshot will be copied'],
    ]},
  {rule: 58, name: 'a stored on-demand item is not a scheduled one', input: {copySettings: [copy({frequencies: ['WEEKLY']})]}, current: stored({frequencyType: 'ondemand', frequencyInterval: 0, retentionUnit: 'days', retentionValue: 1}, daily()), expected: [
      ['copySettings[0].frequencies[0]', 'INVALID_BACKUP_POLICY', 58, 'warning', 'the policy has no weekly item, so no weekly snapshot will be copied'],
    ]},
  {rule: 58, name: 'a whole document without a policy: nothing to compare with', input: {copySettings: [copy({frequencies: ['WEEKLY']})]}, expected: []},
  {rule: 59, name: 'oplog copies without continuous backup', input: withCopies(copy({shouldCopyOplogs: true}), copy({regionName: 'EU_WEST_1', shouldCopyOplogs: false})), expected: [
      ['copySettings[0].shouldCopyOplogs', 'INVALID_BACKUP_POLICY', 59, 'error', 'oplogs can be copied only when Continuous Cloud Backup is on: turn it on first, or set shouldCopyOplogs to false'],
    ]},
  {rule: 59, name: 'oplog copies with continuous backup', input: {...withItems(hourly(), daily()), copySettings: [copy({frequencies: ['HOURLY'], shouldCopyOplogs: true})]}, cluster: PIT, expected: []},
]

const found = (c: Case): Found[] => validateSchedule(c.input, {cluster: c.cluster ?? M10, current: c.current}).map((v) => [v.path, v.errorCode, v.rule, v.severity, v.message])

describe('policy validation: the whole list of violations, with the words the user reads', () => {
  it.each(cases)('rule $rule: $name', (c) => {
    expect(found(c)).toEqual(c.expected)
  })

  it('rule 13: warnings alone are not errors, one error is', () => {
    const warnings = validateSchedule(withItems(), {cluster: M10})
    expect(warnings.map((v) => v.severity)).toEqual(['warning'])
    expect(hasErrors(warnings)).toBe(false)
    expect(hasErrors([...warnings, ...validateSchedule(withItems(daily({retentionValue: 0})), {cluster: M10})])).toBe(true)
  })

  it('names every case once', () => {
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length)
  })
})
