import {mkdirSync} from 'node:fs'

import {UsageError} from '../cli/errors.js'
import {CONFIG_FILE_NAME} from './home.js'
import type {Profile} from './profile.js'

type ConfStore = {get(key: string): unknown; set(key: string, value: unknown): void; delete(key: string): void; path: string}

/** Opens config.json through `conf` (atomic writes, mode 0600). Loaded only by commands that change settings. */
async function openStore(home: string): Promise<ConfStore> {
  mkdirSync(home, {recursive: true, mode: 0o700})
  const {default: Conf} = await import('conf')
  try {
    return new Conf({cwd: home, configName: CONFIG_FILE_NAME.replace(/\.json$/, ''), configFileMode: 0o600, defaults: {profiles: {}}}) as unknown as ConfStore
  } catch (error) {
    throw new UsageError(`cannot open the configuration file in ${home}: ${(error as Error).message}`, 'Fix or move the file away to start with no profiles')
  }
}

function profilesOf(store: ConfStore): Record<string, Profile> {
  return {...((store.get('profiles') as Record<string, Profile> | undefined) ?? {})}
}

/**
 * Changes one profile inside conf's read-modify-write, keeping keys this version does not know. A profile that does
 * not exist yet starts from `base` (the Atlas CLI's profile of that name, when there is one).
 */
export async function updateProfile(home: string, name: string, change: (profile: Record<string, unknown>) => void, base: Profile = {}): Promise<Record<string, unknown>> {
  const store = await openStore(home)
  const profiles = profilesOf(store)
  const current = Object.hasOwn(profiles, name) ? profiles[name] : base
  const profile: Record<string, unknown> = {...(current as Record<string, unknown>)}
  change(profile)
  profiles[name] = profile as Profile
  store.set('profiles', profiles)
  return profile
}

export async function saveProfile(home: string, name: string, profile: Profile): Promise<void> {
  const store = await openStore(home)
  const profiles = profilesOf(store)
  profiles[name] = profile
  store.set('profiles', profiles)
}

/** Returns false when there was no such profile. */
export async function deleteProfile(home: string, name: string): Promise<boolean> {
  const store = await openStore(home)
  const profiles = profilesOf(store)
  if (!Object.hasOwn(profiles, name)) return false
  delete profiles[name]
  store.set('profiles', profiles)
  return true
}
