import {describe, expect, it} from 'vitest'

import {
  MAX_ACTIVE_DOWNLOADS_PER_PROJECT,
  checkDownloadEncryption,
  checkProjectDownloads,
  checkRestoreEncryption,
  checkRestoreJob,
  coverageFrom,
  parseRestoreRequest,
  type RestoreJobInput,
} from '../../../src/lib/restores/index.js'
import {GROUP, OTHER_GROUP, SNAPSHOT_ID, expectRefused, refusal, replicaSet, rsSnapshot} from './fixtures.js'

const NOW = Date.parse('2026-11-30T12:00:00Z')

describe('rule 76: a snapshot encrypted with a customer key cannot be downloaded', () => {
  it('accepts a snapshot without a customer key', () => {
    expect(refusal(() => checkDownloadEncryption(rsSnapshot()))).toBeUndefined()
  })

  it.each(['AWS', 'AZURE', 'GCP'] as const)('refuses a snapshot encrypted with a %s key: CANNOT_DOWNLOAD_SNAPSHOT_WITH_ENCRYPTION 400', (provider) => {
    expectRefused(() => checkDownloadEncryption(rsSnapshot({customerKeyProvider: provider})), {rule: 76, field: 'snapshotId', status: 400, errorCode: 'CANNOT_DOWNLOAD_SNAPSHOT_WITH_ENCRYPTION'})
  })
})

describe('rule 76: a project holds a limited number of active downloads', () => {
  it(`accepts a download while the project has fewer than ${MAX_ACTIVE_DOWNLOADS_PER_PROJECT} active`, () => {
    expect(refusal(() => checkProjectDownloads(GROUP, 0))).toBeUndefined()
    expect(refusal(() => checkProjectDownloads(GROUP, MAX_ACTIVE_DOWNLOADS_PER_PROJECT - 1))).toBeUndefined()
  })

  it('refuses one more once the limit is reached: TOO_MANY_SNAPSHOT_DOWNLOADS 400', () => {
    expectRefused(() => checkProjectDownloads(GROUP, MAX_ACTIVE_DOWNLOADS_PER_PROJECT), {rule: 76, field: 'deliveryType', status: 400, errorCode: 'TOO_MANY_SNAPSHOT_DOWNLOADS'})
    expectRefused(() => checkProjectDownloads(GROUP, MAX_ACTIVE_DOWNLOADS_PER_PROJECT + 1), {rule: 76, field: 'deliveryType', status: 400, errorCode: 'TOO_MANY_SNAPSHOT_DOWNLOADS'})
  })
})

describe("rule 75: the snapshot's encryption matches the target's", () => {
  it('accepts a customer-key snapshot into a target encrypted with the same provider', () => {
    expect(refusal(() => checkRestoreEncryption(rsSnapshot({customerKeyProvider: 'AZURE'}), replicaSet({encryptionAtRestProvider: 'AZURE'})))).toBeUndefined()
  })

  it('accepts an unencrypted snapshot into any target, encrypted or not', () => {
    for (const provider of ['NONE', 'AWS', 'AZURE', 'GCP'] as const) {
      expect(refusal(() => checkRestoreEncryption(rsSnapshot(), replicaSet({encryptionAtRestProvider: provider})))).toBeUndefined()
    }
    expect(refusal(() => checkRestoreEncryption(rsSnapshot(), replicaSet()))).toBeUndefined()
  })

  it('refuses a customer-key snapshot into an unencrypted target: INVALID_SNAPSHOT_RESTORE_ENCRYPTION 400', () => {
    const expected = {rule: 75, field: 'targetClusterName', status: 400, errorCode: 'INVALID_SNAPSHOT_RESTORE_ENCRYPTION'}
    expectRefused(() => checkRestoreEncryption(rsSnapshot({customerKeyProvider: 'AWS'}), replicaSet()), expected)
    expectRefused(() => checkRestoreEncryption(rsSnapshot({customerKeyProvider: 'AWS'}), replicaSet({encryptionAtRestProvider: 'NONE'})), expected)
  })

  it('refuses a customer-key snapshot into a target encrypted with another provider', () => {
    expectRefused(() => checkRestoreEncryption(rsSnapshot({customerKeyProvider: 'AWS'}), replicaSet({encryptionAtRestProvider: 'GCP'})), {
      rule: 75,
      field: 'targetClusterName',
      status: 400,
      errorCode: 'INVALID_SNAPSHOT_RESTORE_ENCRYPTION',
    })
  })
})

describe('a whole restore job meets the encryption rules', () => {
  function input(body: Record<string, unknown>, overrides: Partial<RestoreJobInput> = {}): RestoreJobInput {
    return {
      request: parseRestoreRequest(body, {serverless: false}),
      source: replicaSet({name: 'source', groupId: GROUP, shards: ['source-shard-0'], encryptionAtRestProvider: 'AWS'}),
      snapshots: [rsSnapshot({customerKeyProvider: 'AWS'})],
      coverage: coverageFrom(NOW, false),
      restoreWindowDays: 7,
      activeDownloads: [],
      projectActiveDownloads: 0,
      now: NOW,
      ...overrides,
    }
  }
  const automated = {deliveryType: 'automated', snapshotId: SNAPSHOT_ID, targetClusterName: 'target', targetGroupId: OTHER_GROUP}

  it('an encrypted snapshot restores into a target with the same provider (rule 75)', () => {
    expect(checkRestoreJob(input(automated, {target: replicaSet({encryptionAtRestProvider: 'AWS'})})).snapshotId).toBe(SNAPSHOT_ID)
    expectRefused(() => checkRestoreJob(input(automated, {target: replicaSet()})), {rule: 75, field: 'targetClusterName', status: 400, errorCode: 'INVALID_SNAPSHOT_RESTORE_ENCRYPTION'})
  })

  it('an encrypted snapshot is not downloaded; an unencrypted one is, until the project limit (rule 76)', () => {
    const download = {deliveryType: 'download', snapshotId: SNAPSHOT_ID}
    expectRefused(() => checkRestoreJob(input(download)), {rule: 76, field: 'snapshotId', status: 400, errorCode: 'CANNOT_DOWNLOAD_SNAPSHOT_WITH_ENCRYPTION'})
    const plain = {snapshots: [rsSnapshot()]}
    expect(checkRestoreJob(input(download, {...plain, projectActiveDownloads: MAX_ACTIVE_DOWNLOADS_PER_PROJECT - 1}))).toStrictEqual({deliveryType: 'download', snapshotId: SNAPSHOT_ID})
    expectRefused(() => checkRestoreJob(input(download, {...plain, projectActiveDownloads: MAX_ACTIVE_DOWNLOADS_PER_PROJECT})), {
      rule: 76,
      field: 'deliveryType',
      status: 400,
      errorCode: 'TOO_MANY_SNAPSHOT_DOWNLOADS',
    })
  })
})
