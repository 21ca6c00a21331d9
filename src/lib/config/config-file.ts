import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {UsageError} from '../cli/errors.js'
import {CONFIG_FILE_NAME} from './home.js'
import type {Profile} from './profile.js'

export interface ConfigData {
  profiles: Record<string, Profile>
}

export function configPath(home: string): string {
  return join(home, CONFIG_FILE_NAME)
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
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {profiles: {}}
    throw new UsageError(`cannot read the configuration file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 'Check its permissions, or point ATLAS_BACKUPS_HOME elsewhere')
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new UsageError(`the configuration file ${path} is not valid JSON`, 'Fix it by hand, or move it away to start with no profiles')
  }
  const profiles = (data as {profiles?: unknown})?.profiles
  if (profiles === undefined) return {profiles: {}}
  if (typeof profiles !== 'object' || profiles === null || Array.isArray(profiles)) {
    throw new UsageError(`the configuration file ${path} has no valid "profiles" object`, 'Fix it by hand, or move it away to start with no profiles')
  }
  return {profiles: profiles as Record<string, Profile>}
}
