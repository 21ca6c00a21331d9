import type {ApiErrorBody} from './types.js'

/** One problem with one field of a request, as carried in ApiError.badRequestDetail.fields. */
export interface FieldProblem {
  field: string
  description: string
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? 'Error'
}

/**
 * An error as the Atlas Admin API reports it. Every backend throws this, `serve` writes it as the Atlas error
 * envelope, and the cloud backend parses that envelope back into the same error, so a caller cannot tell which
 * backend answered.
 */
export class AtlasApiError extends Error {
  readonly status: number
  readonly errorCode: string
  readonly detail: string
  readonly parameters: unknown[]
  readonly fields: FieldProblem[]

  constructor(status: number, errorCode: string, detail: string, parameters: unknown[] = [], fields: FieldProblem[] = []) {
    super(detail)
    this.name = 'AtlasApiError'
    this.status = status
    this.errorCode = errorCode
    this.detail = detail
    this.parameters = parameters
    this.fields = fields
  }

  toBody(): ApiErrorBody {
    const body: ApiErrorBody = {
      detail: this.detail,
      error: this.status,
      errorCode: this.errorCode,
      parameters: this.parameters,
      reason: reasonPhrase(this.status),
    }
    if (this.fields.length > 0) body.badRequestDetail = {fields: this.fields}
    return body
  }

  static fromBody(body: ApiErrorBody, fallbackStatus: number): AtlasApiError {
    const status = typeof body.error === 'number' ? body.error : fallbackStatus
    const fields = body.badRequestDetail?.fields ?? []
    return new AtlasApiError(status, body.errorCode || '', body.detail ?? reasonPhrase(status), body.parameters ?? [], fields)
  }
}

export function isAtlasApiError(error: unknown): error is AtlasApiError {
  return error instanceof AtlasApiError
}
