import {createHash} from 'node:crypto'
import {afterEach, beforeEach} from 'vitest'
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'


export interface Seen {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

export type Handler = (request: Seen, response: ServerResponse, index: number) => void

/** A tiny HTTP server on 127.0.0.1 whose answers a test scripts, counting every request it receives. */
export class FaultServer {
  readonly seen: Seen[] = []
  handler: Handler = (_request, response) => json(response, 200, {})
  private server: Server | undefined
  url = ''

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        const seen = {method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8')}
        this.seen.push(seen)
        this.handler(seen, response, this.seen.length - 1)
      })
    })
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`
    return this
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections()
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve())
  }

  /** A URL where nothing listens any more: connecting to it is refused. */
  static async deadUrl(): Promise<string> {
    const server = await new FaultServer().start()
    await server.stop()
    return server.url
  }

  count(method?: string): number {
    return this.seen.filter((s) => method === undefined || s.method === method).length
  }
}

export function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  response.writeHead(status, {'Content-Type': 'application/vnd.atlas.2023-01-01+json', ...headers})
  response.end(text)
}

/** How far a streamed answer got: bytes written, and whether the client hung up before the end. */
export interface StreamProgress {
  sent: number
  closedEarly: boolean
  finished: boolean
}

/**
 * An answer of 200 with a JSON-looking body of `total` bytes, written in 1 MiB chunks as fast as the client reads
 * them. It stops by itself after `total` bytes or when the client hangs up; `progress` says which happened.
 */
export function streamingAnswer(total: number): {handler: Handler; progress: StreamProgress} {
  const progress: StreamProgress = {sent: 0, closedEarly: false, finished: false}
  const chunk = Buffer.alloc(1024 * 1024, 'x')
  const handler: Handler = (_request, response) => {
    response.writeHead(200, {'Content-Type': 'application/vnd.atlas.2023-01-01+json'})
    response.on('close', () => {
      if (!progress.finished) progress.closedEarly = true
    })
    response.write('{"results":["')
    const pump = (): void => {
      while (progress.sent < total) {
        if (response.destroyed) return
        progress.sent += chunk.length
        if (!response.write(chunk)) return void response.once('drain', pump)
      }
      progress.finished = true
      response.end('"],"totalCount":1}')
    }
    pump()
  }
  return {handler, progress}
}

export function atlasError(response: ServerResponse, status: number, errorCode: string, detail: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, {'Content-Type': 'application/json', ...headers})
  response.end(JSON.stringify({detail, error: status, errorCode, parameters: [], reason: 'Error'}))
}

const md5 = (text: string): string => createHash('md5').update(text).digest('hex')

/**
 * Checks a Digest Authorization header the way Atlas would (RFC 7616, MD5, qop=auth), written independently of
 * the client code under test.
 */
export function digestValid(header: string | undefined, method: string, user: string, password: string, nonce: string, url?: string): boolean {
  if (!header?.startsWith('Digest ')) return false
  const fields = Object.fromEntries([...header.matchAll(/(\w+)="?([^",]*)"?/g)].map((m) => [m[1], m[2]]))
  if (fields.username !== user || fields.nonce !== nonce || fields.qop !== 'auth' || !/^[0-9a-f]{8}$/.test(fields.nc ?? '')) return false
  if (url !== undefined && fields.uri !== url) return false
  const ha1 = md5(`${user}:${fields.realm}:${password}`)
  const ha2 = md5(`${method}:${fields.uri}`)
  return fields.response === md5(`${ha1}:${nonce}:${fields.nc}:${fields.cnonce}:${fields.qop}:${ha2}`)
}


/**
 * A fresh FaultServer for each test of the file, with retries backing off from 5 ms so exhausting them stays fast
 * (a Retry-After the server sends is still honoured as told). Returns the current test's server.
 */
export function faultServerPerTest(): () => FaultServer {
  let server: FaultServer | undefined
  beforeEach(async () => {
    process.env.ATLAS_BACKUPS_RETRY_BASE_MS = '5'
    server = await new FaultServer().start()
  })
  afterEach(async () => {
    delete process.env.ATLAS_BACKUPS_RETRY_BASE_MS
    await server?.stop()
  })
  return () => server!
}
