import {DEMO_PROJECT_ID} from '../../src/lib/backends/local/fleet.js'
import {makeHome, runCli, type CliResult} from '../helpers/cli.js'
import {startServe} from '../helpers/serve.js'

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
  backups(args: string[]): Promise<CliResult>
  admin(args: string[]): Promise<CliResult>
  stop(): Promise<void>
}

export function localTarget(): Target {
  const home = makeHome()
  // Chosen on purpose, as a user who means the emulator would.
  const env = {MONGODB_ATLAS_SERVICE: 'local'}
  return {
    name: 'local backend',
    env,
    home,
    backups: (args) => runCli(args, {home, env}),
    admin: (args) => runCli(['local', ...args], {home}),
    stop: async () => {},
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
    backups: (args) => runCli(args, {home: cliHome, env}),
    admin: (args) => runCli(['local', ...args], {home: serveHome}),
    stop,
  }
}

/** Link hosts differ between the in-process emulator and serve's real port; everything else must match. */
export function normaliseLinks(text: string): string {
  return text.replace(/http:\/\/127\.0\.0\.1:\d+/g, 'http://ATLAS')
}
