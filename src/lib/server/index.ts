import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'

import {LocalBackend} from '../backends/local/local-backend.js'
import {AtlasApiError, isAtlasApiError} from '../domain/errors.js'
import {readJsonBody} from './body.js'
import {DigestGuard} from './digest-guard.js'
import {contentType, lifecycleHeaders, negotiateVersion} from './media-type.js'
import {matchRoute} from './routes.js'

export interface ServerOptions {
  home: string
  host?: string
  port?: number
  publicKey?: string
  privateKey?: string
  /** One line per request (method, path, status, milliseconds); never credentials. */
  log?: (line: string) => void
}

export interface RunningServer {
  url: string
  /** Stops accepting, lets in-flight requests finish, then closes the store. */
  close(): Promise<void>
}

const API_PREFIX = '/api/atlas/v2'

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string>, pretty: boolean): void {
  const text = body === undefined ? '' : JSON.stringify(body, null, pretty ? 2 : undefined)
  response.writeHead(status, {...headers, 'Content-Length': Buffer.byteLength(text)})
  response.end(text)
}

function sendError(response: ServerResponse, error: AtlasApiError, extra: Record<string, string> = {}): void {
  send(response, error.status, error.toBody(), {'Content-Type': 'application/json', ...extra}, false)
}

async function handle(request: IncomingMessage, response: ServerResponse, backend: LocalBackend, guard: DigestGuard | undefined): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost')
  const method = request.method ?? 'GET'
  const path = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : undefined
  const match = path === undefined ? undefined : matchRoute(method, path)
  if (!match) throw new AtlasApiError(404, 'RESOURCE_NOT_FOUND', `Cannot find resource ${url.pathname}.`, [url.pathname])
  if (guard) {
    const refusal = guard.check(request)
    if (refusal) return sendError(response, refusal.error, {'WWW-Authenticate': refusal.challenge})
  }
  if ('methods' in match) {
    throw new AtlasApiError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${url.pathname}; use ${match.methods.join(' or ')}.`, [method], [])
  }
  const served = negotiateVersion(request.headers.accept, match.route.versions)
  const body = method === 'GET' || method === 'DELETE' ? undefined : await readJsonBody(request)
  const result = await match.route.handle({backend, params: match.params, query: url.searchParams, body})
  const envelope = url.searchParams.get('envelope') === 'true'
  const payload = envelope ? {content: result.body, status: result.status} : result.body
  const headers = {'Content-Type': contentType(served.version), ...lifecycleHeaders(served)}
  send(response, envelope ? 200 : result.status, payload, headers, url.searchParams.get('pretty') === 'true')
}

/** Puts the local backend behind the Atlas Administration API v2 on host:port (loopback unless told otherwise). */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  if ((options.publicKey === undefined) !== (options.privateKey === undefined)) throw new Error('give both the public and the private key, or neither')
  const guard = options.publicKey !== undefined ? new DigestGuard({username: options.publicKey, password: options.privateKey!}) : undefined
  // The backend needs the listening address for its links, so it is created once the server listens.
  const state: {backend?: LocalBackend} = {}
  const server = createServer((request, response) => {
    const started = Date.now()
    response.on('finish', () => options.log?.(`${request.method} ${request.url} ${response.statusCode} ${Date.now() - started}ms`))
    handle(request, response, state.backend!, guard).catch((error: unknown) => {
      if (response.headersSent) return response.destroy()
      // The rest of an oversized body is never read: close the connection so no client reuses a half-read socket.
      if (isAtlasApiError(error)) return sendError(response, error, error.status === 413 ? {Connection: 'close'} : {})
      options.log?.(`unexpected error on ${request.method} ${request.url}: ${(error as Error).message}`)
      sendError(response, new AtlasApiError(500, 'UNEXPECTED_ERROR', 'Unexpected error.', []))
    })
  })
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 8080, host, () => resolve())
  })
  const address = server.address() as AddressInfo
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`
  const backend = new LocalBackend({home: options.home, linkBase: url})
  state.backend = backend
  // Opens (and on first use seeds) the store now, so a broken store stops `serve` at once with a clear error.
  try {
    await backend.listClusters('000000000000000000000000')
  } catch (error) {
    if (!isAtlasApiError(error)) {
      server.close()
      throw error
    }
  }
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          void backend.close().then(resolve)
        })
        server.closeIdleConnections()
      }),
  }
}
