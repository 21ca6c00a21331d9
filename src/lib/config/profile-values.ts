import {UsageError} from '../cli/errors.js'
import {parseOutputFormat} from '../cli/output.js'
import {isObjectId} from '../domain/ids.js'
import {SERVICES, type ProfileKey} from './profile.js'

/** Rejects a setting that could never work, before it is saved and breaks every later command. */
export function checkProfileValue(key: ProfileKey, value: string): void {
  if (key === 'service' && !(SERVICES as readonly string[]).includes(value)) throw new UsageError(`service must be one of ${SERVICES.join(', ')}, got "${value}"`)
  if ((key === 'projectId' || key === 'orgId') && !isObjectId(value)) throw new UsageError(`${key} must be 24 hexadecimal characters, got "${value}"`)
  if (key === 'output') parseOutputFormat(value)
  if (key === 'baseUrl' && !/^https?:\/\/[^\s/]+/.test(value)) throw new UsageError(`baseUrl must be an http(s) URL, got "${value}"`, 'For example https://cloud.mongodb.com or http://127.0.0.1:8080')
}
