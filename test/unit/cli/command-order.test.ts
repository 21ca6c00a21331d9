import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'

import {describe, expect, it} from 'vitest'

import {REPO_ROOT} from '../../helpers/cli.js'

// @oclif/core sorts each plugin's commands by id with localeCompare, whose first call loads ICU's collation data
// (about 7 ms of every start); the build sorts them by UTF-16 code units instead (scripts/build.mjs, REWRITES). That
// is the same order only while every id sorts alike both ways: an id that does not (a digit beside a colon, say)
// fails here, before it changes the order of help or completion.

const MANIFESTS = {
  'this CLI': join(REPO_ROOT, 'oclif.manifest.json'),
  '@oclif/plugin-autocomplete': join(REPO_ROOT, 'node_modules', '@oclif', 'plugin-autocomplete', 'oclif.manifest.json'),
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

describe('command ids sort the same by code units as by localeCompare', () => {
  for (const [name, file] of Object.entries(MANIFESTS)) {
    it(name, () => {
      expect(existsSync(file), `${file} is missing: run \`npm run build\``).toBe(true)
      const ids = Object.keys((JSON.parse(readFileSync(file, 'utf8')) as {commands: Record<string, unknown>}).commands)
      expect(ids.length).toBeGreaterThan(0)
      expect([...ids].sort(byCodeUnits)).toEqual([...ids].sort((a, b) => a.localeCompare(b)))
    })
  }
})
