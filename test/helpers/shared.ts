import {existsSync} from 'node:fs'
import {join, resolve} from 'node:path'

import {REPO_ROOT} from './cli.js'

/** ../shared holds the reference material; a user's clone does not have it, and tests that need it skip. */
export const SHARED_DIR = resolve(REPO_ROOT, '..', 'shared')

export function sharedPath(...parts: string[]): string {
  return join(SHARED_DIR, ...parts)
}

export function hasShared(...parts: string[]): boolean {
  return existsSync(sharedPath(...parts))
}

export const SHARED_ABSENT = '../shared is absent (a user\'s clone has no ../shared): skipped'
