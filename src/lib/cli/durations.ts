import parseDuration from 'parse-duration'

import {UsageError} from './errors.js'

/** Parses "30d", "36h", "1d12h", "90s", "500ms"; a bare number is seconds. */
export function parseDurationMs(text: string, flag: string): number {
  const trimmed = text.trim()
  const ms = /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) * 1000 : parseDuration(trimmed)
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) {
    throw new UsageError(`${flag} "${text}" is not a duration`, 'Use forms like 30s, 10m, 36h, 30d or 1d12h')
  }
  return ms
}
