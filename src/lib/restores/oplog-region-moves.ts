/**
 * The record of the highest-priority region's moves made with Continuous Cloud Backup on (rule 66), kept apart from
 * the read (oplog-regions.ts) so the clock's move back, on every command's start-up path, imports no more than this.
 */

export interface OplogRegionMove {
  /** The highest-priority region before the move: it keeps the oplog collected until `at`. */
  fromRegion: string
  /** The highest-priority region after the move: it collects the oplog from `at` on. */
  toRegion: string
  at: number
}

/**
 * The moves to keep once the highest-priority region moves again at `move.at`: a move at or before the window's
 * start (`windowStart` at that instant) no longer leaves any of the window in its old region, and oplog deleted as
 * older than the window does not come back, so it is dropped for good.
 */
export function withRegionMove(moves: readonly OplogRegionMove[], move: OplogRegionMove, windowFrom: number): OplogRegionMove[] {
  return [...moves.filter((m) => m.at > windowFrom), move]
}

/**
 * The clock was moved back to `now`: the moves that had not happened by then are taken as one move made now, from
 * the region before the first of them to the one the cluster is in (a clock move undoes no setting), which collects
 * from now on; none at all if that is where it was.
 */
export function regionMovesAt(moves: readonly OplogRegionMove[], now: number): OplogRegionMove[] {
  const past = moves.filter((m) => m.at <= now)
  const later = moves.filter((m) => m.at > now)
  if (later.length === 0) return [...past]
  const fromRegion = later[0]!.fromRegion
  const toRegion = later.at(-1)!.toRegion
  return fromRegion === toRegion ? past : [...past, {fromRegion, toRegion, at: now}]
}
