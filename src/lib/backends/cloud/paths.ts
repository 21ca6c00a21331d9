import type {PageRequest} from '../../domain/types.js'
import type {AtlasRequest} from './http.js'

/** Path segments are percent-encoded: a name or id comes from the command line and must stay one segment. */
export const enc = encodeURIComponent

export function pageQuery(page: PageRequest | undefined): AtlasRequest['query'] {
  return {pageNum: page?.pageNum, itemsPerPage: page?.itemsPerPage, includeCount: page?.includeCount}
}

export function clusterPath(groupId: string, clusterName: string): string {
  return `/groups/${enc(groupId)}/clusters/${enc(clusterName)}`
}

export function flexPath(groupId: string, clusterName: string): string {
  return `/groups/${enc(groupId)}/flexClusters/${enc(clusterName)}`
}

export function serverlessPath(groupId: string, instanceName: string): string {
  return `/groups/${enc(groupId)}/serverless/${enc(instanceName)}`
}
