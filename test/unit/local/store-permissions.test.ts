import type * as fs from 'node:fs'
import {join} from 'node:path'

import {expect, test, vi} from 'vitest'

import {openDatabase, storePath} from '../../../src/lib/backends/local/store.js'
import {CliError} from '../../../src/lib/cli/errors.js'
import {makeTempDir} from '../../helpers/temp-dirs.js'

// The tests run as root in CI containers, where no directory is ever unwritable: a home whose creation the
// system refuses (EACCES), or a failure that carries no code at all, is simulated by failing mkdirSync for marked
// paths only.
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>()
  return {
    ...real,
    mkdirSync: (path: fs.PathLike, options?: fs.MakeDirectoryOptions) => {
      if (String(path).endsWith('no-access')) throw Object.assign(new Error(`EACCES: permission denied, mkdir '${String(path)}'`), {code: 'EACCES'})
      if (String(path).endsWith('codeless-corrupt')) throw new Error('file is not a database')
      if (String(path).endsWith('codeless-other')) throw new Error('something else went wrong')
      return real.mkdirSync(path, options)
    },
  }
})

/** The CliError openDatabase throws for this home. */
function openFailure(home: string): CliError {
  try {
    openDatabase(home)
  } catch (error) {
    if (error instanceof CliError) return error
    throw error
  }
  throw new Error('expected a CliError')
}

test('an error without a code is still classified by its message, and shown without an empty code', () => {
  const corrupt = join(makeTempDir('atlas-backups-store-'), 'codeless-corrupt')
  expect(openFailure(corrupt).message).toBe(`the local emulator's store ${storePath(corrupt)} is corrupt or not a SQLite database (SQLITE_NOTADB)`)
  const other = join(makeTempDir('atlas-backups-store-'), 'codeless-other')
  expect(openFailure(other).message).toBe(`the local emulator's store ${storePath(other)} failed: something else went wrong`)
  expect(openFailure(other).hint).toBe('Run again with --debug for details')
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
