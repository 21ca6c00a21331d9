import {readFileSync} from 'node:fs'

import type {AxiosInstance, AxiosResponse} from 'axios'
import type {ZodType} from 'zod'

import {CliError} from '../../cli/errors.js'
import {AtlasApiError} from '../../domain/errors.js'
import {parseApiResponse} from '../../domain/schemas.js'
import type {ApiErrorBody} from '../../domain/types.js'
import type {Authenticator} from './auth.js'
import {explainApiError, type RequestContext} from './errors.js'
import {redactBody, redactHeaders} from './redact.js'
import {MAX_RETRIES, MAX_TOTAL_WAIT_MS, RETRIABLE_METHODS, RETRIABLE_STATUSES, retryDelayMs, sleep} from './retry.js'

export interface CloudHooks {
  debug: (line: string) => void
  warn: (line: string) => void
}

export interface AtlasRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  /** Path under /api/atlas/v2. */
  path: string
  /** Media-type version of the operation. */
  version: string
  query?: Record<string, string | number | boolean | undefined>
  body?: unknown
  /** What the request is about, for error messages (cluster, snapshot, serverless instance). */
  context?: RequestContext
  /** The shape a success must have; a response that does not fit is reported, never passed on half-read. */
  schema?: ZodType
}

const VERSION: string = (JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as {version: string}).version
export const USER_AGENT = `atlas-backups/${VERSION} (${process.platform}; ${process.arch})`
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'EAI_AGAIN', 'ENOTFOUND', 'ERR_SOCKET_CONNECTION_TIMEOUT'])

export function requestTimeoutMs(): number {
  const fromEnv = Number(process.env.ATLAS_BACKUPS_HTTP_TIMEOUT_MS)
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 30_000
}

function queryString(query: AtlasRequest['query']): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) params.set(key, String(value))
  const text = params.toString()
  return text ? `?${text}` : ''
}

/**
 * One Atlas Admin API v2 client for the whole command: versioned media types, authentication, retries with backoff
 * for the methods that are safe to repeat, --debug dumps with secrets masked, and Atlas errors as AtlasApiError.
 */
export class AtlasHttp {
  private warned = new Set<string>()

  constructor(
    private readonly http: AxiosInstance,
    private readonly baseUrl: string,
    private readonly auth: Authenticator,
    private readonly hooks: CloudHooks,
    private readonly who: string,
  ) {}

  async request<T>(request: AtlasRequest): Promise<T> {
    const uri = `/api/atlas/v2${request.path}${queryString(request.query)}`
    const started = Date.now()
    let retries = 0
    let reauthenticated = false
    for (;;) {
      let response: AxiosResponse<string>
      try {
        response = await this.send(request, uri)
      } catch (error) {
        const code = (error as {code?: string}).code ?? ''
        const wait = retryDelayMs(retries, undefined)
        if (RETRIABLE_METHODS.has(request.method) && NETWORK_CODES.has(code) && retries < MAX_RETRIES && Date.now() - started + wait <= MAX_TOTAL_WAIT_MS) {
          this.hooks.debug(`${request.method} ${uri}: ${code}, retrying in ${wait} ms`)
          retries += 1
          await sleep(wait)
          continue
        }
        throw this.networkError(error, request, uri)
      }
      if (response.status === 401 && !reauthenticated && (await this.auth.refresh(header(response, 'www-authenticate')))) {
        reauthenticated = true
        continue
      }
      if (RETRIABLE_STATUSES.has(response.status) && RETRIABLE_METHODS.has(request.method) && retries < MAX_RETRIES) {
        const wait = retryDelayMs(retries, header(response, 'retry-after'))
        if (Date.now() - started + wait <= MAX_TOTAL_WAIT_MS) {
          this.hooks.debug(`${request.method} ${uri}: HTTP ${response.status}, retrying in ${wait} ms`)
          retries += 1
          await sleep(wait)
          continue
        }
      }
      this.warnLifecycle(response, request.path)
      return this.parse<T>(response, request, uri)
    }
  }

  private async send(request: AtlasRequest, uri: string): Promise<AxiosResponse<string>> {
    const mediaType = `application/vnd.atlas.${request.version}+json`
    const headers: Record<string, string> = {Accept: mediaType, 'User-Agent': USER_AGENT}
    const authorization = await this.auth.header(request.method, uri)
    if (authorization) headers.Authorization = authorization
    const data = request.body === undefined ? undefined : JSON.stringify(request.body)
    if (data !== undefined) headers['Content-Type'] = mediaType
    this.hooks.debug(`> ${request.method} ${this.baseUrl}${uri}  ${redactHeaders(headers)}${data ? `  ${redactBody(data)}` : ''}`)
    const started = Date.now()
    const response = await this.http.request<string>({method: request.method, url: `${this.baseUrl}${uri}`, headers, data, timeout: requestTimeoutMs(), responseType: 'text', transformResponse: (x: unknown) => x, validateStatus: () => true, maxRedirects: 0})
    this.hooks.debug(`< ${response.status} ${request.method} ${uri} ${Date.now() - started}ms  ${redactHeaders(response.headers as Record<string, unknown>)}  ${redactBody(response.data)}`)
    return response
  }

  private parse<T>(response: AxiosResponse<string>, request: AtlasRequest, uri: string): T {
    const text = typeof response.data === 'string' ? response.data : ''
    let body: unknown
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text)
      } catch {
        throw new CliError(`Atlas answered ${request.method} ${uri} with malformed JSON (HTTP ${response.status})`, {hint: 'Try again; if it persists, run with --debug and report the response'})
      }
    }
    if (response.status >= 200 && response.status < 300) {
      if (!request.schema || response.status === 204) return body as T
      try {
        // Checked, then passed on as Atlas wrote it: zod's output would reorder the fields users see with -o json.
        parseApiResponse(request.schema, body, `Atlas's answer to ${request.method} ${uri}`)
        return body as T
      } catch (error) {
        throw new CliError((error as Error).message, {hint: 'Run with --debug to see the response; this atlas-backups may be older than the Atlas API'})
      }
    }
    const envelope = (body && typeof body === 'object' ? body : {}) as ApiErrorBody
    const error = AtlasApiError.fromBody(envelope, response.status)
    throw explainApiError(error, request.context ?? {}, this.who, request.path)
  }

  private networkError(error: unknown, request: AtlasRequest, uri: string): CliError {
    const code = (error as {code?: string}).code
    const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test((error as Error).message)
    const why = timedOut ? `no answer within ${requestTimeoutMs() / 1000} s` : code ?? (error as Error).message
    return new CliError(`cannot reach Atlas at ${this.baseUrl} (${request.method} ${uri}): ${why}`, {
      hint: 'Check the network and MONGODB_ATLAS_BASE_URL (or the profile\'s baseUrl), then try again',
    })
  }

  private warnLifecycle(response: AxiosResponse<string>, path: string): void {
    const deprecation = header(response, 'deprecation')
    const sunset = header(response, 'sunset')
    if (!deprecation && !sunset) return
    const key = path.replace(/\/[0-9a-f]{24}(?=\/|$)/g, '/{id}')
    if (this.warned.has(key)) return
    this.warned.add(key)
    const parts = [deprecation ? `deprecated since ${deprecation}` : 'deprecated', sunset ? `removed after ${sunset}` : undefined].filter(Boolean)
    const past = sunset !== undefined && Date.parse(sunset) < Date.now()
    const advice = past ? 'that date has passed, so Atlas may refuse it (HTTP 410) at any time' : 'a newer atlas-backups will move to the next version'
    this.hooks.warn(`Warning: the Atlas API version used for ${key} is ${parts.join(', ')}; ${advice}.`)
  }
}

function header(response: AxiosResponse, name: string): string | undefined {
  const value = (response.headers as Record<string, unknown>)[name]
  return value === undefined || value === null ? undefined : String(value)
}
