import type BetterSqlite3 from 'better-sqlite3'

type Database = BetterSqlite3.Database

/**
 * A bound on the cached statements of one connection: the SQL of the store is a fixed set of texts, so only a
 * caller building SQL from data could grow it, and then the cache starts over rather than grow without end.
 */
const MAX_CACHED = 512

/**
 * Makes `db.prepare` prepare each SQL text once per connection: the repositories build a new Repository per
 * transaction and prepare their statements where they use them, which cost serve 13% of its CPU. A statement still
 * being iterated is busy and cannot run again, so a nested use of the same text gets a fresh one.
 */
export function cacheStatements(db: Database): void {
  const prepare = db.prepare.bind(db)
  const cache = new Map<string, BetterSqlite3.Statement>()
  const cached = (source: string): BetterSqlite3.Statement => {
    const found = cache.get(source)
    if (found && !found.busy) return found
    const statement = prepare(source)
    if (!found) {
      if (cache.size >= MAX_CACHED) cache.clear()
      cache.set(source, statement)
    }
    return statement
  }
  db.prepare = cached as Database['prepare']
}
