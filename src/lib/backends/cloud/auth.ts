import {isAxiosError, type AxiosInstance} from 'axios'

import {authorizationHeader, type DigestChallenge, parseChallenge} from '../../http/digest.js'
import {MAX_RESPONSE_BYTES} from './limits.js'
import {redactBody, redactHeaders} from './redact.js'
import {requestTimeoutMs} from './retry.js'

/** How requests prove who they are: HTTP Digest for API keys, a bearer token for service accounts. */
export interface Authenticator {
  /** The Authorization header for this request, or undefined to send none (digest before its first challenge). */
  header(method: string, uri: string): Promise<string | undefined>
  /** Called with a 401's WWW-Authenticate; true when the request should be sent again with fresh credentials. */
  refresh(wwwAuthenticate: string | undefined): Promise<boolean>
}

/**
 * HTTP Digest (RFC 7616; MD5, qop=auth), hand-written on the project's src/lib/http/digest.ts, which `serve` uses
 * to check the same headers. The first request goes without credentials and draws Atlas's challenge; its nonce is
 * then kept and reused with a rising nonce count (nc), so later requests cost one round trip, until Atlas answers
 * a 401 with a new nonce (expired or stale), which replaces it.
 */
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
    // Refused although we answered this very nonce: the key pair itself is wrong, asking again would not help.
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

function headerText(headers: Record<string, unknown>, name: string): string | undefined {
  const value = headers[name]
  return value === undefined || value === null ? undefined : String(value)
}

/** Refresh a little before Atlas's expiry, so a token never dies in flight. */
const TOKEN_MARGIN_MS = 60_000

export class TokenError extends Error {
  constructor(
    readonly status: number,
    /** The Location of a redirect (3xx), which is reported and never followed. */
    readonly location?: string,
  ) {
    super(`the service account token request failed with HTTP ${status}`)
    this.name = 'TokenError'
  }
}

/**
 * OAuth 2.0 client credentials (service accounts): `POST {base}/api/oauth/token` with HTTP Basic
 * clientId:clientSecret and `grant_type=client_credentials`. The token is kept until shortly before `expires_in`
 * runs out; concurrent callers share one token request; a 401 on the API drops it and fetches a new one, once per
 * command (a second 401 means the account itself is refused).
 */
export class ServiceAccountAuthenticator implements Authenticator {
  private token: Token | undefined
  private pending: Promise<Token> | undefined
  private refreshed = false

  constructor(
    private readonly http: AxiosInstance,
    private readonly tokenUrl: string,
    private readonly credentials: {clientId: string; clientSecret: string},
    private readonly debug: (line: string) => void = () => {},
  ) {}

  async header(): Promise<string> {
    if (!this.token || Date.now() >= this.token.expiresAt) {
      this.pending ??= this.fetchToken().finally(() => {
        this.pending = undefined
      })
      this.token = await this.pending
    }
    return `Bearer ${this.token.value}`
  }

  async refresh(): Promise<boolean> {
    if (this.refreshed || !this.token) return false
    this.refreshed = true
    this.token = undefined
    return true
  }

  private async fetchToken(): Promise<Token> {
    const basic = Buffer.from(`${this.credentials.clientId}:${this.credentials.clientSecret}`).toString('base64')
    const headers = {Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json'}
    const body = 'grant_type=client_credentials'
    this.debug(`> POST ${this.tokenUrl}  ${redactHeaders(headers)}  ${body}`)
    const started = Date.now()
    let response
    try {
      response = await this.http.post<string>(this.tokenUrl, body, {
        headers,
        timeout: requestTimeoutMs(),
        responseType: 'text',
        transformResponse: [(raw: unknown) => raw],
        validateStatus: () => true,
        maxRedirects: 0,
        maxContentLength: MAX_RESPONSE_BYTES,
      })
    } catch (error) {
      if (isAxiosError(error)) this.debug(`x POST ${this.tokenUrl} ${Date.now() - started}ms  ${error.code ?? ''} ${error.message}`)
      throw error
    }
    this.debug(`< ${response.status} POST ${this.tokenUrl} ${Date.now() - started}ms  ${redactHeaders(response.headers as Record<string, unknown>)}  ${redactBody(response.data)}`)
    let parsed: {access_token?: unknown; expires_in?: unknown} | undefined
    try {
      parsed = JSON.parse(response.data) as typeof parsed
    } catch {
      parsed = undefined
    }
    if (response.status >= 300 && response.status < 400) throw new TokenError(response.status, headerText(response.headers as Record<string, unknown>, 'location'))
    if (response.status !== 200 || typeof parsed?.access_token !== 'string' || parsed.access_token === '') throw new TokenError(response.status)
    const lifetimeMs = (typeof parsed.expires_in === 'number' && parsed.expires_in > 0 ? parsed.expires_in : 3600) * 1000
    return {value: parsed.access_token, expiresAt: Date.now() + Math.max(lifetimeMs / 2, lifetimeMs - TOKEN_MARGIN_MS)}
  }
}
