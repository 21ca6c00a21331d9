import {CliError} from '../../cli/errors.js'
import {AtlasApiError} from '../../domain/errors.js'

/** What a request was about, so an error can name it. */
export interface RequestContext {
  clusterName?: string
  snapshotId?: string
  restoreJobId?: string
  serverless?: boolean
  method?: string
  /** The role the operation needs, when it is not the usual Read Only for reads and Backup Manager for writes. */
  role?: string
  /** Where that role is needed, when not on the project (GET /groups needs an organization role). */
  roleScope?: string
}

/** The credentials in use, as they may be shown: never a private key, secret or token. */
export interface Who {
  /** e.g. `API key abcdefgh` or `service account mdb_sa_id_…`. */
  label: string
  /** Where those credentials come from and how to change them. */
  fix: string
}

export function describeCredentials(credentials: {kind: 'apiKey'; publicKey: string} | {kind: 'serviceAccount'; clientId: string}): Who {
  if (credentials.kind === 'apiKey') {
    return {
      label: `API key ${credentials.publicKey}`,
      fix: 'check MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY (or the profile\'s publicApiKey and privateApiKey, see `atlas-backups config describe`), and that this machine\'s IP address is on the key\'s access list',
    }
  }
  return {
    label: `service account ${credentials.clientId}`,
    fix: 'check MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET (or the profile\'s clientId and clientSecret), that the secret has not expired, and that this machine\'s IP address is on the service account\'s access list',
  }
}

function withDetail(error: AtlasApiError, detail: string, errorCode = error.errorCode): AtlasApiError {
  return new AtlasApiError(error.status, errorCode, detail, error.parameters, error.fields)
}

const stop = (text: string): string => text.replace(/[.\s]+$/, '')

function roleMessage(error: AtlasApiError, context: RequestContext, who: Who, path: string): string {
  const method = context.method ?? 'GET'
  const role = context.role ?? (method === 'GET' ? 'Project Read Only role (or higher)' : 'Project Backup Manager role (or Project Owner)')
  return `${stop(error.detail)}: ${who.label} needs the ${role} on ${context.roleScope ?? 'this project'} for ${method} ${path}`
}

/** What a 404 without an errorCode was about: the snapshot or restore job and its cluster, or the cluster itself. */
function notFoundSubject(context: RequestContext): string {
  const owner = `${context.serverless ? 'serverless instance' : 'cluster'} ${context.clusterName ?? ''}`
  if (context.snapshotId) return `snapshot ${context.snapshotId} of ${context.clusterName ?? ''}`
  if (context.restoreJobId) return `restore job ${context.restoreJobId} of ${owner}`
  return owner
}

/**
 * Atlas's error, reworded where its own detail does not tell a user what to do: which credentials were refused,
 * which role is missing, what was not found, and that the serverless endpoints are gone. Status, errorCode,
 * parameters and fields stay Atlas's, so scripts and `-o json` see what Atlas sent.
 */
export function explainApiError(error: AtlasApiError, context: RequestContext, who: Who, path: string): AtlasApiError {
  switch (error.status) {
    case 401:
      // USER_UNAUTHORIZED: the credentials were accepted but lack a role; anything else is a refused key or token.
      if (error.errorCode === 'USER_UNAUTHORIZED') return withDetail(error, roleMessage(error, context, who, path))
      return withDetail(error, `Atlas refused the credentials (${who.label}): ${who.fix}`, error.errorCode || 'UNAUTHORIZED')
    case 403:
      // CANNOT_… and FEATURE_UNSUPPORTED are about the resource, not the caller's role: Atlas's detail says it.
      if (error.errorCode.startsWith('CANNOT_') || error.errorCode === 'FEATURE_UNSUPPORTED') return error
      return withDetail(error, roleMessage(error, context, who, path), error.errorCode || 'FORBIDDEN')
    case 404:
      // Atlas's own errorCode and detail (CLUSTER_NOT_FOUND, SNAPSHOT_NOT_FOUND …) already name the resource.
      if (error.errorCode || !context.clusterName) return error
      return withDetail(error, `Atlas found nothing at ${path} (${notFoundSubject(context)})`, 'RESOURCE_NOT_FOUND')
    case 410:
      if (context.serverless) {
        return withDetail(
          error,
          `Atlas has retired the serverless backup endpoints (sunset 2026-01-22): serverless instances became Flex clusters, whose snapshots \`atlas-backups backups snapshots list ${context.clusterName ?? '<name>'}\` lists. Atlas said: ${stop(error.detail)}`,
          error.errorCode || 'VERSION_GONE',
        )
      }
      if (error.errorCode === 'VERSION_GONE') return withDetail(error, `Atlas no longer serves the API version this atlas-backups uses here (${stop(error.detail)}); upgrade atlas-backups`)
      return error
    case 429:
      return withDetail(error, `Atlas is rate limiting these requests and still was after several retries; try again later. Atlas said: ${stop(error.detail)}`, error.errorCode || 'RATE_LIMITED')
    default:
      return error.errorCode ? error : withDetail(error, error.detail, `HTTP_${error.status}`)
  }
}

const BASE_URL_FIX = "set MONGODB_ATLAS_BASE_URL (or the profile's baseUrl) to the API's address, https://cloud.mongodb.com for Atlas"

/** Where a redirect pointed, as it may be shown: resolved against the request, cut to a readable length. */
function shownLocation(location: string | undefined, requestUrl: string): string {
  if (location === undefined || location.trim() === '') return 'no Location'
  let resolved = location.trim()
  try {
    resolved = new URL(resolved, requestUrl).toString()
  } catch {
    // not a URL: show what the server sent
  }
  return resolved.length > 200 ? `${resolved.slice(0, 200)}…` : resolved
}

/**
 * A 3xx from the server. It is never followed: the next request would carry the credentials to wherever the server
 * pointed. Atlas itself does not redirect API calls, so the base URL is the likely culprit (http:// for https://, a
 * proxy's login page, a site's front page).
 */
export function redirectError(baseUrl: string, method: string, uri: string, status: number, location: string | undefined): CliError {
  const where = shownLocation(location, `${baseUrl}${uri}`)
  return new CliError(`the server at ${baseUrl} redirected ${method} ${uri.replace(/\?.*$/, '')} (HTTP ${status}) to ${where}, and atlas-backups does not follow redirects with credentials`, {
    hint: `The base URL is probably wrong (http:// instead of https://, or a login page): ${BASE_URL_FIX}`,
  })
}

/** An answer over the size limit: reading stopped there, and the connection was closed. */
export function responseTooLargeError(baseUrl: string, method: string, uri: string, limit: number): CliError {
  return new CliError(`the answer of ${baseUrl} to ${method} ${uri.replace(/\?.*$/, '')} is larger than ${limit / (1024 * 1024)} MiB, the most atlas-backups reads, so it stopped reading`, {
    hint: `No Atlas API answer is that large: check the base URL (${BASE_URL_FIX}); for a long list, ask for smaller pages with --limit`,
  })
}
