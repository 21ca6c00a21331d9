import {describe, expect, it} from 'vitest'

import {
  atlasErrorSchema,
  backupScheduleSchema,
  flexRestoreJobSchema,
  onDemandSnapshotRequestSchema,
  paginatedSchema,
  parseApiResponse,
  policyItemSchema,
  restoreJobSchema,
  serverlessRestoreJobSchema,
  serverlessSnapshotSchema,
  snapshotRetentionPatchSchema,
  snapshotSchema,
} from '../../../src/lib/domain/schemas.js'
import {defaultSchedule} from '../../../src/lib/schedule/index.js'

const ID = '6a7944f22c88faeba59d3572'

describe('zod schemas of the Atlas backup objects', () => {
  it.each([
    ['a policy item', policyItemSchema, {frequencyType: 'weekly', frequencyInterval: 6, retentionUnit: 'weeks', retentionValue: 4}, {frequencyType: 'weekly', frequencyInterval: 6, retentionUnit: 'WEEKS', retentionValue: 4}],
    ['a schedule', backupScheduleSchema, defaultSchedule('atlas2026', {pitEnabled: true}), {policies: 'none'}],
    ['an on-demand snapshot as Atlas reports it (ondemand, outside the enum)', snapshotSchema, {id: ID, status: 'queued', type: 'replicaSet', frequencyType: 'ondemand', snapshotType: 'onDemand'}, {id: ID, status: 'QUEUED', type: 'replicaSet'}],
    ['a sharded snapshot', snapshotSchema, {id: ID, status: 'completed', type: 'shardedCluster', members: [{id: ID, replicaSetName: 'rs0'}]}, {id: ID, status: 'completed', type: 'standalone'}],
    ['a serverless snapshot', serverlessSnapshotSchema, {id: ID, status: 'completed', serverlessInstanceName: 's0'}, {id: 'nope', status: 'completed'}],
    ['an on-demand request', onDemandSnapshotRequestSchema, {description: 'x', retentionInDays: 1}, {retentionInDays: 0}],
    ['a retention change', snapshotRetentionPatchSchema, {retentionUnit: 'DAYS', retentionValue: 3}, {retentionUnit: 'days', retentionValue: 3}],
    ['a restore job as Atlas reports it (null timestamp fields, an extra `time`)', restoreJobSchema, {id: ID, deliveryType: 'automated', deliveryUrl: [], desiredTimestamp: {increment: null, time: null, date: null}, failed: false}, {id: ID, deliveryType: 'AUTOMATED'}],
    ['a sharded download job with its components', restoreJobSchema, {id: ID, deliveryType: 'download', components: [{replicaSetName: 'shard-0', downloadUrl: 'https://x/0.tar.gz', privateDownloadDeliveryUrls: [{deliveryUrl: 'https://pl/0.tar.gz', endpointId: 'vpce-3bf78b0ddee411ba1'}]}]}, {id: ID, deliveryType: 'download', components: {replicaSetName: 'shard-0'}}],
    ['a serverless restore job', serverlessRestoreJobSchema, {id: ID, deliveryType: 'pointInTime', pointInTimeUTCSeconds: 1_786_334_400, targetClusterName: 't', targetGroupId: ID}, {id: ID, deliveryType: 'pointInTime', pointInTimeUTCSeconds: '1786334400'}],
    ['a flex restore job', flexRestoreJobSchema, {id: ID, deliveryType: 'RESTORE', status: 'PENDING'}, {id: ID, deliveryType: 'restore', status: 'PENDING'}],
    ['a page', paginatedSchema(snapshotSchema), {results: [], totalCount: 0}, {results: {}}],
    ['an error with an empty errorCode and null detail (a real 401)', atlasErrorSchema, {error: 401, errorCode: '', detail: null, parameters: []}, {errorCode: 'X'}],
  ] as const)('accepts %s and rejects a broken one', (_name, schema, valid, invalid) => {
    expect(schema.safeParse(valid).success).toBe(true)
    expect(schema.safeParse(invalid).success).toBe(false)
  })

  it('keeps unknown fields: Atlas adds them over time', () => {
    const parsed = snapshotSchema.parse({id: ID, status: 'completed', type: 'replicaSet', targetDeploymentItemName: 'c'})
    expect(parsed).toHaveProperty('targetDeploymentItemName', 'c')
  })

  it('names the first misfit field when parsing fails', () => {
    expect(() => parseApiResponse(backupScheduleSchema, {policies: [{policyItems: [{frequencyType: 'hourly'}]}]}, 'the schedule')).toThrow(/the schedule does not have the expected shape: policies\.0\.policyItems\.0\.frequencyInterval/)
  })
})
