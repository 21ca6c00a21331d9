import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'

import {LocalBackend} from '../backends/local/local-backend.js'
import {DigestVerifier} from './digest.js'
import {writeClientError} from './errors.js'
import {createHandler} from './handler.js'

export interface ServerOptions {
  /** ATLAS_BACKUPS_HOME of the emulator to serve. */
  home: string
  /** Default 127.0.0.1 (loopback only). */
  host?: string
  /** Default 8080; 0 picks a free port. */
  port?: number
  /** Both or neither: with them, every request needs HTTP Digest with this key pair. */
  publicKey?: string
  privateKey?: string
  /** One stderr line per request (method, path, status, ms), and stacks of unexpected errors. */
  debug?: boolean
  /** Where log lines go (default: stderr). */
  log?: (line: string) => void
}

export interface RunningServer {
  /** The base URL, e.g. http://127.0.0.1:8080; links in answers point at it. */
  url: string
  /** Stops accepting, lets in-flight requests finish, then closes the store. Safe to call more than once. */
  close(): Promise<void>
}

/** How long close() waits for in-flight requests before cutting their connections. */
const DRAIN_TIMEOUT_MS = 10_000

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const failed = (error: Error): void => reject(error)
    server.once('error', failed)
    server.listen(port, host, () => {
      server.off('error', failed)
      resolve(server.address() as AddressInfo)
    })
  })
}

/** The URL clients use: a wildcard address is reached through loopback; IPv6 goes in brackets. */
export function baseUrl(address: AddressInfo): string {
  const wildcard = address.address === '0.0.0.0' || address.address === '::'
  const host = wildcard ? (address.family === 'IPv6' ? '::1' : '127.0.0.1') : address.address
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`
}

/**
 * Serves the local emulator of `home` as the Atlas Administration API v2. The one LocalBackend is shared by all
 * requests: each of its calls is one synchronous SQLite transaction (better-sqlite3), so requests never interleave
 * inside a call. A GET whose cluster is up to now reads in a read transaction, which under WAL never waits for another
 * process's writer; a write (and a catch-up) queues on SQLite's lock (busy timeout).
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  if ((options.publicKey === undefined) !== (options.privateKey === undefined)) throw new Error('startServer needs both publicKey and privateKey, or neither')
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`))
  const debug = options.debug ?? false
  const verifier = options.publicKey !== undefined && options.privateKey !== undefined ? new DigestVerifier({publicKey: options.publicKey, privateKey: options.privateKey}) : undefined

  let closing = false
  let inFlight = 0
  let drained: (() => void) | undefined
  const state: {handle?: ReturnType<typeof createHandler>} = {}

  const server = createServer((request, response) => {
    const started = process.hrtime.bigint()
    inFlight += 1
    if (closing) response.setHeader('Connection', 'close')
    response.once('close', () => {
      // A keep-alive connection that just went idle during shutdown is closed at once, not after keepAliveTimeout.
      if (closing) setImmediate(() => server.closeIdleConnections())
      if (debug) log(`${request.method ?? 'GET'} ${(request.url ?? '/').split('?')[0]} ${response.statusCode} ${Number((process.hrtime.bigint() - started) / 1_000_000n)}ms`)
    })
    void state.handle!(request, response).finally(() => {
      inFlight -= 1
      if (inFlight === 0) drained?.()
    })
  })
  server.keepAliveTimeout = 5_000
  server.on('clientError', writeClientError)

  const address = await listen(server, options.port ?? 8080, options.host ?? '127.0.0.1')
  const url = baseUrl(address)
  const backend = new LocalBackend({home: options.home, linkBase: url})
  try {
    // Open (and on first use seed) the store now: a broken store stops serve before its first request.
    backend.transact(() => undefined)
  } catch (error) {
    await new Promise<void>((resolve) => server.close(() => resolve()))
    await backend.close()
    throw error
  }
  state.handle = createHandler({backend, verifier, log, debug, readDownload: (restoreJobId) => backend.readDownload(restoreJobId), answerState: () => backend.answerState(), answerSpan: (answer) => backend.answerSpan(answer)})

  let closed: Promise<void> | undefined
  const close = (): Promise<void> => {
    closed ??= (async () => {
      closing = true
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeIdleConnections()
      const timer = setTimeout(() => server.closeAllConnections(), DRAIN_TIMEOUT_MS)
      timer.unref()
      if (inFlight > 0) await new Promise<void>((resolve) => (drained = resolve))
      await stopped
      clearTimeout(timer)
      await backend.close()
    })()
    return closed
  }

  return {url, close}
}
