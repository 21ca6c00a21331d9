import type * as Crypto from 'node:crypto'
import {createRequire} from 'node:module'

// node:crypto costs about 5 ms to load (its ciphers, keys and webcrypto come with it), and a command that only reads
// the local store hashes nothing: it is loaded on the first hash instead of with every command.
const load = createRequire(import.meta.url)
let crypto: typeof Crypto | undefined

export function nodeCrypto(): typeof Crypto {
  crypto ??= load('node:crypto') as typeof Crypto
  return crypto
}

/** The SHA-1 digest of `text` (UTF-8). The emulator derives its stable ids and host names from such digests. */
export function sha1(text: string): Buffer {
  return nodeCrypto().createHash('sha1').update(text).digest()
}

/** sha1(text) as 40 lower-case hex digits. */
export function sha1Hex(text: string): string {
  return sha1(text).toString('hex')
}
