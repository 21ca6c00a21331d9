import {UsageError} from '../cli/errors.js'
import {isObjectId} from '../domain/ids.js'
import {readAtlasCliConfig, type AtlasCliConfig} from './atlas-cli-config.js'
import {hasProfile, profileNames, readConfig, storedProfile, type ConfigData} from './config-file.js'
import {homeDir} from './home.js'
import {normaliseProfileName, profileNameProblem, SERVICES, type Profile, type ProfileKey} from './profile.js'

export type Service = (typeof SERVICES)[number]
export type Source = 'flag' | 'env' | 'profile' | 'default'

export interface Sourced<T> {
  value: T
  source: Source
  /** Exactly where: the flag, the environment variable, or the file holding the profile. */
  from?: string
}

export type Credentials =
  | {kind: 'apiKey'; publicKey: string; privateKey: string; source: Source; from?: string}
  | {kind: 'serviceAccount'; clientId: string; clientSecret: string; source: Source; from?: string}

/** Which configuration holds the selected profile: this tool's config.json or the Atlas CLI's config.toml. */
export type ProfileStore = 'atlas-backups' | 'atlascli'

/** Everything a command needs to know about where to send its requests, with where each setting came from. */
export interface Settings {
  home: string
  profileName: string
  profile: Profile
  /** The file the profile was read from; undefined when the profile does not exist yet (a new user's "default"). */
  profileFile?: string
  profileStore?: ProfileStore
  service: Sourced<Service>
  /** Why this backend: shown by `config describe` so the backend in use is never a guess. */
  serviceReason: string
  /** The emulator answers only because no credentials exist anywhere, not because the user chose it. */
  implicitLocal?: boolean
  /** Why no backend can be used (incomplete credentials, Atlas chosen without any): commands refuse to run. */
  problem?: UsageError
  projectId?: Sourced<string>
  orgId?: Sourced<string>
  output?: Sourced<string>
  baseUrl: Sourced<string>
  credentials?: Credentials
}

export interface SettingsFlags {
  profile?: string
  projectId?: string
  output?: string
}

const CLOUD_URL = 'https://cloud.mongodb.com'
const CLOUDGOV_URL = 'https://cloud.mongodbgov.com'

const CHOOSE_LOCAL = 'to use the local emulator on purpose, set MONGODB_ATLAS_SERVICE=local or run `atlas-backups config set service local`'
const SET_CREDENTIALS = 'Set MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY (or MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET), or run `atlas-backups config init`'

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim()
}

interface Found {
  name: string
  profile: Profile
  file?: string
  store?: ProfileStore
  authType?: string
}

/** flag > env > profile, as the Atlas CLI orders them. */
function pick(found: Found, key: ProfileKey, env: {name: string; value: string | undefined}, flag?: {name: string; value: string | undefined}): Sourced<string> | undefined {
  const f = nonEmpty(flag?.value)
  if (f !== undefined) return {value: f, source: 'flag', from: flag!.name}
  const e = nonEmpty(env.value)
  if (e !== undefined) return {value: e, source: 'env', from: env.name}
  const p = nonEmpty(found.profile[key])
  if (p !== undefined) return {value: p, source: 'profile', from: found.file}
  return undefined
}

/** Where a setting came from, in words: `MONGODB_ATLAS_SERVICE`, `--projectId`, `profile "prod" (/path/config.json)`. */
export function origin(found: {name: string; file?: string}, sourced: Sourced<unknown>): string {
  if (sourced.source === 'profile') return `profile "${found.name}" (${sourced.from ?? 'no file'})`
  return sourced.from ?? sourced.source
}

/** A profile name given by -P or MONGODB_ATLAS_PROFILE, checked and normalised. */
export function checkedProfileName(name: string): string {
  const problem = profileNameProblem(name)
  if (problem) throw new UsageError(problem, 'Choose another profile name')
  return normaliseProfileName(name)
}

export function selectedProfileName(flags: SettingsFlags, env: NodeJS.ProcessEnv = process.env): string {
  return checkedProfileName(flags.profile ?? nonEmpty(env.MONGODB_ATLAS_PROFILE) ?? 'default')
}

/** The profiles that exist, in this tool's config.json and in the Atlas CLI's config.toml. */
export interface KnownProfiles {
  config: ConfigData
  atlasCli?: AtlasCliConfig
}

/**
 * With `name`, the Atlas CLI's file is read only when config.json has no profile of that name, so a broken
 * config.toml never stands in the way of this tool's own profiles (and costs nothing when it is not needed).
 */
export async function knownProfiles(home: string, env: NodeJS.ProcessEnv = process.env, name?: string): Promise<KnownProfiles> {
  const config = readConfig(home)
  if (name !== undefined && hasProfile(config, name)) return {config}
  return {config, atlasCli: await readAtlasCliConfig(env)}
}

/** "default, prod (in …/config.json); dev (in the Atlas CLI's …/config.toml)", or undefined when there are none. */
export function describeProfiles(known: KnownProfiles): string | undefined {
  const parts: string[] = []
  const own = profileNames(known.config).sort()
  if (own.length > 0) parts.push(`${own.join(', ')} (in ${known.config.path})`)
  const theirs = [...(known.atlasCli?.profiles.keys() ?? [])].filter((name) => !own.includes(name)).sort()
  if (theirs.length > 0) parts.push(`${theirs.join(', ')} (in the Atlas CLI's ${known.atlasCli!.path})`)
  return parts.length === 0 ? undefined : parts.join('; ')
}

/** This tool's profile of that name, else the Atlas CLI's; undefined when neither has it. */
export function findProfile(known: KnownProfiles, name: string): Found | undefined {
  const own = storedProfile(known.config, name)
  if (own) return {name, profile: own, file: known.config.path, store: 'atlas-backups'}
  const theirs = known.atlasCli?.profiles.get(name)
  if (theirs) return {name, profile: theirs.profile, file: known.atlasCli!.path, store: 'atlascli', authType: theirs.authType}
  return undefined
}

function unknownProfile(name: string, via: string, known: KnownProfiles): UsageError {
  const existing = describeProfiles(known)
  const create = `create it with \`atlas-backups config init -P ${name}\``
  return new UsageError(
    `there is no profile named "${name}" (${via})`,
    existing ? `Existing profiles: ${existing}. Check the name, or ${create}` : `There are no profiles yet: ${create}`,
  )
}

function parseService(value: string, where: string): Service {
  if ((SERVICES as readonly string[]).includes(value)) return value as Service
  throw new UsageError(`unsupported service "${value}" in ${where}`, `Use one of ${SERVICES.join(', ')}`)
}

interface Half {
  key: ProfileKey
  variable: string
  label: string
}

const PAIRS: ReadonlyArray<{kind: Credentials['kind']; first: Half; second: Half}> = [
  {
    kind: 'serviceAccount',
    first: {key: 'clientId', variable: 'MONGODB_ATLAS_CLIENT_ID', label: 'service account client ID'},
    second: {key: 'clientSecret', variable: 'MONGODB_ATLAS_CLIENT_SECRET', label: 'service account client secret'},
  },
  {
    kind: 'apiKey',
    first: {key: 'publicApiKey', variable: 'MONGODB_ATLAS_PUBLIC_API_KEY', label: 'public API key'},
    second: {key: 'privateApiKey', variable: 'MONGODB_ATLAS_PRIVATE_API_KEY', label: 'private API key'},
  },
]

interface CredentialSearch {
  credentials?: Credentials
  /** Why the credentials found are incomplete; undefined when none were found at all or a pair is complete. */
  incomplete?: UsageError
}

/** A service account wins over API keys when both are complete, as in the Atlas CLI. Half a pair is never ignored. */
function resolveCredentials(env: NodeJS.ProcessEnv, found: Found): CredentialSearch {
  const halves: string[] = []
  const missing: string[] = []
  for (const {kind, first, second} of PAIRS) {
    const a = pick(found, first.key, {name: first.variable, value: env[first.variable]})
    const b = pick(found, second.key, {name: second.variable, value: env[second.variable]})
    if (a && b) {
      const source = b.source
      const from = [...new Set([origin(found, a), origin(found, b)])].join(' and ')
      return {credentials: kind === 'apiKey' ? {kind, publicKey: a.value, privateKey: b.value, source, from} : {kind, clientId: a.value, clientSecret: b.value, source, from}}
    }
    const [present, absent, half] = a ? [a, second, first] : b ? [b, first, second] : []
    if (!present || !absent || !half) continue
    const where = present.source === 'env' ? half.variable : `${half.key} in profile "${found.name}" of ${present.from}`
    halves.push(`the ${half.label} is set (${where}) but the ${absent.label} is not`)
    missing.push(absent.variable)
  }
  if (halves.length === 0) return {}
  const keyring = found.store === 'atlascli' ? ' (the Atlas CLI keeps secrets in the system keyring, which atlas-backups does not read)' : ''
  return {incomplete: new UsageError(`incomplete Atlas credentials: ${halves.join('; ')}`, `Set ${missing.join(' and ')}${keyring}, or ${CHOOSE_LOCAL}`)}
}

/** An Atlas CLI profile without credentials in its file: they are in the keyring, or it logs in as a user. */
function atlasCliWithoutCredentials(found: Found): UsageError {
  const where = `profile "${found.name}" of the Atlas CLI (${found.file})`
  if (found.authType === 'user_account') {
    return new UsageError(`${where} logs in with a user account (atlas auth login), which atlas-backups does not support`, `Use an API key or a service account: ${SET_CREDENTIALS}; or ${CHOOSE_LOCAL}`)
  }
  const kept = found.authType === 'service_account' ? 'its service account secrets are' : found.authType === 'api_keys' ? 'its API keys are' : 'its credentials are'
  return new UsageError(`${where} has no credentials in the file: ${kept} in the system keyring, which atlas-backups does not read`, `${SET_CREDENTIALS}; or ${CHOOSE_LOCAL}`)
}

/**
 * Resolves the settings of the selected profile: flag > environment > profile, the profile from this tool's
 * config.json or else the Atlas CLI's config.toml. The backend is never a silent guess: half a credential pair,
 * a base URL or `service cloud` without credentials, or an Atlas CLI profile whose secrets are out of reach
 * leave `problem` set; only when there are no credentials anywhere does the emulator answer (`implicitLocal`).
 * A profile that exists nowhere is an error, except "default", which a new user has not created yet.
 */
export async function resolveSettings(flags: SettingsFlags, env: NodeJS.ProcessEnv = process.env): Promise<Settings> {
  const home = homeDir(env)
  const profileName = selectedProfileName(flags, env)
  const via = flags.profile !== undefined ? 'given with -P' : nonEmpty(env.MONGODB_ATLAS_PROFILE) !== undefined ? 'set in MONGODB_ATLAS_PROFILE' : 'the default profile'
  const known = await knownProfiles(home, env, profileName)
  const found = findProfile(known, profileName) ?? (profileName === 'default' ? {name: profileName, profile: {}} : undefined)
  if (!found) throw unknownProfile(profileName, via, known)

  const {credentials, incomplete} = resolveCredentials(env, found)
  const explicit = pick(found, 'service', {name: 'MONGODB_ATLAS_SERVICE', value: env.MONGODB_ATLAS_SERVICE})
  const baseUrlSetting = pick(found, 'baseUrl', {
    name: nonEmpty(env.MONGODB_ATLAS_OPS_MANAGER_URL) ? 'MONGODB_ATLAS_OPS_MANAGER_URL' : 'MONGODB_ATLAS_BASE_URL',
    value: nonEmpty(env.MONGODB_ATLAS_OPS_MANAGER_URL) ?? env.MONGODB_ATLAS_BASE_URL,
  })

  let service: Sourced<Service>
  let serviceReason: string
  let problem: UsageError | undefined
  let implicitLocal = false
  if (explicit) {
    const where = origin(found, explicit)
    service = {...explicit, value: parseService(explicit.value, where)}
    serviceReason = `${where} sets service ${service.value}`
    if (service.value !== 'local' && !credentials) {
      problem = incomplete ?? (found.store === 'atlascli' ? atlasCliWithoutCredentials(found) : new UsageError(`${where} selects Atlas (service ${service.value}) but no Atlas credentials are set`, `${SET_CREDENTIALS}; or ${CHOOSE_LOCAL}`))
    }
  } else if (credentials) {
    service = {value: 'cloud', source: 'default'}
    const kind = credentials.kind === 'apiKey' ? 'API keys' : 'service account credentials'
    serviceReason = `${kind} found in ${credentials.source === 'env' ? 'the environment' : `profile "${profileName}" (${found.file})`}`
  } else {
    service = {value: 'cloud', source: 'default'}
    if (incomplete) problem = incomplete
    else if (found.store === 'atlascli') problem = atlasCliWithoutCredentials(found)
    else if (baseUrlSetting) problem = new UsageError(`${origin(found, baseUrlSetting)} points at ${baseUrlSetting.value} but no Atlas credentials are set`, `${SET_CREDENTIALS}; or ${CHOOSE_LOCAL}`)
    else {
      service = {value: 'local', source: 'default'}
      implicitLocal = true
    }
    serviceReason = problem ? problem.message : 'no Atlas credentials found, so the embedded local emulator answers'
  }

  const projectId = pick(found, 'projectId', {name: 'MONGODB_ATLAS_PROJECT_ID', value: env.MONGODB_ATLAS_PROJECT_ID}, {name: '--projectId', value: flags.projectId})
  if (projectId && !isObjectId(projectId.value)) {
    throw new UsageError(`the provided value '${projectId.value}' is not a valid project ID`, 'Project IDs are 24 hexadecimal characters')
  }
  const baseUrl = baseUrlSetting ?? {value: service.value === 'cloudgov' ? CLOUDGOV_URL : CLOUD_URL, source: 'default' as const}

  return {
    home,
    profileName,
    profile: found.profile,
    profileFile: found.file,
    profileStore: found.store,
    service,
    serviceReason,
    implicitLocal,
    problem,
    projectId,
    orgId: pick(found, 'orgId', {name: 'MONGODB_ATLAS_ORG_ID', value: env.MONGODB_ATLAS_ORG_ID}),
    output: pick(found, 'output', {name: 'MONGODB_ATLAS_OUTPUT', value: env.MONGODB_ATLAS_OUTPUT}, {name: '--output', value: flags.output}),
    baseUrl: {...baseUrl, value: baseUrl.value.replace(/\/+$/, '')},
    credentials,
  }
}
