import {STATUS_CODES, type ServerResponse} from 'node:http'
import type {Duplex} from 'node:stream'

import {AtlasApiError} from '../domain/errors.js'

/**
 * The errors `serve` raises itself (the backend raises the rest), each as the Atlas error envelope
 * {detail, error, errorCode, parameters, reason}. Codes follow atlas-api-notes.md §3 and §6; where Atlas documents
 * none (405, 413) the code is this emulator's choice and says so in its name.
 */

export function routeNotFound(path: string): AtlasApiError {
  return new AtlasApiError(404, 'RESOURCE_NOT_FOUND', `Cannot find resource ${path}.`, [path])
}

export function methodNotAllowed(method: string, path: string, allowed: readonly string[]): AtlasApiError {
  return new AtlasApiError(405, 'METHOD_NOT_ALLOWED', `Method ${method} is not allowed on ${path}. Allowed: ${allowed.join(', ')}.`, [method, path])
}

export function notAcceptable(accept: string, served: readonly string[]): AtlasApiError {
  const shown = accept.trim() === '' ? 'no Accept header' : `Accept: ${accept}`
  const wanted = served.map((v) => `application/vnd.atlas.${v}+json`).join(', ')
  return new AtlasApiError(406, 'INVALID_VERSION_DATE', `Invalid accept header or version date (${shown}). This resource serves ${wanted}.`, [accept])
}

export function payloadTooLarge(limit: number): AtlasApiError {
  return new AtlasApiError(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than the limit of ${limit} bytes.`, [limit])
}

export function malformedJson(why: string): AtlasApiError {
  return new AtlasApiError(400, 'MALFORMED_JSON', `Received JSON is malformed: ${why}.`, [])
}

export function invalidJson(why: string): AtlasApiError {
  return new AtlasApiError(400, 'INVALID_JSON', `Received JSON does not match the expected format: ${why}.`, [])
}

/** Atlas sends this 401 with an empty errorCode (atlas-api-notes.md §4). */
export function unauthorized(): AtlasApiError {
  return new AtlasApiError(401, '', 'You are not authorized for this resource.', [])
}

/** A request line or target HTTP cannot read (`GET http://[`): the emulator's code, as Atlas documents none. */
export function malformedRequest(why: string): AtlasApiError {
  return new AtlasApiError(400, 'MALFORMED_REQUEST', `The request is malformed: ${why}.`, [])
}

export function unexpectedError(): AtlasApiError {
  return new AtlasApiError(500, 'UNEXPECTED_ERROR', 'Unexpected error.', [])
}

/** Writes `error` as Atlas does: its status, the envelope as JSON, Content-Type application/json. */
export function writeError(response: ServerResponse, error: AtlasApiError, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(error.toBody())
  response.writeHead(error.status, {...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text)})
  response.end(text)
}

/**
 * Node's HTTP parser refused the request before any handler saw it (a broken request line, bad header bytes, headers
 * too large, too slow): answer with the Atlas envelope too, on the raw socket, and close it, since the parser cannot
 * tell where the next request would start.
 */
export function writeClientError(failure: Error & {code?: string}, socket: Duplex): void {
  if (failure.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy()
    return
  }
  let error: AtlasApiError
  if (failure.code === 'HPE_HEADER_OVERFLOW') error = new AtlasApiError(431, 'REQUEST_HEADERS_TOO_LARGE', 'The request headers are too large.', [])
  else if (failure.code === 'ERR_HTTP_REQUEST_TIMEOUT') error = new AtlasApiError(408, 'REQUEST_TIMEOUT', 'The request was not received in time.', [])
  else error = malformedRequest('the request line or its headers are not valid HTTP/1.1')
  const text = JSON.stringify(error.toBody())
  const head = [`HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? 'Error'}`, 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(text)}`, 'Connection: close']
  socket.end(`${head.join('\r\n')}\r\n\r\n${text}`)
}
