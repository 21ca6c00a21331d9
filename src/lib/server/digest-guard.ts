import type {IncomingMessage} from 'node:http'

import {AtlasApiError} from '../domain/errors.js'
import {challengeHeader, newNonce, parseAuthorization, verifyDigest} from '../http/digest.js'

const NONCE_LIFETIME_MS = 10 * 60_000
const MAX_NONCES = 10_000

/** Requires HTTP Digest with one API key pair; issues nonces and remembers them for ten minutes. */
export class DigestGuard {
  private readonly nonces = new Map<string, number>()

  constructor(private readonly credentials: {username: string; password: string}) {}

  /** Undefined when the request is authenticated; otherwise the 401 to send, with a fresh challenge. */
  check(request: IncomingMessage): {error: AtlasApiError; challenge: string} | undefined {
    const answer = parseAuthorization(request.headers.authorization)
    const issued = answer && this.nonces.get(answer.nonce)
    if (answer && issued !== undefined && Date.now() - issued < NONCE_LIFETIME_MS && verifyDigest(answer, this.credentials, request.method ?? 'GET')) return undefined
    return {
      error: new AtlasApiError(401, '', 'You are not authorized for this resource.', []),
      challenge: challengeHeader(this.issue()),
    }
  }

  private issue(): string {
    if (this.nonces.size >= MAX_NONCES) {
      const oldest = this.nonces.keys().next().value
      if (oldest !== undefined) this.nonces.delete(oldest)
    }
    const nonce = newNonce()
    this.nonces.set(nonce, Date.now())
    return nonce
  }
}
