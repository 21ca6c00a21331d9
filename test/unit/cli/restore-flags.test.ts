import {describe, expect, it} from 'vitest'

import {UsageError} from '../../../src/lib/cli/errors.js'
import {requireRestoreJobId, restoreRequestFromFlags} from '../../../src/lib/cli/restore-flags.js'

const SNAPSHOT = '6a79468a2c88faeba59de489'
const PROJECT = '6a794320c0eb9e7a17728a63'
const target = {targetClusterName: 'Cluster1', targetProjectId: PROJECT}

function refusal(run: () => unknown): UsageError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError)
    return error as UsageError
  }
  throw new Error('expected a usage error')
}

describe('restoreRequestFromFlags: the body `backups restores start` sends', () => {
  it('automated: the Atlas CLI fields in its order, --targetProjectId sent as targetGroupId', () => {
    const body = restoreRequestFromFlags('automated', {snapshotId: SNAPSHOT, ...target})
    expect(JSON.stringify(body)).toBe(JSON.stringify({deliveryType: 'automated', snapshotId: SNAPSHOT, targetClusterName: 'Cluster1', targetGroupId: PROJECT}))
  })

  it('download: the snapshot alone', () => {
    expect(restoreRequestFromFlags('download', {snapshotId: SNAPSHOT})).toEqual({deliveryType: 'download', snapshotId: SNAPSHOT})
  })

  it('pointInTime: --pointInTime in any zone becomes the same pointInTimeUTCSeconds', () => {
    const utc = restoreRequestFromFlags('pointInTime', {...target, pointInTime: '2026-11-29T10:15:00Z'})
    const offset = restoreRequestFromFlags('pointInTime', {...target, pointInTime: '2026-11-29T12:15:00+02:00'})
    expect(utc.pointInTimeUTCSeconds).toBe(Date.UTC(2026, 10, 29, 10, 15) / 1000)
    expect(offset).toEqual(utc)
  })

  it('pointInTime: an oplog entry, or seconds, as given', () => {
    expect(restoreRequestFromFlags('pointInTime', {...target, oplogTs: 1_786_332_600, oplogInc: 3})).toMatchObject({oplogTs: 1_786_332_600, oplogInc: 3})
    expect(restoreRequestFromFlags('pointInTime', {...target, pointInTimeUTCSeconds: 1_786_332_600})).toMatchObject({pointInTimeUTCSeconds: 1_786_332_600})
  })

  it('refuses in flag terms what the request rules refuse (rows 69, 70)', () => {
    expect(refusal(() => restoreRequestFromFlags('automated', {snapshotId: SNAPSHOT, targetClusterName: 'Cluster1'})).message).toMatch(/^missing --targetProjectId: .*--targetClusterName and --targetProjectId/)
    expect(refusal(() => restoreRequestFromFlags('pointInTime', {...target, oplogInc: 1})).message).toMatch(/^missing --oplogTs/)
    expect(refusal(() => restoreRequestFromFlags('pointInTime', {...target, pointInTime: '2026-11-29T10:15:00Z', oplogTs: 1_786_332_600, oplogInc: 1})).message).toBe(
      'invalid --pointInTime: give either --pointInTime or --oplogTs with --oplogInc, not both.',
    )
    expect(refusal(() => restoreRequestFromFlags('pointInTime', {...target, pointInTime: '2001-01-01T00:00:00Z'})).message).toMatch(/^invalid --pointInTime: 978307200 is not a whole number of seconds/)
  })

  it('refuses flags the type does not use, and a fraction of a second', () => {
    expect(refusal(() => restoreRequestFromFlags('download', {snapshotId: SNAPSHOT, ...target})).message).toBe(
      '--targetClusterName and --targetProjectId do not apply to a download: it writes no cluster, it prepares a file to fetch',
    )
    expect(refusal(() => restoreRequestFromFlags('automated', {snapshotId: SNAPSHOT, ...target, oplogTs: 1, oplogInc: 1})).message).toMatch(/^--oplogTs and --oplogInc apply to pointInTime restores only: an automated restore/)
    expect(refusal(() => restoreRequestFromFlags('pointInTime', {...target, pointInTime: '2026-11-29T10:15:00.001Z'})).message).toMatch(/fraction of a second/)
  })
})

describe('requireRestoreJobId', () => {
  it('accepts 24 hexadecimal characters and refuses anything else', () => {
    expect(requireRestoreJobId('6a794733c0eb9e7a17740663')).toBe('6a794733c0eb9e7a17740663')
    expect(refusal(() => requireRestoreJobId('6A794733C0EB9E7A17740663')).message).toMatch(/is not a restore job ID/)
  })
})
