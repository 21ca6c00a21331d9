/** Process exit codes, documented in the README. Scripts branch on these, so they never change meaning. */
export const EXIT = {
  OK: 0,
  /** The operation failed: an API error, or the watched resource failed. */
  FAILED: 1,
  /** Bad usage or invalid input: flags, arguments, policy documents, files. Nothing was changed. */
  USAGE: 2,
  /** A `watch` gave up after --timeout; the resource may still finish later. Same code as timeout(1). */
  TIMEOUT: 124,
  /** Interrupted with Ctrl-C (128 + SIGINT). */
  INTERRUPTED: 130,
} as const

export type ExitCode = (typeof EXIT)[keyof typeof EXIT]
