import type {AxiosInstance} from 'axios'

import {CliError} from '../../cli/errors.js'
import {authorizationHeader, type DigestChallenge, parseChallenge, SUPPORTED_ALGORITHMS, UnsupportedDigestError} from '../../http/digest.js'
import {isAxiosError} from './axios.js'
import {MAX_RESPONSE_BYTES} from './limits.js'
import {redactBody, redactHeaders} from './redact.js'
import {requestTimeoutMs} from './retry.js'

/** How requests prove who they are: HTTP Digest for API keys, a bearer token for service accounts. */
export interface Authenticator {
  /**
   * The Authorization header for this request, or undefined to send none (digest before its first challenge);
   * `body` is the request body as sent (digest's qop=auth-int hashes it).
   */
  header(method: string, uri: string, body?: string): Promise<string | undefined>
  /**
   * Called with a 401's WWW-Authenticate; true when the request should be sent again with fresh credentials.
   * `rounds` is how often this request was already sent again after a 401.
   */
  refresh(wwwAuthenticate: string | undefined, rounds: number): Promise<boolean>
}

/**
 * HTTP Digest (RFC 7616: MD5, SHA-256, SHA-512-256 and their -sess forms; qop auth or auth-int), hand-written on
 * the project's src/lib/http/digest.ts, which `serve` uses to check the same headers. The first request goes
 * without credentials and draws Atlas's challenge; its nonce is then kept and reused with a rising nonce count (nc),
 * so later requests cost one round trip, until Atlas answers a 401 with a new nonce (expired, or stale=true), which
 * replaces it.
 */
export class DigestAuthenticator implements Authenticator {
  private challenge: DigestChallenge | undefined
  private count = 0

  constructor(private readonly credentials: {username: string; password: string}) {}

  async header(method: string, uri: string, body?: string): Promise<string | undefined> {
    if (!this.challenge) return undefined
    this.count += 1
    return authorizationHeader(this.challenge, this.credentials, method, uri, this.count, body)
  }

  async refresh(wwwAuthenticate: string | undefined, rounds: number): Promise<boolean> {
    let challenge: DigestChallenge | undefined
    try {
      challenge = parseChallenge(wwwAuthenticate)
    } catch (error) {
      if (!(error instanceof UnsupportedDigestError)) throw error
      // Answering with another algorithm would only be refused as if the key were wrong: say what was asked.
      throw new CliError(`Atlas asked for HTTP Digest with ${error.offered.join(' or ')}, which atlas-backups cannot answer (it answers ${SUPPORTED_ALGORITHMS.join(', ')} with qop auth or auth-int)`, {
        hint: 'Use a service account instead (MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET), or report this with the output of --debug',
      })
    }
    if (!challenge) return false
    // stale=true: the answer was right, only the nonce had expired; answer the new one (the caller bounds the rounds).
    // Otherwise a refusal of an answer to a fresh challenge, or of this very nonce, means the key pair is wrong.
    if (!challenge.stale && (rounds > 0 || this.challenge?.nonce === challenge.nonce)) return false
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
    /** Told every token fetched, so error texts and dumps can mask it. */
    private readonly remember: (secret: string) => void = () => {},
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
    this.remember(parsed.access_token)
    const lifetimeMs = (typeof parsed.expires_in === 'number' && parsed.expires_in > 0 ? parsed.expires_in : 3600) * 1000
    return {value: parsed.access_token, expiresAt: Date.now() + Math.max(lifetimeMs / 2, lifetimeMs - TOKEN_MARGIN_MS)}
  }
}
