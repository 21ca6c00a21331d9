import type {Database} from './store.js'

/**
 * Keyset paging behind the Atlas API's pageNum/itemsPerPage. `--all` (and a client paging through serve) reads page
 * after page; with LIMIT/OFFSET each page walks every index entry before it, so the whole list costs O(n²/limit).
 * Here the end of each page served is remembered (the sort key of its last row, by the position after it), and a
 * page starting at a remembered position continues from that key through the list-order index: O(limit) per page.
 * Any other page (a random pageNum, or one after the list may have changed) is read by OFFSET, as before: the
 * rows of a page are the same either way.
 *
 * A remembered key is only good while the list is unchanged, which is known cheaply: PRAGMA data_version moves when
 * another connection commits (and, read inside a transaction, matches what that transaction sees), and temporary
 * triggers count this connection's own inserts, deletes and re-keyings of listed rows (whoever makes them, cascades
 * included). Any change forgets every remembered key. Saving a cluster's catch-up state (every request on a live
 * clock does) touches neither table, so it keeps them.
 */

/**
 * A list read in the order of `(sort_key, tie)` (newest first, or oldest first), with both statements selecting
 * `id, sort_key, tie, body`: `tie` orders rows of one sort key (an id, or the rowid).
 */
export interface OrderedList {
  /** The table, for the change triggers and the memo. */
  table: 'snapshots' | 'restore_jobs' | 'export_jobs' | 'export_buckets'
  /** The columns that decide membership and order (a change to one of them may move a row). */
  keyColumns: string[]
  /** Parameters: owner, limit, offset. */
  byOffset: string
  /** Parameters: owner, sort key, tie, limit: the rows after that key. */
  afterKey: string
}

export interface ListedRow {
  id: string
  sort_key: number
  tie: string | number
  body: string
}

type Key = readonly [sortKey: number, tie: string | number]

/**
 * The list of `table`'s rows of one owner (`ownerColumn = ?`), ordered by `sortColumn` then `tieColumn` (`id`, or the
 * implicit `rowid`), newest first or oldest first. An index on (owner, sort[, tie]) serves both statements: an index
 * entry ends with the rowid anyway.
 */
export function orderedList(table: OrderedList['table'], ownerColumn: string, sortColumn: string, tieColumn: 'id' | 'rowid', order: 'newest first' | 'oldest first'): OrderedList {
  const [direction, after] = order === 'newest first' ? [' DESC', '<'] : ['', '>']
  const select = `SELECT id, ${sortColumn} AS sort_key, ${tieColumn} AS tie, body FROM ${table} WHERE ${ownerColumn} = ?`
  const orderBy = `ORDER BY ${sortColumn}${direction}, ${tieColumn}${direction}`
  return {
    table,
    // The rowid of a row never changes; an id could, and would move the row.
    keyColumns: tieColumn === 'rowid' ? [ownerColumn, sortColumn] : [ownerColumn, sortColumn, tieColumn],
    byOffset: `${select} ${orderBy} LIMIT ? OFFSET ?`,
    afterKey: `${select} AND (${sortColumn}, ${tieColumn}) ${after} (?, ?) ${orderBy} LIMIT ?`,
  }
}

/** Positions remembered per connection, across lists and owners: enough for a few clients paging at once. */
const MAX_REMEMBERED = 256

class ListCursors {
  private readonly ends = new Map<string, Key>()
  private readonly watched = new Set<string>()
  private seen: string | undefined

  constructor(private readonly db: Database) {
    this.db.exec(`CREATE TEMP TABLE IF NOT EXISTS list_changes (n INTEGER NOT NULL);
INSERT INTO temp.list_changes (n) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM temp.list_changes);`)
  }

  /** Watches a table for changes that could move its rows (once per table and connection). */
  watch(list: OrderedList): void {
    if (this.watched.has(list.table)) return
    const bump = 'BEGIN UPDATE temp.list_changes SET n = n + 1; END'
    this.db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS ${list.table}_list_added AFTER INSERT ON main.${list.table} ${bump};
CREATE TEMP TRIGGER IF NOT EXISTS ${list.table}_list_removed AFTER DELETE ON main.${list.table} ${bump};
CREATE TEMP TRIGGER IF NOT EXISTS ${list.table}_list_moved AFTER UPDATE OF ${list.keyColumns.join(', ')} ON main.${list.table} ${bump};`)
    this.watched.add(list.table)
  }

  /** Forgets every remembered end if any list may have changed since the last look. */
  forgetIfChanged(): void {
    const state = `${this.db.pragma('data_version', {simple: true})}/${(this.db.prepare('SELECT n FROM temp.list_changes').get() as {n: number}).n}`
    if (state === this.seen) return
    this.ends.clear()
    this.seen = state
  }

  /** The key of the row before `offset`, if a page ended there. */
  keyBefore(list: string, owner: string, offset: number): Key | undefined {
    return this.ends.get(`${list}\n${owner}\n${offset}`)
  }

  remember(list: string, owner: string, offset: number, key: Key): void {
    const name = `${list}\n${owner}\n${offset}`
    this.ends.delete(name)
    this.ends.set(name, key)
    if (this.ends.size > MAX_REMEMBERED) this.ends.delete(this.ends.keys().next().value!)
  }
}

const cursorsOf = new WeakMap<Database, ListCursors>()

function cursorsFor(db: Database): ListCursors {
  let memo = cursorsOf.get(db)
  if (!memo) {
    memo = new ListCursors(db)
    cursorsOf.set(db, memo)
  }
  return memo
}

/**
 * Sets up the change watch of `lists` on a new connection. Watching creates temporary objects, which a read-only
 * transaction may not: set up here, before any transaction, the first page a connection reads is a read too (it was
 * redone as a write, lock and all, on every command that listed).
 */
export function watchLists(db: Database, lists: OrderedList[]): void {
  const memo = cursorsFor(db)
  for (const list of lists) memo.watch(list)
}

/**
 * `limit` rows of `owner`'s list from position `offset`. The end is remembered after the last row and after the one
 * before it: a caller that reads one row more than its page (to learn whether another page follows) continues from
 * the row before the last.
 */
export function pageInOrder(db: Database, list: OrderedList, owner: string, limit: number, offset: number): ListedRow[] {
  const memo = cursorsFor(db)
  memo.watch(list)
  memo.forgetIfChanged()
  const after = offset === 0 ? undefined : memo.keyBefore(list.table, owner, offset)
  const rows = (after ? db.prepare(list.afterKey).all(owner, after[0], after[1], limit) : db.prepare(list.byOffset).all(owner, limit, offset)) as ListedRow[]
  for (const index of [rows.length - 2, rows.length - 1]) {
    const row = rows[index]
    if (row) memo.remember(list.table, owner, offset + index + 1, [row.sort_key, row.tie])
  }
  return rows
}
