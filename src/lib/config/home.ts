import {homedir} from 'node:os'
import {join} from 'node:path'

/**
 * Where atlas-backups keeps its profiles and the local emulator's store: ATLAS_BACKUPS_HOME, else the platform's
 * config directory (the same place `conf` would choose for this tool).
 */
export function homeDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ATLAS_BACKUPS_HOME) return env.ATLAS_BACKUPS_HOME
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Preferences', 'atlas-backups')
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'atlas-backups', 'Config')
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'atlas-backups')
}

export const CONFIG_FILE_NAME = 'config.json'
export const STORE_FILE_NAME = 'local.db'
