import type {IncomingMessage} from 'node:http'

import {invalidJson, malformedJson, payloadTooLarge} from './errors.js'

/** The largest request body `serve` accepts. */
export const MAX_BODY_BYTES = 1024 * 1024

/**
 * How much of an oversized body is still read (and thrown away) before answering 413, so the client is reading
 * when the answer comes instead of failing with a reset connection. Beyond that the connection is cut.
 */
const DRAIN_LIMIT_BYTES = 16 * MAX_BODY_BYTES

export class BodyTooLargeError extends Error {
  constructor(
    readonly limit: number,
    /** True when the rest of the body was not read: the connection must be closed after the answer. */
    readonly unread: boolean,
  ) {
    super(`request body over ${limit} bytes`)
  }
}

/** Reads the whole body, at most `limit` bytes; throws BodyTooLargeError beyond it. */
export async function readBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(request.headers['content-length'])
  if (Number.isFinite(declared) && declared > DRAIN_LIMIT_BYTES) throw new BodyTooLargeError(limit, true)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    const buffer = chunk as Buffer
    size += buffer.length
    if (size > DRAIN_LIMIT_BYTES) throw new BodyTooLargeError(limit, true)
    if (size <= limit) chunks.push(buffer)
  }
  if (size > limit) throw new BodyTooLargeError(limit, false)
  return Buffer.concat(chunks)
}

/** The JSON object a body holds: empty → {} (every body of this API is optional or an object), else 400. */
export function parseJsonObject(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8')
  if (text.trim() === '') return {}
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw malformedJson((error as Error).message.replace(/\.$/, ''))
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidJson(`expected a JSON object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`)
  return value as Record<string, unknown>
}

export function tooLarge(error: BodyTooLargeError): ReturnType<typeof payloadTooLarge> {
  return payloadTooLarge(error.limit)
}
