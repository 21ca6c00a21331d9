import type * as fs from 'node:fs'
import {join} from 'node:path'

import {expect, test, vi} from 'vitest'

import {openDatabase, storePath} from '../../../src/lib/backends/local/store.js'
import {CliError} from '../../../src/lib/cli/errors.js'
import {makeTempDir} from '../../helpers/temp-dirs.js'

// The tests run as root in CI containers, where no directory is ever unwritable: a home whose creation the
// system refuses (EACCES) is simulated by failing mkdirSync for one marked path only.
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>()
  return {
    ...real,
    mkdirSync: (path: fs.PathLike, options?: fs.MakeDirectoryOptions) => {
      if (String(path).endsWith('no-access')) throw Object.assign(new Error(`EACCES: permission denied, mkdir '${String(path)}'`), {code: 'EACCES'})
      return real.mkdirSync(path, options)
    },
  }
})

test('a home the system refuses to create (EACCES) says to check permissions or point ATLAS_BACKUPS_HOME elsewhere', () => {
  const home = join(makeTempDir('atlas-backups-store-'), 'no-access')
  let error: unknown
  try {
    openDatabase(home)
  } catch (caught) {
    error = caught
  }
  expect(error).toBeInstanceOf(CliError)
  expect((error as CliError).message).toBe(`cannot open the local emulator's store ${storePath(home)} (EACCES)`)
  expect((error as CliError).hint).toBe('Check the permissions of the file and its directory, or point ATLAS_BACKUPS_HOME elsewhere')
})
