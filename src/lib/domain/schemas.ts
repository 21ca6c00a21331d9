import {z} from 'zod'

/**
 * What atlas-backups accepts from the Atlas Admin API v2, as zod schemas. Lenient where real Atlas is (atlas-api-notes
 * §9): unknown fields pass through, `ondemand` is a snapshot frequency, nulls appear where the spec has none. The
 * TypeScript types in ./types.ts describe what the tool produces; these describe what it takes in.
 */

const isoInstant = z.string().min(1)
const objectId = z.string().regex(/^[0-9a-f]{24}$/)
const int = z.number().int()
const nullable = <T extends z.ZodTypeAny>(schema: T) => schema.nullable().optional()

export const linkSchema = z.looseObject({href: z.string().optional(), rel: z.string().optional()})
const links = z.array(linkSchema).optional()

export const policyItemSchema = z.looseObject({
  id: objectId.optional(),
  frequencyType: z.enum(['hourly', 'daily', 'weekly', 'monthly', 'yearly', 'ondemand']),
  frequencyInterval: int,
  retentionUnit: z.enum(['days', 'weeks', 'months', 'years']),
  retentionValue: int,
})

export const schedulePolicySchema = z.looseObject({id: objectId.optional(), policyItems: z.array(policyItemSchema)})

const provider = z.enum(['AWS', 'AZURE', 'GCP'])

/** DiskBackupCopySetting20240805 (zoneId) and its 2023-01-01 form (replicationSpecId). */
export const copySettingSchema = z.looseObject({
  cloudProvider: provider.optional(),
  regionName: z.string().optional(),
  zoneId: z.string().optional(),
  replicationSpecId: z.string().optional(),
  shouldCopyOplogs: z.boolean().optional(),
  frequencies: z.array(z.enum(['HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY', 'ON_DEMAND'])).optional(),
})

export const backupScheduleSchema = z.looseObject({
  autoExportEnabled: z.boolean().optional(),
  clusterId: z.string().optional(),
  clusterName: z.string().optional(),
  copyPolicyItemsEnabled: z.boolean().optional(),
  copySettings: z.array(copySettingSchema).optional(),
  export: nullable(z.looseObject({exportBucketId: z.string().optional(), frequencyType: z.string().optional()})),
  extraRetentionSettings: z.array(z.looseObject({frequencyType: z.string().optional(), retentionDays: int.optional()})).optional(),
  links,
  nextSnapshot: isoInstant.optional(),
  policies: z.array(schedulePolicySchema),
  referenceHourOfDay: int.optional(),
  referenceMinuteOfHour: int.optional(),
  restoreWindowDays: int.optional(),
  useOrgAndGroupNamesInExportPrefix: z.boolean().optional(),
})

export const backupSchedulePatchSchema = backupScheduleSchema.partial().extend({
  deleteSnapshots: z.boolean().optional(),
  updateSnapshots: z.boolean().optional(),
})

const snapshotStatus = z.enum(['queued', 'inProgress', 'completed', 'failed'])
const snapshotCommon = {
  createdAt: isoInstant.optional(),
  description: z.string().optional(),
  expiresAt: isoInstant.optional(),
  frequencyType: z.enum(['hourly', 'daily', 'weekly', 'monthly', 'yearly', 'ondemand']).optional(),
  id: objectId,
  links,
  masterKeyUUID: z.string().optional(),
  mongodVersion: z.string().optional(),
  policyItems: z.array(z.string()).optional(),
  snapshotType: z.enum(['onDemand', 'scheduled', 'fallback']).optional(),
  status: snapshotStatus,
  storageSizeBytes: int.optional(),
}

export const replicaSetSnapshotSchema = z.looseObject({
  ...snapshotCommon,
  cloudProvider: provider.optional(),
  copyRegions: z.array(z.string()).optional(),
  replicaSetName: z.string().optional(),
  type: z.literal('replicaSet'),
})

export const shardedClusterSnapshotSchema = z.looseObject({
  ...snapshotCommon,
  configServerType: z.string().optional(),
  members: z.array(z.looseObject({cloudProvider: provider.optional(), id: z.string(), replicaSetName: z.string()})).optional(),
  snapshotIds: z.array(z.string()).optional(),
  type: z.literal('shardedCluster'),
})

export const snapshotSchema = z.discriminatedUnion('type', [replicaSetSnapshotSchema, shardedClusterSnapshotSchema])

export const serverlessSnapshotSchema = z.looseObject({
  createdAt: isoInstant.optional(),
  expiresAt: isoInstant.optional(),
  frequencyType: z.enum(['hourly', 'daily', 'weekly', 'monthly', 'yearly']).optional(),
  id: objectId,
  links,
  mongodVersion: z.string().optional(),
  serverlessInstanceName: z.string().optional(),
  snapshotType: z.enum(['onDemand', 'scheduled', 'fallback']).optional(),
  status: snapshotStatus,
  storageSizeBytes: int.optional(),
})

/** FlexBackupSnapshot20241113: upper-case statuses, other field names. */
export const flexSnapshotSchema = z.looseObject({
  expiration: isoInstant.optional(),
  finishTime: isoInstant.optional(),
  id: objectId,
  mongoDBVersion: z.string().optional(),
  scheduledTime: isoInstant.optional(),
  startTime: isoInstant.optional(),
  status: z.enum(['PENDING', 'QUEUED', 'RUNNING', 'FAILED', 'COMPLETED']),
})

/** FlexClusterDescription20241114, read leniently: what the commands need is the name and that it is Flex. */
export const flexClusterSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string(),
  groupId: z.string().optional(),
  mongoDBVersion: z.string().optional(),
  stateName: z.string().optional(),
})

export const onDemandSnapshotRequestSchema = z.looseObject({description: z.string().optional(), retentionInDays: int.min(1).optional()})

export const snapshotRetentionPatchSchema = z.looseObject({retentionUnit: z.enum(['DAYS', 'WEEKS', 'MONTHS', 'YEARS']), retentionValue: int.min(1)})

/** A BSON timestamp as Atlas sends it; real responses fill it with nulls and an extra `time` (notes §9). */
const bsonTimestamp = nullable(z.looseObject({date: nullable(z.string()), increment: nullable(int), time: nullable(int)}))

export const restoreDeliveryTypeSchema = z.enum(['automated', 'download', 'pointInTime'])

const privateDownloadDeliveryUrlSchema = z.looseObject({deliveryUrl: nullable(z.string()), endpointId: nullable(z.string())})
const privateDownloadDeliveryUrls = nullable(z.array(privateDownloadDeliveryUrlSchema))

/** DiskBackupRestoreMember: one replica set's download of a sharded cluster's restore. */
export const restoreJobComponentSchema = z.looseObject({downloadUrl: nullable(z.string()), privateDownloadDeliveryUrls, replicaSetName: nullable(z.string())})

/**
 * The fields a cluster's and a serverless instance's restore jobs share. Every optional field may also be null: real
 * Atlas sends nulls where the spec has none (desiredTimestamp), and a describe must not fail on a field it only shows.
 * Bounds such as the oplogTs minimum are left to the rules; Atlas enforces them on requests, not on its answers.
 */
const restoreJobFields = {
  id: objectId,
  deliveryType: restoreDeliveryTypeSchema,
  cancelled: nullable(z.boolean()),
  deliveryUrl: nullable(z.array(z.string())),
  desiredTimestamp: bsonTimestamp,
  expired: nullable(z.boolean()),
  expiresAt: nullable(isoInstant),
  failed: nullable(z.boolean()),
  finishedAt: nullable(isoInstant),
  links,
  oplogInc: nullable(int),
  oplogTs: nullable(int),
  pointInTimeUTCSeconds: nullable(int),
  snapshotId: nullable(z.string()),
  targetClusterName: nullable(z.string()),
  targetDeploymentItemName: nullable(z.string()),
  targetGroupId: nullable(z.string()),
  timestamp: nullable(isoInstant),
}

/** DiskBackupSnapshotRestoreJob: a dedicated cluster's restore job. */
export const restoreJobSchema = z.looseObject({
  ...restoreJobFields,
  components: nullable(z.array(restoreJobComponentSchema)),
  privateDownloadDeliveryUrls,
})

/** ServerlessBackupRestoreJob: read as leniently as a cluster's (the spec's required target is not insisted on). */
export const serverlessRestoreJobSchema = z.looseObject(restoreJobFields)

/** FlexBackupRestoreJob20241113: a Flex cluster's restore or download, with upper-case delivery types and statuses. */
export const flexRestoreJobSchema = z.looseObject({
  id: objectId,
  deliveryType: z.enum(['RESTORE', 'DOWNLOAD']).optional(),
  expirationDate: isoInstant.optional(),
  instanceName: z.string().optional(),
  links,
  projectId: z.string().optional(),
  restoreFinishedDate: isoInstant.optional(),
  restoreScheduledDate: isoInstant.optional(),
  snapshotFinishedDate: isoInstant.optional(),
  snapshotId: z.string().optional(),
  snapshotUrl: z.string().optional(),
  status: z.enum(['PENDING', 'QUEUED', 'RUNNING', 'FAILED', 'COMPLETED']).optional(),
  targetDeploymentItemName: z.string().optional(),
  targetProjectId: z.string().optional(),
})

/**
 * DataProtectionSettings20231001 as Atlas answers it. Lenient as real Atlas is: `onDemandPolicyItem: null` when the
 * policy has none, `restoreWindowDays: 0` without point-in-time, fields of later versions passed through. Only what
 * the commands read must be there and of the right type; `state` stays a string so a new state is shown, not refused.
 */
export const backupCompliancePolicySchema = z.looseObject({
  authorizedEmail: z.string(),
  authorizedUserFirstName: z.string().optional(),
  authorizedUserLastName: z.string().optional(),
  copyProtectionEnabled: z.boolean().optional(),
  deletable: z.boolean().optional(),
  encryptionAtRestEnabled: z.boolean().optional(),
  onDemandPolicyItem: nullable(policyItemSchema),
  pitEnabled: z.boolean().optional(),
  projectId: z.string().optional(),
  restoreWindowDays: nullable(int.min(0)),
  scheduledPolicyItems: nullable(z.array(policyItemSchema)),
  state: z.string().optional(),
  updatedDate: nullable(z.string()),
  updatedUser: nullable(z.string()),
})

export const exportBucketSchema = z.looseObject({_id: objectId, bucketName: z.string().optional(), cloudProvider: z.string().optional(), iamRoleId: z.string().optional()})

export const exportJobSchema = z.looseObject({id: objectId, exportBucketId: z.string().optional(), snapshotId: z.string().optional(), state: z.string().optional(), prefix: z.string().optional()})

const hardwareSpec = nullable(z.looseObject({instanceSize: z.string().optional(), nodeCount: int.optional(), diskSizeGB: z.number().optional()}))

export const clusterDescriptionSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string(),
  clusterType: z.string().optional(),
  stateName: z.string().optional(),
  pitEnabled: z.boolean().optional(),
  mongoDBVersion: z.string().optional(),
  replicationSpecs: z
    .array(
      z.looseObject({
        id: z.string().optional(),
        zoneId: z.string().optional(),
        zoneName: z.string().optional(),
        regionConfigs: z
          .array(
            z.looseObject({
              providerName: z.enum(['AWS', 'AZURE', 'GCP', 'TENANT']).optional(),
              backingProviderName: provider.optional(),
              regionName: z.string().optional(),
              priority: int.optional(),
              electableSpecs: hardwareSpec,
              readOnlySpecs: hardwareSpec,
              analyticsSpecs: hardwareSpec,
            }),
          )
          .optional(),
      }),
    )
    .optional(),
  links,
})

/** Group (GET /groups): a project as Atlas lists it. */
export const projectSchema = z.looseObject({
  id: objectId,
  name: z.string(),
  orgId: z.string().optional(),
  clusterCount: int.min(0).optional(),
  created: isoInstant.optional(),
  links,
})

/** ServerlessInstanceDescription (GET /groups/{groupId}/serverless). */
export const serverlessInstanceSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string(),
  groupId: z.string().optional(),
  mongoDBVersion: z.string().optional(),
  stateName: z.string().optional(),
  providerSettings: z.looseObject({backingProviderName: z.string().optional(), providerName: z.string().optional(), regionName: z.string().optional()}).optional(),
  serverlessBackupOptions: z.looseObject({serverlessContinuousBackupEnabled: z.boolean().optional()}).optional(),
  links,
})

export function paginatedSchema<T extends z.ZodTypeAny>(item: T) {
  return z.looseObject({links, results: z.array(item), totalCount: int.min(0).optional()})
}

export const atlasErrorSchema = z.looseObject({
  detail: nullable(z.string()),
  error: int,
  errorCode: nullable(z.string()),
  parameters: nullable(z.array(z.unknown())),
  reason: nullable(z.string()),
  badRequestDetail: nullable(z.looseObject({fields: z.array(z.looseObject({field: z.string(), description: z.string()})).optional()})),
})

export type SnapshotInput = z.infer<typeof snapshotSchema>
export type BackupScheduleInput = z.infer<typeof backupScheduleSchema>
export type AtlasErrorInput = z.infer<typeof atlasErrorSchema>

/** A value checked against a schema; the error names what was being read and the first field that does not fit. */
export function parseApiResponse<T extends z.ZodTypeAny>(schema: T, body: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(body)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const path = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)'
  throw new Error(`${what} does not have the expected shape: ${path}: ${issue?.message ?? 'invalid'}`)
}
