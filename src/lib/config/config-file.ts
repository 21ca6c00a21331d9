import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {UsageError} from '../cli/errors.js'
import {CONFIG_FILE_NAME} from './home.js'
import {PROFILE_KEYS, type Profile, type ProfileKey} from './profile.js'

/** config.json as read: each profile is checked only when it is used, so one broken profile does not block the rest. */
export interface ConfigData {
  path: string
  profiles: Record<string, unknown>
}

export function configPath(home: string): string {
  return join(home, CONFIG_FILE_NAME)
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Reads config.json directly: every command reads its profile, and importing `conf` costs ~80 ms at startup,
 * so `conf` is loaded only by the commands that write (see config-writer.ts). A missing file is an empty config.
 */
export function readConfig(home: string): ConfigData {
  const path = configPath(home)
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {path, profiles: {}}
    throw new UsageError(`cannot read the configuration file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 'Check its permissions, or point ATLAS_BACKUPS_HOME elsewhere')
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new UsageError(`the configuration file ${path} is not valid JSON`, 'Fix it by hand, or move it away to start with no profiles')
  }
  if (!isPlainObject(data)) throw new UsageError(`the configuration file ${path} does not hold a JSON object`, 'Fix it by hand, or move it away to start with no profiles')
  const profiles = data.profiles
  if (profiles === undefined) return {path, profiles: {}}
  if (!isPlainObject(profiles)) {
    throw new UsageError(`the configuration file ${path} has no valid "profiles" object`, 'Fix it by hand, or move it away to start with no profiles')
  }
  return {path, profiles}
}

export function profileNames(config: ConfigData): string[] {
  return Object.keys(config.profiles)
}

export function hasProfile(config: ConfigData, name: string): boolean {
  return Object.hasOwn(config.profiles, name)
}

function typeName(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}

/**
 * The profile stored under `name`, checked key by key: a hand-edited `"projectId": 123` is named with its file,
 * profile and key instead of failing later deep inside a command. `except` is the key a `config set` is about to
 * replace, so the command that fixes a bad value is not blocked by it. Values are never echoed: they may be secrets.
 */
export function storedProfile(config: ConfigData, name: string, except?: ProfileKey): Profile | undefined {
  if (!hasProfile(config, name)) return undefined
  const raw = config.profiles[name]
  if (!isPlainObject(raw)) {
    throw new UsageError(`the configuration file ${config.path}: profile "${name}" is ${typeName(raw)}, not an object of settings`, `Fix it by hand, or remove it with \`atlas-backups config delete ${name} --force\``)
  }
  const profile: Profile = {}
  for (const key of PROFILE_KEYS) {
    if (!Object.hasOwn(raw, key) || key === except) continue
    const value = raw[key]
    if (typeof value !== 'string') {
      throw new UsageError(`the configuration file ${config.path}: "${key}" of profile "${name}" is ${typeName(value)}, not a string`, `Fix it by hand, or set it again with \`atlas-backups config set ${key} <value> -P ${name}\``)
    }
    ;(profile as Record<string, string>)[key] = value
  }
  return profile
}
