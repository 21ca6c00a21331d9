import {createHash, randomBytes} from 'node:crypto'

/**
 * HTTP Digest authentication (RFC 7616, MD5 with qop=auth), as the Atlas Admin API uses it for API keys: the
 * client's answer to a challenge, and the hash that `serve` (src/lib/server/digest.ts) checks it with, so both sides
 * agree on every detail.
 */

export const DIGEST_REALM = 'MMS Public API'

export interface DigestChallenge {
  realm: string
  nonce: string
  qop?: string
  opaque?: string
  algorithm?: string
}

const md5 = (text: string): string => createHash('md5').update(text).digest('hex')

/** key="value" or key=token pairs, comma-separated, after the scheme name. */
function parseParams(text: string): Record<string, string> {
  const params: Record<string, string> = {}
  const pattern = /(\w+)=(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g
  for (const match of text.matchAll(pattern)) params[match[1]!.toLowerCase()] = match[2] ?? match[3] ?? ''
  return params
}

export function parseChallenge(header: string | undefined): DigestChallenge | undefined {
  if (!header || !/^\s*digest\s/i.test(header)) return undefined
  const p = parseParams(header.replace(/^\s*digest\s+/i, ''))
  if (!p.nonce) return undefined
  return {realm: p.realm ?? '', nonce: p.nonce, qop: p.qop, opaque: p.opaque, algorithm: p.algorithm}
}

export function digestResponse(a: {username: string; password: string; realm: string; method: string; uri: string; nonce: string; nc?: string; cnonce?: string; qop?: string}): string {
  const ha1 = md5(`${a.username}:${a.realm}:${a.password}`)
  const ha2 = md5(`${a.method.toUpperCase()}:${a.uri}`)
  return a.qop ? md5(`${ha1}:${a.nonce}:${a.nc}:${a.cnonce}:${a.qop}:${ha2}`) : md5(`${ha1}:${a.nonce}:${ha2}`)
}

/** The Authorization header answering `challenge` for one request; `count` is this nonce's use number (nc). */
export function authorizationHeader(challenge: DigestChallenge, credentials: {username: string; password: string}, method: string, uri: string, count: number): string {
  const qop = challenge.qop?.split(',').map((q) => q.trim()).includes('auth') ? 'auth' : undefined
  const nc = count.toString(16).padStart(8, '0')
  const cnonce = randomBytes(8).toString('hex')
  const response = digestResponse({...credentials, realm: challenge.realm, method, uri, nonce: challenge.nonce, nc, cnonce, qop})
  const parts = [`username="${credentials.username}"`, `realm="${challenge.realm}"`, `nonce="${challenge.nonce}"`, `uri="${uri}"`, 'algorithm=MD5', `response="${response}"`]
  if (qop) parts.push(`qop=${qop}`, `nc=${nc}`, `cnonce="${cnonce}"`)
  if (challenge.opaque !== undefined) parts.push(`opaque="${challenge.opaque}"`)
  return `Digest ${parts.join(', ')}`
}
