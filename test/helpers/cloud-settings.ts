import type {Credentials, Settings} from '../../src/lib/config/settings.js'
import {makeHome} from './cli.js'

/** Settings that send the cloud backend to `baseUrl` with these credentials, as the environment would. */
export function cloudSettings(baseUrl: string, credentials: Credentials): Settings {
  return {
    home: makeHome(),
    profileName: 'default',
    profile: {},
    service: {value: 'cloud', source: 'env'},
    serviceReason: 'test',
    baseUrl: {value: baseUrl, source: 'env'},
    credentials,
  }
}
