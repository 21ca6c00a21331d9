import {notAcceptable} from './errors.js'
import type {MediaVersion} from './operations.js'

/**
 * Media-type negotiation as Atlas does it (atlas-api-notes.md §3): the client pins a version with
 * `Accept: application/vnd.atlas.YYYY-MM-DD+json`, and only the versions the spec lists for the operation are served.
 * A missing or unversioned Accept (`application/json`, a wildcard) is refused with 406, as real Atlas refuses it, so a
 * script that works against the emulator also works against Atlas.
 */

export interface ServedVersion extends MediaVersion {
  /** The day the next version appeared, which deprecated this one (Atlas's Deprecation header). */
  deprecatedOn?: string
}

interface AcceptEntry {
  version: string
  q: number
  order: number
}

const VERSIONED = /^application\/vnd\.atlas\.(\d{4}-\d{2}-\d{2})\+json$/i

/** The versioned entries of an Accept header, most preferred first (q-value, then order). */
export function requestedVersions(accept: string | undefined): string[] {
  if (!accept) return []
  const entries: AcceptEntry[] = []
  accept.split(',').forEach((part, order) => {
    const [type = '', ...params] = part.split(';').map((s) => s.trim())
    const match = VERSIONED.exec(type)
    if (!match) return
    const qParam = params.find((p) => /^q=/i.test(p))
    const q = qParam === undefined ? 1 : Number(qParam.slice(2))
    if (Number.isFinite(q) && q > 0) entries.push({version: match[1]!, q, order})
  })
  return entries.sort((a, b) => b.q - a.q || a.order - b.order).map((e) => e.version)
}

/** The version to answer `accept` with, or a 406 AtlasApiError naming the versions the operation serves. */
export function negotiate(accept: string | undefined, versions: readonly MediaVersion[]): ServedVersion {
  for (const wanted of requestedVersions(accept)) {
    const index = versions.findIndex((v) => v.version === wanted)
    if (index === -1) continue
    const successor = versions[index + 1]
    return successor ? {...versions[index]!, deprecatedOn: successor.version} : {...versions[index]!}
  }
  throw notAcceptable(accept ?? '', versions.map((v) => v.version))
}

export function versionedContentType(version: string): string {
  return `application/vnd.atlas.${version}+json;charset=utf-8`
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** An ISO day as Atlas writes it in Deprecation and Sunset headers: `Mon, 5 Aug 2024 00:00:00 GMT` (no day padding). */
export function headerDate(isoDay: string): string {
  const date = new Date(`${isoDay}T00:00:00Z`)
  return `${DAYS[date.getUTCDay()]}, ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} 00:00:00 GMT`
}

/** Content-Type, plus Deprecation and Sunset for a version that has a successor or an end date (as recorded from Atlas). */
export function versionHeaders(served: ServedVersion): Record<string, string> {
  const headers: Record<string, string> = {'Content-Type': versionedContentType(served.version)}
  if (served.deprecatedOn) headers.Deprecation = headerDate(served.deprecatedOn)
  if (served.sunset) headers.Sunset = headerDate(served.sunset)
  return headers
}
