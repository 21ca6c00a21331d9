import {CliError} from '../../cli/errors.js'
import type {Settings} from '../../config/settings.js'
import type {Backend} from '../backend.js'

export interface CloudHooks {
  debug: (line: string) => void
  warn: (line: string) => void
}

export async function createCloudBackend(_settings: Settings, _hooks: CloudHooks): Promise<Backend> {
  throw new CliError('the Atlas cloud backend is not available in this build', {hint: 'Unset the Atlas credentials (or set MONGODB_ATLAS_SERVICE=local) to use the local emulator'})
}
