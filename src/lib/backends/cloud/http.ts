import {existsSync, readFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

import type {AxiosError, AxiosInstance, AxiosRequestConfig, AxiosResponse} from 'axios'
import axiosRetry from 'axios-retry'
import type {ZodType} from 'zod'

import {CliError} from '../../cli/errors.js'
import {AtlasApiError} from '../../domain/errors.js'
import {parseApiResponse} from '../../domain/schemas.js'
import type {ApiErrorBody} from '../../domain/types.js'
import type {Authenticator} from './auth.js'
import {AxiosHeaders, isAxiosError} from './axios.js'
import {explainApiError, redirectError, responseTooLargeError, type RequestContext, type Who} from './errors.js'
import {MAX_RESPONSE_BYTES} from './limits.js'
import {redactBody, redactHeaders} from './redact.js'
import {Scrubber} from './scrub.js'
import {MAX_RETRIES, planRetry, requestTimeoutMs} from './retry.js'

export interface CloudHooks {
  /** One line per request, response, retry and token exchange, secrets masked (--debug). */
  debug: (line: string) => void
  /** A user-facing warning (Deprecation/Sunset headers), at most once per distinct warning and command. */
  warn: (line: string) => void
}

export interface AtlasRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  /** Path under /api/atlas/v2, already percent-encoded. */
  path: string
  /** Media-type version of the operation: Accept (and Content-Type on bodies) is application/vnd.atlas.<version>+json. */
  version: string
  query?: Record<string, string | number | boolean | undefined>
  body?: unknown
  /** What the request is about, for error messages (cluster, snapshot, serverless instance). */
  context?: RequestContext
  /** The shape a success must have; a response that does not fit is reported, never passed on half-read. */
  schema?: ZodType
}

declare module 'axios' {
  interface AxiosRequestConfig {
    /** atlas-backups bookkeeping, carried along when axios-retry sends the request again. */
    atlasBackups?: {startedAt: number; sentAt?: number; uri: string; serverlessInstance?: string}
  }
}

/** This package's version, from the nearest package.json named atlas-backups above this file (src/ or dist/). */
function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 8; i++) {
    const file = join(dir, 'package.json')
    if (existsSync(file)) {
      try {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as {name?: string; version?: string}
        if (pkg.name === 'atlas-backups' && pkg.version) return pkg.version
      } catch {
        // not ours or unreadable: keep looking
      }
    }
    const parent = dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  return '0.0.0'
}

export const USER_AGENT = `atlas-backups/${packageVersion()} (${process.platform}; ${process.arch})`

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused (is anything listening there?)',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed while sending',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  CERT_HAS_EXPIRED: 'the server certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server certificate is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server certificate cannot be verified',
}

/** x-sunset of the serverless backup operations in the spec (atlas-api-notes.md §2), when Atlas sends no Sunset. */
const SERVERLESS_SUNSET = '2026-01-22'

/** 401s one request may answer: the first challenge, then at most two stale nonces (digest stale=true). */
const MAX_AUTH_ROUNDS = 3

function queryString(query: AtlasRequest['query']): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) params.set(key, String(value))
  const text = params.toString()
  return text ? `?${text}` : ''
}

function header(response: AxiosResponse | undefined, name: string): string | undefined {
  const value = (response?.headers as Record<string, unknown> | undefined)?.[name]
  if (value === undefined || value === null) return undefined
  return Array.isArray(value) ? value.join(', ') : String(value)
}

function headersOf(config: AxiosRequestConfig): Record<string, unknown> {
  const headers = config.headers
  return headers instanceof AxiosHeaders ? headers.toJSON() : ((headers ?? {}) as Record<string, unknown>)
}

function setAuthorization(config: AxiosRequestConfig, value: string): void {
  if (config.headers instanceof AxiosHeaders) config.headers.set('Authorization', value)
  else config.headers = {...config.headers, Authorization: value}
}

/**
 * One Atlas Admin API v2 client per command: versioned media types, authentication (digest challenge or bearer
 * token), retries through axios-retry with the policy of ./retry.ts, --debug dumps with secrets masked,
 * Deprecation/Sunset warnings, and Atlas's errors as AtlasApiError with a message that says what to do.
 */
export class AtlasHttp {
  private readonly warned = new Set<string>()
  /** The wait planRetry chose for a failure, handed from axios-retry's retryCondition to its retryDelay. */
  private readonly plannedWaits = new WeakMap<AxiosError, number>()

  constructor(
    private readonly http: AxiosInstance,
    private readonly baseUrl: string,
    private readonly auth: Authenticator,
    private readonly hooks: CloudHooks,
    private readonly who: Who,
    /** Masks this command's secrets in every error text; the hooks given here are already masked. */
    private readonly scrubber: Scrubber = new Scrubber(),
  ) {
    // Response interceptors run in the order added: this one logs every attempt before axios-retry decides.
    http.interceptors.request.use((config) => {
      if (config.atlasBackups) config.atlasBackups.sentAt = Date.now()
      const body = typeof config.data === 'string' && config.data !== '' ? `  ${redactBody(config.data)}` : ''
      this.hooks.debug(`> ${(config.method ?? 'get').toUpperCase()} ${config.url ?? ''}  ${redactHeaders(headersOf(config))}${body}`)
      return config
    })
    http.interceptors.response.use(
      (response) => {
        this.logResponse(response)
        return response
      },
      (error: unknown) => {
        if (isAxiosError(error)) {
          if (error.response) this.logResponse(error.response)
          else this.hooks.debug(`x ${(error.config?.method ?? '').toUpperCase()} ${error.config?.atlasBackups?.uri ?? error.config?.url ?? ''} ${elapsed(error.config)}ms  ${error.code ?? ''} ${error.message}`)
        }
        return Promise.reject(error)
      },
    )
    axiosRetry(http, {
      retries: MAX_RETRIES,
      shouldResetTimeout: true,
      retryCondition: (error) => {
        const config = error.config
        if (!config) return false
        const wait = planRetry({
          method: config.method ?? 'get',
          status: error.response?.status,
          code: error.response ? undefined : error.code,
          retryAfter: header(error.response, 'retry-after'),
          retriesDone: config['axios-retry']?.retryCount ?? 0,
          startedAt: config.atlasBackups?.startedAt ?? Date.now(),
          now: Date.now(),
        })
        if (wait === undefined) return false
        this.plannedWaits.set(error, wait)
        return true
      },
      retryDelay: (_count, error) => this.plannedWaits.get(error) ?? 0,
      onRetry: async (count, error, config) => {
        const why = error.response ? `HTTP ${error.response.status}` : (error.code ?? error.message)
        const method = (config.method ?? 'get').toUpperCase()
        const uri = config.atlasBackups?.uri ?? config.url ?? ''
        this.hooks.debug(`${method} ${uri}: ${why}, retry ${count} of ${MAX_RETRIES} after ${this.plannedWaits.get(error) ?? 0} ms`)
        // A digest answer is good for one nonce count: every new send needs its own.
        const authorization = await this.auth.header(method, uri, typeof config.data === 'string' ? config.data : '')
        if (authorization) setAuthorization(config, authorization)
      },
    })
  }

  async request<T>(request: AtlasRequest): Promise<T> {
    try {
      return await this.exchange<T>(request)
    } catch (error) {
      // A server (or a proxy before it) may echo the request, credentials included, into its error text.
      throw this.scrubber.error(error)
    }
  }

  private async exchange<T>(request: AtlasRequest): Promise<T> {
    const uri = `/api/atlas/v2${request.path}${queryString(request.query)}`
    let authRounds = 0
    for (;;) {
      let response: AxiosResponse<string>
      try {
        response = await this.send(request, uri)
      } catch (error) {
        if (isAxiosError(error) && error.response) response = error.response as AxiosResponse<string>
        else throw this.networkError(error, request, uri)
      }
      // Digest: the first request draws the challenge (or a stale nonce a new one). Bearer: the token was revoked.
      if (response.status === 401 && authRounds < MAX_AUTH_ROUNDS && (await this.auth.refresh(header(response, 'www-authenticate'), authRounds))) {
        authRounds += 1
        continue
      }
      return this.parse<T>(response, request, uri)
    }
  }

  private async send(request: AtlasRequest, uri: string): Promise<AxiosResponse<string>> {
    const mediaType = `application/vnd.atlas.${request.version}+json`
    const headers: Record<string, string> = {Accept: mediaType, 'User-Agent': USER_AGENT}
    const data = request.body === undefined ? undefined : JSON.stringify(request.body)
    const authorization = await this.auth.header(request.method, uri, data ?? '')
    if (authorization) headers.Authorization = authorization
    if (data !== undefined) headers['Content-Type'] = mediaType
    return this.http.request<string>({
      method: request.method,
      url: `${this.baseUrl}${uri}`,
      headers,
      data,
      timeout: requestTimeoutMs(),
      responseType: 'text',
      transformResponse: [(raw: unknown) => raw],
      // A redirect is reported, never followed: following it would send the credentials to another address.
      maxRedirects: 0,
      maxContentLength: MAX_RESPONSE_BYTES,
      atlasBackups: {startedAt: Date.now(), uri, serverlessInstance: request.context?.serverless ? (request.context.clusterName ?? '<name>') : undefined},
    })
  }

  private logResponse(response: AxiosResponse): void {
    const config = response.config
    const method = (config.method ?? '').toUpperCase()
    this.hooks.debug(`< ${response.status} ${method} ${config.atlasBackups?.uri ?? config.url ?? ''} ${elapsed(config)}ms  ${redactHeaders(response.headers as Record<string, unknown>)}  ${redactBody(response.data)}`)
    this.warnLifecycle(response)
  }

  private parse<T>(response: AxiosResponse<string>, request: AtlasRequest, uri: string): T {
    const text = typeof response.data === 'string' ? response.data : ''
    const ok = response.status >= 200 && response.status < 300
    if (response.status >= 300 && response.status < 400) throw redirectError(this.baseUrl, request.method, uri, response.status, header(response, 'location'))
    let body: unknown
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text)
      } catch {
        // An error status with an HTML page (a proxy, a load balancer) is still that error; only a success is unusable.
        if (ok) {
          throw new CliError(`Atlas answered with malformed JSON (HTTP ${response.status}) for ${request.method} ${this.baseUrl}${uri}`, {
            hint: 'Try again; if it persists, run with --debug and report the response',
          })
        }
      }
    }
    if (ok) {
      if (!request.schema || response.status === 204) return body as T
      try {
        // Checked, then passed on as Atlas wrote it: zod's output would reorder the fields users see with -o json.
        parseApiResponse(request.schema, body, `Atlas's answer to ${request.method} ${uri}`)
        return body as T
      } catch (error) {
        throw new CliError((error as Error).message, {hint: 'Run with --debug to see the response; this atlas-backups may be older than the Atlas API'})
      }
    }
    const envelope = (body !== null && typeof body === 'object' && !Array.isArray(body) ? body : {}) as ApiErrorBody
    const error = AtlasApiError.fromBody(envelope, response.status)
    throw explainApiError(error, {...request.context, method: request.method}, this.who, request.path)
  }

  private networkError(error: unknown, request: AtlasRequest, uri: string): unknown {
    if (!isAxiosError(error)) return error
    if (isTooLarge(error)) {
      // The token request (service accounts) fails here too, with its own URL and method.
      const url = error.config?.url ?? ''
      const path = error.config?.atlasBackups?.uri ?? (url.startsWith(this.baseUrl) ? url.slice(this.baseUrl.length) : uri)
      return responseTooLargeError(this.baseUrl, (error.config?.method ?? request.method).toUpperCase(), path, MAX_RESPONSE_BYTES)
    }
    const code = error.code ?? ''
    const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(error.message)
    const reason = timedOut ? `no answer within ${requestTimeoutMs() / 1000} s` : (NETWORK_REASONS[code] ?? (error.message || code))
    const tries = (error.config?.['axios-retry']?.retryCount ?? 0) + 1
    return new CliError(`cannot reach Atlas at ${this.baseUrl}: ${reason}${code && !timedOut ? ` (${code})` : ''} — ${request.method} ${uri}, ${tries} attempt${tries === 1 ? '' : 's'}`, {
      hint: 'Check the network (proxy, VPN, firewall) and MONGODB_ATLAS_BASE_URL or the profile\'s baseUrl, then try again',
    })
  }

  /**
   * The serverless backup endpoints are deprecated as a whole (Atlas sunset them on 2026-01-22; after that they
   * answer 410, which the error message explains): once per command, when one of them still answered, one line
   * saying so and where the data went, in place of the per-version Deprecation/Sunset warning.
   */
  private noteServerless(response: AxiosResponse, instance: string): void {
    if (this.warned.has('serverless') || response.status < 200 || response.status >= 300) return
    this.warned.add('serverless')
    const sunset = header(response, 'sunset') ?? SERVERLESS_SUNSET
    this.hooks.warn(`Note: Atlas has deprecated the serverless backup endpoints (sunset ${sunset}) and may stop answering them at any time; serverless instances become Flex clusters, whose snapshots \`atlas-backups backups snapshots list ${instance}\` lists.`)
  }

  /** Deprecation/Sunset (RFC 9745/8594) on a response: warn once per command for each distinct pair of values. */
  private warnLifecycle(response: AxiosResponse): void {
    const serverlessInstance = response.config.atlasBackups?.serverlessInstance
    if (serverlessInstance !== undefined) return this.noteServerless(response, serverlessInstance)
    const deprecation = header(response, 'deprecation')
    const sunset = header(response, 'sunset')
    if (!deprecation && !sunset) return
    const accept = String(headersOf(response.config).Accept ?? '')
    const version = /vnd\.atlas\.([\w.-]+)\+json/.exec(accept)?.[1] ?? 'in use'
    const key = `${version}|${deprecation ?? ''}|${sunset ?? ''}`
    if (this.warned.has(key)) return
    this.warned.add(key)
    const sunsetAt = sunset ? Date.parse(sunset) : Number.NaN
    const sunsetPassed = Number.isFinite(sunsetAt) && sunsetAt <= Date.now()
    const removal = sunset ? (sunsetPassed ? `past its removal date (${sunset})` : `removed after ${sunset}`) : undefined
    const parts = [deprecation ? `deprecated since ${deprecation}` : 'deprecated', removal].filter(Boolean)
    const advice = sunsetPassed ? 'Atlas may stop answering it at any time' : 'upgrade atlas-backups before then'
    const where = response.config.atlasBackups?.uri.replace(/\?.*$/, '') ?? ''
    this.hooks.warn(`Atlas API version ${version} (${(response.config.method ?? '').toUpperCase()} ${where}) is ${parts.join(', ')}; ${advice}.`)
  }
}

/** axios's answer to a body over maxContentLength: it stops reading and closes the connection. */
export function isTooLarge(error: AxiosError): boolean {
  return error.code === 'ERR_BAD_RESPONSE' && !error.response && error.message.startsWith('maxContentLength')
}

function elapsed(config: AxiosRequestConfig | undefined): number {
  const sentAt = config?.atlasBackups?.sentAt
  return sentAt === undefined ? 0 : Date.now() - sentAt
}
