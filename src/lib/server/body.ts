import type {IncomingMessage} from 'node:http'

import {AtlasApiError} from '../domain/errors.js'

export const MAX_BODY_BYTES = 1024 * 1024

/** Reads a request body: empty → undefined, over 1 MiB → 413, not JSON → 400 MALFORMED_JSON, as Atlas answers. */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) {
      throw new AtlasApiError(413, 'REQUEST_BODY_TOO_LARGE', `The request body is larger than ${MAX_BODY_BYTES} bytes.`, [MAX_BODY_BYTES])
    }
    chunks.push(chunk as Buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new AtlasApiError(400, 'MALFORMED_JSON', `Received JSON is malformed: ${(error as Error).message}`, [])
  }
}
