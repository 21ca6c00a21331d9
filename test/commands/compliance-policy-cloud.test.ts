import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {afterAll, afterEach, beforeEach, describe, expect, it} from 'vitest'

import {atlasError, FaultServer, json} from '../cloud/fault-server.js'
import {cleanupHomes, expectOneErrorLine, makeHome, runCli, type CliResult} from '../helpers/cli.js'
import {parseRecording, RECORDINGS_DIR, replayFlow} from '../helpers/recordings.js'
import {hasShared, SHARED_ABSENT} from '../helpers/shared.js'
import {runOnTerminal, terminalTitle} from '../helpers/terminal.js'
import {cells} from '../helpers/values.js'

/**
 * `backups compliancePolicy …` through the cloud backend, replaying the flows Atlas answered in
 * recordings/backup_compliancepolicy answer by answer on a server on 127.0.0.1: each command sends the requests
 * the Atlas CLI sent (no more: a request the flow never made is answered 404 NOT_RECORDED) and prints what Atlas
 * answered, in the Atlas CLI's templates or as JSON.
 */

const FLOWS = join(RECORDINGS_DIR, 'backup_compliancepolicy')
const PROJECTS = {
  CopyProtection: '6a793f4d2c88faeba59b9962',
  Describe: '6a793f6cc0eb9e7a17715916',
  Enable: '6a793f7e2c88faeba59bbb9b',
  PointInTimeRestore: '6a793f89c0eb9e7a17716588',
  PoliciesDescribe: '6a793f9ec0eb9e7a17716de0',
  Setup: '6a793fb1c0eb9e7a177175fe',
} as const
type Flow = keyof typeof PROJECTS

const ENABLE_FLAGS = ['--authorizedEmail', 'firstname.lastname@example.com', '--authorizedUserFirstName', 'firstname', '--authorizedUserLastName', 'lastname']
const V2023 = 'application/vnd.atlas.2023-10-01+json'

let server: FaultServer

function cli(flow: Flow, args: string[], home = makeHome()): Promise<CliResult> {
  return runCli([...args, '--projectId', PROJECTS[flow]], {
    home,
    env: {MONGODB_ATLAS_BASE_URL: server.url, MONGODB_ATLAS_PUBLIC_API_KEY: 'bcppub', MONGODB_ATLAS_PRIVATE_API_KEY: 'bcp-private-key', ATLAS_BACKUPS_RETRY_BASE_MS: '10'},
  })
}

/** Replays one step of a flow: the flow's own folder, or one of its sub-folders (copy protection's enable, …). */
function replay(flow: Flow, step?: string): void {
  server.seen.length = 0
  replayFlow(server, join(FLOWS, `TestBackupCompliancePolicy${flow}`, ...(step ? [step] : [])))
}

/** The n-th recorded answer to a request of a flow's step, parsed. */
function recorded(flow: Flow, method: 'GET' | 'PUT', step?: string, n = 1): Record<string, unknown> {
  const file = join(FLOWS, `TestBackupCompliancePolicy${flow}`, ...(step ? [step] : []), `${method}_api_atlas_v2_groups_${PROJECTS[flow]}_backupCompliancePolicy_${n}.snaphost`)
  return JSON.parse(parseRecording(file).body) as Record<string, unknown>
}

/** The requests the server saw, as "METHOD path?query". */
function requests(): string[] {
  return server.seen.map((s) => `${s.method} ${s.url}`)
}

const path = (flow: Flow) => `/api/atlas/v2/groups/${PROJECTS[flow]}/backupCompliancePolicy`

function expectOk(result: CliResult): void {
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
}

/** The describe template's rows for a recorded policy with no items (as every recorded flow but one has). */
function settingsRows(project: string, overrides: {copyProtection?: boolean; pit?: boolean; window?: number} = {}): string[][] {
  return [
    ['Project:', project],
    ['Authorized user first name:', 'firstname'],
    ['Authorized user last name:', 'lastname'],
    ['Authorized e-mail:', 'firstname.lastname@example.com'],
    ['Copy protection enabled:', String(overrides.copyProtection ?? false)],
    ['Encryption at rest enabled:', 'false'],
    ['Point-in-Time restores enabled:', String(overrides.pit ?? false)],
    ['Restore window days:', String(overrides.window ?? 0)],
    [''],
    ['POLICIES'],
    ['ID', 'FREQUENCY INTERVAL', 'FREQUENCY TYPE', 'RETENTION'],
  ]
}

beforeEach(async () => {
  server = await new FaultServer().start()
})

afterEach(async () => server.stop())

afterAll(cleanupHomes)

const ready = hasShared('atlas-api', 'recordings', 'backup_compliancepolicy')
if (!ready) console.warn(`compliance policy recordings replay: ${SHARED_ABSENT}`)

describe.skipIf(!ready)(`the recorded compliance-policy flows, replayed through the CLI${ready ? '' : ` — ${SHARED_ABSENT}`}`, () => {
  it('Enable: one PUT of the Atlas CLI body (no GET), the "being enabled" line; -o json prints what Atlas answered', async () => {
    replay('Enable')
    const text = await cli('Enable', ['backups', 'compliancePolicy', 'enable', ...ENABLE_FLAGS, '--force'])
    expectOk(text)
    expect(text.stdout).toBe('Backup Compliance Policy is being enabled without any configuration. Run "atlas backups compliancepolicy --help" for configuration options.\n')
    expect(requests()).toEqual([`PUT ${path('Enable')}`])
    expect(server.seen[0]!.headers['content-type']).toBe(V2023)
    expect(JSON.parse(server.seen[0]!.body)).toEqual({
      authorizedEmail: 'firstname.lastname@example.com',
      authorizedUserFirstName: 'firstname',
      authorizedUserLastName: 'lastname',
      copyProtectionEnabled: false,
      encryptionAtRestEnabled: false,
      pitEnabled: false,
      projectId: PROJECTS.Enable,
    })

    replay('Enable')
    const json = await cli('Enable', ['backups', 'compliancepolicy', 'enable', ...ENABLE_FLAGS, '--force', '-o', 'json'])
    expectOk(json)
    expect(JSON.parse(json.stdout)).toEqual(recorded('Enable', 'PUT'))
  })

  it('Describe: enable, then describe prints the policy Atlas answered in the Atlas CLI template (and as JSON)', async () => {
    replay('Describe')
    expectOk(await cli('Describe', ['backups', 'compliancePolicy', 'enable', ...ENABLE_FLAGS, '--force']))
    const text = await cli('Describe', ['backups', 'compliancePolicy', 'describe'])
    expectOk(text)
    // The template ends with the on-demand item's line, empty when there is none.
    expect(cells(text.stdout)).toEqual(settingsRows(PROJECTS.Describe))
    expect(text.stdout).toMatch(/\S\n\n$/)
    expect(requests()).toEqual([`PUT ${path('Describe')}`, `GET ${path('Describe')}`])
    expect(server.seen[1]!.headers.accept).toBe(V2023)

    const json = await cli('Describe', ['backup', 'compliancepolicy', 'get', '-o', 'json'])
    expectOk(json)
    expect(JSON.parse(json.stdout)).toEqual(recorded('Describe', 'GET'))
  })

  it('Setup: the file is sent as the policy (its projectId the command\'s, unsupported fields left out) and shown as configured', async () => {
    replay('Setup')
    const home = makeHome()
    const file = join(home, 'policy.json')
    const item = {frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 1}
    writeFileSync(file, JSON.stringify({authorizedEmail: 'firstname.lastname@example.com', authorizedUserFirstName: 'firstname', authorizedUserLastName: 'lastname', scheduledPolicyItems: [item], state: 'ACTIVE', colour: 'blue'}))
    const text = await cli('Setup', ['backups', 'compliancePolicy', 'setup', '-f', file, '--force'], home)
    expect(text.code, text.stderr).toBe(0)
    expect(text.stderr).toBe(`Note: ${file} has fields a backup compliance policy does not, ignored: colour\n`)
    expect(requests()).toEqual([`PUT ${path('Setup')}`])
    expect(JSON.parse(server.seen[0]!.body)).toEqual({authorizedEmail: 'firstname.lastname@example.com', authorizedUserFirstName: 'firstname', authorizedUserLastName: 'lastname', projectId: PROJECTS.Setup, scheduledPolicyItems: [item]})
    // As the Atlas CLI, without --watch it shows the configuration sent (no item id yet), not Atlas's answer.
    const [lead, ...rest] = cells(text.stdout)
    expect(lead).toEqual(['Your backup compliance policy is being set up with the following configuration:'])
    expect(rest).toEqual([...settingsRows(PROJECTS.Setup), ['', '-', 'daily', '1 days']])
    expect(text.stdout).toMatch(/\S\n\n$/)

    replay('Setup')
    const json = await cli('Setup', ['backups', 'compliancePolicy', 'setup', '-f', file, '--force', '-o', 'json'], home)
    expect(JSON.parse(json.stdout)).toEqual(recorded('Setup', 'PUT'))
  })

  it('CopyProtection: enable --watch (PUT, then GET until ACTIVE), copyProtection enable --watch (GET, PUT, GET), then disable (GET, PUT)', async () => {
    replay('CopyProtection')
    const enabled = await cli('CopyProtection', ['backups', 'compliancePolicy', 'enable', ...ENABLE_FLAGS, '--force', '--watch'])
    expect(enabled.code, enabled.stderr).toBe(0)
    expect(enabled.stdout).toBe('Backup Compliance Policy enabled without any configuration. Run "atlas backups compliancepolicy --help" for configuration options.\n')
    expect(enabled.stderr).toBe(`the backup compliance policy of project ${PROJECTS.CopyProtection}: ACTIVE\n`)
    expect(requests()).toEqual([`PUT ${path('CopyProtection')}`, `GET ${path('CopyProtection')}`])

    replay('CopyProtection', 'enable')
    const protectedOn = await cli('CopyProtection', ['backups', 'compliancePolicy', 'copyProtection', 'enable', '-w', '-o', 'json'])
    expect(protectedOn.code, protectedOn.stderr).toBe(0)
    expect(JSON.parse(protectedOn.stdout)).toEqual(recorded('CopyProtection', 'GET', 'enable', 2))
    expect(requests()).toEqual([`GET ${path('CopyProtection')}`, `PUT ${path('CopyProtection')}`, `GET ${path('CopyProtection')}`])
    // Read-modify-write: the policy as read, with the one field changed, and nothing Atlas keeps for itself.
    const {deletable: _d, state: _s, updatedDate: _u, updatedUser: _w, onDemandPolicyItem: _o, ...settings} = recorded('CopyProtection', 'GET', 'enable')
    expect(JSON.parse(server.seen[1]!.body)).toEqual({...settings, copyProtectionEnabled: true})

    replay('CopyProtection', 'enable')
    const protectedText = await cli('CopyProtection', ['backups', 'compliancePolicy', 'copyprotection', 'enable', '--watch'])
    expect(protectedText.stdout).toBe('Copy protection has been enabled.\n')

    replay('CopyProtection', 'disable')
    const off = await cli('CopyProtection', ['backups', 'compliancePolicy', 'copyProtection', 'disable'])
    expectOk(off)
    expect(off.stdout).toBe('Copy protection is being disabled.\n')
    expect(requests()).toEqual([`GET ${path('CopyProtection')}`, `PUT ${path('CopyProtection')}`])
    expect(JSON.parse(server.seen[1]!.body)).toMatchObject({copyProtectionEnabled: false})

    replay('CopyProtection', 'disable')
    const offJson = await cli('CopyProtection', ['backups', 'compliancePolicy', 'copyProtection', 'disable', '-o', 'json'])
    expect(JSON.parse(offJson.stdout)).toEqual(recorded('CopyProtection', 'PUT', 'disable'))
  })

  it('PointInTimeRestore: setup --watch with an hourly item, then pointInTimeRestores enable --restoreWindowDays 1', async () => {
    replay('PointInTimeRestore')
    const home = makeHome()
    const file = join(home, 'policy.json')
    writeFileSync(file, JSON.stringify({authorizedEmail: 'firstname.lastname@example.com', authorizedUserFirstName: 'firstname', authorizedUserLastName: 'lastname', scheduledPolicyItems: [{frequencyType: 'hourly', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 1}]}))
    const setup = await cli('PointInTimeRestore', ['backups', 'compliancePolicy', 'setup', '-f', file, '--force', '--watch'], home)
    expect(setup.code, setup.stderr).toBe(0)
    // With --watch the template shows the policy Atlas applied, item id included.
    const [lead, ...rest] = cells(setup.stdout)
    expect(lead).toEqual(['Your backup compliance policy has been set up with the following configuration:'])
    expect(rest).toEqual([...settingsRows(PROJECTS.PointInTimeRestore), ['6a793f8fc0eb9e7a17716c3f', '1', 'hourly', '1 days']])
    expect(setup.stdout).toMatch(/\S\n\n$/)

    replay('PointInTimeRestore', 'enable')
    const pit = await cli('PointInTimeRestore', ['backups', 'compliancePolicy', 'pointInTimeRestores', 'enable', '--restoreWindowDays', '1'])
    expectOk(pit)
    expect(pit.stdout).toBe('Point-in-Time restores is being enabled with a restore window of 1 days.\n')
    expect(requests()).toEqual([`GET ${path('PointInTimeRestore')}`, `PUT ${path('PointInTimeRestore')}`])
    expect(JSON.parse(server.seen[1]!.body)).toMatchObject({pitEnabled: true, restoreWindowDays: 1, scheduledPolicyItems: recorded('PointInTimeRestore', 'GET', 'enable').scheduledPolicyItems})

    replay('PointInTimeRestore', 'enable')
    const json = await cli('PointInTimeRestore', ['backups', 'compliancepolicy', 'pointintimerestores', 'enable', '--restoreWindowDays', '1', '-o', 'json'])
    expect(JSON.parse(json.stdout)).toEqual(recorded('PointInTimeRestore', 'PUT', 'enable'))
  })

  it('PoliciesDescribe: enable, then policies describe prints the items table (empty here), and the JSON Atlas answered', async () => {
    replay('PoliciesDescribe')
    expectOk(await cli('PoliciesDescribe', ['backups', 'compliancePolicy', 'enable', ...ENABLE_FLAGS, '--force']))
    const text = await cli('PoliciesDescribe', ['backups', 'compliancePolicy', 'policies', 'describe'])
    expectOk(text)
    expect(text.stdout).toBe('ID   FREQUENCY INTERVAL   FREQUENCY TYPE   RETENTION\n\n')
    expect(requests()).toEqual([`PUT ${path('PoliciesDescribe')}`, `GET ${path('PoliciesDescribe')}`])

    const json = await cli('PoliciesDescribe', ['backups', 'compliancePolicy', 'policies', 'describe', '-o', 'json'])
    expect(JSON.parse(json.stdout)).toEqual(recorded('PoliciesDescribe', 'GET'))
    const onDemand = await cli('PoliciesDescribe', ['backups', 'compliancePolicy', 'policies', 'ondemand', 'describe', '-o', 'json'])
    expect(JSON.parse(onDemand.stdout)).toBeNull()
    const scheduled = await cli('PoliciesDescribe', ['backups', 'compliancePolicy', 'policies', 'scheduled', 'describe', '-o', 'json'])
    expect(JSON.parse(scheduled.stdout)).toEqual([])
  })
})

const GROUP = PROJECTS.Describe
const active = (extra: Record<string, unknown> = {}) => ({
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
  scheduledPolicyItems: [{id: '6a793f8fc0eb9e7a17716c3f', frequencyType: 'hourly', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 2}],
  state: 'ACTIVE',
  ...extra,
})

describe('refused before anything is sent (exit 2, the server sees no request)', () => {
  const bad = (home: string, document: unknown) => {
    const file = join(home, 'bad.json')
    writeFileSync(file, JSON.stringify(document))
    return file
  }

  it.each([
    ['enable without a terminal and without --force', ['backups', 'compliancePolicy', 'enable', ...ENABLE_FLAGS], /no terminal to confirm it on.*Pass --force/],
    ['enable with an address that is none', ['backups', 'compliancePolicy', 'enable', '--authorizedEmail', 'jane.example.com', '--authorizedUserFirstName', 'J', '--authorizedUserLastName', 'D', '--force'], /unable to enable compliance policy due to invalid email: missing '@'/],
    ['enable with an empty name', ['backups', 'compliancePolicy', 'enable', '--authorizedEmail', 'j@example.com', '--authorizedUserFirstName', ' ', '--authorizedUserLastName', 'D', '--force'], /--authorizedUserFirstName is empty/],
    ['pointInTimeRestores enable --restoreWindowDays 0', ['backups', 'compliancePolicy', 'pointInTimeRestores', 'enable', '--restoreWindowDays', '0'], /positive, non-zero integer/],
    ['ondemand create with an unknown unit', ['backups', 'compliancePolicy', 'policies', 'ondemand', 'create', '--retentionUnit', 'fortnights', '--retentionValue', '2'], /fortnights/],
    ['scheduled create without its interval', ['backups', 'compliancePolicy', 'policies', 'scheduled', 'create', '--frequencyType', 'daily', '--retentionUnit', 'days', '--retentionValue', '2'], /frequencyInterval/],
    ['--timeout without --watch', ['backups', 'compliancePolicy', 'copyProtection', 'enable', '--timeout', '1m'], /watch/],
    ['--watch with an --interval under a second', ['backups', 'compliancePolicy', 'encryptionAtRest', 'enable', '-w', '--interval', '10ms'], /--interval must be at least 1s/],
  ])('%s', async (_title, args, pattern) => {
    const result = await cli('Describe', args)
    expectOneErrorLine(result, 2, pattern)
    expect(server.seen).toEqual([])
  })

  it('setup: a file that breaks rule 86 is refused with one line per problem, before the confirmation', async () => {
    const home = makeHome()
    const file = bad(home, {authorizedEmail: 'nobody', pitEnabled: true, restoreWindowDays: 3, scheduledPolicyItems: [{frequencyType: 'hourly', frequencyInterval: 5, retentionUnit: 'days', retentionValue: 2}]})
    const result = await cli('Describe', ['backups', 'compliancePolicy', 'setup', '-f', file], home)
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    const [first, ...details] = result.stderr.trimEnd().split('\n')
    expect(first).toMatch(/^Error: .*bad\.json breaks \d+ rules of a backup compliance policy, nothing was sent/)
    expect(details.join('\n')).toMatch(/authorizedEmail {2}BACKUP_COMPLIANCE_POLICY_SETTINGS_INVALID/)
    expect(details.join('\n')).toMatch(/scheduledPolicyItems\[0\]\.frequencyInterval/)
    expect(server.seen).toEqual([])
  })

  it('setup: a file that is missing or not an object', async () => {
    const home = makeHome()
    expectOneErrorLine(await cli('Describe', ['backups', 'compliancePolicy', 'setup', '-f', join(home, 'none.json'), '--force'], home), 2, /cannot read .*none\.json: no such file/)
    expectOneErrorLine(await cli('Describe', ['backups', 'compliancePolicy', 'setup', '-f', bad(home, [1]), '--force'], home), 2, /not a backup compliance policy/)
    expect(server.seen).toEqual([])
  })

  it('check -f with a file that breaks rule 86 sends nothing either', async () => {
    const home = makeHome()
    const result = await cli('Describe', ['backups', 'compliancePolicy', 'check', '-f', bad(home, {authorizedEmail: 'a@example.com'})], home)
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/authorizedUserFirstName/)
    expect(server.seen).toEqual([])
  })
})

describe('read-modify-write over the cloud backend', () => {
  it('a change Atlas would refuse (a window longer than the hourly retention, rule 86) is refused after the GET: no PUT', async () => {
    server.handler = (_r, res) => json(res, 200, active())
    const result = await cli('Describe', ['backups', 'compliancePolicy', 'pointInTimeRestores', 'enable', '--restoreWindowDays', '5'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^Error: the policy with this change breaks 1 rule of a backup compliance policy, nothing was sent/)
    expect(result.stderr).toMatch(/restoreWindowDays 5 is longer than the hourly item keeps its snapshots/)
    expect(requests()).toEqual([`GET ${path('Describe')}`])
  })

  it('scheduled create appends to the items read; ondemand update replaces the on-demand item; the PUT keeps the ids', async () => {
    server.handler = (request, res) => json(res, 200, request.method === 'GET' ? active({onDemandPolicyItem: {id: '6a793f8fc0eb9e7a17716c40', frequencyType: 'ondemand', frequencyInterval: 0, retentionUnit: 'days', retentionValue: 1}}) : active({state: 'UPDATING'}))
    const created = await cli('Describe', ['backups', 'compliancePolicy', 'policies', 'scheduled', 'create', '--frequencyType', 'weekly', '--frequencyInterval', '1', '--retentionUnit', 'weeks', '--retentionValue', '4'])
    expect(created.stdout).toBe('Your backup compliance policy is being updated\n')
    const sent = JSON.parse(server.seen[1]!.body) as {scheduledPolicyItems: unknown[]; onDemandPolicyItem: unknown}
    expect(sent.scheduledPolicyItems).toEqual([...active().scheduledPolicyItems, {frequencyType: 'weekly', frequencyInterval: 1, retentionUnit: 'weeks', retentionValue: 4}])
    expect(sent.onDemandPolicyItem).toMatchObject({id: '6a793f8fc0eb9e7a17716c40'})

    server.seen.length = 0
    const updated = await cli('Describe', ['backups', 'compliancePolicy', 'policies', 'ondemand', 'update', '--retentionUnit', 'weeks', '--retentionValue', '2', '-o', 'json'])
    expect(JSON.parse(updated.stdout)).toMatchObject({state: 'UPDATING'})
    expect((JSON.parse(server.seen[1]!.body) as {onDemandPolicyItem: unknown}).onDemandPolicyItem).toEqual({frequencyType: 'ondemand', frequencyInterval: 0, retentionUnit: 'weeks', retentionValue: 2})
  })

  it("--watch polls until ACTIVE, progress on stderr; Atlas's refusal of the PUT is one line with its code, exit 1", async () => {
    let gets = 0
    // The read, then the watch's polls: UPDATING once, then ACTIVE.
    server.handler = (request, res) => {
      if (request.method === 'PUT') return json(res, 200, active({state: 'UPDATING', encryptionAtRestEnabled: true}))
      gets++
      json(res, 200, active({state: gets === 2 ? 'UPDATING' : 'ACTIVE', encryptionAtRestEnabled: gets > 1}))
    }
    const watched = await cli('Describe', ['backups', 'compliancePolicy', 'encryptionAtRest', 'enable', '--watch', '--interval', '1s'])
    expect(watched.code, watched.stderr).toBe(0)
    expect(watched.stdout).toBe('Encryption at rest has been enabled.\n')
    expect(watched.stderr).toBe(`the backup compliance policy of project ${GROUP}: UPDATING\nthe backup compliance policy of project ${GROUP}: ACTIVE\n`)
    expect(server.seen.map((s) => s.method)).toEqual(['GET', 'PUT', 'GET', 'GET'])

    server.seen.length = 0
    server.handler = (request, res) => (request.method === 'GET' ? json(res, 200, active()) : atlasError(res, 400, 'CANNOT_DISABLE_ENCRYPTION_AT_REST_WITH_BACKUP_COMPLIANCE_POLICY', 'Cannot disable encryption at rest.'))
    const refused = await cli('Describe', ['backups', 'compliancePolicy', 'encryptionAtRest', 'disable'])
    expectOneErrorLine(refused, 1, /CANNOT_DISABLE_ENCRYPTION_AT_REST_WITH_BACKUP_COMPLIANCE_POLICY/)
    expect(server.count('PUT')).toBe(1)
  })
})

describe('check over the cloud backend', () => {
  const clusterOf = (name: string, instanceSize: string) => ({name, pitEnabled: false, backupEnabled: true, replicationSpecs: [{regionConfigs: [{providerName: 'AWS', regionName: 'US_EAST_1', electableSpecs: {instanceSize}}]}]})
  const scheduleOf = (days: number) => ({policies: [{id: '6a793f8fc0eb9e7a17716c41', policyItems: [{id: '6a793f8fc0eb9e7a17716c42', frequencyType: 'hourly', frequencyInterval: 1, retentionUnit: 'days', retentionValue: days}]}], restoreWindowDays: 0})

  it("reads the project's policy, the clusters and each covered cluster's schedule; a cluster below the minimum exits 1", async () => {
    server.handler = (request, res) => {
      const at = new URL(request.url, 'http://x').pathname
      if (at.endsWith('/backupCompliancePolicy')) return json(res, 200, active())
      if (at.endsWith('/clusters')) return json(res, 200, {results: [clusterOf('Low', 'M10'), clusterOf('High', 'M30'), clusterOf('Tiny', 'M0')], totalCount: 3})
      if (at.includes('/clusters/Low/')) return json(res, 200, scheduleOf(1))
      json(res, 200, scheduleOf(5))
    }
    const result = await cli('Describe', ['backups', 'compliancePolicy', 'check', '-o', 'json'])
    expect(result.code, result.stderr).toBe(1)
    const report = JSON.parse(result.stdout) as {complies: boolean; projectId: string; policy: string; clusters: Array<{clusterName: string; verdict: string}>}
    expect(report).toMatchObject({complies: false, projectId: GROUP, policy: 'project'})
    expect(report.clusters.map((c) => [c.clusterName, c.verdict])).toEqual([['Low', 'raise'], ['High', 'complies'], ['Tiny', 'not covered']])
    expect(requests().map((r) => r.replace(/\?.*$/, '')).sort()).toEqual([
      `GET ${path('Describe')}`,
      `GET /api/atlas/v2/groups/${GROUP}/clusters`,
      `GET /api/atlas/v2/groups/${GROUP}/clusters/High/backup/schedule`,
      `GET /api/atlas/v2/groups/${GROUP}/clusters/Low/backup/schedule`,
    ].sort())
  })

  it('a project without a policy, and no -f: one line saying to give a file (exit 2)', async () => {
    server.handler = (_r, res) => atlasError(res, 404, 'RESOURCE_NOT_FOUND', 'Cannot find resource.')
    expectOneErrorLine(await cli('Describe', ['backups', 'compliancePolicy', 'check']), 2, /has no backup compliance policy to check against.*-f FILE/)
  })
})

describe('the confirmation on a terminal', () => {
  it(terminalTitle('setup asks (default No): no sends nothing and exits 1; yes sends the policy'), async () => {
    server.handler = (_r, res) => json(res, 200, active({state: 'ENABLING'}))
    const home = makeHome()
    const file = join(home, 'policy.json')
    writeFileSync(file, JSON.stringify({authorizedEmail: 'first.last@example.com', authorizedUserFirstName: 'First', authorizedUserLastName: 'Last'}))
    const env = {MONGODB_ATLAS_SERVICE: undefined, MONGODB_ATLAS_BASE_URL: server.url, MONGODB_ATLAS_PUBLIC_API_KEY: 'bcppub', MONGODB_ATLAS_PRIVATE_API_KEY: 'bcp-private-key', MONGODB_ATLAS_PROJECT_ID: GROUP}
    const args = ['backups', 'compliancePolicy', 'setup', '-f', file]
    const declined = await runOnTerminal(args, home, 'n\r', {env, question: 'Learn more'})
    // The terminal is 80 columns wide: the question wraps.
    expect(declined.output.replace(/\s+/g, '')).toContain('BackupcompliancepolicycannotbedisabledwithoutMongoDBSupport.Pleaseconfirmthatyouwanttocontinue.')
    expect(declined.output).toContain('did not receive confirmation to enable backup compliance policy')
    expect(declined.code).toBe(1)
    expect(server.seen).toEqual([])

    const accepted = await runOnTerminal(args, home, 'y\r', {env, question: 'Learn more'})
    expect(accepted.code, accepted.output).toBe(0)
    expect(accepted.output).toContain('Your backup compliance policy is being set up with the following configuration:')
    expect(server.count('PUT')).toBe(1)
  })
})
