import {readdirSync, statSync} from 'node:fs'
import {join} from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {ZodType} from 'zod'

import {createCluster} from '../../src/lib/backends/local/admin.js'
import {DEMO_PROJECT_ID} from '../../src/lib/backends/local/fleet.js'
import {atlasErrorSchema, clusterDescriptionSchema, paginatedSchema, restoreJobSchema, snapshotSchema} from '../../src/lib/domain/schemas.js'
import {DAY_MS} from '../../src/lib/domain/time.js'
import {startServer, type RunningServer} from '../../src/lib/server/index.js'
import {parseRecording, RECORDINGS_DIR, type Recording} from '../helpers/recordings.js'
import {hasShared, SHARED_ABSENT} from '../helpers/shared.js'
import {call, freezeClock, tempHome, type Answer} from '../server/helpers.js'

/**
 * The Atlas CLI's restore test (recordings/backup_restores/TestRestores) replayed against serve, request by request,
 * in the order Atlas answered them (their Date headers), with the emulator's clock frozen at each one's Date:
 * take a snapshot and watch it, restore it automated to a second cluster and watch that, list and describe, start a
 * download and watch it, delete the snapshot. Each answer must have the status class Atlas gave and a body the cloud
 * backend's schemas parse.
 *
 * - The clusters have the recorded names (created in the emulator, M10 with continuous backup, as recorded); both
 *   recorded projects map to the demo project, and the ids Atlas minted (snapshot, jobs) to the ones serve minted.
 * - The recordings keep responses only: a POST's body is rebuilt from what Atlas answered (the snapshot's description
 *   and retention, the job's delivery type, snapshot and target).
 * - The files beside the step folders set the test up and tear it down (projects and clusters created, watched and
 *   deleted, provider regions, a private endpoint): the emulator's fleet is not managed through the API, so they are
 *   not replayed.
 * - The Atlas CLI also asks the Flex API, which Atlas refused (400, not a Flex cluster); serve has no Flex API and
 *   answers 404: the same class, a client error.
 */

const STEPS_DIR = join(RECORDINGS_DIR, 'backup_restores', 'TestRestores')
const ready = hasShared('atlas-api', 'recordings', 'backup_restores', 'TestRestores')
// The default reporter hides describe titles of skipped files: say it where `npm test` shows it.
if (!ready) console.warn(`restore recordings replayed against serve: ${SHARED_ABSENT}`)

/** When the recorded clusters were created (the setup's POST …/clusters answers createDate 03:03:18). */
const CLUSTERS_CREATED = Date.parse('2026-08-10T03:03:18Z')
const RECORDED_CLUSTERS = ['backupRestores-305', 'backupRestores2-895']
const OBJECT_ID = /^[0-9a-f]{24}$/

interface Step {
  recording: Recording
  at: number
  method: string
  /** The recorded path, ids still Atlas's. */
  path: string
}

function stepRecordings(): Step[] {
  const files = readdirSync(STEPS_DIR)
    .map((entry) => join(STEPS_DIR, entry))
    .filter((dir) => statSync(dir).isDirectory())
    .flatMap((dir) => readdirSync(dir).map((file) => join(dir, file)))
    .filter((file) => file.endsWith('.snaphost'))
  return files
    .map((file) => {
      const recording = parseRecording(file)
      const [method = '', ...rest] = recording.request.split('_')
      // Names and ids hold no underscore: every one in the file name stands for a slash.
      return {recording, at: Date.parse(recording.headers.date ?? ''), method, path: `/${rest.join('/')}`}
    })
    .sort((a, b) => a.at - b.at || a.recording.file.localeCompare(b.recording.file))
}

/** The schema the cloud backend reads the answer with. */
function schemaFor(step: Step, status: number): ZodType | undefined {
  if (status >= 400) return atlasErrorSchema
  if (status === 204) return undefined
  if (/\/backup\/restoreJobs$/.test(step.path)) return step.method === 'GET' ? paginatedSchema(restoreJobSchema) : restoreJobSchema
  if (/\/backup\/restoreJobs\/[^/]+$/.test(step.path)) return restoreJobSchema
  if (/\/backup\/snapshots(\/[^/]+)?$/.test(step.path)) return snapshotSchema
  if (/\/clusters\/[^/]+$/.test(step.path)) return clusterDescriptionSchema
  throw new Error(`no schema for ${step.method} ${step.path}`)
}

/** The request body a POST sent, rebuilt from Atlas's answer, with Atlas's ids swapped for serve's. */
function rebuiltBody(step: Step, swap: (text: string) => string): string | undefined {
  if (step.method !== 'POST') return undefined
  const answered = JSON.parse(step.recording.body) as Record<string, unknown>
  if (step.path.endsWith('/backup/snapshots')) {
    const retentionInDays = Math.round((Date.parse(answered.expiresAt as string) - step.at) / DAY_MS)
    return JSON.stringify({description: answered.description, retentionInDays})
  }
  const fields = ['deliveryType', 'snapshotId', 'targetClusterName', 'targetGroupId', 'oplogTs', 'oplogInc', 'pointInTimeUTCSeconds']
  return swap(JSON.stringify(Object.fromEntries(fields.filter((field) => answered[field] !== undefined).map((field) => [field, answered[field]]))))
}

interface Replayed {
  step: Step
  sentPath: string
  answer: Answer
}

describe.skipIf(!ready)(`restore recordings replayed against serve${ready ? '' : ` — ${SHARED_ABSENT}`}`, () => {
  let home: string
  let server: RunningServer
  const replayed: Replayed[] = []

  beforeAll(async () => {
    home = tempHome()
    await freezeClock(home, CLUSTERS_CREATED, (backend) => {
      for (const name of RECORDED_CLUSTERS) createCluster(backend, DEMO_PROJECT_ID, {name, tier: 'M10', provider: 'AWS', continuousBackup: true})
    })
    server = await startServer({home, port: 0, log: () => {}})

    // Atlas's ids (projects, snapshot, jobs) → the emulator's, learnt from the answers to the POSTs.
    const ids = new Map<string, string>()
    const swap = (text: string): string => text.replace(/[0-9a-f]{24}/g, (id) => ids.get(id) ?? id)
    for (const step of stepRecordings()) {
      const groupId = /\/groups\/([0-9a-f]{24})/.exec(step.path)?.[1]
      if (groupId) ids.set(groupId, DEMO_PROJECT_ID)
      if (step.method === 'POST' && step.recording.status < 300) {
        const answered = JSON.parse(step.recording.body) as {targetGroupId?: string}
        if (answered.targetGroupId) ids.set(answered.targetGroupId, DEMO_PROJECT_ID)
      }
      await freezeClock(home, step.at)
      const version = /vnd\.atlas\.(\d{4}-\d\d-\d\d)/.exec(step.recording.headers['content-type'] ?? '')?.[1] ?? '2023-01-01'
      const sentPath = swap(step.path)
      const answer = await call(server.url, sentPath, {method: step.method, accept: `application/vnd.atlas.${version}+json`, body: rebuiltBody(step, swap)})
      replayed.push({step, sentPath, answer})
      if (step.method === 'POST' && answer.status < 300) {
        const recordedId = (JSON.parse(step.recording.body) as {id: string}).id
        ids.set(recordedId, (answer.body as {id: string}).id)
      }
    }
  })

  afterAll(async () => {
    await server?.close()
  })

  it('replays every request of the restore steps, in Atlas\'s order', () => {
    // Snapshot: 1 POST, 4 GETs, 1 DELETE; restore jobs: 2 POSTs, 5 GETs, 1 list; clusters: 2 GETs; Flex: 5 refused.
    expect(replayed).toHaveLength(21)
    expect(replayed.filter((r) => r.sentPath.includes('/restoreJobs'))).toHaveLength(12)
    expect(replayed.filter((r) => r.sentPath.includes('/flexClusters/'))).toHaveLength(5)
    // Every Atlas id was swapped for serve's: no request went out with an id serve never minted.
    const atlasIds = new Set(replayed.flatMap((r) => r.step.path.match(/[0-9a-f]{24}/g) ?? []))
    expect(atlasIds.size).toBe(4)
    for (const {sentPath, step} of replayed) expect((sentPath.match(/[0-9a-f]{24}/g) ?? []).filter((id) => atlasIds.has(id)), `${step.method} ${sentPath}`).toEqual([])
  })

  it('answers each with the status class Atlas answered', () => {
    const classes = replayed.map(({step, sentPath, answer}) => `${step.method} ${sentPath} ${Math.floor(answer.status / 100)}xx`)
    expect(classes).toEqual(replayed.map(({step, sentPath}) => `${step.method} ${sentPath} ${Math.floor(step.recording.status / 100)}xx`))
  })

  it('answers each with a body the cloud backend parses', () => {
    for (const {step, sentPath, answer} of replayed) {
      const schema = schemaFor(step, answer.status)
      if (!schema) {
        expect(answer.text, `${step.method} ${sentPath}`).toBe('')
        continue
      }
      const parsed = schema.safeParse(answer.body)
      expect(parsed.success, `${step.method} ${sentPath} → ${answer.status}: ${parsed.error?.message ?? ''}`).toBe(true)
    }
  })

  it('tells the same story: the snapshot completes, the automated restore targets the second cluster, the download gets its URL', () => {
    const bodies = (pattern: RegExp, method = 'GET'): Array<Record<string, unknown>> =>
      replayed.filter((r) => r.step.method === method && pattern.test(r.sentPath) && r.answer.status === 200).map((r) => r.answer.body as Record<string, unknown>)
    const watched = bodies(/\/clusters\/backupRestores-305\/backup\/snapshots\/[0-9a-f]{24}$/)
    expect(watched.at(-1)).toMatchObject({status: 'completed'})
    const [automated, download] = bodies(/\/backup\/restoreJobs$/, 'POST')
    expect(automated).toMatchObject({deliveryType: 'automated', targetClusterName: 'backupRestores2-895', targetGroupId: DEMO_PROJECT_ID, deliveryUrl: []})
    expect(download).toMatchObject({deliveryType: 'download', deliveryUrl: []})
    expect(automated!.id).toMatch(OBJECT_ID)
    const listed = bodies(/\/backup\/restoreJobs$/)
    expect((listed[0]!.results as Array<{id: string}>).map((job) => job.id)).toEqual([automated!.id])
    // As recorded: the download's second watch, four minutes on, carries its delivery URL, on serve's own address.
    const watchedDownload = bodies(new RegExp(`/backup/restoreJobs/${download!.id as string}$`))
    expect(watchedDownload.at(-1)!.deliveryUrl).toEqual([expect.stringMatching(new RegExp(`^${server.url}/local/downloads/${download!.id as string}/`))])
  })
})
