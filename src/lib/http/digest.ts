import {createHash, randomBytes} from 'node:crypto'

/**
 * HTTP Digest authentication (RFC 7616), as the Atlas Admin API uses it for API keys: the client's answer to a
 * challenge, and the hash that `serve` (src/lib/server/digest.ts) checks it with, so both sides agree on every
 * detail. Atlas challenges with MD5 and qop=auth today; the client also answers MD5-sess, SHA-256, SHA-512-256 and
 * their -sess forms, qop=auth-int and the qop-less RFC 2069 form, so a change of algorithm on Atlas's side is
 * answered rather than refused as wrong credentials.
 */

export const DIGEST_REALM = 'MMS Public API'

/** RFC 7616 §3.3's algorithms, by the name a challenge gives them (compared case-insensitively), and their hash. */
const HASH_OF_ALGORITHM: Record<string, string> = {
  'md5': 'md5',
  'md5-sess': 'md5',
  'sha-256': 'sha256',
  'sha-256-sess': 'sha256',
  'sha-512-256': 'sha512-256',
  'sha-512-256-sess': 'sha512-256',
}

export const SUPPORTED_ALGORITHMS = ['MD5', 'MD5-sess', 'SHA-256', 'SHA-256-sess', 'SHA-512-256', 'SHA-512-256-sess'] as const

export interface DigestChallenge {
  realm: string
  nonce: string
  qop?: string
  opaque?: string
  /** As the server spelled it; absent means MD5. */
  algorithm?: string
  stale?: boolean
  userhash?: boolean
}

/** A Digest challenge this client cannot answer: the algorithms (and qop) the server offered. */
export class UnsupportedDigestError extends Error {
  constructor(readonly offered: string[]) {
    super(`HTTP Digest challenge with ${offered.join(' or ')}`)
    this.name = 'UnsupportedDigestError'
  }
}

export function isSupportedAlgorithm(algorithm: string | undefined): boolean {
  return (algorithm ?? 'MD5').toLowerCase() in HASH_OF_ALGORITHM
}

function hashOf(algorithm: string | undefined): (text: string) => string {
  const name = HASH_OF_ALGORITHM[(algorithm ?? 'MD5').toLowerCase()]
  if (!name) throw new UnsupportedDigestError([algorithm ?? 'MD5'])
  return (text) => createHash(name).update(text, 'utf8').digest('hex')
}

const TOKEN = /[!#$%&'*+.^_`|~0-9A-Za-z-]/

/**
 * Every challenge of a WWW-Authenticate value, by scheme, with its parameters (names lower-cased, quoted strings
 * unescaped). Node joins repeated WWW-Authenticate headers with ", ", and a server may offer one Digest challenge
 * per algorithm (RFC 7616 §3.7), so a comma may start a new challenge as well as a new parameter.
 */
export function parseAuthenticate(header: string): Array<{scheme: string; params: Record<string, string>}> {
  const challenges: Array<{scheme: string; params: Record<string, string>}> = []
  let i = 0
  const skip = (): void => {
    while (i < header.length && /[\s,]/.test(header[i]!)) i++
  }
  const token = (): string => {
    const start = i
    while (i < header.length && TOKEN.test(header[i]!)) i++
    return header.slice(start, i)
  }
  for (;;) {
    skip()
    if (i >= header.length) break
    const word = token()
    if (word === '') {
      i++ // a character no grammar allows here: step over it
      continue
    }
    let j = i
    while (j < header.length && (header[j] === ' ' || header[j] === '\t')) j++
    const current = challenges.at(-1)
    if (header[j] === '=' && current) {
      // name=value (a parameter of the current challenge); token68 values (name==) are not Digest's and are skipped.
      i = j + 1
      while (i < header.length && (header[i] === ' ' || header[i] === '\t')) i++
      let value = ''
      if (header[i] === '"') {
        i++
        while (i < header.length && header[i] !== '"') {
          if (header[i] === '\\' && i + 1 < header.length) i++
          value += header[i]
          i++
        }
        i++
      } else {
        value = token()
      }
      current.params[word.toLowerCase()] = value
    } else {
      challenges.push({scheme: word.toLowerCase(), params: {}})
    }
  }
  return challenges
}

function qopOptions(qop: string | undefined): string[] {
  return (qop ?? '').split(',').map((q) => q.trim().toLowerCase()).filter(Boolean)
}

/**
 * The Digest challenge to answer: the first one (the server's preference, RFC 7616 §3.7) whose algorithm and qop
 * this client supports. Undefined when the header holds no Digest challenge; UnsupportedDigestError when it holds
 * only ones this client cannot answer.
 */
export function parseChallenge(header: string | undefined): DigestChallenge | undefined {
  if (!header) return undefined
  const digests = parseAuthenticate(header).filter((c) => c.scheme === 'digest' && c.params.nonce)
  if (digests.length === 0) return undefined
  for (const {params: p} of digests) {
    const qops = qopOptions(p.qop)
    if (!isSupportedAlgorithm(p.algorithm)) continue
    if (qops.length > 0 && !qops.includes('auth') && !qops.includes('auth-int')) continue
    return {realm: p.realm ?? '', nonce: p.nonce!, qop: p.qop, opaque: p.opaque, algorithm: p.algorithm, stale: p.stale?.toLowerCase() === 'true', userhash: p.userhash?.toLowerCase() === 'true'}
  }
  throw new UnsupportedDigestError(digests.map(({params: p}) => `algorithm ${p.algorithm ?? 'MD5'}${p.qop ? ` (qop ${p.qop})` : ''}`))
}

export interface DigestInput {
  username: string
  password: string
  realm: string
  method: string
  uri: string
  nonce: string
  nc?: string
  cnonce?: string
  qop?: string
  /** Default MD5. */
  algorithm?: string
  /** The request body, for qop=auth-int (empty when there is none). */
  body?: string
}

/** The `response` value of RFC 7616 §3.4.1 (and RFC 2069's form when there is no qop). */
export function digestResponse(a: DigestInput): string {
  const hash = hashOf(a.algorithm)
  const sess = (a.algorithm ?? '').toLowerCase().endsWith('-sess')
  let ha1 = hash(`${a.username}:${a.realm}:${a.password}`)
  if (sess) ha1 = hash(`${ha1}:${a.nonce}:${a.cnonce ?? ''}`)
  const ha2 = a.qop === 'auth-int' ? hash(`${a.method.toUpperCase()}:${a.uri}:${hash(a.body ?? '')}`) : hash(`${a.method.toUpperCase()}:${a.uri}`)
  return a.qop ? hash(`${ha1}:${a.nonce}:${a.nc}:${a.cnonce}:${a.qop}:${ha2}`) : hash(`${ha1}:${a.nonce}:${ha2}`)
}

const quoted = (value: string): string => `"${value.replace(/(["\\])/g, '\\$1')}"`

/**
 * The Authorization header answering `challenge` for one request; `count` is this nonce's use number (nc), `body`
 * the request body (hashed only for qop=auth-int). qop=auth is preferred when offered: it does not tie the answer
 * to the body, so a retried request can be answered the same way.
 */
export function authorizationHeader(challenge: DigestChallenge, credentials: {username: string; password: string}, method: string, uri: string, count: number, body = ''): string {
  const offered = qopOptions(challenge.qop)
  const qop = offered.includes('auth') ? 'auth' : offered.includes('auth-int') ? 'auth-int' : undefined
  const nc = count.toString(16).padStart(8, '0')
  const cnonce = randomBytes(12).toString('hex')
  const algorithm = challenge.algorithm ?? 'MD5'
  const response = digestResponse({...credentials, realm: challenge.realm, method, uri, nonce: challenge.nonce, nc, cnonce, qop, algorithm, body})
  const username = challenge.userhash ? hashOf(algorithm)(`${credentials.username}:${challenge.realm}`) : credentials.username
  const parts = [`username=${quoted(username)}`, `realm=${quoted(challenge.realm)}`, `nonce=${quoted(challenge.nonce)}`, `uri=${quoted(uri)}`, `algorithm=${algorithm}`, `response="${response}"`]
  if (qop) parts.push(`qop=${qop}`, `nc=${nc}`, `cnonce="${cnonce}"`)
  else if (algorithm.toLowerCase().endsWith('-sess')) parts.push(`cnonce="${cnonce}"`)
  if (challenge.opaque !== undefined) parts.push(`opaque=${quoted(challenge.opaque)}`)
  if (challenge.userhash) parts.push('userhash=true')
  return `Digest ${parts.join(', ')}`
}
