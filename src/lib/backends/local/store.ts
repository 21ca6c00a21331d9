import {mkdirSync} from 'node:fs'
import {createRequire} from 'node:module'
import {join} from 'node:path'

import Sqlite from 'better-sqlite3'

import {CliError} from '../../cli/errors.js'
import {STORE_FILE_NAME} from '../../config/home.js'
import {cacheStatements} from './statement-cache.js'

export type Database = Sqlite.Database

const SCHEMA_VERSION = 6

/**
 * Version 2: restore jobs, and snapshots indexed by completion (what a restore window and a blackout look for). A job belongs to its source cluster and goes with it; the target is only named (a job
 * outlives a deleted target, as in Atlas). `expires_at` is when the job stops being active (a download's link expires,
 * or the job was cancelled), so "active downloads" is an index range, not a scan of the bodies.
 */
const RESTORE_JOBS_SCHEMA = `
CREATE TABLE IF NOT EXISTS restore_jobs (
  id TEXT PRIMARY KEY,
  cluster_id TEXT NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
  target_cluster_id TEXT,
  delivery_type TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  finishes_at INTEGER NOT NULL,
  expires_at INTEGER,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS restore_jobs_by_cluster ON restore_jobs (cluster_id, created_at);
CREATE INDEX IF NOT EXISTS restore_jobs_by_expiry ON restore_jobs (cluster_id, expires_at);
CREATE INDEX IF NOT EXISTS snapshots_by_completion ON snapshots (cluster_id, finishes_at);
`

/**
 * Version 3: the Backup Compliance Policy, one per project at most. Its body is a CompliancePolicyRecord
 * (compliance-policy-repository.ts); the project's policy outlives its clusters, as Atlas keeps it.
 */
const COMPLIANCE_SCHEMA = `
CREATE TABLE IF NOT EXISTS compliance_policies (
  project_id TEXT PRIMARY KEY REFERENCES projects(id),
  body TEXT NOT NULL
);
`

/**
 * Version 4: snapshot export buckets (one project's; bodies are ExportBucketRecords) and export jobs (a cluster's,
 * going with it; bodies are ExportJobRecords). `bucket_id` is indexed: deleting a bucket asks whether a job uses it; `delivered` says whether a finished
 * export's files are in its bucket's folder yet.
 */
const EXPORTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS export_buckets (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS export_buckets_by_project ON export_buckets (project_id, created_at);
CREATE TABLE IF NOT EXISTS export_jobs (
  id TEXT PRIMARY KEY,
  cluster_id TEXT NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
  bucket_id TEXT NOT NULL,
  snapshot_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  finishes_at INTEGER NOT NULL,
  delivered INTEGER NOT NULL DEFAULT 0,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS export_jobs_by_cluster ON export_jobs (cluster_id, created_at);
CREATE INDEX IF NOT EXISTS export_jobs_by_bucket ON export_jobs (bucket_id);
CREATE INDEX IF NOT EXISTS export_jobs_undelivered ON export_jobs (cluster_id, delivered, finishes_at);
CREATE INDEX IF NOT EXISTS export_jobs_by_snapshot ON export_jobs (cluster_id, snapshot_id);
`

/**
 * Version 5: list orders served by an index. Snapshots and restore jobs are listed newest first with their id as the
 * tie-break; with the id in the index, a page walks the index instead of sorting every row of the cluster again for
 * each page (which made `--all` quadratic).
 */
const LIST_ORDER_SCHEMA = `
CREATE INDEX IF NOT EXISTS snapshots_by_list_order ON snapshots (cluster_id, started_at, id);
CREATE INDEX IF NOT EXISTS restore_jobs_by_list_order ON restore_jobs (cluster_id, created_at, id);
`

/**
 * Version 6: the (cluster, time) indexes of versions 1 and 2 are prefixes of the list-order indexes of version 5,
 * which serve every query they served (keyset pages of issue 16 included); without them each snapshot and restore job
 * stored costs one index write less.
 */
const REDUNDANT_INDEXES_SCHEMA = `
DROP INDEX IF EXISTS snapshots_by_cluster;
DROP INDEX IF EXISTS restore_jobs_by_cluster;
`

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS projects (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS clusters (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id),
  name TEXT NOT NULL,
  spec TEXT NOT NULL,
  schedule TEXT,
  state TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  advanced_to INTEGER NOT NULL,
  UNIQUE (project_id, name)
);
CREATE TABLE IF NOT EXISTS snapshots (
  id TEXT PRIMARY KEY,
  cluster_id TEXT NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
  snapshot_type TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  finishes_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS snapshots_by_cluster ON snapshots (cluster_id, started_at);
CREATE INDEX IF NOT EXISTS snapshots_by_expiry ON snapshots (cluster_id, expires_at);
${RESTORE_JOBS_SCHEMA}
${COMPLIANCE_SCHEMA}
${EXPORTS_SCHEMA}
${LIST_ORDER_SCHEMA}
${REDUNDANT_INDEXES_SCHEMA}`

export function storePath(home: string): string {
  return join(home, STORE_FILE_NAME)
}

/**
 * A row of the store that cannot be read back: a JSON column that is not JSON (or not an object), a clock setting
 * that is not a number. Raised inside a transaction, which then rolls back: nothing is written.
 */
export class DamagedRowError extends Error {
  constructor(readonly where: string) {
    super(`damaged row: ${where}`)
    this.name = 'DamagedRowError'
  }
}

/** Parses a JSON column; `where` says which row and column, for the message should it be damaged. */
export function storedObject<T>(text: string, where: string): T {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new DamagedRowError(`${where} is not valid JSON`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new DamagedRowError(`${where} is not a JSON object`)
  return value as T
}

const RESET_HINT = 'Move the file away to keep it, or run `atlas-backups local reset --force` to start a new demo world'

function storeError(path: string, error: unknown): CliError {
  if (error instanceof DamagedRowError) {
    return new CliError(`the local emulator's store ${path} is damaged: ${error.where}; nothing was changed`, {hint: RESET_HINT})
  }
  const code = (error as {code?: string}).code ?? ''
  const message = (error as Error).message ?? String(error)
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || /not a database|malformed/i.test(message)) {
    return new CliError(`the local emulator's store ${path} is corrupt or not a SQLite database (${code || 'SQLITE_NOTADB'})`, {
      hint: RESET_HINT,
    })
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'EACCES' || code === 'SQLITE_READONLY' || code === 'SQLITE_PERM') {
    return new CliError(`cannot open the local emulator's store ${path} (${code})`, {
      hint: 'Check the permissions of the file and its directory, or point ATLAS_BACKUPS_HOME elsewhere',
    })
  }
  if (code === 'SQLITE_BUSY') {
    return new CliError(`the local emulator's store ${path} stayed locked by another atlas-backups process (SQLITE_BUSY)`, {
      hint: 'Try again when the other command has finished',
    })
  }
  return new CliError(`the local emulator's store ${path} failed: ${message}${code ? ` (${code})` : ''}`, {
    hint: 'Run again with --debug for details',
  })
}

/**
 * The SQLite addon, named to better-sqlite3: dist/ bundles its JavaScript (one chunk instead of fourteen modules read
 * and compiled on every command), and the `bindings` package it otherwise finds the addon with looks next to its
 * caller, which is then our chunk. Undefined when an install keeps the addon elsewhere; better-sqlite3 is then loaded
 * from its package as it comes, and finds the addon itself.
 */
function addonPath(require: NodeJS.Require): string | undefined {
  try {
    return require.resolve('better-sqlite3/build/Release/better_sqlite3.node')
  } catch {
    return undefined
  }
}

/**
 * Opens (creating if needed) the SQLite store: WAL so readers never block the writer, and a busy timeout so
 * parallel invocations from a CI job queue for the write lock instead of failing.
 * Errors name the file and the way out, never a stack trace.
 */
export function openDatabase(home: string): Database {
  const path = storePath(home)
  try {
    mkdirSync(home, {recursive: true, mode: 0o700})
    const require = createRequire(import.meta.url)
    const addon = addonPath(require)
    const db = addon ? new Sqlite(path, {timeout: 15_000, nativeBinding: addon}) : new (require('better-sqlite3') as typeof Sqlite)(path, {timeout: 15_000})
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    cacheStatements(db)
    const version = db.pragma('user_version', {simple: true}) as number
    if (version === 0) {
      db.exec(SCHEMA)
      db.pragma(`user_version = ${SCHEMA_VERSION}`)
    } else if (version < SCHEMA_VERSION && MIGRATIONS[version]) {
      migrate(db)
    } else if (version !== SCHEMA_VERSION) {
      db.close()
      throw new CliError(`the local emulator's store ${path} has schema version ${version}, this atlas-backups expects ${SCHEMA_VERSION}`, {
        hint: 'Run `atlas-backups local reset --force` to start a new demo world',
      })
    }
    return db
  } catch (error) {
    if (error instanceof CliError) throw error
    throw storeError(path, error)
  }
}

/** What takes a store from version N to N + 1, by N. */
const MIGRATIONS: Record<number, string> = {
  1: RESTORE_JOBS_SCHEMA,
  2: COMPLIANCE_SCHEMA,
  3: EXPORTS_SCHEMA,
  4: LIST_ORDER_SCHEMA,
  5: REDUNDANT_INDEXES_SCHEMA,
}

/**
 * An older store keeps its projects, clusters, snapshots and jobs: the missing tables are added and the version
 * bumped in one transaction, so a second process opening the store at the same moment sees either version.
 */
function migrate(db: Database): void {
  db.transaction(() => {
    let version = db.pragma('user_version', {simple: true}) as number
    while (version < SCHEMA_VERSION) {
      db.exec(MIGRATIONS[version]!)
      version += 1
    }
    db.pragma(`user_version = ${SCHEMA_VERSION}`)
  }).immediate()
}

/**
 * Runs `work` as one IMMEDIATE transaction: the write lock is taken up front, so two commands can never both read
 * "no on-demand snapshot running" and both start one. Store errors become one clear CliError naming the file.
 */
export function inTransaction<T>(db: Database, path: string, work: () => T): T {
  try {
    return db.transaction(work).immediate()
  } catch (error) {
    throw asStoreError(path, error)
  }
}

/** A store failure (a damaged row, any SQLite error) as one clear CliError naming the file; anything else as it is. */
export function asStoreError(path: string, error: unknown): unknown {
  const code = (error as {code?: string}).code
  return error instanceof DamagedRowError || (typeof code === 'string' && code.startsWith('SQLITE_')) ? storeError(path, error) : error
}

/**
 * Raised inside a read transaction by a statement that would write (or by a session that sees a catch-up is due):
 * the work is then done again in a write transaction.
 */
export class NeedsWrite extends Error {
  constructor() {
    super('this read needs the write lock')
    this.name = 'NeedsWrite'
  }
}

/**
 * Runs `work` as one DEFERRED transaction on a connection set to query only: under WAL it reads one consistent
 * snapshot of the store and never waits for a writer. Any statement that would write fails inside SQLite and comes
 * out as NeedsWrite, so a read can never change the store, however deep the write hides.
 */
export function inReadTransaction<T>(db: Database, path: string, work: () => T): T {
  db.prepare('PRAGMA query_only = 1').run()
  try {
    return db.transaction(work).deferred()
  } catch (error) {
    if ((error as {code?: string}).code === 'SQLITE_READONLY') throw new NeedsWrite()
    throw asStoreError(path, error)
  } finally {
    db.prepare('PRAGMA query_only = 0').run()
  }
}

export function readMeta(db: Database, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as {value: string} | undefined
  return row?.value
}

export function writeMeta(db: Database, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value)
}
