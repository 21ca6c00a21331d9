import {nodeCrypto, sha1Hex} from './sha1.js'

const OBJECT_ID = /^[a-f0-9]{24}$/

export function isObjectId(value: unknown): value is string {
  return typeof value === 'string' && OBJECT_ID.test(value)
}

function secondsHex(epochMs: number): string {
  return Math.floor(epochMs / 1000).toString(16).padStart(8, '0').slice(-8)
}

/**
 * A MongoDB ObjectId whose last 16 hex digits derive from `seed`: the same seed and time always give the same id.
 * The emulator uses it so that a frozen clock replays the same world, ids included.
 */
export function deterministicObjectId(epochMs: number, seed: string): string {
  return secondsHex(epochMs) + sha1Hex(seed).slice(0, 16)
}

/**
 * A UUID (version 5 layout) derived from `seed`: the same seed always gives the same UUID, like the emulator's object
 * ids, so a frozen clock replays the same world.
 */
export function deterministicUuid(seed: string): string {
  const hex = sha1Hex(seed)
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

export function randomObjectId(epochMs: number = Date.now()): string {
  return secondsHex(epochMs) + nodeCrypto().randomBytes(8).toString('hex')
}

/** The creation instant (ms) an ObjectId carries in its first 4 bytes; undefined for anything else. */
export function objectIdTime(value: string): number | undefined {
  return isObjectId(value) ? Number.parseInt(value.slice(0, 8), 16) * 1000 : undefined
}
