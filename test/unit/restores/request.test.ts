import {describe, expect, it} from 'vitest'

import {MAX_INT32, MIN_PIT_SECONDS, parseRestoreRequest, pointInTimeField, pointInTimeMs} from '../../../src/lib/restores/index.js'
import {GROUP, SNAPSHOT_ID, expectRefused} from './fixtures.js'

const target = {targetClusterName: 'target', targetGroupId: GROUP}
const pit = {deliveryType: 'pointInTime', ...target}

describe('rule 68: exactly one delivery type', () => {
  it.each(['automated', 'download', 'pointInTime'])('accepts %s', (deliveryType) => {
    const body = {deliveryType, snapshotId: SNAPSHOT_ID, ...target, ...(deliveryType === 'pointInTime' ? {pointInTimeUTCSeconds: MIN_PIT_SECONDS} : {})}
    expect(parseRestoreRequest(body).deliveryType).toBe(deliveryType)
  })

  it.each([[undefined], [null]])('refuses a missing deliveryType (%j) with MISSING_ATTRIBUTE 400', (deliveryType) => {
    expectRefused(() => parseRestoreRequest({deliveryType, snapshotId: SNAPSHOT_ID}), {rule: 68, field: 'deliveryType', status: 400, errorCode: 'MISSING_ATTRIBUTE'})
  })

  it.each([['AUTOMATED'], ['restore'], [['automated', 'download']], [['automated']], [1]])('refuses deliveryType %j with INVALID_ENUM_VALUE 400', (deliveryType) => {
    expectRefused(() => parseRestoreRequest({deliveryType, snapshotId: SNAPSHOT_ID, ...target}), {rule: 68, field: 'deliveryType', status: 400, errorCode: 'INVALID_ENUM_VALUE'})
  })

  it.each([[undefined], [null], ['text'], [[]], [['automated']]])('a body that is not an object (%j) lacks deliveryType', (body) => {
    expectRefused(() => parseRestoreRequest(body), {rule: 68, field: 'deliveryType', status: 400, errorCode: 'MISSING_ATTRIBUTE'})
  })
})

describe('rule 69: automated and pointInTime need a target cluster and project', () => {
  it.each(['automated', 'pointInTime'])('%s with both is accepted and keeps them', (deliveryType) => {
    const body = {deliveryType, snapshotId: SNAPSHOT_ID, ...target, pointInTimeUTCSeconds: MIN_PIT_SECONDS}
    expect(parseRestoreRequest(body).target).toEqual({clusterName: 'target', groupId: GROUP})
  })

  for (const deliveryType of ['automated', 'pointInTime']) {
    for (const field of ['targetClusterName', 'targetGroupId']) {
      it.each([[undefined], [''], ['  '], [7]])(`${deliveryType} with ${field} %j is refused`, (value) => {
        const body = {deliveryType, snapshotId: SNAPSHOT_ID, ...target, pointInTimeUTCSeconds: MIN_PIT_SECONDS, [field]: value}
        expectRefused(() => parseRestoreRequest(body), {rule: 69, field, status: 400, errorCode: 'MISSING_ATTRIBUTE'})
      })
    }
  }

  it.each([['my-project'], [`x${GROUP}`], [`${GROUP}x`]])('a targetGroupId %j that is no project ID is refused', (targetGroupId) => {
    expectRefused(() => parseRestoreRequest({deliveryType: 'automated', snapshotId: SNAPSHOT_ID, targetClusterName: 'target', targetGroupId}), {
      rule: 69,
      field: 'targetGroupId',
      status: 400,
      errorCode: 'INVALID_ATTRIBUTE',
    })
  })

  it('a download needs no target, and a target sent with one is dropped', () => {
    expect(parseRestoreRequest({deliveryType: 'download', snapshotId: SNAPSHOT_ID})).toStrictEqual({deliveryType: 'download', snapshotId: SNAPSHOT_ID})
    expect(parseRestoreRequest({deliveryType: 'download', snapshotId: SNAPSHOT_ID, ...target, pointInTimeUTCSeconds: MIN_PIT_SECONDS})).toStrictEqual({
      deliveryType: 'download',
      snapshotId: SNAPSHOT_ID,
    })
  })

  it('an automated restore drops point-in-time fields', () => {
    expect(parseRestoreRequest({deliveryType: 'automated', snapshotId: SNAPSHOT_ID, ...target, oplogTs: MIN_PIT_SECONDS})).toStrictEqual({
      deliveryType: 'automated',
      snapshotId: SNAPSHOT_ID,
      target: {clusterName: 'target', groupId: GROUP},
    })
  })

  it.each(['automated', 'download'])('%s needs a snapshotId', (deliveryType) => {
    expectRefused(() => parseRestoreRequest({deliveryType, ...target}), {rule: 69, field: 'snapshotId', status: 400, errorCode: 'MISSING_ATTRIBUTE'})
  })

  it('pointInTime takes a snapshotId optionally', () => {
    expect(parseRestoreRequest({...pit, pointInTimeUTCSeconds: MIN_PIT_SECONDS})).toStrictEqual({
      deliveryType: 'pointInTime',
      target: {clusterName: 'target', groupId: GROUP},
      pointInTime: {by: 'seconds', seconds: MIN_PIT_SECONDS},
    })
    expect(parseRestoreRequest({...pit, snapshotId: SNAPSHOT_ID, pointInTimeUTCSeconds: MIN_PIT_SECONDS}).snapshotId).toBe(SNAPSHOT_ID)
  })

  it.each([['6A79468A2C88FAEBA59DE489'], ['6a79468a2c88faeba59de48'], [`x${SNAPSHOT_ID}`], [`${SNAPSHOT_ID}x`], [[SNAPSHOT_ID]], [42]])('a snapshotId %j that is no ID is refused', (snapshotId) => {
    expectRefused(() => parseRestoreRequest({deliveryType: 'download', snapshotId}), {rule: 69, field: 'snapshotId', status: 400, errorCode: 'INVALID_ATTRIBUTE'})
  })

  it('a serverless restore names its target even for a download (the schema requires it)', () => {
    expectRefused(() => parseRestoreRequest({deliveryType: 'download', snapshotId: SNAPSHOT_ID}, {serverless: true}), {
      rule: 69,
      field: 'targetClusterName',
      status: 400,
      errorCode: 'MISSING_ATTRIBUTE',
    })
    expect(parseRestoreRequest({deliveryType: 'automated', snapshotId: SNAPSHOT_ID, ...target}, {serverless: true}).target?.clusterName).toBe('target')
  })
})

describe('rule 70: a point in time by second or by oplog entry, one way only', () => {
  it('accepts pointInTimeUTCSeconds alone', () => {
    const request = parseRestoreRequest({...pit, pointInTimeUTCSeconds: 1_795_000_000})
    expect(request.pointInTime).toEqual({by: 'seconds', seconds: 1_795_000_000})
    expect(pointInTimeMs(request.pointInTime!)).toBe(1_795_000_000_000)
    expect(pointInTimeField(request.pointInTime!)).toBe('pointInTimeUTCSeconds')
  })

  it('accepts oplogTs with oplogInc; the ordinal does not move the instant', () => {
    const request = parseRestoreRequest({...pit, oplogTs: 1_795_000_000, oplogInc: 7})
    expect(request.pointInTime).toEqual({by: 'oplog', oplogTs: 1_795_000_000, oplogInc: 7})
    expect(pointInTimeMs(request.pointInTime!)).toBe(1_795_000_000_000)
    expect(pointInTimeField(request.pointInTime!)).toBe('oplogTs')
  })

  it.each([
    [{oplogTs: 1_795_000_000, oplogInc: 1}],
    [{oplogTs: 1_795_000_000}],
    [{oplogInc: 1}],
  ])('refuses pointInTimeUTCSeconds together with %j', (oplog) => {
    expectRefused(() => parseRestoreRequest({...pit, pointInTimeUTCSeconds: 1_795_000_000, ...oplog}), {rule: 70, field: 'pointInTimeUTCSeconds', status: 400, errorCode: 'INVALID_ATTRIBUTE'})
  })

  it('refuses neither', () => {
    expectRefused(() => parseRestoreRequest({...pit, pointInTimeUTCSeconds: null}), {rule: 70, field: 'pointInTimeUTCSeconds', status: 400, errorCode: 'MISSING_ATTRIBUTE'})
  })

  it('refuses half a pair', () => {
    expectRefused(() => parseRestoreRequest({...pit, oplogTs: 1_795_000_000}), {rule: 70, field: 'oplogInc', status: 400, errorCode: 'MISSING_ATTRIBUTE'})
    expectRefused(() => parseRestoreRequest({...pit, oplogInc: 3}), {rule: 70, field: 'oplogTs', status: 400, errorCode: 'MISSING_ATTRIBUTE'})
  })

  it.each([
    ['pointInTimeUTCSeconds', MIN_PIT_SECONDS, true],
    ['pointInTimeUTCSeconds', MIN_PIT_SECONDS - 1, false],
    ['pointInTimeUTCSeconds', MAX_INT32, true],
    ['pointInTimeUTCSeconds', MAX_INT32 + 1, false],
    ['pointInTimeUTCSeconds', 1_795_000_000.5, false],
    ['pointInTimeUTCSeconds', '1795000000', false],
    ['oplogTs', MIN_PIT_SECONDS, true],
    ['oplogTs', MIN_PIT_SECONDS - 1, false],
    ['oplogTs', MAX_INT32 + 1, false],
    ['oplogInc', 1, true],
    ['oplogInc', 0, false],
    ['oplogInc', MAX_INT32, true],
    ['oplogInc', MAX_INT32 + 1, false],
    ['oplogInc', 1.5, false],
  ] as const)('%s %j: accepted %s', (field, value, accepted) => {
    const body = field === 'pointInTimeUTCSeconds' ? {...pit, pointInTimeUTCSeconds: value} : {...pit, oplogTs: 1_795_000_000, oplogInc: 1, [field]: value}
    if (accepted) expect(parseRestoreRequest(body).pointInTime).toBeDefined()
    else expectRefused(() => parseRestoreRequest(body), {rule: 70, field, status: 400, errorCode: 'INVALID_ATTRIBUTE'})
  })

  it('rule 83: a serverless instance restores by time, not by oplog entry', () => {
    expect(parseRestoreRequest({...pit, pointInTimeUTCSeconds: 1_795_000_000}, {serverless: true}).pointInTime).toEqual({by: 'seconds', seconds: 1_795_000_000})
    expectRefused(() => parseRestoreRequest({...pit, oplogTs: 1_795_000_000, oplogInc: 1}, {serverless: true}), {rule: 83, field: 'oplogTs', status: 400, errorCode: 'INVALID_ATTRIBUTE'})
  })
})
