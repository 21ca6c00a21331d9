import type {Backend} from '../backends/backend.js'
import type {CompliancePolicy, ExportJob, RestoreJob, ServerlessRestoreJob} from '../domain/types.js'
import type {LocalBackend} from '../backends/local/local-backend.js'
import {colorEnabled} from './color.js'
import {parseDurationMs} from './durations.js'
import {CliError, UsageError} from './errors.js'
import {EXIT} from './exit-codes.js'
import {isExportJobSettled} from './views/exports.js'
import {isRestoreJobSettled, restoreJobState, type RestoreJobState} from './views/restores.js'

export interface WatchOptions<T> {
  /** What is being watched, for progress lines: "snapshot 6a79…". */
  label: string
  poll: () => Promise<T>
  status: (value: T) => string
  isDone: (value: T) => boolean
  /** Why waiting cannot help (checked after each poll that is not done): the watch stops at once with this error. */
  cannotFinish?: (value: T) => Promise<Error | undefined>
  intervalMs: number
  timeoutMs?: number
  /** Injected by tests; real runs sleep. */
  sleep?: (ms: number) => Promise<void>
}

export class WatchTimeoutError extends CliError {
  constructor(label: string, timeoutMs: number, lastStatus: string) {
    super(`gave up after ${Math.round(timeoutMs / 1000)} s waiting for ${label} (last status: ${lastStatus})`, {
      exitCode: EXIT.TIMEOUT,
      hint: 'It may still finish: watch it again, or give a longer --timeout',
    })
  }
}

interface Progress {
  update(text: string): void
  stop(): void
}

/** A spinner on a terminal (ora, loaded only then); plain lines on stderr when piped, one per status change. */
async function progressOn(stream: NodeJS.WriteStream): Promise<Progress> {
  if (stream.isTTY && process.env.TERM !== 'dumb' && process.env.CI === undefined) {
    const {default: ora} = await import('ora')
    const spinner = ora({stream, color: colorEnabled(stream) ? 'cyan' : false, discardStdin: false}).start()
    return {update: (text) => (spinner.text = text), stop: () => spinner.stop()}
  }
  let last = ''
  return {
    update(text) {
      if (text !== last) stream.write(`${text}\n`)
      last = text
    },
    stop() {},
  }
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Polls until `isDone`, showing progress on stderr (stdout stays for the final result). The first poll is
 * immediate. Ctrl-C stops the spinner and exits 130; --timeout raises WatchTimeoutError (exit 124).
 */
export async function watch<T>(options: WatchOptions<T>): Promise<T> {
  const sleep = options.sleep ?? realSleep
  const progress = await progressOn(process.stderr)
  const onInterrupt = () => {
    progress.stop()
    process.stderr.write('\nInterrupted.\n')
    process.exit(EXIT.INTERRUPTED)
  }
  process.once('SIGINT', onInterrupt)
  const started = Date.now()
  try {
    for (;;) {
      const value = await options.poll()
      // Said before any progress line, so that stderr holds only the reason.
      const blocked = options.isDone(value) ? undefined : await options.cannotFinish?.(value)
      if (blocked) throw blocked
      progress.update(`${options.label}: ${options.status(value)}`)
      if (options.isDone(value)) return value
      const elapsed = Date.now() - started
      if (options.timeoutMs !== undefined && elapsed + options.intervalMs > options.timeoutMs) {
        if (elapsed < options.timeoutMs) await sleep(options.timeoutMs - elapsed)
        const last = await options.poll()
        if (options.isDone(last)) return last
        throw new WatchTimeoutError(options.label, options.timeoutMs, options.status(last))
      }
      await sleep(options.intervalMs)
    }
  } finally {
    progress.stop()
    process.removeListener('SIGINT', onInterrupt)
  }
}

const MIN_INTERVAL_MS = 1000

/** Snapshot statuses after which nothing changes any more. */
export function isFinished(status: string): boolean {
  const lower = status.toLowerCase()
  return lower === 'completed' || lower === 'failed'
}

/**
 * On the local backend with its clock frozen, a queued or in-progress snapshot or restore job stays so until someone
 * moves the clock: waiting cannot help, so the watch says so at once (exit 1). Over the cloud backend there is no
 * way to tell, even when `serve` stands on a frozen emulator: that watch waits as long as --timeout allows.
 */
async function frozenClockError(backend: Backend, label: string, status: string): Promise<CliError | undefined> {
  if (backend.kind !== 'local') return undefined
  const {showClock} = await import('../backends/local/admin.js')
  const clock = showClock(backend as LocalBackend)
  if (!clock.frozen) return undefined
  return new CliError(`${label} is ${status} and cannot finish: the local emulator's clock is frozen at ${clock.now}`, {
    hint: 'Move the clock with `atlas-backups local clock advance 1m` (or let it run with `atlas-backups local clock unfreeze`), then watch again',
  })
}

/** --interval and --timeout in milliseconds; an interval under a second is refused before the first poll. */
export function watchTiming(flags: {interval: string; timeout?: string}): {intervalMs: number; timeoutMs?: number} {
  const intervalMs = parseDurationMs(flags.interval, '--interval')
  // Every poll is an API request, and Atlas rate-limits them: a zero interval would spin against the API.
  if (intervalMs < MIN_INTERVAL_MS) throw new UsageError(`--interval must be at least 1s, got ${flags.interval}`, 'Each poll is an Atlas API request; the default is 4s')
  return {intervalMs, timeoutMs: flags.timeout === undefined ? undefined : parseDurationMs(flags.timeout, '--timeout')}
}

/**
 * Watches a snapshot (any kind: cluster, serverless, flex) until it completes or fails: exit 1 when it failed,
 * with `hint` saying where to look, and at once when the local emulator's frozen clock keeps it from finishing.
 */
export async function watchSnapshot<T extends {status: string}>(
  snapshotId: string,
  poll: () => Promise<T>,
  flags: {interval: string; timeout?: string},
  backend: Backend,
  hint?: string,
): Promise<T> {
  const label = `snapshot ${snapshotId}`
  const snapshot = await watch({
    label,
    poll,
    status: (s) => s.status,
    isDone: (s) => isFinished(s.status),
    cannotFinish: (s) => frozenClockError(backend, label, s.status),
    ...watchTiming(flags),
  })
  if (snapshot.status.toLowerCase() === 'failed') throw new CliError(`snapshot ${snapshotId} failed`, {hint})
  return snapshot
}

const RESTORE_FAILURES: Partial<Record<RestoreJobState, string>> = {failed: 'failed', expired: 'expired', cancelled: 'was cancelled'}

/**
 * Watches a restore job (of a cluster or a serverless instance) until it completes, or, for a download, until its
 * URL is there: exit 1 when it failed, expired or was cancelled (the Atlas CLI's order), with `hint` saying where to
 * look, and at once when the local emulator's frozen clock keeps it from finishing.
 */
export async function watchRestoreJob<T extends RestoreJob | ServerlessRestoreJob>(
  restoreJobId: string,
  poll: () => Promise<T>,
  flags: {interval: string; timeout?: string},
  backend: Backend,
  hint?: string,
): Promise<T> {
  const label = `restore job ${restoreJobId}`
  const job = await watch({
    label,
    poll,
    status: restoreJobState,
    isDone: isRestoreJobSettled,
    cannotFinish: (j) => frozenClockError(backend, label, restoreJobState(j)),
    ...watchTiming(flags),
  })
  const failure = RESTORE_FAILURES[restoreJobState(job)]
  if (failure) throw new CliError(`${label} ${failure}`, {hint})
  return job
}

/**
 * Watches a project's Backup Compliance Policy until it is ACTIVE (rule 87: ENABLING or UPDATING after a PUT), as
 * the Atlas CLI's --watch does, and at once says so when the local emulator's frozen clock keeps it from settling.
 * The timing is worked out (and checked) by the caller before it changes anything.
 */
export function watchCompliancePolicy(projectId: string, poll: () => Promise<CompliancePolicy>, timing: {intervalMs: number; timeoutMs?: number}, backend: Backend): Promise<CompliancePolicy> {
  const label = `the backup compliance policy of project ${projectId}`
  return watch({
    label,
    poll,
    status: (policy) => policy.state,
    isDone: (policy) => policy.state === 'ACTIVE',
    cannotFinish: (policy) => frozenClockError(backend, label, policy.state),
    ...timing,
  })
}

/**
 * Watches an export job until it is Successful, Failed or Cancelled (the Atlas CLI's end states): exit 1 unless it
 * succeeded, with `hint` saying where to look, and at once when the local emulator's frozen clock keeps it waiting.
 */
export async function watchExportJob(exportId: string, poll: () => Promise<ExportJob>, flags: {interval: string; timeout?: string}, backend: Backend, hint?: string): Promise<ExportJob> {
  const label = `export job ${exportId}`
  const job = await watch({
    label,
    poll,
    status: (j) => String(j.state ?? 'unknown'),
    isDone: isExportJobSettled,
    cannotFinish: (j) => frozenClockError(backend, label, String(j.state ?? 'unknown')),
    ...watchTiming(flags),
  })
  const state = String(job.state ?? '').toLowerCase()
  if (state !== 'successful') throw new CliError(`${label} ${state === 'cancelled' ? 'was cancelled' : 'failed'}`, {hint})
  return job
}
