import type {Backend} from '../../backends/backend.js'
import {invalidAttribute} from '../../domain/atlas-errors.js'
import type {PageRequest} from '../../domain/types.js'
import type {OperationSpec} from '../operations.js'

/** What one operation gets: the backend, decoded path parameters, the query, the JSON body and the served version. */
export interface OperationContext {
  backend: Backend
  params: Record<string, string>
  query: URLSearchParams
  body: Record<string, unknown> | undefined
  version: string
}

export interface OperationResult {
  status: 200 | 204
  body?: unknown
}

export type OperationHandler = (ctx: OperationContext) => Promise<OperationResult>

/** The handlers of one API resource, keyed by the spec's operationId. */
export type ResourceHandlers = Record<string, OperationHandler>

export interface Operation extends OperationSpec {
  /** Whether the operation reads a JSON request body. */
  takesBody: boolean
  handle: OperationHandler
}

function integerParam(query: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const raw = query.get(name)
  if (raw === null) return undefined
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || value < min || value > max) throw invalidAttribute(name, `${raw} is not a whole number from ${min} to ${max}.`)
  return value
}

/** A true/false query parameter; anything else is Atlas's INVALID_ATTRIBUTE. */
export function booleanParam(query: URLSearchParams, name: string): boolean | undefined {
  const raw = query.get(name)
  if (raw === null) return undefined
  if (raw !== 'true' && raw !== 'false') throw invalidAttribute(name, `${raw} is neither true nor false.`)
  return raw === 'true'
}

/** pageNum (≥ 1), itemsPerPage (1–500) and includeCount, as the spec's shared parameters define them. */
export function pageRequest(query: URLSearchParams): PageRequest {
  const page: PageRequest = {}
  const pageNum = integerParam(query, 'pageNum', 1, Number.MAX_SAFE_INTEGER)
  const itemsPerPage = integerParam(query, 'itemsPerPage', 1, 500)
  const includeCount = booleanParam(query, 'includeCount')
  if (pageNum !== undefined) page.pageNum = pageNum
  if (itemsPerPage !== undefined) page.itemsPerPage = itemsPerPage
  if (includeCount !== undefined) page.includeCount = includeCount
  return page
}

export const ok = (body: unknown): OperationResult => ({status: 200, body})
export const noContent: OperationResult = {status: 204}

export function param(ctx: OperationContext, name: string): string {
  const value = ctx.params[name]
  if (value === undefined) throw new Error(`route without {${name}}`)
  return value
}
