import {UsageError} from '../cli/errors.js'
import {isObjectId} from '../domain/ids.js'
import {readConfig} from './config-file.js'
import {homeDir} from './home.js'
import {normaliseProfileName, SERVICES, type Profile} from './profile.js'

export type Service = (typeof SERVICES)[number]
export type Source = 'flag' | 'env' | 'profile' | 'default'

export interface Sourced<T> {
  value: T
  source: Source
}

export type Credentials =
  | {kind: 'apiKey'; publicKey: string; privateKey: string; source: Source}
  | {kind: 'serviceAccount'; clientId: string; clientSecret: string; source: Source}

/** Everything a command needs to know about where to send its requests, with where each setting came from. */
export interface Settings {
  home: string
  profileName: string
  profile: Profile
  service: Sourced<Service>
  /** Why this backend: shown by `config describe` so the backend in use is never a guess. */
  serviceReason: string
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

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim()
}

/** flag > env > profile, as the Atlas CLI orders them. */
function pick(flag: string | undefined, env: string | undefined, profile: string | undefined): Sourced<string> | undefined {
  const f = nonEmpty(flag)
  if (f !== undefined) return {value: f, source: 'flag'}
  const e = nonEmpty(env)
  if (e !== undefined) return {value: e, source: 'env'}
  const p = nonEmpty(profile)
  if (p !== undefined) return {value: p, source: 'profile'}
  return undefined
}

function parseService(value: string, source: Source): Service {
  if ((SERVICES as readonly string[]).includes(value)) return value as Service
  const where = source === 'env' ? 'MONGODB_ATLAS_SERVICE' : 'the profile\'s service'
  throw new UsageError(`unsupported service "${value}" in ${where}`, `Use one of ${SERVICES.join(', ')}`)
}

/** A service account wins over API keys when both are complete, as in the Atlas CLI. */
function resolveCredentials(env: NodeJS.ProcessEnv, profile: Profile): Credentials | undefined {
  const clientId = pick(undefined, env.MONGODB_ATLAS_CLIENT_ID, profile.clientId)
  const clientSecret = pick(undefined, env.MONGODB_ATLAS_CLIENT_SECRET, profile.clientSecret)
  if (clientId && clientSecret) {
    return {kind: 'serviceAccount', clientId: clientId.value, clientSecret: clientSecret.value, source: clientSecret.source}
  }
  const publicKey = pick(undefined, env.MONGODB_ATLAS_PUBLIC_API_KEY, profile.publicApiKey)
  const privateKey = pick(undefined, env.MONGODB_ATLAS_PRIVATE_API_KEY, profile.privateApiKey)
  if (publicKey && privateKey) return {kind: 'apiKey', publicKey: publicKey.value, privateKey: privateKey.value, source: privateKey.source}
  return undefined
}

export function selectedProfileName(flags: SettingsFlags, env: NodeJS.ProcessEnv = process.env): string {
  const name = nonEmpty(flags.profile) ?? nonEmpty(env.MONGODB_ATLAS_PROFILE) ?? 'default'
  const normalised = normaliseProfileName(name)
  if (normalised.includes('.')) throw new UsageError(`profile names cannot contain '.': "${name}"`, 'Choose another profile name')
  return normalised
}

export function resolveSettings(flags: SettingsFlags, env: NodeJS.ProcessEnv = process.env): Settings {
  const home = homeDir(env)
  const profileName = selectedProfileName(flags, env)
  const profile = readConfig(home).profiles[profileName] ?? {}
  const credentials = resolveCredentials(env, profile)

  const explicit = pick(undefined, env.MONGODB_ATLAS_SERVICE, profile.service)
  let service: Sourced<Service>
  let serviceReason: string
  if (explicit) {
    service = {value: parseService(explicit.value, explicit.source), source: explicit.source}
    serviceReason = explicit.source === 'env' ? 'MONGODB_ATLAS_SERVICE is set' : `profile "${profileName}" sets service`
  } else if (credentials) {
    service = {value: 'cloud', source: 'default'}
    const kind = credentials.kind === 'apiKey' ? 'API keys' : 'service account credentials'
    serviceReason = `${kind} found in ${credentials.source === 'env' ? 'the environment' : `profile "${profileName}"`}`
  } else {
    service = {value: 'local', source: 'default'}
    serviceReason = 'no Atlas credentials found, so the embedded local emulator answers'
  }

  const projectId = pick(flags.projectId, env.MONGODB_ATLAS_PROJECT_ID, profile.projectId)
  if (projectId && !isObjectId(projectId.value)) {
    throw new UsageError(`the provided value '${projectId.value}' is not a valid project ID`, 'Project IDs are 24 hexadecimal characters')
  }
  const baseUrl =
    pick(undefined, nonEmpty(env.MONGODB_ATLAS_OPS_MANAGER_URL) ?? env.MONGODB_ATLAS_BASE_URL, profile.baseUrl) ??
    {value: service.value === 'cloudgov' ? CLOUDGOV_URL : CLOUD_URL, source: 'default' as const}

  return {
    home,
    profileName,
    profile,
    service,
    serviceReason,
    projectId,
    orgId: pick(undefined, env.MONGODB_ATLAS_ORG_ID, profile.orgId),
    output: pick(flags.output, env.MONGODB_ATLAS_OUTPUT, profile.output),
    baseUrl: {value: baseUrl.value.replace(/\/+$/, ''), source: baseUrl.source},
    credentials,
  }
}
