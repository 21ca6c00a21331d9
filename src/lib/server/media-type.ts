import {AtlasApiError} from '../domain/errors.js'
import type {ServedVersion} from './routes.js'

const VERSIONED = /application\/vnd\.atlas\.(\d{4}-\d{2}-\d{2})\+json/

/**
 * The version to answer in: the one the Accept header names, if the operation has it. Like Atlas, an unversioned or
 * missing Accept is refused with 406 (real Atlas does; a client must pin a version), and so is a version the
 * specification does not list for the operation.
 */
export function negotiateVersion(accept: string | undefined, versions: ServedVersion[]): ServedVersion {
  const listed = versions.map((v) => v.version).join(', ')
  const requested = accept ? VERSIONED.exec(accept)?.[1] : undefined
  if (!requested) {
    throw new AtlasApiError(406, 'INVALID_VERSION_DATE', `Send Accept: application/vnd.atlas.<version>+json; this operation serves ${listed}.`, [accept ?? ''])
  }
  const served = versions.find((v) => v.version === requested)
  if (!served) throw new AtlasApiError(406, 'INVALID_VERSION_DATE', `Version ${requested} is not available for this operation; it serves ${listed}.`, [requested])
  return served
}

export function contentType(version: string): string {
  return `application/vnd.atlas.${version}+json;charset=utf-8`
}

function httpDate(isoDay: string): string {
  return new Date(`${isoDay}T00:00:00Z`).toUTCString()
}

/** Deprecation and Sunset headers for a version with a successor or an end date, as Atlas sends them. */
export function lifecycleHeaders(version: ServedVersion): Record<string, string> {
  const headers: Record<string, string> = {}
  if (version.deprecation) headers.Deprecation = httpDate(version.deprecation)
  if (version.sunset) headers.Sunset = httpDate(version.sunset)
  return headers
}
