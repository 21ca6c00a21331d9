import {describe, expect, it} from 'vitest'

import {
  isRestoreJobSettled,
  restoreJobDescribeTable,
  restoreJobListTable,
  restoreJobStarted,
  restoreJobState,
  restoreWatchDone,
} from '../../../src/lib/cli/views/restores.js'
import type {RestoreJob} from '../../../src/lib/domain/types.js'

const automated: RestoreJob = {
  id: '6a794733c0eb9e7a17740663',
  deliveryType: 'automated',
  snapshotId: '6a79468a2c88faeba59de489',
  targetClusterName: 'Cluster1',
  targetGroupId: '6a794320c0eb9e7a17728a63',
  cancelled: false,
  expired: false,
  failed: false,
  deliveryUrl: [],
}
const download: RestoreJob = {
  id: '6a7948342c88faeba59eb866',
  deliveryType: 'download',
  snapshotId: '6a79468a2c88faeba59de489',
  deliveryUrl: ['https://a.example/one.tar.gz', 'https://a.example/two.tar.gz'],
  expiresAt: '2026-08-10T04:44:52Z',
}

describe('restore-job tables', () => {
  it('list: the Atlas CLI columns, an empty cell where a download has no target', async () => {
    const lines = (await restoreJobListTable({results: [automated, download]})).split('\n')
    expect(lines[0]!.split(/ {3,}/)).toEqual(['ID', 'SNAPSHOT', 'CLUSTER', 'TYPE', 'EXPIRES AT'])
    expect(lines[1]!.split(/ {3,}/)).toEqual([automated.id, automated.snapshotId, 'Cluster1', 'automated'])
    expect(lines[2]).toMatch(new RegExp(`^${download.id}   ${download.snapshotId} {3,}download {3,}2026-08-10T04:44:52Z$`))
    expect(lines).toHaveLength(3)
  })

  it('describe: the URLs joined by "; " in the last column', async () => {
    const [head, row] = (await restoreJobDescribeTable(download)).split('\n')
    expect(head!.split(/ {3,}/)).toEqual(['ID', 'SNAPSHOT', 'CLUSTER', 'TYPE', 'EXPIRES AT', 'URLs'])
    expect(row).toMatch(/download {3}2026-08-10T04:44:52Z {3}https:\/\/a\.example\/one\.tar\.gz; https:\/\/a\.example\/two\.tar\.gz$/)
  })

  it('the start line, and the watch line with a download\'s URLs below it', () => {
    expect(restoreJobStarted(automated)).toBe(`Restore job '${automated.id}' successfully started`)
    expect(restoreWatchDone({...automated, finishedAt: '2026-08-10T03:40:10Z'})).toBe('Restore completed.')
    expect(restoreWatchDone(download)).toBe('Restore completed.\nhttps://a.example/one.tar.gz\nhttps://a.example/two.tar.gz')
  })
})

describe('restore-job state (the Atlas CLI watch conditions)', () => {
  it('runs until finishedAt; a download until its URL is there', () => {
    expect(restoreJobState(automated)).toBe('in progress')
    expect(isRestoreJobSettled(automated)).toBe(false)
    expect(restoreJobState({...download, deliveryUrl: []})).toBe('in progress')
    expect(restoreJobState(download)).toBe('ready')
    expect(restoreJobState({...automated, finishedAt: '2026-08-10T03:40:10Z'})).toBe('completed')
    // An automated job never counts as ready because of a URL: only its finish ends it.
    expect(restoreJobState({...automated, deliveryUrl: ['https://x']})).toBe('in progress')
  })

  it('failed wins over expired, expired over cancelled, each over finishedAt', () => {
    const ended = {...download, finishedAt: '2026-08-10T05:00:00Z'}
    expect(restoreJobState({...ended, failed: true, expired: true, cancelled: true})).toBe('failed')
    expect(restoreJobState({...ended, expired: true, cancelled: true})).toBe('expired')
    expect(restoreJobState({...ended, cancelled: true})).toBe('cancelled')
    expect(isRestoreJobSettled({...automated, cancelled: true})).toBe(true)
  })
})
