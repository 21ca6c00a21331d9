import type {ServerResponse} from 'node:http'

import {routeNotFound} from './errors.js'

/**
 * The delivery URL of a download restore job, `{linkBase}/local/downloads/{restoreJobId}/{fileName}`: the emulator's
 * stand-in for the pre-signed link Atlas hands out. A pre-signed link carries its authority in the URL itself, so
 * this path needs no HTTP Digest even when `serve` requires it for the API: `curl -O <deliveryUrl>` works as it does
 * against Atlas. It is outside /api/atlas/v2 and so not versioned: the answer is the archive itself.
 */

export const DOWNLOADS_PREFIX = '/local/downloads/'

/** Reads the archive of a download job; throws the Atlas error when there is none to send (unknown, not ready, expired). */
export type DownloadReader = (restoreJobId: string) => Promise<{fileName: string; bytes: Buffer}>

export function isDownloadPath(path: string): boolean {
  return path.startsWith(DOWNLOADS_PREFIX)
}

/** What a delivery URL answers; the handler refuses other methods with 405 and this list in Allow. */
export const DOWNLOAD_METHODS: readonly string[] = ['GET', 'HEAD']

export interface DownloadTarget {
  restoreJobId: string
  fileName: string
}

/** The job and file a delivery URL names, or undefined for a path of any other form (a 404). */
export function downloadTarget(path: string): DownloadTarget | undefined {
  const parts = path.slice(DOWNLOADS_PREFIX.length).split('/')
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') return undefined
  try {
    return {restoreJobId: decodeURIComponent(parts[0]!), fileName: decodeURIComponent(parts[1]!)}
  } catch {
    return undefined
  }
}

/** `attachment` with the name in ASCII, plus its UTF-8 form (RFC 6266) when it has other characters. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  const plain = `attachment; filename="${ascii}"`
  return ascii === fileName ? plain : `${plain}; filename*=UTF-8''${encodeURIComponent(fileName)}`
}

/**
 * Answers GET or HEAD of a delivery URL with the archive (application/gzip, its length, its name), or throws the
 * AtlasApiError to send: whatever the backend refuses (unknown job, not ready, expired), and 404 for a file name
 * other than the job's own, as a wrong link would get.
 */
export async function sendDownload(read: DownloadReader, target: DownloadTarget, method: string, path: string, response: ServerResponse): Promise<void> {
  const file = await read(target.restoreJobId)
  if (file.fileName !== target.fileName) throw routeNotFound(path)
  response.writeHead(200, {
    'Content-Type': 'application/gzip',
    'Content-Length': file.bytes.length,
    'Content-Disposition': contentDisposition(file.fileName),
  })
  response.end(method === 'HEAD' ? undefined : file.bytes)
}
