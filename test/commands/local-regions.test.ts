import {afterAll, describe, expect, it} from 'vitest'

import {DEMO_PROJECT_ID} from '../../src/lib/backends/local/fleet.js'
import {cleanupHomes, expectOneErrorLine, frozenHome, runCli, storeBytes, type CliResult} from '../helpers/cli.js'

/** `local regions outage|list`: simulated regional outages, kept in the store, as a user drives them. */

const LOCAL = {MONGODB_ATLAS_SERVICE: 'local'}
const AT = '2026-06-15T10:30:00Z'

afterAll(cleanupHomes)

function local(home: string, args: string[]): Promise<CliResult> {
  return runCli(args, {home, env: LOCAL})
}

describe('local regions outage|list', () => {
  it('starts an outage at the virtual now, lists it, and ends it', async () => {
    const home = await frozenHome(AT)
    const started = await local(home, ['local', 'regions', 'outage', 'us_east_2'])
    expect(started.code, started.stderr).toBe(0)
    expect(started.stdout).toBe(`Outage of AWS US_EAST_2 since ${AT}: restores of snapshots stored there use a copy in another region.\n`)
    const list = await local(home, ['local', 'regions', 'list', '-o', 'json'])
    expect(list.code, list.stderr).toBe(0)
    const rows = JSON.parse(list.stdout) as Array<{regionName: string; status: string; outageSince?: string; clusters: string[]}>
    expect(rows.find((r) => r.regionName === 'US_EAST_2')).toMatchObject({status: 'outage', outageSince: AT, clusters: ['MultiRegion0']})
    expect(rows.find((r) => r.regionName === 'US_EAST_1')).toMatchObject({status: 'available'})
    const text = await local(home, ['local', 'regions', 'list'])
    expect(text.stdout).toMatch(/^AWS\s+US_EAST_2\s+outage\s+2026-06-15T10:30:00Z\s+MultiRegion0\s*$/m)
    const ended = await local(home, ['local', 'regions', 'outage', 'US_EAST_2', '--end', '-o', 'json'])
    expect(ended.code, ended.stderr).toBe(0)
    expect(JSON.parse(ended.stdout)).toEqual({cloudProvider: 'AWS', regionName: 'US_EAST_2', since: AT, status: 'available'})
    const after = JSON.parse((await local(home, ['local', 'regions', 'list', '-o', 'json'])).stdout) as Array<{status: string}>
    expect(after.every((r) => r.status === 'available')).toBe(true)
  })

  it('a region name several providers have goes to the provider the clusters use there; --cloudProvider picks another', async () => {
    const home = await frozenHome(AT)
    // The demo fleet is AWS: MultiRegion0 has nodes in US_WEST_2, which Azure and GCP also have.
    const aws = await local(home, ['local', 'regions', 'outage', 'US_WEST_2', '-o', 'json'])
    expect(JSON.parse(aws.stdout)).toMatchObject({cloudProvider: 'AWS', regionName: 'US_WEST_2'})
    const gcp = await local(home, ['local', 'regions', 'outage', 'US_WEST_2', '--cloudProvider', 'GCP', '-o', 'json'])
    expect(JSON.parse(gcp.stdout)).toMatchObject({cloudProvider: 'GCP', regionName: 'US_WEST_2'})
  })

  it('refuses a name that is no region, an ambiguous one nobody uses, and a region of another provider (exit 2, nothing changed)', async () => {
    const home = await frozenHome(AT)
    const before = storeBytes(home)
    expectOneErrorLine(await local(home, ['local', 'regions', 'outage', 'NOWHERE_1']), 2, /NOWHERE_1 is not an Atlas region/)
    expectOneErrorLine(await local(home, ['local', 'regions', 'outage', 'US_WEST_3']), 2, /US_WEST_3 is a region of AZURE, GCP\. Pass --cloudProvider AZURE\|GCP/)
    expectOneErrorLine(await local(home, ['local', 'regions', 'outage', 'EASTERN_US', '--cloudProvider', 'AWS']), 2, /EASTERN_US is not a region of AWS\. It is a region of GCP/)
    expect(storeBytes(home).equals(before)).toBe(true)
  })

  it('ending an outage that is not in force is an error naming the list command (exit 1)', async () => {
    const home = await frozenHome(AT)
    expectOneErrorLine(await local(home, ['local', 'regions', 'outage', 'US_EAST_1', '--end']), 1, /AWS US_EAST_1 has no outage to end\. List the outages with `local regions list`/)
  })
})

describe('restores during a simulated outage, through the CLI', () => {
  it('restores start serves a copied snapshot from its copy region; describe names it; a snapshot with no copy is refused', async () => {
    const home = await frozenHome(AT)
    const copied = await local(home, ['backups', 'schedule', 'update', '--clusterName', 'Cluster0', '--copyRegion', 'US_WEST_2:daily:oplog'])
    expect(copied.code, copied.stderr).toBe(0)
    expect((await local(home, ['local', 'clock', 'advance', '2d'])).code).toBe(0)
    expect((await local(home, ['local', 'regions', 'outage', 'US_EAST_1'])).code).toBe(0)
    const list = await local(home, ['backups', 'snapshots', 'list', 'Cluster0', '--limit', '20', '-o', 'json'])
    const snapshots = (JSON.parse(list.stdout) as {results: Array<{id: string; status: string; frequencyType: string; copyRegions: string[]}>}).results.filter((s) => s.status === 'completed')
    const daily = snapshots.find((s) => s.copyRegions.includes('US_WEST_2'))!
    const hourly = snapshots.find((s) => s.frequencyType === 'hourly')!
    const start = ['backups', 'restores', 'start', 'automated', '--clusterName', 'Cluster0', '--targetClusterName', 'MultiRegion0', '--targetProjectId', DEMO_PROJECT_ID, '--force']
    expectOneErrorLine(await local(home, [...start, '--snapshotId', hourly.id]), 1, /Snapshot [0-9a-f]{24} of cluster Cluster0 is stored in AWS US_EAST_1, which is out, and it has no copy in another region.*SNAPSHOT_REGION_UNAVAILABLE.*local regions outage <region> --end/)
    const started = await local(home, [...start, '--snapshotId', daily.id, '-o', 'json'])
    expect(started.code, started.stderr).toBe(0)
    const job = JSON.parse(started.stdout) as {id: string; servedFromCopyRegion?: string}
    expect(job.servedFromCopyRegion).toBe('US_WEST_2')
    expect(started.stderr).toBe("Note: the snapshot's region is out; the copy in US_WEST_2 serves this restore.\n")
    const described = await local(home, ['backups', 'restores', 'describe', job.id, '--clusterName', 'Cluster0'])
    expect(described.code, described.stderr).toBe(0)
    const [header, row] = described.stdout.trimEnd().split('\n')
    expect(header!.trim().split(/ {3,}/)).toEqual(['ID', 'SNAPSHOT', 'CLUSTER', 'TYPE', 'EXPIRES AT', 'URLs', 'SERVED FROM COPY IN'])
    expect(row).toMatch(new RegExp(`^${job.id}\\s+${daily.id}\\s+MultiRegion0\\s+automated\\s+US_WEST_2\\s*$`))
  })
})
