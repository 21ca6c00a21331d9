import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {afterAll, describe, expect, it} from 'vitest'

import type {Paginated, Snapshot} from '../../src/lib/domain/types.js'
import {cleanupHomes, expectOneErrorLine, makeHome, runCli} from '../helpers/cli.js'
import {json} from '../helpers/values.js'

afterAll(cleanupHomes)

describe('local emulator commands', () => {
  it('status, clock show/advance/set/freeze/unfreeze/reset', async () => {
    const home = makeHome()
    const status = await runCli(['local', 'status'], {home})
    expect(status.code).toBe(0)
    expect(status.stdout).toContain('local.db')
    const frozen = json<{now: string; frozen: boolean}>((await runCli(['local', 'clock', 'freeze', '-o', 'json'], {home})).stdout)
    expect(frozen.frozen).toBe(true)
    const advanced = json<{now: string}>((await runCli(['local', 'clock', 'advance', '1d12h', '-o', 'json'], {home})).stdout)
    expect(Date.parse(advanced.now) - Date.parse(frozen.now)).toBe(36 * 3_600_000)
    const set = json<{now: string}>((await runCli(['local', 'clock', 'set', '2030-01-01T00:00:00Z', '-o', 'json'], {home})).stdout)
    expect(set.now).toBe('2030-01-01T00:00:00Z')
    expect(json<{frozen: boolean}>((await runCli(['local', 'clock', 'unfreeze', '-o', 'json'], {home})).stdout).frozen).toBe(false)
    const reset = json<{now: string; frozen: boolean}>((await runCli(['local', 'clock', 'reset', '-o', 'json'], {home})).stdout)
    expect(Math.abs(Date.parse(reset.now) - Date.now())).toBeLessThan(60_000)
    const bad = await runCli(['local', 'clock', 'advance', 'soon'], {home})
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/soon/)
  })

  it('a frozen clock gives the same world on every run', async () => {
    const home = makeHome()
    const local = {MONGODB_ATLAS_SERVICE: 'local'}
    const frozen = await runCli(['local', 'clock', 'freeze', '-o', 'json'], {home, env: local})
    expect(frozen.code, frozen.stderr).toBe(0)
    const {now} = json<{now: string}>(frozen.stdout)
    const list = (): ReturnType<typeof runCli> => runCli(['backups', 'snapshots', 'list', 'Cluster0', '-o', 'json'], {home, env: local})
    const first = await list()
    const second = await list()
    // Two failed runs print the same (nothing): both must succeed, with the demo cluster's scheduled snapshots.
    for (const run of [first, second]) {
      expect(run.code, run.stderr).toBe(0)
      expect(run.stderr).toBe('')
    }
    const page = json<Paginated<Snapshot>>(first.stdout)
    expect(page.results.length).toBeGreaterThan(0)
    expect(page.totalCount).toBe(page.results.length)
    for (const snapshot of page.results) expect(Date.parse(snapshot.createdAt ?? '')).toBeLessThanOrEqual(Date.parse(now))
    expect(second.stdout).toBe(first.stdout)
    const clock = json<{now: string; frozen: boolean}>((await runCli(['local', 'clock', 'show', '-o', 'json'], {home, env: local})).stdout)
    expect(clock).toMatchObject({now, frozen: true})
  })

  it('clusters create, list and delete, with tier, regions, shards and continuous backup', async () => {
    const home = makeHome()
    const created = await runCli(['local', 'clusters', 'create', 'Geo1', '--tier', 'M30', '--region', 'US_EAST_1:3:7', '--region', 'EU_WEST_1:2:6', '--shards', '2', '--continuousBackup', '-o', 'json'], {home})
    expect(created.stderr).toBe('')
    expect(created.code).toBe(0)
    expect(json<{name: string; shards: number}>(created.stdout)).toMatchObject({name: 'Geo1', shards: 2})
    const list = await runCli(['local', 'clusters', 'list', '-o', 'json'], {home})
    expect(json<Array<{name: string}>>(list.stdout).map((c) => c.name)).toContain('Geo1')
    const missing = await runCli(['local', 'clusters', 'delete', 'Nope', '--force'], {home})
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('CLUSTER_NOT_FOUND')
    const duplicate = await runCli(['local', 'clusters', 'create', 'Geo1'], {home})
    expectOneErrorLine(duplicate, 1, /^Error: A cluster named Geo1 already exists in group [0-9a-f]{24} \(DUPLICATE_CLUSTER_NAME\)\.$/)
    expect((await runCli(['local', 'clusters', 'delete', 'Geo1', '--force'], {home})).code).toBe(0)
    expect(json<Array<{name: string}>>((await runCli(['local', 'clusters', 'list', '-o', 'json'], {home})).stdout).map((c) => c.name)).not.toContain('Geo1')
  })

  it('a sharded cluster gives shardedCluster snapshots with a member per shard and the config server', async () => {
    const home = makeHome()
    const created = await runCli(['backups', 'snapshots', 'create', 'Sharded0', '--desc', 'all shards', '-o', 'json'], {home})
    expect(created.code).toBe(0)
    const snapshot = json<Snapshot & {members?: Array<{replicaSetName: string}>}>(created.stdout)
    expect(snapshot.type).toBe('shardedCluster')
    expect(snapshot.members?.map((m) => m.replicaSetName)).toEqual(['Sharded0-shard-0', 'Sharded0-shard-1', 'Sharded0-config-0'])
  })

  it('nodes list and set-health; explain says which node was snapshotted and why', async () => {
    const home = makeHome()
    const nodes = json<Array<{hostname: string; clusterName: string; state: string}>>((await runCli(['local', 'nodes', 'list', '--clusterName', 'Cluster0', '-o', 'json'], {home})).stdout)
    expect(nodes.length).toBe(3)
    const secondaries = nodes.filter((n) => n.state === 'SECONDARY').map((n) => n.hostname).sort()
    const sick = await runCli(['local', 'nodes', 'set-health', secondaries[0]!, '--status', 'unhealthy'], {home})
    expect(sick.code).toBe(0)
    const created = json<Snapshot>((await runCli(['backups', 'snapshots', 'create', 'Cluster0', '--desc', 'x', '-o', 'json'], {home})).stdout)
    const explained = await runCli(['local', 'snapshots', 'explain', created.id, '-o', 'json'], {home})
    expect(explained.code).toBe(0)
    const explanation = json<{members: Array<{hostname: string; skipped: Array<{hostname: string}>; reasons: string[]}>}>(explained.stdout)
    expect(explanation.members[0]!.hostname).toBe(secondaries[1])
    expect(explanation.members[0]!.skipped.map((s) => s.hostname)).toContain(secondaries[0])
    const table = await runCli(['local', 'snapshots', 'explain', created.id], {home})
    expect(table.stdout).toContain(secondaries[1]!)
    const skippedLines = table.stdout.split('\n').filter((line) => line.includes(`skipped ${secondaries[0]}`))
    expect(skippedLines).toEqual([`  - skipped ${secondaries[0]}: unhealthy`])
  })

  it('a storage event invalidates the volume: the next snapshot is a full copy on an elected node, then incremental again', async () => {
    const home = makeHome()
    await runCli(['local', 'clock', 'freeze'], {home})
    const copyOf = async (): Promise<{copy: string; reasons: string[]}> => {
      const created = json<Snapshot>((await runCli(['backups', 'snapshots', 'create', 'Cluster0', '--desc', 'x', '-o', 'json'], {home})).stdout)
      await runCli(['local', 'clock', 'advance', '1m'], {home})
      return json<{members: Array<{copy: string; reasons: string[]}>}>((await runCli(['local', 'snapshots', 'explain', created.id, '-o', 'json'], {home})).stdout).members[0]!
    }
    expect((await copyOf()).copy).toBe('incremental')
    const event = await runCli(['local', 'clusters', 'storage-event', 'Cluster0', '--event', 'tierChange', '-o', 'json'], {home})
    expect(event.code).toBe(0)
    expect(json<{volumes: Array<{valid: boolean}>}>(event.stdout).volumes.every((v) => !v.valid)).toBe(true)
    const elected = await copyOf()
    expect(elected.copy).toBe('full')
    expect(elected.reasons[0]).toMatch(/invalid/)
    expect((await copyOf()).copy).toBe('incremental')
  })

  it('serverless: an unknown instance, and describe/watch of a kept snapshot', async () => {
    const home = makeHome()
    const missing = await runCli(['serverless', 'backups', 'snapshots', 'list', 'Nope'], {home})
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('Nope')
    const list = json<Paginated<{id: string}>>((await runCli(['serverless', 'backups', 'snapshots', 'list', 'Serverless1', '-o', 'json'], {home})).stdout)
    expect(list.results.length).toBeGreaterThan(2)
    const watched = await runCli(['serverless', 'backups', 'snapshots', 'watch', '--clusterName', 'Serverless1', '--snapshotId', list.results[0]!.id], {home})
    expect(watched.code).toBe(0)
    const unknown = await runCli(['serverless', 'backups', 'snapshots', 'describe', '--clusterName', 'Serverless0', '--snapshotId', '0123456789abcdef01234567'], {home})
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('SNAPSHOT_NOT_FOUND')
  })

  it('output: json-path picks fields; NO_COLOR and a pipe give plain text', async () => {
    const home = makeHome()
    const result = await runCli(['backups', 'snapshots', 'list', 'Cluster0', '-o', 'json-path=$.results[0].status'], {home})
    expect(result.code).toBe(0)
    expect(result.stdout.trim()).toMatch(/^(completed|queued|inProgress)$/)
    for (const typo of ['$[', '$.results[0', "$.results[?(@.status=='completed']", '$.results[0]]']) {
      const bad = await runCli(['backups', 'snapshots', 'list', 'Cluster0', '-o', `json-path=${typo}`], {home, env: {MONGODB_ATLAS_SERVICE: 'local'}})
      expect(bad.code, typo).toBe(2)
      expect(bad.stdout).toBe('')
      expect(bad.stderr).toMatch(/^Error: invalid jsonpath .*unbalanced/)
    }
    const filtered = await runCli(['backups', 'snapshots', 'list', 'Cluster0', '-o', "json-path=$.results[?(@.frequencyType=='monthly')].id"], {home})
    expect(filtered.code).toBe(0)
    expect(JSON.parse(filtered.stdout)).toHaveLength(12)
    const flagged = await runCli(['backups', 'snapshots', 'list', 'Cluster0', '--json', '--limit', '1'], {home})
    expect(JSON.parse(flagged.stdout).results).toHaveLength(1)
    const plain = await runCli(['backups', 'snapshots', 'list', 'Cluster0'], {home, env: {NO_COLOR: '1'}})
    // eslint-disable-next-line no-control-regex
    expect(plain.stdout).not.toMatch(/\u001b\[/)
  })

  it('pagination: --limit, --page and --omitCount', async () => {
    const home = makeHome()
    const page = json<Paginated<Snapshot>>((await runCli(['backups', 'snapshots', 'list', 'Cluster0', '--limit', '5', '--page', '2', '-o', 'json'], {home})).stdout)
    expect(page.results).toHaveLength(5)
    expect(page.totalCount).toBeGreaterThan(10)
    const omitted = json<Paginated<Snapshot>>((await runCli(['backups', 'snapshots', 'list', 'Cluster0', '--omitCount', '-o', 'json'], {home})).stdout)
    expect(omitted.totalCount).toBeUndefined()
    const all = json<Paginated<Snapshot>>((await runCli(['backups', 'snapshots', 'list', 'Cluster0', '--all', '--limit', '7', '-o', 'json'], {home})).stdout)
    expect(all.results).toHaveLength(page.totalCount!)
    expect(new Set(all.results.map((s) => s.id)).size).toBe(page.totalCount)
    // --all -o json prints as pages arrive, but only once page 1 is read: a list refused outright prints nothing.
    const refused = await runCli(['backups', 'snapshots', 'list', 'NoSuchCluster', '--all', '-o', 'json'], {home})
    expect(refused.code).toBe(1)
    expect(refused.stdout).toBe('')
    expect(refused.stderr).toMatch(/CLUSTER_NOT_FOUND/)
    const tooBig = await runCli(['backups', 'snapshots', 'list', 'Cluster0', '--limit', '501'], {home})
    expect(tooBig.code).toBe(2)
  })

  it('error paths: each names the problem and the fix on stderr, prints nothing on stdout', async () => {
    const home = makeHome()
    const cases: Array<{args: string[]; code: number; stderr: RegExp}> = [
      {args: ['local', 'reset'], code: 2, stderr: /--force/},
      {args: ['local', 'clock', 'set', 'yesterday'], code: 2, stderr: /"yesterday" is not an ISO 8601 instant\. Use a form like/},
      {args: ['local', 'clusters', 'list', '--projectId', '0123456789abcdef01234567'], code: 1, stderr: /GROUP_NOT_FOUND\)\. Check the project ID/},
      {args: ['local', 'clusters', 'create', 'X1', '--tier', 'M7'], code: 2, stderr: /unknown tier "M7"\. Use M0/},
      {args: ['local', 'nodes', 'list', '--clusterName', 'Nope'], code: 1, stderr: /CLUSTER_NOT_FOUND\)\. Check the cluster name/},
      {args: ['local', 'nodes', 'set-health', 'nohost', '--status', 'unhealthy'], code: 1, stderr: /HOST_NOT_FOUND\)\. List the hosts with `atlas-backups local nodes list`/},
      {args: ['local', 'nodes', 'set-health', 'nohost', '--status', 'sick'], code: 2, stderr: /healthy, unhealthy/},
      {args: ['local', 'snapshots', 'explain', '0123456789abcdef01234567'], code: 1, stderr: /SNAPSHOT_NOT_FOUND\)\. List the snapshots/},
    ]
    for (const {args, code, stderr} of cases) {
      const result = await runCli(args, {home})
      expect({args, code: result.code, stdout: result.stdout}).toEqual({args, code, stdout: ''})
      expect(result.stderr).toMatch(stderr)
      expect(result.stderr).not.toMatch(/\n\s+at /)
    }
    writeFileSync(join(home, 'local.db'), 'not a database '.repeat(300))
    for (const args of [['local', 'status'], ['local', 'clock', 'show']]) {
      const result = await runCli(args, {home})
      expect(result.code).toBe(1)
      expect(result.stdout).toBe('')
      expect(result.stderr).toContain(join(home, 'local.db'))
    }
  })
})
