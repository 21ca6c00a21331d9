import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {DAY_MS, HOUR_MS} from '../../src/lib/domain/time.js'
import {startServer, type RunningServer} from '../../src/lib/server/index.js'
import {iso} from '../helpers/values.js'
import {call, CLUSTER0, freezeClock, GROUP, tempHome, V20240805} from './helpers.js'

// serve's answers pinned byte for byte (status, media type, body) at a frozen clock, in a golden file recorded by the
// code before serve's read transactions, statement cache and bounded catch-up: those change how serve answers, never
// what it answers. Ids minted at random (a POST's new snapshot or job) are named by the order they first appear.

const START = iso('2026-06-15T10:30:00Z')
const FLEX = `${GROUP}/flexClusters/Flex0`
const SERVERLESS = `${GROUP}/serverless/Serverless0`

let home = ''
let server: RunningServer | undefined

beforeAll(async () => {
  home = tempHome()
  await freezeClock(home, START)
  server = await startServer({home, port: 0, log: () => {}})
})

afterAll(async () => {
  await server?.close()
})

interface Step {
  method?: string
  path: string
  accept?: string
  body?: unknown
}

const READS: Step[] = [
  {path: `${GROUP}/clusters`, accept: V20240805},
  {path: `${CLUSTER0}`, accept: V20240805},
  {path: `${GROUP}/clusters/Sharded0`},
  {path: `${CLUSTER0}/backup/schedule`, accept: V20240805},
  {path: `${CLUSTER0}/backup/snapshots?itemsPerPage=3&pageNum=2`},
  {path: `${CLUSTER0}/backup/snapshots?itemsPerPage=2&includeCount=false&envelope=true`},
  {path: `${GROUP}/clusters/Sharded0/backup/snapshots/shardedClusters`},
  {path: `${GROUP}/clusters/MultiRegion0/backup/snapshots?itemsPerPage=2`},
  {path: `${CLUSTER0}/backup/restoreJobs`},
  {path: `${SERVERLESS}/backup/snapshots?itemsPerPage=2`},
  {path: `${FLEX}/backup/snapshots?itemsPerPage=2`, accept: 'application/vnd.atlas.2024-11-13+json'},
  {path: `${GROUP}/backupCompliancePolicy`},
  {path: `${GROUP}/clusters/Nope/backup/snapshots`},
  {path: `${GROUP}/clusters/Free0/backup/snapshots`},
  {path: `${CLUSTER0}/backup/snapshots/5f0000000000000000000000`},
  {path: `${GROUP}/clusters/Shared0/backup/snapshots?pretty=true`},
]

/** Runs the steps and records each answer, with the server's address and random ids replaced by stable names. */
async function record(steps: Step[], ids: Map<string, string>): Promise<string[]> {
  const lines: string[] = []
  for (const step of steps) {
    const answer = await call(server!.url, step.path, {method: step.method, accept: step.accept, body: step.body === undefined ? undefined : JSON.stringify(step.body)})
    if (step.method === 'POST' && answer.body?.id && !ids.has(answer.body.id)) ids.set(answer.body.id, `<new-${ids.size + 1}>`)
    let text = `${step.method ?? 'GET'} ${step.path}\n${answer.status} ${answer.type}\n${answer.text.split(server!.url).join('<serve>')}\n`
    for (const [id, name] of ids) text = text.split(id).join(name)
    lines.push(text)
  }
  return lines
}

describe('serve answers the same as before its read path changed', () => {
  it('answers reads, writes, and the reads after a clock jump (catch-up on GET) as recorded', async () => {
    const ids = new Map<string, string>()
    const lines = await record(READS, ids)
    lines.push(
      ...(await record(
        [
          {method: 'POST', path: `${CLUSTER0}/backup/snapshots`, body: {description: 'golden', retentionInDays: 3}},
          {method: 'PATCH', path: `${CLUSTER0}/backup/schedule`, accept: V20240805, body: {referenceHourOfDay: 5, referenceMinuteOfHour: 15}},
          {path: `${CLUSTER0}/backup/snapshots?itemsPerPage=2`},
        ],
        ids,
      )),
    )
    // A day and an hour later: every cluster a GET names is caught up on that GET.
    await freezeClock(home, START + DAY_MS + HOUR_MS)
    lines.push(...(await record(READS, ids)))
    const snapshotId = [...ids.keys()][0]!
    lines.push(...(await record([{path: `${CLUSTER0}/backup/snapshots/${snapshotId}`}, {method: 'DELETE', path: `${CLUSTER0}/backup/snapshots/${snapshotId}`}, {path: `${CLUSTER0}/backup/snapshots/${snapshotId}`}], ids)))
    expect(ids.size).toBe(1)
    await expect(lines.join('\n')).toMatchFileSnapshot('./golden/serve-answers.txt')
  })
})
