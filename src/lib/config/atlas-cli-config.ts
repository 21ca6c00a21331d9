import {existsSync, readFileSync} from 'node:fs'
import {homedir} from 'node:os'
import {isAbsolute, join} from 'node:path'

import {UsageError} from '../cli/errors.js'
import {normaliseProfileName, type Profile, type ProfileKey} from './profile.js'

/** A profile of the Atlas CLI, in this tool's terms. */
export interface AtlasCliProfile {
  profile: Profile
  /** The Atlas CLI's `auth_type`: with a keyring its secrets are not in the file, and this says which kind it has. */
  authType?: string
}

export interface AtlasCliConfig {
  path: string
  profiles: Map<string, AtlasCliProfile>
}

/** The Atlas CLI's property names (config.toml keys) that this tool understands. */
const KEYS: Record<string, ProfileKey> = {
  public_api_key: 'publicApiKey',
  private_api_key: 'privateApiKey',
  client_id: 'clientId',
  client_secret: 'clientSecret',
  project_id: 'projectId',
  org_id: 'orgId',
  service: 'service',
  output: 'output',
  ops_manager_url: 'baseUrl',
  base_url: 'baseUrl',
}

/**
 * Where the Atlas CLI keeps config.toml: Go's os.UserConfigDir() + atlascli. On Linux that is XDG_CONFIG_HOME when it
 * is an absolute path, else ~/.config; ~/Library/Application Support on macOS; %AppData% on Windows.
 */
export function atlasCliConfigPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const home = env.HOME || homedir()
  if (process.platform === 'win32') return env.APPDATA ? join(env.APPDATA, 'atlascli', 'config.toml') : undefined
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'atlascli', 'config.toml')
  const xdg = env.XDG_CONFIG_HOME
  return join(xdg && isAbsolute(xdg) ? xdg : join(home, '.config'), 'atlascli', 'config.toml')
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
}

function toProfile(path: string, name: string, table: Record<string, unknown>, overrides: Profile): AtlasCliProfile {
  const profile: Profile = {}
  for (const [tomlKey, key] of Object.entries(KEYS)) {
    if (!Object.hasOwn(table, tomlKey) || (tomlKey === 'base_url' && profile.baseUrl !== undefined)) continue
    const value = table[tomlKey]
    if (typeof value !== 'string') throw new UsageError(`the Atlas CLI configuration file ${path}: "${tomlKey}" of profile "${name}" is not a string`, 'Fix it with `atlas config set`, or by hand')
    ;(profile as Record<string, string>)[key] = value
  }
  const authType = typeof table.auth_type === 'string' ? table.auth_type : undefined
  return {profile: {...profile, ...overrides}, authType}
}

/**
 * The Atlas CLI's profiles, so its users do not configure twice; undefined when it has no config.toml. The TOML
 * parser is loaded only when the file exists. A top-level property (e.g. `project_id = "…"`) applies to every
 * profile, as in the Atlas CLI.
 */
export async function readAtlasCliConfig(env: NodeJS.ProcessEnv = process.env): Promise<AtlasCliConfig | undefined> {
  const path = atlasCliConfigPath(env)
  if (path === undefined || !existsSync(path)) return undefined
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message
    throw new UsageError(`cannot read the Atlas CLI configuration file ${path}: ${code}`, 'Check its permissions, or move it away')
  }
  const {parse, TomlError} = await import('smol-toml')
  let document: Record<string, unknown>
  try {
    document = parse(text)
  } catch (error) {
    const at = error instanceof TomlError ? ` (line ${error.line}, column ${error.column})` : ''
    throw new UsageError(`the Atlas CLI configuration file ${path} is not valid TOML${at}`, 'Fix it by hand, or move it away')
  }
  const overrides: Profile = {}
  for (const [tomlKey, key] of Object.entries(KEYS)) {
    const value = document[tomlKey]
    if (typeof value === 'string') (overrides as Record<string, string>)[key] = value
  }
  const profiles = new Map<string, AtlasCliProfile>()
  for (const [name, value] of Object.entries(document)) {
    if (isTable(value)) profiles.set(normaliseProfileName(name), toProfile(path, name, value, overrides))
  }
  return {path, profiles}
}
