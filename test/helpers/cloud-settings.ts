import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import type {Credentials, Settings} from '../../src/lib/config/settings.js'

/** Settings that send the cloud backend to `baseUrl` with these credentials, as the environment would. */
export function cloudSettings(baseUrl: string, credentials: Credentials): Settings {
  return {
    home: mkdtempSync(join(tmpdir(), 'atlas-backups-cloud-')),
    profileName: 'default',
    profile: {},
    service: {value: 'cloud', source: 'env'},
    serviceReason: 'test',
    baseUrl: {value: baseUrl, source: 'env'},
    credentials,
  }
}
