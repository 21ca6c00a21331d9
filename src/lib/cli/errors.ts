import {EXIT, type ExitCode} from './exit-codes.js'

/**
 * An error the CLI reports itself, with the exit code it stands for. `message` says what went wrong and `hint`
 * what to do about it; both end up on one stderr line.
 */
export class CliError extends Error {
  readonly exitCode: ExitCode
  readonly hint: string | undefined
  /** Extra lines printed after the error line (e.g. one line per policy violation). */
  readonly details: string[]

  constructor(message: string, options: {exitCode?: ExitCode; hint?: string; details?: string[]} = {}) {
    super(message)
    this.name = 'CliError'
    this.exitCode = options.exitCode ?? EXIT.FAILED
    this.hint = options.hint
    this.details = options.details ?? []
  }
}

/** Bad flags, arguments or input files: exit code 2, nothing changed. */
export class UsageError extends CliError {
  constructor(message: string, hint?: string, details: string[] = []) {
    super(message, {exitCode: EXIT.USAGE, hint, details})
    this.name = 'UsageError'
  }
}
