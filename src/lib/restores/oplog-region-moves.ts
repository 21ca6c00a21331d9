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
 * The clock was moved back to `now`: a move that had not happened by then is taken as made now, since the cluster
 * stays in its new region (a clock move undoes no setting), so the new region collects from now on.
 */
export function regionMovesAt(moves: readonly OplogRegionMove[], now: number): OplogRegionMove[] {
  return moves.map((m) => (m.at > now ? {...m, at: now} : m))
}
