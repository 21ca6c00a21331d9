import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {afterAll, afterEach, beforeEach, describe, expect, it} from 'vitest'

import {FaultServer} from '../cloud/fault-server.js'
import {cleanupHomes, makeHome, runCli, type CliResult} from '../helpers/cli.js'
import {parseRecording, RECORDINGS_DIR, replayFlow} from '../helpers/recordings.js'
import {hasShared, SHARED_ABSENT} from '../helpers/shared.js'

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

/** Lines split into cells (three or more spaces separate columns); a blank line is one empty cell. */
function cells(stdout: string): string[][] {
  return stdout.split('\n').map((line) => line.split(/ {3,}/))
}

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
    expect(cells(text.stdout)).toEqual([...settingsRows(PROJECTS.Describe), [''], ['']])
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
    expect(rest).toEqual([...settingsRows(PROJECTS.Setup), ['', '-', 'daily', '1 days'], [''], ['']])

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
    expect(rest).toEqual([...settingsRows(PROJECTS.PointInTimeRestore), ['6a793f8fc0eb9e7a17716c3f', '1', 'hourly', '1 days'], [''], ['']])

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
