import type {IncomingMessage, ServerResponse} from 'node:http'

import type {Backend} from '../backends/backend.js'
import {AnswerCache} from './answer-cache.js'
import {isAtlasApiError, type AtlasApiError} from '../domain/errors.js'
import {BodyTooLargeError, parseJsonObject, readBody, tooLarge} from './body.js'
import type {DigestVerifier} from './digest.js'
import {DOWNLOAD_METHODS, downloadTarget, isDownloadPath, sendDownload, type DownloadReader} from './downloads.js'
import {malformedRequest, methodNotAllowed, routeNotFound, unauthorized, unexpectedError, writeError} from './errors.js'
import {negotiate, versionHeaders} from './media-type.js'
import {API_PREFIX} from './operations.js'
import {buildRouter, type OperationResult} from './routes/index.js'

export interface HandlerOptions {
  backend: Backend
  /** Set when requests must carry HTTP Digest with the server's key pair. */
  verifier?: DigestVerifier
  /** The archives behind download jobs' delivery URLs (the local backend's readDownload); without it they are 404. */
  readDownload?: DownloadReader
  /** One line to stderr (no newline). */
  log: (line: string) => void
  debug: boolean
  /**
   * The state GET answers are computed from (LocalBackend.answerState): with it, a GET asked again in the same state is
   * answered with the bytes of the first answer (answer-cache.ts).
   */
  answerState?: () => {stamp: string; now: number}
  /** The instants over which an operation's answer holds in the same store (LocalBackend.answerSpan), if longer than one. */
  answerSpan?: (answer: unknown) => {at: number; until: number} | undefined
}

/** Extra headers an error answer needs (the challenge of a 401, Allow of a 405, Connection of a 413). */
class Refusal extends Error {
  constructor(
    readonly error: AtlasApiError,
    readonly headers: Record<string, string> = {},
  ) {
    super(error.message)
  }
}

function booleanQuery(query: URLSearchParams, name: string): boolean {
  return query.get(name) === 'true'
}

/** `envelope=true` as Atlas answers it: {status, content} around a resource, `status` added to a list. */
function enveloped(result: OperationResult): unknown {
  const body = result.body
  if (body && typeof body === 'object' && !Array.isArray(body) && Array.isArray((body as {results?: unknown}).results)) return {...body, status: result.status}
  return {content: body ?? null, status: result.status}
}

/**
 * Handles one request: authentication, route, version, body, the operation, the answer. Every failure is written as
 * the Atlas error envelope; anything that is not an AtlasApiError is a 500 and one stderr line.
 */
export function createHandler(options: HandlerOptions): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  const router = buildRouter()
  const cache = options.answerState ? new AnswerCache() : undefined

  async function run(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const target = request.url ?? '/'
    const url = requestUrl(target)
    const method = (request.method ?? 'GET').toUpperCase()

    // A delivery URL stands for Atlas's pre-signed link: no Digest, no versioned media type (downloads.ts).
    if (isDownloadPath(url.pathname)) {
      request.resume()
      const download = downloadTarget(url.pathname)
      if (!download || !options.readDownload) throw routeNotFound(url.pathname)
      if (!DOWNLOAD_METHODS.includes(method)) throw new Refusal(methodNotAllowed(method, url.pathname, DOWNLOAD_METHODS), {Allow: DOWNLOAD_METHODS.join(', ')})
      return sendDownload(options.readDownload, download, method, url.pathname, response)
    }

    if (options.verifier) {
      const verdict = options.verifier.verify({method, url: target, authorization: request.headers.authorization})
      if (verdict !== 'ok') throw new Refusal(unauthorized(), {'WWW-Authenticate': options.verifier.challenge(verdict === 'stale')})
    }

    const path = url.pathname
    if (path !== API_PREFIX && !path.startsWith(`${API_PREFIX}/`)) throw routeNotFound(path)
    const match = router.match(method, path.slice(API_PREFIX.length) || '/')
    if (match.kind === 'not-found') throw routeNotFound(path)
    if (match.kind === 'method-not-allowed') throw new Refusal(methodNotAllowed(method, path, match.allowed), {Allow: match.allowed.join(', ')})

    const operation = match.value
    const served = negotiate(request.headers.accept, operation.versions)
    let body: Record<string, unknown> | undefined
    if (operation.takesBody) {
      body = parseJsonObject(await readBody(request))
    } else {
      request.resume()
    }
    // Taken before the operation runs: an answer is kept only if the store is still the same once it is computed.
    const before = cache && method === 'GET' ? options.answerState!() : undefined
    const key = `${served.version} ${target}`
    if (before) {
      const kept = cache!.get(key, before.stamp, before.now)
      if (kept) {
        response.writeHead(kept.status, kept.headers)
        response.end(kept.body)
        return
      }
    }
    const result = await operation.handle({backend: options.backend, params: match.params, query: url.searchParams, body, version: served.version})

    const headers = versionHeaders(served)
    if (result.status === 204 && !booleanQuery(url.searchParams, 'envelope')) {
      response.writeHead(204, headers)
      response.end()
      return
    }
    const envelope = booleanQuery(url.searchParams, 'envelope')
    const payload = envelope ? enveloped(result) : result.body
    const text = JSON.stringify(payload, null, booleanQuery(url.searchParams, 'pretty') ? 2 : undefined) ?? ''
    const status = envelope ? 200 : result.status
    const bytes = Buffer.from(text)
    const answer = {status, headers: {...headers, 'Content-Length': bytes.length}, body: bytes}
    const span = before && status === 200 ? spanOf(before, options.answerState!(), options.answerSpan?.(result.body)) : undefined
    if (span) cache!.set(key, before!.stamp, answer, span.at, span.until)
    response.writeHead(status, answer.headers)
    response.end(bytes)
  }

  return async (request, response) => {
    try {
      await run(request, response)
    } catch (error) {
      if (response.headersSent || response.destroyed) {
        response.destroy()
        return
      }
      if (error instanceof Refusal) return writeError(response, error.error, error.headers)
      if (error instanceof BodyTooLargeError) {
        // The client may still be sending: close the connection once answered so the socket is never reused.
        response.once('finish', () => {
          if (error.unread) request.destroy()
        })
        return writeError(response, tooLarge(error), {Connection: 'close'})
      }
      if (isAtlasApiError(error)) return writeError(response, error)
      const reason = error instanceof Error ? error.message : String(error)
      options.log(`serve: ${methodOf(request)} ${pathOf(request)} failed: ${reason}`)
      if (options.debug && error instanceof Error && error.stack) options.log(error.stack)
      writeError(response, unexpectedError())
    }
  }
}

/**
 * The instants an answer may be given again over, from the state before and after computing it: none if the store
 * changed meanwhile; the span the backend names for it; else the one instant it was computed at, if "now" stood still.
 */
function spanOf(before: {stamp: string; now: number}, after: {stamp: string; now: number}, named: {at: number; until: number} | undefined): {at: number; until: number} | undefined {
  if (after.stamp !== before.stamp) return undefined
  if (named) return named
  return after.now === before.now ? {at: before.now, until: before.now + 1} : undefined
}

/** The request target as a URL; one that is not a URL (`http://[`, `//`) is the client's error, a 400. */
function requestUrl(target: string): URL {
  try {
    return new URL(target, 'http://serve.invalid')
  } catch {
    const shown = target.length > 100 ? `${target.slice(0, 100)}…` : target
    throw malformedRequest(`the request target ${JSON.stringify(shown)} is not a valid URL or path`)
  }
}

const methodOf = (request: IncomingMessage): string => request.method ?? 'GET'
/** The path alone: query strings are not logged. */
const pathOf = (request: IncomingMessage): string => (request.url ?? '/').split('?')[0]!
