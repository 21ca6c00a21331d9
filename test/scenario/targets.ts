import {expect} from 'vitest'

import {DEMO_PROJECT_ID} from '../../src/lib/backends/local/fleet.js'
import {DAY_MS, HOUR_MS} from '../../src/lib/domain/time.js'
import {makeHome, runCli, type CliResult} from '../helpers/cli.js'
import {startServe, type Served} from '../helpers/serve.js'
import {json} from '../helpers/values.js'

/**
 * Where the scenario's backup commands go. `admin` runs `local …` commands on the emulator's own store: the CLI's
 * home for the local backend, the home of `serve` for the cloud backend.
 */
export interface Target {
  name: string
  /** The environment the backup commands run with (besides ATLAS_BACKUPS_HOME), for tests that spawn the CLI themselves. */
  env: Record<string, string>
  /** ATLAS_BACKUPS_HOME of the backup commands. */
  home: string
  /** ATLAS_BACKUPS_HOME of the emulator that answers them (the same home on the local target, serve's on the cloud one). */
  emulatorHome: string
  backups(args: string[]): Promise<CliResult>
  admin(args: string[]): Promise<CliResult>
  /**
   * GET of a delivery URL as a user's curl would send it. On the cloud target the URL is `serve`'s own; the local
   * backend has no server of its own, so its target starts a `serve` over the same home on first use and sends the
   * URL's path there (the URL names the default link base, where no server listens in a test).
   */
  fetchDelivery(url: string): Promise<Response>
  stop(): Promise<void>
}

export function localTarget(): Target {
  const home = makeHome()
  let served: Promise<Served> | undefined
  // Chosen on purpose, as a user who means the emulator would.
  const env = {MONGODB_ATLAS_SERVICE: 'local'}
  return {
    name: 'local backend',
    env,
    home,
    emulatorHome: home,
    backups: (args) => runCli(args, {home, env}),
    admin: (args) => runCli(['local', ...args], {home}),
    fetchDelivery: async (url) => {
      served ??= startServe(home)
      const {pathname, search} = new URL(url)
      return fetch(new URL(pathname + search, (await served).url))
    },
    stop: async () => (await served)?.stop(),
  }
}

const PUBLIC_KEY = 'scenariopub'
const PRIVATE_KEY = '6d0a9c1e-scenario-private-key'

export async function cloudTarget(): Promise<Target> {
  const serveHome = makeHome()
  const cliHome = makeHome()
  // serve with digest auth on a free loopback port, over an emulator seeded first as a user's first command would.
  const {url, stop} = await startServe(serveHome, ['--public-key', PUBLIC_KEY, '--private-key', PRIVATE_KEY])
  const env = {
    MONGODB_ATLAS_BASE_URL: url,
    MONGODB_ATLAS_PUBLIC_API_KEY: PUBLIC_KEY,
    MONGODB_ATLAS_PRIVATE_API_KEY: PRIVATE_KEY,
    MONGODB_ATLAS_PROJECT_ID: DEMO_PROJECT_ID,
  }
  return {
    name: 'cloud backend over serve',
    env,
    home: cliHome,
    emulatorHome: serveHome,
    backups: (args) => runCli(args, {home: cliHome, env}),
    admin: (args) => runCli(['local', ...args], {home: serveHome}),
    fetchDelivery: (deliveryUrl) => fetch(deliveryUrl),
    stop,
  }
}

/** One step of a scenario's transcript, compared between the two backends. */
export interface Step {
  step: string
  code: number | null
  stdout: string
  /** A refusal's error lines: Atlas's answer, so the same through either backend. */
  stderr?: string
}

/** Link hosts differ between the in-process emulator and serve's real port; everything else must match. */
export function normaliseLinks(text: string): string {
  return text.replace(/http:\/\/127\.0\.0\.1:\d+/g, 'http://ATLAS')
}

// Tomorrow 12:00 UTC: always ahead of the seeding instant, and the same for both targets of a scenario.
const startOfDay = Math.floor(Date.now() / DAY_MS) * DAY_MS
export const FROZEN_AT = new Date(startOfDay + DAY_MS + 12 * HOUR_MS).toISOString().replace('.000Z', 'Z')

/** Freezes the target's emulator clock at exactly FROZEN_AT, whatever time passes between the commands. */
export async function freezeAtScenarioStart(target: Target): Promise<void> {
  // Freeze first, then set: setting a frozen clock moves it to exactly that instant. Set-then-freeze would
  // freeze wherever the running clock had got to by the second command, a second later under load.
  expect((await target.admin(['clock', 'freeze'])).code).toBe(0)
  // A pause as a loaded machine makes between two commands: the instant must not depend on it.
  await new Promise((resolve) => setTimeout(resolve, 1100))
  const frozen = await target.admin(['clock', 'set', FROZEN_AT, '-o', 'json'])
  expect(frozen.code).toBe(0)
  expect(json<{now: string; frozen: boolean}>(frozen)).toMatchObject({now: FROZEN_AT, frozen: true})
}
