import Database from 'better-sqlite3'
import {afterAll, describe, expect, it} from 'vitest'

import {changeClock} from '../../src/lib/backends/local/admin.js'
import {DEMO_PROJECT_ID} from '../../src/lib/backends/local/fleet.js'
import {COMPLIANCE_SETTLE_MS} from '../../src/lib/backends/local/compliance-policies.js'
import {LocalBackend} from '../../src/lib/backends/local/local-backend.js'
import {storePath} from '../../src/lib/backends/local/store.js'
import type {CompliancePolicy} from '../../src/lib/domain/types.js'
import {cleanupHomes, type CliResult, expectOneErrorLine, frozenHome, makeHome, runCli} from '../helpers/cli.js'
import {putPolicy} from '../helpers/compliance-store.js'

afterAll(cleanupHomes)

/**
 * Backend.changeCompliancePolicy reads the policy in force and writes the change in one transaction. Two commands
 * changing different fields at the same instant cannot both land at once: the first PUT leaves the policy UPDATING,
 * and Atlas refuses any change until it is ACTIVE again (rule 87). So the promise checked here is the one a script
 * relies on: one lands, the other is refused with CANNOT_UPDATE_…_WITH_PENDING_ACTION (exit 1, one line) and changes
 * nothing, and once the policy has settled its retry lands on top of the first change, so both are in the policy.
 * A GET and a PUT in separate transactions would pass that too (the PUT's pending check refuses the stale write at
 * the same instant), which is why the last test checks in-process that no other connection can write while the
 * change is derived. Two trials (one with copy protection flipped on, one off): each costs three spawns.
 */
const TRIALS = 2
const NOW = '2026-06-10T10:00:00Z'
const LOCAL = {MONGODB_ATLAS_SERVICE: 'local'}

function cli(home: string, args: string[]): Promise<CliResult> {
  return runCli(['backups', 'compliancePolicy', ...args, '-o', 'json'], {home, env: LOCAL})
}

/** Moves the frozen clock past the settling of the last PUT, in-process: the step arranges the trial, it is not under test. */
async function settle(home: string): Promise<void> {
  const backend = new LocalBackend({home})
  changeClock(backend, (state) => ({...state, frozenAt: state.frozenAt! + COMPLIANCE_SETTLE_MS}))
  await backend.close()
}

describe('concurrent compliance-policy changes lose nothing (2 trials, run at once on a shared store)', () => {
  it('copyProtection enable|disable and policies ondemand update at once: one lands, the other is refused; its retry keeps both', async () => {
    const home = await frozenHome(NOW)
    const backend = new LocalBackend({home})
    putPolicy(backend, Date.parse(NOW))
    await backend.close()
    for (let trial = 0; trial < TRIALS; trial++) {
      // Each trial flips copy protection and picks a new retention, so a change lost or undone shows.
      const copyProtection = trial % 2 === 0
      const days = 7 + trial
      const toggle = ['copyProtection', copyProtection ? 'enable' : 'disable']
      const onDemand = ['policies', 'ondemand', 'update', '--retentionUnit', 'days', '--retentionValue', String(days)]
      const results = await Promise.all([cli(home, toggle), cli(home, onDemand)])
      const landed = results.findIndex((result) => result.code === 0)
      expect(landed, `trial ${trial}: neither landed: ${results.map((result) => result.stderr).join(' | ')}`).toBeGreaterThanOrEqual(0)
      const refused = 1 - landed
      expectOneErrorLine(results[refused]!, 1, /is UPDATING: wait until it is ACTIVE.*CANNOT_UPDATE_BACKUP_COMPLIANCE_POLICY_SETTINGS_WITH_PENDING_ACTION/)
      expect((JSON.parse(results[landed]!.stdout) as CompliancePolicy).state, `trial ${trial}`).toBe('UPDATING')
      await settle(home)
      const retry = await cli(home, refused === 0 ? toggle : onDemand)
      expect(retry.code, retry.stderr).toBe(0)
      const after = JSON.parse(retry.stdout) as CompliancePolicy
      expect({copyProtection: after.copyProtectionEnabled, days: after.onDemandPolicyItem?.retentionValue}, `trial ${trial}`).toEqual({copyProtection, days})
      await settle(home)
    }
    const final = await runCli(['backups', 'compliancePolicy', 'describe', '-o', 'json'], {home, env: LOCAL})
    expect(JSON.parse(final.stdout)).toMatchObject({copyProtectionEnabled: TRIALS % 2 === 1, onDemandPolicyItem: {retentionUnit: 'days', retentionValue: 6 + TRIALS}, state: 'ACTIVE'})
  }, 300_000)
})

describe('the change is derived inside the write transaction', () => {
  it('while the change function runs, another connection to the store cannot begin a write (SQLITE_BUSY at once)', async () => {
    const home = makeHome()
    const backend = new LocalBackend({home, wallClock: () => Date.parse(NOW)})
    putPolicy(backend, Date.parse(NOW))
    // What a second atlas-backups process would do, without the 15 s busy wait of the CLI's own connections.
    const other = new Database(storePath(home), {timeout: 0})
    let attempt: unknown = 'not tried'
    try {
      await backend.changeCompliancePolicy(DEMO_PROJECT_ID, (current) => {
        try {
          other.exec('BEGIN IMMEDIATE')
          other.exec('ROLLBACK')
          attempt = 'began a write'
        } catch (error) {
          attempt = (error as {code?: string}).code
        }
        return {...current, copyProtectionEnabled: true}
      })
    } finally {
      other.close()
      await backend.close()
    }
    expect(attempt).toBe('SQLITE_BUSY')
  })
})
