import {existsSync, mkdirSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {describe, expect, test} from 'vitest'

import {listFleet, showClock} from '../../../src/lib/backends/local/admin.js'
import {LocalBackend} from '../../../src/lib/backends/local/local-backend.js'
import {DamagedRowError, inTransaction, openDatabase, readMeta, storedObject, storePath, writeMeta} from '../../../src/lib/backends/local/store.js'
import {CliError} from '../../../src/lib/cli/errors.js'
import {makeTempDir} from '../../helpers/temp-dirs.js'
import {localWorld, WALL} from './harness.js'

const RESET_HINT = 'Move the file away to keep it, or run `atlas-backups local reset --force` to start a new demo world'

/** The CliError `work` throws: message and hint are what the user reads. */
function cliFailure(work: () => unknown): {message: string; hint: string | undefined} {
  try {
    work()
  } catch (error) {
    if (error instanceof CliError) return {message: error.message, hint: error.hint}
    throw error
  }
  throw new Error('expected a CliError')
}

const sqliteError = (message: string, code?: string): Error => Object.assign(new Error(message), code === undefined ? {} : {code})

describe('opening the store', () => {
  test('creates the home (private) and a WAL store at schema version 5 with foreign keys on', () => {
    const home = join(makeTempDir('atlas-backups-store-'), 'nested', 'home')
    const db = openDatabase(home)
    try {
      expect(statSync(home).mode & 0o777).toBe(0o700)
      expect(statSync(storePath(home)).isFile()).toBe(true)
      expect(storePath(home)).toBe(join(home, 'local.db'))
      expect(db.pragma('user_version', {simple: true})).toBe(6)
      expect(db.pragma('journal_mode', {simple: true})).toBe('wal')
      expect(db.pragma('foreign_keys', {simple: true})).toBe(1)
      expect(db.pragma('synchronous', {simple: true})).toBe(1)
      // Parallel commands of a CI job queue for the write lock for up to 15 s instead of failing at once.
      expect(db.pragma('busy_timeout', {simple: true})).toBe(15_000)
      expect((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{name: string}>).map((t) => t.name)).toEqual([
        'clusters',
        'compliance_policies',
        'export_buckets',
        'export_jobs',
        'meta',
        'projects',
        'restore_jobs',
        'snapshots',
      ])
      expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'snapshots_by_%' ORDER BY name").all()).toEqual([
        {name: 'snapshots_by_completion'},
        {name: 'snapshots_by_expiry'},
        {name: 'snapshots_by_list_order'},
      ])
    } finally {
      db.close()
    }
    // Opening again keeps what is there.
    const again = openDatabase(home)
    writeMeta(again, 'k', 'v')
    again.close()
    const third = openDatabase(home)
    expect(readMeta(third, 'k')).toBe('v')
    third.close()
  })

  test('a store from a newer atlas-backups is refused, naming both versions', () => {
    const home = makeTempDir('atlas-backups-store-')
    const db = openDatabase(home)
    db.pragma('user_version = 7')
    db.close()
    expect(cliFailure(() => openDatabase(home))).toEqual({
      message: `the local emulator's store ${storePath(home)} has schema version 7, this atlas-backups expects 6`,
      hint: 'Run `atlas-backups local reset --force` to start a new demo world',
    })
    // The refused store was closed again: its WAL files, created while opening, are gone.
    expect(existsSync(`${storePath(home)}-wal`)).toBe(false)
    expect(existsSync(`${storePath(home)}-shm`)).toBe(false)
  })

  test('a file that is not a SQLite database is called corrupt, with the way out', () => {
    const home = makeTempDir('atlas-backups-store-')
    writeFileSync(storePath(home), 'this is not a database, just some text that is long enough to have a header '.repeat(20))
    expect(cliFailure(() => openDatabase(home))).toEqual({
      message: `the local emulator's store ${storePath(home)} is corrupt or not a SQLite database (SQLITE_NOTADB)`,
      hint: RESET_HINT,
    })
    // The backend says the same on its first command.
    expect(cliFailure(() => listFleet(new LocalBackend({home, wallClock: () => WALL}))).message).toContain('is corrupt or not a SQLite database')
  })

  test('a store path that cannot be opened (a directory) names the code and the permissions', () => {
    const home = makeTempDir('atlas-backups-store-')
    mkdirSync(storePath(home))
    expect(cliFailure(() => openDatabase(home))).toEqual({
      message: `cannot open the local emulator's store ${storePath(home)} (SQLITE_CANTOPEN)`,
      hint: 'Check the permissions of the file and its directory, or point ATLAS_BACKUPS_HOME elsewhere',
    })
  })

  test('a home that is a file fails with the system error code', () => {
    const parent = makeTempDir('atlas-backups-store-')
    const home = join(parent, 'file')
    writeFileSync(home, '')
    const failure = cliFailure(() => openDatabase(home))
    expect(failure.message).toMatch(new RegExp(`^the local emulator's store ${storePath(home).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} failed: .+ \\((EEXIST|ENOTDIR)\\)$`))
    expect(failure.hint).toBe('Run again with --debug for details')
  })
})

describe('transactions', () => {
  test('return what the work returns, and roll back everything when it throws', () => {
    const {backend} = localWorld(WALL)
    showClock(backend)
    const db = backend.database()
    expect(inTransaction(db, 'p', () => 42)).toBe(42)
    const plain = new Error('not a store problem')
    expect(() =>
      inTransaction(db, 'p', () => {
        writeMeta(db, 'half', 'done')
        throw plain
      }),
    ).toThrow(plain)
    expect(readMeta(db, 'half')).toBeUndefined()
  })

  test.each([
    ['SQLITE_BUSY', 'database is locked', "the local emulator's store /s.db stayed locked by another atlas-backups process (SQLITE_BUSY)", 'Try again when the other command has finished'],
    ['SQLITE_CORRUPT', 'database disk image is malformed', "the local emulator's store /s.db is corrupt or not a SQLite database (SQLITE_CORRUPT)", RESET_HINT],
    ['SQLITE_NOTADB', 'file is not a database', "the local emulator's store /s.db is corrupt or not a SQLite database (SQLITE_NOTADB)", RESET_HINT],
    // The code alone decides, whatever the message says.
    ['SQLITE_NOTADB', 'unexpected header', "the local emulator's store /s.db is corrupt or not a SQLite database (SQLITE_NOTADB)", RESET_HINT],
    ['SQLITE_CORRUPT', 'unexpected page', "the local emulator's store /s.db is corrupt or not a SQLite database (SQLITE_CORRUPT)", RESET_HINT],
    ['SQLITE_IOERR', 'disk image is malformed', "the local emulator's store /s.db is corrupt or not a SQLite database (SQLITE_IOERR)", RESET_HINT],
    ['SQLITE_IOERR', 'not a database', "the local emulator's store /s.db is corrupt or not a SQLite database (SQLITE_IOERR)", RESET_HINT],
    ['SQLITE_IOERR', 'File is NOT A DATABASE', "the local emulator's store /s.db is corrupt or not a SQLite database (SQLITE_IOERR)", RESET_HINT],
    ['SQLITE_IOERR', 'Database image is MALFORMED', "the local emulator's store /s.db is corrupt or not a SQLite database (SQLITE_IOERR)", RESET_HINT],
    ['SQLITE_IOERR', 'disk I/O error', "the local emulator's store /s.db failed: disk I/O error (SQLITE_IOERR)", 'Run again with --debug for details'],
    ['SQLITE_READONLY', 'attempt to write a readonly database', "cannot open the local emulator's store /s.db (SQLITE_READONLY)", 'Check the permissions of the file and its directory, or point ATLAS_BACKUPS_HOME elsewhere'],
    ['SQLITE_PERM', 'access permission denied', "cannot open the local emulator's store /s.db (SQLITE_PERM)", 'Check the permissions of the file and its directory, or point ATLAS_BACKUPS_HOME elsewhere'],
    ['SQLITE_CANTOPEN', 'unable to open database file', "cannot open the local emulator's store /s.db (SQLITE_CANTOPEN)", 'Check the permissions of the file and its directory, or point ATLAS_BACKUPS_HOME elsewhere'],
    ['SQLITE_FULL', 'database or disk is full', "the local emulator's store /s.db failed: database or disk is full (SQLITE_FULL)", 'Run again with --debug for details'],
  ])('a %s error (%s) becomes one clear message naming the file', (code, message, expected, hint) => {
    const {backend} = localWorld(WALL)
    showClock(backend)
    expect(
      cliFailure(() =>
        inTransaction(backend.database(), '/s.db', () => {
          throw sqliteError(message, code)
        }),
      ),
    ).toEqual({message: expected, hint})
  })

  test('a SQLite error thrown without a message is still named by its code', () => {
    const {backend} = localWorld(WALL)
    showClock(backend)
    expect(
      cliFailure(() =>
        inTransaction(backend.database(), '/s.db', () => {
          // A thrown value that is not an Error: no message to show, only its code.
          throw {code: 'SQLITE_FULL'}
        }),
      ),
    ).toEqual({message: "the local emulator's store /s.db failed: [object Object] (SQLITE_FULL)", hint: 'Run again with --debug for details'})
  })

  test('a non-SQLite error with a code passes through unchanged', () => {
    const {backend} = localWorld(WALL)
    showClock(backend)
    const error = sqliteError('permission denied', 'EACCES')
    expect(() =>
      inTransaction(backend.database(), '/s.db', () => {
        throw error
      }),
    ).toThrow(error)
  })

  test('a damaged JSON column stops the command with the row named, and nothing written', () => {
    const {backend} = localWorld(WALL)
    listFleet(backend)
    const db = backend.database()
    db.prepare("UPDATE clusters SET spec = '[1]' WHERE name = 'Cluster0'").run()
    expect(cliFailure(() => listFleet(backend))).toEqual({
      message: `the local emulator's store ${backend.storePath} is damaged: the spec of cluster Cluster0 (clusters table) is not a JSON object; nothing was changed`,
      hint: RESET_HINT,
    })
  })
})

describe('stored JSON objects and meta', () => {
  test.each([
    ['{', 'is not valid JSON'],
    ['[]', 'is not a JSON object'],
    ['null', 'is not a JSON object'],
    ['3', 'is not a JSON object'],
    ['"x"', 'is not a JSON object'],
  ])('%j is damage: %s', (text, problem) => {
    const error = (() => {
      try {
        storedObject(text, 'the row')
      } catch (caught) {
        return caught as DamagedRowError
      }
      throw new Error('expected a DamagedRowError')
    })()
    expect(error).toBeInstanceOf(DamagedRowError)
    expect([error.name, error.where, error.message]).toEqual(['DamagedRowError', `the row ${problem}`, `damaged row: the row ${problem}`])
  })

  test('an object reads back as itself', () => {
    expect(storedObject('{"a":[1]}', 'the row')).toEqual({a: [1]})
  })

  test('meta values are absent until written, and a second write replaces the first', () => {
    const {backend} = localWorld(WALL)
    showClock(backend)
    const db = backend.database()
    expect(readMeta(db, 'nothing')).toBeUndefined()
    writeMeta(db, 'key', 'one')
    writeMeta(db, 'key', 'two')
    expect(readMeta(db, 'key')).toBe('two')
    expect(db.prepare('SELECT COUNT(*) AS n FROM meta WHERE key = ?').get('key')).toEqual({n: 1})
  })
})
