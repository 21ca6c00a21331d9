import {readdirSync, readFileSync, statSync} from 'node:fs'
import {basename, join} from 'node:path'

import {atlasError, type FaultServer} from '../cloud/fault-server.js'
import {SHARED_DIR} from './shared.js'

export const RECORDINGS_DIR = join(SHARED_DIR, 'atlas-api', 'recordings')

/** One real Atlas response recorded by the Atlas CLI's e2e suite (.snaphost: status line, headers, blank line, body). */
export interface Recording {
  file: string
  /** The file name without its sequence number: METHOD_api_atlas_v2_… */
  request: string
  status: number
  headers: Record<string, string>
  body: string
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry)
    return statSync(path).isDirectory() ? walk(path) : [path]
  })
}

export function parseRecording(file: string): Recording {
  const text = readFileSync(file, 'utf8').replace(/\r\n/g, '\n')
  const split = text.indexOf('\n\n')
  const head = split === -1 ? text : text.slice(0, split)
  const body = split === -1 ? '' : text.slice(split + 2)
  const [statusLine = '', ...headerLines] = head.split('\n')
  const headers: Record<string, string> = {}
  for (const line of headerLines) {
    const colon = line.indexOf(':')
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  return {file, request: basename(file).replace(/_\d+\.snaphost$/, ''), status: Number(statusLine.split(' ')[1]), headers, body}
}

/** Every recording under the backup_* folders. */
export function backupRecordings(): Recording[] {
  return readdirSync(RECORDINGS_DIR)
    .filter((dir) => dir.startsWith('backup_'))
    .flatMap((dir) => walk(join(RECORDINGS_DIR, dir)))
    .filter((file) => file.endsWith('.snaphost'))
    .map(parseRecording)
}

/** A request as the recordings name it: GET /api/atlas/v2/groups/x/clusters → GET_api_atlas_v2_groups_x_clusters. */
export function recordingName(seen: {method: string; url: string}): string {
  const path = new URL(seen.url, 'http://x').pathname
  return `${seen.method}_${path.slice(1).replaceAll('/', '_')}`
}

/**
 * Makes `server` answer as Atlas answered in one recorded flow (the .snaphost files directly in `folder`): each
 * request gets the next recording of the same request (the last one again when the flow recorded fewer), and a 404
 * NOT_RECORDED naming the request when the flow never made it.
 */
export function replayFlow(server: FaultServer, folder: string): void {
  const queues = new Map<string, Recording[]>()
  const files = readdirSync(folder).filter((file) => file.endsWith('.snaphost')).sort()
  for (const recording of files.map((file) => parseRecording(join(folder, file)))) {
    queues.set(recording.request, [...(queues.get(recording.request) ?? []), recording])
  }
  server.handler = (request, response) => {
    const queue = queues.get(recordingName(request))
    if (!queue) return atlasError(response, 404, 'NOT_RECORDED', `${recordingName(request)} is not in the flow ${basename(folder)}`)
    const recording = queue.length > 1 ? queue.shift()! : queue[0]!
    response.writeHead(recording.status, {'Content-Type': recording.headers['content-type'] ?? 'application/json'})
    response.end(recording.body)
  }
}
