import type {AxiosInstance} from 'axios'

import {authorizationHeader, type DigestChallenge, parseChallenge} from '../../http/digest.js'

/** How requests prove who they are: HTTP Digest for API keys, a bearer token for service accounts. */
export interface Authenticator {
  /** The Authorization header for this request, or undefined to send none (digest before its first challenge). */
  header(method: string, uri: string): Promise<string | undefined>
  /** Called with a 401; true when the request should be sent again with fresh credentials. */
  refresh(wwwAuthenticate: string | undefined): Promise<boolean>
}

/** Digest: the first request draws the challenge; its nonce is then reused with a rising nonce count. */
export class DigestAuthenticator implements Authenticator {
  private challenge: DigestChallenge | undefined
  private count = 0

  constructor(private readonly credentials: {username: string; password: string}) {}

  async header(method: string, uri: string): Promise<string | undefined> {
    if (!this.challenge) return undefined
    this.count += 1
    return authorizationHeader(this.challenge, this.credentials, method, uri, this.count)
  }

  async refresh(wwwAuthenticate: string | undefined): Promise<boolean> {
    const challenge = parseChallenge(wwwAuthenticate)
    if (!challenge) return false
    // A second challenge for the same nonce means the key itself was refused: sending again would not help.
    if (this.challenge && this.challenge.nonce === challenge.nonce) return false
    this.challenge = challenge
    this.count = 0
    return true
  }
}

interface Token {
  value: string
  expiresAt: number
}

/** Refresh a little before Atlas's expiry, so a token never dies in flight. */
const TOKEN_MARGIN_MS = 60_000

/** OAuth 2.0 client credentials: one token per process, kept until shortly before it expires. */
export class ServiceAccountAuthenticator implements Authenticator {
  private token: Token | undefined
  private refreshed = false

  constructor(
    private readonly http: AxiosInstance,
    private readonly tokenUrl: string,
    private readonly credentials: {clientId: string; clientSecret: string},
  ) {}

  async header(): Promise<string> {
    if (!this.token || Date.now() >= this.token.expiresAt) this.token = await this.fetchToken()
    return `Bearer ${this.token.value}`
  }

  /** A 401 with a cached token: fetch a new one, once per command. */
  async refresh(): Promise<boolean> {
    if (this.refreshed) return false
    this.refreshed = true
    this.token = undefined
    return true
  }

  private async fetchToken(): Promise<Token> {
    const basic = Buffer.from(`${this.credentials.clientId}:${this.credentials.clientSecret}`).toString('base64')
    const response = await this.http.post(this.tokenUrl, 'grant_type=client_credentials', {
      headers: {Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json'},
      responseType: 'json',
      validateStatus: () => true,
    })
    const body = response.data as {access_token?: string; expires_in?: number} | undefined
    if (response.status !== 200 || typeof body?.access_token !== 'string') {
      throw new TokenError(response.status)
    }
    const lifetime = (typeof body.expires_in === 'number' ? body.expires_in : 3600) * 1000
    return {value: body.access_token, expiresAt: Date.now() + Math.max(0, lifetime - TOKEN_MARGIN_MS)}
  }
}

export class TokenError extends Error {
  constructor(readonly status: number) {
    super(`the service account token request failed with HTTP ${status}`)
  }
}
