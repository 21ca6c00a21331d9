/** A named set of settings, as stored in config.json under `profiles`. */
export interface Profile {
  service?: 'local' | 'cloud' | 'cloudgov'
  projectId?: string
  orgId?: string
  output?: string
  baseUrl?: string
  publicApiKey?: string
  privateApiKey?: string
  clientId?: string
  clientSecret?: string
}

export type ProfileKey = keyof Profile

export const PROFILE_KEYS: readonly ProfileKey[] = ['service', 'projectId', 'orgId', 'output', 'baseUrl', 'publicApiKey', 'privateApiKey', 'clientId', 'clientSecret']

/** Keys whose values never appear in any output, log or error. */
export const SECRET_KEYS: ReadonlySet<ProfileKey> = new Set<ProfileKey>(['privateApiKey', 'clientSecret'])

/** The Atlas CLI's snake_case property names, accepted as aliases by `config set/get`. */
const ALIASES: Record<string, ProfileKey> = {
  project_id: 'projectId',
  org_id: 'orgId',
  public_api_key: 'publicApiKey',
  private_api_key: 'privateApiKey',
  client_id: 'clientId',
  client_secret: 'clientSecret',
  ops_manager_url: 'baseUrl',
  base_url: 'baseUrl',
}

export function profileKey(name: string): ProfileKey | undefined {
  if ((PROFILE_KEYS as readonly string[]).includes(name)) return name as ProfileKey
  return ALIASES[name]
}

export const SERVICES = ['local', 'cloud', 'cloudgov'] as const

export const MASK = '********'

export function maskValue(key: ProfileKey, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return value
  return SECRET_KEYS.has(key) ? MASK : value
}

export function maskProfile(profile: Profile): Profile {
  const masked: Profile = {}
  for (const key of PROFILE_KEYS) {
    const value = profile[key]
    if (value !== undefined) (masked as Record<string, string>)[key] = maskValue(key, value) as string
  }
  return masked
}

/** Profile names are lower-cased like the Atlas CLI's; dots would clash with property paths. */
export function normaliseProfileName(name: string): string {
  return name.trim().toLowerCase()
}

/**
 * Names that would reach the prototype of the profiles object instead of a key of it: a profile saved under
 * `__proto__` would be reported saved and then vanish, one read as `constructor` would be a function.
 */
const RESERVED_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

/** The profile name to use for `name`, or why it cannot name a profile. */
export function profileNameProblem(name: string): string | undefined {
  const normalised = normaliseProfileName(name)
  if (normalised === '') return 'a profile name cannot be empty'
  if (normalised.includes('.')) return `profile names cannot contain '.': "${name}"`
  if (RESERVED_NAMES.has(normalised)) return `"${normalised}" is reserved and cannot name a profile`
  return undefined
}
