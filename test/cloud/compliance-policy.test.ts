import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {type CloudBackend, createCloudBackend} from '../../src/lib/backends/cloud/index.js'
import {CliError} from '../../src/lib/cli/errors.js'
import {AtlasApiError} from '../../src/lib/domain/errors.js'
import {backupCompliancePolicySchema} from '../../src/lib/domain/schemas.js'
import {cloudSettings} from '../helpers/cloud-settings.js'
import {parseRecording, RECORDINGS_DIR} from '../helpers/recordings.js'
import {rejectionOf} from '../helpers/rejection.js'
import {hasShared, SHARED_ABSENT, sharedPath} from '../helpers/shared.js'
import {atlasError, FaultServer, json, type Seen} from './fault-server.js'

/**
 * The Backup Compliance Policy operations of the cloud backend against a real HTTP server on 127.0.0.1: what each
 * sends (method, path, query, media-type versions, body), what it makes of Atlas's answers (the recorded ones
 * included, with their nulls and zeros), of Atlas's errors, and what is sent again after a 503.
 */

const GROUP = '6a793f4d2c88faeba59b9962'
const PATH = `/api/atlas/v2/groups/${GROUP}/backupCompliancePolicy`
const V2023 = 'application/vnd.atlas.2023-10-01+json'
const V2024 = 'application/vnd.atlas.2024-11-13+json'

const policy = (extra: Record<string, unknown> = {}) => ({
  authorizedEmail: 'first.last@example.com',
  authorizedUserFirstName: 'First',
  authorizedUserLastName: 'Last',
  copyProtectionEnabled: false,
  deletable: false,
  encryptionAtRestEnabled: false,
  onDemandPolicyItem: null,
  pitEnabled: false,
  projectId: GROUP,
  restoreWindowDays: 0,
  scheduledPolicyItems: [],
  state: 'ACTIVE',
  ...extra,
})

let server: FaultServer

beforeEach(async () => {
  process.env.ATLAS_BACKUPS_RETRY_BASE_MS = '1'
  server = await new FaultServer().start()
})

afterEach(async () => {
  delete process.env.ATLAS_BACKUPS_RETRY_BASE_MS
  await server.stop()
})

function cloud(): Promise<CloudBackend> {
  return createCloudBackend(cloudSettings(server.url, {kind: 'apiKey', publicKey: 'p', privateKey: 'k', source: 'env'}), {debug: () => {}, warn: () => {}})
}

function only(): Seen {
  expect(server.seen).toHaveLength(1)
  return server.seen[0]!
}

const url = (seen: Seen) => new URL(seen.url, 'http://x')

describe('the compliance policy: what the cloud backend sends', () => {
  it('get: GET …/backupCompliancePolicy, Accept 2023-10-01, no query, no body', async () => {
    server.handler = (_r, res) => json(res, 200, policy())
    const got = await (await cloud()).getCompliancePolicy(GROUP)
    const seen = only()
    expect([seen.method, url(seen).pathname, url(seen).search, seen.headers.accept, seen.body]).toEqual(['GET', PATH, '', V2023, ''])
    expect(got).toEqual(policy())
  })

  it('update: PUT the whole body under 2023-10-01, without overwriteBackupPolicies when the caller does not give it', async () => {
    const body = {authorizedEmail: 'a@example.com', authorizedUserFirstName: 'A', authorizedUserLastName: 'B', pitEnabled: true, restoreWindowDays: 2}
    server.handler = (_r, res) => json(res, 200, policy({...body, state: 'ENABLING'}))
    const answer = await (await cloud()).updateCompliancePolicy(GROUP, body)
    const seen = only()
    expect([seen.method, url(seen).pathname, url(seen).search, seen.headers.accept, seen.headers['content-type']]).toEqual(['PUT', PATH, '', V2023, V2023])
    expect(JSON.parse(seen.body)).toEqual(body)
    expect(answer.state).toBe('ENABLING')
  })

  it.each([false, true])('update: overwriteBackupPolicies=%s travels as a query parameter only, never in the body', async (overwrite) => {
    server.handler = (_r, res) => json(res, 200, policy())
    await (await cloud()).updateCompliancePolicy(GROUP, {authorizedEmail: 'a@example.com'}, {overwriteBackupPolicies: overwrite})
    const seen = only()
    expect(Object.fromEntries(url(seen).searchParams)).toEqual({overwriteBackupPolicies: String(overwrite)})
    expect(JSON.parse(seen.body)).toEqual({authorizedEmail: 'a@example.com'})
  })

  it('delete: DELETE under 2024-11-13 (the only version that has it), answered 204', async () => {
    server.handler = (_r, res) => void res.writeHead(204, {'Content-Type': V2024}).end()
    await expect((await cloud()).deleteCompliancePolicy(GROUP)).resolves.toBeUndefined()
    const seen = only()
    expect([seen.method, url(seen).pathname, seen.headers.accept, seen.body]).toEqual(['DELETE', PATH, V2024, ''])
  })
})

describe('the compliance policy: what the cloud backend makes of the answers', () => {
  it('fills what Atlas leaves out: no scheduledPolicyItems is an empty list, no onDemandPolicyItem is null', async () => {
    const {onDemandPolicyItem: _o, scheduledPolicyItems: _s, ...bare} = policy()
    server.handler = (_r, res) => json(res, 200, bare)
    const got = await (await cloud()).getCompliancePolicy(GROUP)
    expect(got.scheduledPolicyItems).toEqual([])
    expect(got.onDemandPolicyItem).toBeNull()
  })

  it('keeps fields it does not know (a later API version) and items as Atlas wrote them', async () => {
    const item = {id: '6a793f8fc0eb9e7a17716c3f', frequencyType: 'hourly', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 1}
    const onDemand = {id: '6a793f8fc0eb9e7a17716c40', frequencyType: 'ondemand', frequencyInterval: 0, retentionUnit: 'days', retentionValue: 3}
    server.handler = (_r, res) => json(res, 200, policy({scheduledPolicyItems: [item], onDemandPolicyItem: onDemand, somethingNew: {x: 1}}))
    expect(await (await cloud()).getCompliancePolicy(GROUP)).toEqual(policy({scheduledPolicyItems: [item], onDemandPolicyItem: onDemand, somethingNew: {x: 1}}))
  })

  it('an answer without authorizedEmail is reported, not passed on half-read', async () => {
    const {authorizedEmail: _e, ...broken} = policy()
    server.handler = (_r, res) => json(res, 200, broken)
    const error = await rejectionOf((await cloud()).getCompliancePolicy(GROUP))
    expect(error).toBeInstanceOf(CliError)
    expect(error.message).toContain('backupCompliancePolicy')
  })

  it("no policy: Atlas's 404 reaches the caller with its code", async () => {
    server.handler = (_r, res) => atlasError(res, 404, 'RESOURCE_NOT_FOUND', 'Cannot find resource Backup Compliance Policy.')
    const error = await rejectionOf((await cloud()).getCompliancePolicy(GROUP))
    expect(error).toBeInstanceOf(AtlasApiError)
    expect(error).toMatchObject({status: 404, errorCode: 'RESOURCE_NOT_FOUND'})
  })

  it("a refusal of the PUT keeps Atlas's code, and a 403 names the Project Owner role", async () => {
    const backend = await cloud()
    server.handler = (_r, res) => atlasError(res, 400, 'BACKUP_POLICIES_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS', 'Backup policies do not meet the requirements.')
    expect(await rejectionOf(backend.updateCompliancePolicy(GROUP, {authorizedEmail: 'a@example.com'}, {overwriteBackupPolicies: false}))).toMatchObject({status: 400, errorCode: 'BACKUP_POLICIES_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS'})
    server.handler = (_r, res) => atlasError(res, 403, 'USER_UNAUTHORIZED', 'Forbidden')
    const forbidden = await rejectionOf(backend.deleteCompliancePolicy(GROUP))
    expect((forbidden as AtlasApiError).detail).toMatch(/Project Owner role on this project for DELETE /)
  })
})

describe('the compliance policy: retries after a 503', () => {
  const unavailableThen = (answer: unknown) => {
    server.handler = (_r, res, i) => (i === 0 ? atlasError(res, 503, 'SERVICE_UNAVAILABLE', 'Try again.') : json(res, 200, answer))
  }

  it('get is asked again', async () => {
    unavailableThen(policy())
    expect((await (await cloud()).getCompliancePolicy(GROUP)).state).toBe('ACTIVE')
    expect(server.count('GET')).toBe(2)
  })

  it('the PUT is asked again with the same body: it replaces the whole policy, so twice is once', async () => {
    unavailableThen(policy({state: 'UPDATING'}))
    await (await cloud()).updateCompliancePolicy(GROUP, {authorizedEmail: 'a@example.com', copyProtectionEnabled: true})
    expect(server.count('PUT')).toBe(2)
    expect(server.seen[0]!.body).toBe(server.seen[1]!.body)
  })
})

const recordings = join(RECORDINGS_DIR, 'backup_compliancepolicy')
const recorded = hasShared('atlas-api', 'recordings', 'backup_compliancepolicy')

describe.skipIf(!recorded)(`the recorded Atlas answers${recorded ? '' : ` — ${SHARED_ABSENT}`}`, () => {
  it('each recorded GET and PUT answer is read whole (onDemandPolicyItem null, restoreWindowDays 0, items kept)', async () => {
    const file = join(recordings, 'TestBackupCompliancePolicyPointInTimeRestore', 'enable', `PUT_api_atlas_v2_groups_6a793f89c0eb9e7a17716588_backupCompliancePolicy_1.snaphost`)
    const answer = parseRecording(file)
    server.handler = (_r, res) => void res.writeHead(200, {'Content-Type': answer.headers['content-type']!}).end(answer.body)
    const got = await (await cloud()).updateCompliancePolicy('6a793f89c0eb9e7a17716588', {authorizedEmail: 'firstname.lastname@example.com'})
    expect(got).toEqual(JSON.parse(answer.body))
    expect(got).toMatchObject({pitEnabled: true, restoreWindowDays: 1, state: 'UPDATING', onDemandPolicyItem: null})
  })
})

const specPresent = hasShared('atlas-api', 'atlas-backup-openapi.json')

describe.skipIf(!specPresent)(`the schema against the spec${specPresent ? '' : ` — ${SHARED_ABSENT}`}`, () => {
  it('DataProtectionSettings20231001: every field the spec names is read', () => {
    const spec = JSON.parse(readFileSync(sharedPath('atlas-api', 'atlas-backup-openapi.json'), 'utf8')) as {components: {schemas: Record<string, {properties: Record<string, unknown>}>}}
    expect(Object.keys(backupCompliancePolicySchema.shape).sort()).toEqual(expect.arrayContaining(Object.keys(spec.components.schemas.DataProtectionSettings20231001!.properties).sort()))
  })
})
