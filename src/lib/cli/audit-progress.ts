/** Below this many deployments an audit is quick enough to need no progress. */
export const PROGRESS_THRESHOLD = 20

/** Redraws at most this often: a local audit finishes hundreds of deployments a second. */
const REDRAW_MS = 100

export interface AuditProgress {
  update(done: number, total: number): void
  stop(): void
}

const SILENT: AuditProgress = {update() {}, stop() {}}

/**
 * "Audited 120 of 500 deployments" on one line of stderr, rewritten in place and erased at the end, only on a
 * terminal (never in a pipe, CI or a dumb terminal, where it would only clutter a log) and only for a fleet of at
 * least PROGRESS_THRESHOLD deployments.
 */
export function auditProgress(stream: NodeJS.WriteStream = process.stderr, now: () => number = Date.now): AuditProgress {
  if (!stream.isTTY || process.env.TERM === 'dumb' || process.env.CI !== undefined) return SILENT
  let shown = false
  let drawnAt = -Infinity
  return {
    update(done, total) {
      if (total < PROGRESS_THRESHOLD || (done < total && now() - drawnAt < REDRAW_MS)) return
      drawnAt = now()
      shown = true
      stream.write(`\r\u001B[KAudited ${done} of ${total} deployments`)
    },
    stop() {
      if (shown) stream.write('\r\u001B[K')
      shown = false
    },
  }
}
