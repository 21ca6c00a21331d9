import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {DAY_MS} from '../../src/lib/domain/time.js'
import {startServer, type RunningServer} from '../../src/lib/server/index.js'
import {iso} from '../helpers/values.js'
import {call, CLUSTER0, freezeClock, tempHome, V20230101, V20240805} from './helpers.js'

/**
 * `serve` answers copy settings as the emulator does (rules 56, 60, 62): the 2023-01-01 PATCH names the replication spec,
 * the 2024-08-05 one the zone; snapshots list their copies in copyRegions; refusals carry Atlas's codes.
 */

const START = iso('2026-06-15T10:30:00Z')
let served: RunningServer
let home: string

beforeAll(async () => {
  home = tempHome()
  await freezeClock(home, START)
  served = await startServer({home, port: 0})
})

afterAll(async () => {
  await served?.close()
})

const patch = (body: unknown, accept = V20240805) => call(served.url, `${CLUSTER0}/backup/schedule`, {method: 'PATCH', accept, body: JSON.stringify(body)})

describe('serve: copy settings and copies', () => {
  it('rule 56: a 2023-01-01 PATCH with replicationSpecId is stored by zone and answered with replicationSpecId; a week later copyRegions lists the region', async () => {
    const cluster = (await call(served.url, CLUSTER0, {accept: V20240805})).body
    const spec = cluster.replicationSpecs[0]
    const setting = {cloudProvider: 'AWS', regionName: 'US_WEST_2', replicationSpecId: spec.id, frequencies: ['DAILY'], shouldCopyOplogs: false}
    const older = await patch({copySettings: [setting]}, V20230101)
    expect(older.status).toBe(200)
    expect(older.body.copySettings).toEqual([setting])
    const latest = await call(served.url, `${CLUSTER0}/backup/schedule`, {accept: V20240805})
    expect(latest.body.copySettings).toEqual([{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId: spec.zoneId, frequencies: ['DAILY'], shouldCopyOplogs: false}])

    await freezeClock(home, START + 7 * DAY_MS)
    const page = (await call(served.url, `${CLUSTER0}/backup/snapshots?itemsPerPage=500`, {accept: V20230101})).body
    const week = page.results.filter((s: {createdAt: string}) => iso(s.createdAt) > START)
    const daily = week.filter((s: {frequencyType: string}) => s.frequencyType === 'daily')
    expect(daily).toHaveLength(6)
    for (const snapshot of daily) expect(snapshot.copyRegions).toEqual(['US_WEST_2'])
    for (const snapshot of week.filter((s: {frequencyType: string}) => s.frequencyType === 'hourly')) expect(snapshot.copyRegions).toEqual([])

    // Rule 60: removing the setting with deleteCopiedBackups (by replication spec, 2023-01-01) deletes the copies.
    const removed = await patch({copySettings: [], deleteCopiedBackups: [{cloudProvider: 'AWS', regionName: 'US_WEST_2', replicationSpecId: spec.id}]}, V20230101)
    expect(removed.status).toBe(200)
    const after = (await call(served.url, `${CLUSTER0}/backup/snapshots?itemsPerPage=500`, {accept: V20230101})).body
    for (const snapshot of after.results) expect(snapshot.copyRegions).toEqual([])
  })

  it('rule 62: the 2024-08-05 PATCH and GET carry lastNumberOfSnapshots and autoCopySettingsEnabled; the 2023-01-01 GET has no autoCopySettingsEnabled', async () => {
    const zoneId = (await call(served.url, CLUSTER0, {accept: V20240805})).body.replicationSpecs[0].zoneId
    const window = {cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId, lastNumberOfSnapshots: 3, shouldCopyOplogs: false}
    const counted = await patch({copySettings: [window]})
    expect(counted.status).toBe(200)
    expect(counted.body.copySettings).toEqual([window])
    expect((await call(served.url, `${CLUSTER0}/backup/schedule`, {accept: V20240805})).body.copySettings).toEqual([window])

    const multi = CLUSTER0.replace('Cluster0', 'MultiRegion0')
    const multiZone = (await call(served.url, multi, {accept: V20240805})).body.replicationSpecs[0].zoneId
    const auto = await call(served.url, `${multi}/backup/schedule`, {method: 'PATCH', accept: V20240805, body: JSON.stringify({autoCopySettingsEnabled: true})})
    expect(auto.status).toBe(200)
    const latest = (await call(served.url, `${multi}/backup/schedule`, {accept: V20240805})).body
    expect(latest).toMatchObject({autoCopySettingsEnabled: true, copyPolicyItemsEnabled: true})
    expect(latest.copySettings.map((c: {regionName: string; zoneId: string}) => [c.regionName, c.zoneId])).toEqual([
      ['US_EAST_2', multiZone],
      ['US_WEST_2', multiZone],
    ])
    const older = (await call(served.url, `${multi}/backup/schedule`, {accept: V20230101})).body
    expect(older).not.toHaveProperty('autoCopySettingsEnabled')

    const refused = await call(served.url, `${multi}/backup/schedule`, {method: 'PATCH', accept: V20240805, body: JSON.stringify({copySettings: latest.copySettings.slice(0, 1)})})
    expect(refused.status).toBe(400)
    expect(refused.body).toMatchObject({error: 400, errorCode: 'INVALID_ATTRIBUTE'})
  })

  it('rule 56 refused over HTTP: NOT_A_REGION is 400 INVALID_REGION, a foreign zone 400 INVALID_ATTRIBUTE', async () => {
    const zoneId = (await call(served.url, CLUSTER0, {accept: V20240805})).body.replicationSpecs[0].zoneId
    const region = await patch({copySettings: [{cloudProvider: 'AWS', regionName: 'NOT_A_REGION', zoneId, frequencies: ['DAILY']}]})
    expect(region.status).toBe(400)
    expect(region.body).toMatchObject({error: 400, errorCode: 'INVALID_REGION'})
    const zone = await patch({copySettings: [{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId: '0123456789abcdef01234567', frequencies: ['DAILY']}]})
    expect(zone.status).toBe(400)
    expect(zone.body).toMatchObject({error: 400, errorCode: 'INVALID_ATTRIBUTE'})
  })
})
