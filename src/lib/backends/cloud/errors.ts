import {AtlasApiError} from '../../domain/errors.js'

/** What a request was about, so an error can name it. */
export interface RequestContext {
  clusterName?: string
  snapshotId?: string
  serverless?: boolean
}

function withDetail(error: AtlasApiError, detail: string, errorCode = error.errorCode): AtlasApiError {
  return new AtlasApiError(error.status, errorCode, detail, error.parameters, error.fields)
}

/**
 * Atlas's error, reworded where its own detail does not tell a user what to do: which credentials were refused,
 * which role is missing, what was not found, and that the serverless endpoints are gone.
 */
export function explainApiError(error: AtlasApiError, context: RequestContext, who: string, path: string): AtlasApiError {
  switch (error.status) {
    case 401:
      return withDetail(error, `Atlas refused the credentials (${who}): check the key pair or service account in MONGODB_ATLAS_* or the profile, and that this machine's IP is on the key's access list`, error.errorCode || 'UNAUTHORIZED')
    case 403:
      return withDetail(
        error,
        `${error.detail.replace(/\.$/, '')}: ${who} lacks the role for ${path}; reading backups needs Project Read Only, changing them Project Backup Manager`,
        error.errorCode || 'FORBIDDEN',
      )
    case 404:
      if (error.errorCode || !context.clusterName) return error
      return withDetail(error, `Atlas found nothing at ${path}${context.snapshotId ? ` (snapshot ${context.snapshotId} of ${context.clusterName})` : ` (cluster ${context.clusterName})`}`, 'RESOURCE_NOT_FOUND')
    case 410:
      if (context.serverless || error.errorCode === 'VERSION_GONE') {
        const what = context.serverless ? 'Atlas has retired the serverless backup endpoints (sunset 2026-01-22); serverless instances became Flex clusters, whose snapshots `backups snapshots list <name>` shows' : `Atlas no longer serves this API version: ${error.detail}`
        return withDetail(error, what, error.errorCode || 'VERSION_GONE')
      }
      return error
    case 429:
      return withDetail(error, `Atlas is rate limiting these requests even after several retries: ${error.detail}`.replace(/\.$/, ''), error.errorCode || 'RATE_LIMITED')
    default:
      return error.errorCode ? error : withDetail(error, error.detail, `HTTP_${error.status}`)
  }
}
