import {rmSync} from 'node:fs'
import {connect} from 'node:net'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {startServer, type RunningServer} from '../../src/lib/server/index.js'
import {tempHome} from './helpers.js'

/**
 * Requests that are not valid HTTP reach `serve` over a raw TCP socket (node:net), since no HTTP client sends
 * them: each is a 400 (or 431) with the Atlas error envelope, never a 500, and the server keeps serving.
 */

let open: RunningServer
let secured: RunningServer
const homes = [tempHome(), tempHome()]
const logs: string[] = []

beforeAll(async () => {
  open = await startServer({home: homes[0]!, port: 0, log: (line) => logs.push(line)})
  secured = await startServer({home: homes[1]!, port: 0, publicKey: 'pubkey', privateKey: 'private-secret', log: (line) => logs.push(line)})
})

afterAll(async () => {
  await open?.close()
  await secured?.close()
  for (const home of homes) rmSync(home, {recursive: true, force: true})
})

interface RawAnswer {
  status: number
  headers: Record<string, string>
  body: unknown
}

/** Sends `bytes` as they are and reads until the server closes the connection (or 5 s pass). */
function raw(base: string, bytes: string): Promise<RawAnswer> {
  const {hostname, port} = new URL(base)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname)
    const chunks: Buffer[] = []
    socket.setTimeout(5_000, () => socket.destroy(new Error('no answer within 5 s')))
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      // A keep-alive answer does not close the socket: stop once the whole body is in.
      const text = Buffer.concat(chunks).toString('utf8')
      const split = text.indexOf('\r\n\r\n')
      const length = /\r\ncontent-length: *(\d+)/i.exec(text)
      if (split >= 0 && length && Buffer.byteLength(text.slice(split + 4)) >= Number(length[1])) socket.end()
    })
    socket.on('error', reject)
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      const split = text.indexOf('\r\n\r\n')
      if (split < 0) return reject(new Error(`no HTTP answer: ${JSON.stringify(text)}`))
      const [statusLine = '', ...headerLines] = text.slice(0, split).split('\r\n')
      const headers = Object.fromEntries(headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]))
      const bodyText = text.slice(split + 4)
      let body: unknown = bodyText
      try {
        body = JSON.parse(bodyText)
      } catch {
        // not JSON: the assertion on it says so
      }
      resolve({status: Number(statusLine.split(' ')[1]), headers, body})
    })
    socket.write(bytes)
  })
}

function expectEnvelope(answer: RawAnswer, status: number, errorCode: string): void {
  expect(answer.status).toBe(status)
  expect(answer.headers['content-type']).toBe('application/json')
  expect(answer.body).toMatchObject({error: status, errorCode, parameters: expect.any(Array), reason: expect.any(String)})
  expect(typeof (answer.body as {detail?: unknown}).detail).toBe('string')
}

describe('serve: malformed requests', () => {
  it('GET http://[ is a 400 MALFORMED_REQUEST with the envelope, not a 500', async () => {
    const answer = await raw(open.url, 'GET http://[ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')
    expectEnvelope(answer, 400, 'MALFORMED_REQUEST')
    expect((answer.body as {detail: string}).detail).toBe('The request is malformed: the request target "http://[" is not a valid URL or path.')
    expect(logs.filter((line) => line.includes('failed'))).toEqual([])
  })

  it('is a 400 before authentication on a server that needs digest', async () => {
    const answer = await raw(secured.url, 'GET http://[ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')
    expectEnvelope(answer, 400, 'MALFORMED_REQUEST')
  })

  it('a request line HTTP cannot parse is a 400 with the envelope, and the connection is closed', async () => {
    const answer = await raw(open.url, 'GET /api/atlas/v2 two words HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')
    expectEnvelope(answer, 400, 'MALFORMED_REQUEST')
    expect(answer.headers.connection).toBe('close')
  })

  it('a header with a byte HTTP forbids is a 400 with the envelope', async () => {
    const answer = await raw(open.url, 'GET /api/atlas/v2 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Bad: a\u0001b\r\n\r\n')
    expectEnvelope(answer, 400, 'MALFORMED_REQUEST')
  })

  it('headers over the parser limit are a 431 with the envelope', async () => {
    const answer = await raw(open.url, `GET /api/atlas/v2 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`)
    expectEnvelope(answer, 431, 'REQUEST_HEADERS_TOO_LARGE')
  })

  it('keeps serving after them', async () => {
    const answer = await raw(open.url, 'GET /api/atlas/v2/nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')
    expectEnvelope(answer, 404, 'RESOURCE_NOT_FOUND')
  })
})
