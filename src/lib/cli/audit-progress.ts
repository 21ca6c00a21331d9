import {colorEnabled} from './color.js'

/** Below this many deployments an audit is quick enough to need no progress. */
export const PROGRESS_THRESHOLD = 20

export interface AuditProgress {
  update(done: number, total: number): void
  stop(): void
}

const SILENT: AuditProgress = {update() {}, stop() {}}

/**
 * "Audited 120 of 500 deployments" on stderr, only on a terminal (never in a pipe, CI or a dumb terminal, where it
 * would only clutter a log) and only for a fleet of at least PROGRESS_THRESHOLD deployments.
 */
export async function auditProgress(stream: NodeJS.WriteStream = process.stderr): Promise<AuditProgress> {
  if (!stream.isTTY || process.env.TERM === 'dumb' || process.env.CI !== undefined) return SILENT
  const {default: ora} = await import('ora')
  let spinner: ReturnType<typeof ora> | undefined
  return {
    update(done, total) {
      if (total < PROGRESS_THRESHOLD) return
      spinner ??= ora({stream, color: colorEnabled(stream) ? 'cyan' : false, discardStdin: false}).start()
      spinner.text = `Audited ${done} of ${total} deployments`
    },
    stop: () => spinner?.stop(),
  }
}
