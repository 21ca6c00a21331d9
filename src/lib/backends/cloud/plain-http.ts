import {isIPv4, isIPv6} from 'node:net'

import type {Credentials} from '../../config/settings.js'

/** 127.0.0.0/8, ::1 (also as ::ffff:127.x.y.z) and `localhost`: traffic that never leaves this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase().replace(/\.$/, '')
  if (host === 'localhost') return true
  if (isIPv4(host)) return host.startsWith('127.')
  if (!isIPv6(host)) return false
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true
  // IPv4-mapped: the URL parser writes ::ffff:127.0.0.1 as ::ffff:7f00:1.
  const mapped = /^::ffff:(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):[0-9a-f]{1,4})$/.exec(host)
  if (!mapped) return false
  return mapped[1] ? mapped[1].startsWith('127.') : Number.parseInt(mapped[2]!, 16) >> 8 === 127
}

/**
 * The warning for credentials about to travel over plain http:// to another machine, or undefined when the base
 * URL is https:// or loopback (`serve` on 127.0.0.1 is the usual http:// target, and needs no warning).
 */
export function plainHttpWarning(baseUrl: string, credentials: Credentials): string | undefined {
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    return undefined
  }
  if (url.protocol !== 'http:' || isLoopbackHost(url.hostname)) return undefined
  const what =
    credentials.kind === 'apiKey'
      ? `requests signed with API key ${credentials.publicKey} go unencrypted to ${url.host}: anyone on the way can read the answers and replay or crack the digest`
      : `the service account's client secret and token go unencrypted to ${url.host}: anyone on the way can read them`
  return `Warning: the base URL is plain http://, so ${what}. Use https:// in MONGODB_ATLAS_BASE_URL or the profile's baseUrl.`
}
