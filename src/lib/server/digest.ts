import {randomBytes, timingSafeEqual} from 'node:crypto'

import {DIGEST_REALM, digestResponse} from '../http/digest.js'

/**
 * The server side of HTTP Digest authentication (RFC 7616, MD5, qop=auth) as the Atlas Admin API uses it for
 * programmatic API keys: username = public key, password = private key. Nonces are issued here, live a few
 * minutes, and each (nonce, nc) pair is accepted once, so a captured Authorization header cannot be replayed.
 * Requests of one client may share a nonce and arrive out of order (nc 3 before nc 2): both pass. It challenges
 * with MD5 only, as Atlas does, so clients are tested against what Atlas sends; the other algorithms of RFC 7616 are
 * the cloud client's to answer, and its tests check them against a verifier of their own.
 */

export const REALM = DIGEST_REALM

const NONCE_TTL_MS = 5 * 60_000
const MAX_NONCES = 10_000
const MAX_COUNTS_PER_NONCE = 100_000

export type DigestVerdict = 'ok' | 'missing' | 'invalid' | 'stale'

interface NonceState {
  issuedAt: number
  seen: Set<string>
}


function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8')
  const y = Buffer.from(b, 'utf8')
  return x.length === y.length && timingSafeEqual(x, y)
}

/** The parameters of `Authorization: Digest k="v", k=v, …`, or undefined for another scheme. */
export function parseDigestAuthorization(header: string | undefined): Record<string, string> | undefined {
  const match = header === undefined ? null : /^\s*Digest\s+(.*)$/is.exec(header)
  if (!match) return undefined
  const params: Record<string, string> = {}
  const pair = /\s*([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*(?:,|$)/gy
  const rest = match[1]!
  let found: RegExpExecArray | null
  while (pair.lastIndex < rest.length && (found = pair.exec(rest)) !== null) {
    params[found[1]!.toLowerCase()] = found[2] === undefined ? found[3]! : found[2].replace(/\\(.)/g, '$1')
  }
  return params
}

export interface DigestRequest {
  method: string
  /** The request target as received (path and query). */
  url: string
  authorization: string | undefined
}

export class DigestVerifier {
  private readonly nonces = new Map<string, NonceState>()

  constructor(
    private readonly credentials: {publicKey: string; privateKey: string},
    private readonly now: () => number = Date.now,
  ) {}

  /** A WWW-Authenticate header with a fresh nonce; `stale` tells the client only the nonce was too old. */
  challenge(stale = false): string {
    return `Digest realm="${REALM}", domain="", nonce="${this.issue()}", algorithm=MD5, qop="auth", stale=${stale}`
  }

  verify(request: DigestRequest): DigestVerdict {
    const p = parseDigestAuthorization(request.authorization)
    if (!p) return request.authorization ? 'invalid' : 'missing'
    const {username, realm, nonce, uri, response, qop, nc, cnonce} = p
    if (!username || !nonce || !uri || !response || !nc || !cnonce) return 'invalid'
    if (realm !== REALM || qop !== 'auth' || !/^[0-9a-f]{8}$/i.test(nc)) return 'invalid'
    if (p.algorithm !== undefined && p.algorithm.toUpperCase() !== 'MD5') return 'invalid'
    if (!this.uriMatches(uri, request.url)) return 'invalid'
    // The same hash the cloud client computes (src/lib/http/digest.ts), so both sides agree by construction.
    const expected = digestResponse({username: this.credentials.publicKey, password: this.credentials.privateKey, realm: REALM, method: request.method, uri, nonce, nc, cnonce, qop})
    // Compare both, always, so timing says nothing about which one was wrong.
    const userOk = sameText(username, this.credentials.publicKey)
    const responseOk = sameText(response.toLowerCase(), expected)
    if (!userOk || !responseOk) return 'invalid'
    const state = this.nonces.get(nonce)
    // The right key with a nonce that expired (or that a restarted server never issued): ask again with stale=true.
    if (!state || this.now() - state.issuedAt > NONCE_TTL_MS) return 'stale'
    const count = nc.toLowerCase()
    if (state.seen.has(count) || state.seen.size >= MAX_COUNTS_PER_NONCE) return 'stale'
    state.seen.add(count)
    return 'ok'
  }

  /** The digest uri must name this request: the full target, or (as some clients send) its path alone. */
  private uriMatches(uri: string, target: string): boolean {
    if (uri === target) return true
    const path = target.split('?')[0]!
    if (uri === path) return true
    try {
      const absolute = new URL(uri)
      return absolute.pathname + absolute.search === target
    } catch {
      return false
    }
  }

  private issue(): string {
    const now = this.now()
    for (const [nonce, state] of this.nonces) {
      if (now - state.issuedAt <= NONCE_TTL_MS && this.nonces.size < MAX_NONCES) break
      this.nonces.delete(nonce)
    }
    const nonce = randomBytes(24).toString('base64url')
    this.nonces.set(nonce, {issuedAt: now, seen: new Set()})
    return nonce
  }
}
