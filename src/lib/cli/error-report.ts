import {AtlasApiError} from '../domain/errors.js'
import {CliError} from './errors.js'
import {EXIT, type ExitCode} from './exit-codes.js'
import {fillPlaceholders, hintFor, type HintValues} from './hints.js'

export interface ErrorReport {
  /** The lines to write to stderr; the first starts with "Error: ". */
  lines: string[]
  exitCode: ExitCode
}

function sentence(text: string): string {
  const trimmed = text.trim().replace(/\s*\n\s*/g, ' ')
  return /[.!?]$/.test(trimmed) ? trimmed.slice(0, -1) : trimmed
}

function line(what: string, hint?: string): string {
  return hint ? `Error: ${sentence(what)}. ${sentence(hint)}.` : `Error: ${sentence(what)}.`
}

function reportAtlasError(error: AtlasApiError, values: HintValues): ErrorReport {
  const code = error.errorCode ? ` (${error.errorCode})` : ''
  if (error.fields.length > 0) {
    const count = error.fields.length === 1 ? '1 problem' : `${error.fields.length} problems`
    return {
      exitCode: EXIT.USAGE,
      lines: [
        `Error: ${sentence(error.detail)}${code}: ${count}, nothing was changed. Fix every line below and run the command again.`,
        ...error.fields.map((field) => `  ${field.field}  ${field.description}`),
      ],
    }
  }
  return {exitCode: EXIT.FAILED, lines: [line(`${sentence(error.detail)}${code}`, hintFor(error.errorCode, values))]}
}

interface OclifError extends Error {
  oclif?: {exit?: number}
  code?: string
  parse?: unknown
  /** Set on oclif's missing-arguments error. */
  args?: Array<{name?: string}>
}

/** Lines of oclif's parse messages that say nothing about this error: the help pointer, preambles, generic notes. */
const OCLIF_BOILERPLATE = [/^See more help with --help\.?$/, /^The following errors? occurred:$/, /^Note: --\S+ allows multiple values/, /^Alternatively, you can use "--"/]

/**
 * oclif's parse messages, reworded to this CLI's one-line form: no "following error occurred" preamble, flags named
 * with their dashes, arguments by name without their description; the help pointer is added by the caller, naming
 * the command.
 */
function usageText(error: OclifError): string {
  const missing = error.args?.filter((arg) => arg.name).map((arg) => arg.name)
  if (missing?.length) return `Missing ${missing.length} required arg${missing.length === 1 ? '' : 's'}: ${missing.join(', ')}`
  const parts = error.message
    .split('\n')
    .map((part) => part.trim())
    .filter((part) => part !== '' && !OCLIF_BOILERPLATE.some((pattern) => pattern.test(part)))
    .map((part) => part.replace(/^Missing required flag (\S+)$/, 'Missing required flag --$1'))
  return parts
    .reduce((text, part) => (text === '' ? part : /^Parsing --\S+$/.test(text) ? `${text} ${part}` : `${text}; ${part}`), '')
    .replace(/^Parsing (--\S+) Expected/, 'Invalid value for $1: expected')
}

/**
 * Turns any error into the stderr lines and exit code the CLI promises: one clear line, no stack trace. `values`
 * are what the user gave the command, so hints name them instead of placeholders.
 */
export function reportError(error: unknown, debug = false, commandId?: string, values: HintValues = {}): ErrorReport {
  let report: ErrorReport
  if (error instanceof AtlasApiError) report = reportAtlasError(error, values)
  else if (error instanceof CliError) {
    const hint = error.hint === undefined ? undefined : fillPlaceholders(error.hint, values)
    report = {exitCode: error.exitCode, lines: [line(error.message, hint), ...error.details.map((d) => `  ${d}`)]}
  } else if (error instanceof Error && isUsageError(error as OclifError)) {
    const help = commandId ? `Run \`atlas-backups ${commandId.replaceAll(':', ' ')} --help\` to see its flags and arguments` : 'Run `atlas-backups --help` to see the commands'
    report = {exitCode: EXIT.USAGE, lines: [line(usageText(error), help)]}
  } else if (error instanceof Error) {
    report = {exitCode: EXIT.FAILED, lines: [line(error.message)]}
  } else {
    report = {exitCode: EXIT.FAILED, lines: [line(String(error))]}
  }
  if (debug && error instanceof Error && error.stack) report.lines.push(error.stack)
  return report
}

/**
 * oclif parse errors (unknown flag, stray or missing argument, bad flag value) are usage errors. package.json's
 * `oclif.exitCodes` gives most of them exit 2; a value outside a flag's `options` carries no code, only `parse`, and a
 * repeated flag neither.
 */
function isUsageError(error: OclifError): boolean {
  return error.oclif?.exit === 2 || error.parse !== undefined || REPEATED_FLAG.test(error.message)
}

/** oclif's parser throws a plain error, with no exit code or parse details, for a single-value flag given twice. */
const REPEATED_FLAG = /^Flag --\S+ can only be specified once/

/** oclif's `this.exit(n)` throws an EEXIT error that only carries a code: it is not a failure to report. */
export function exitRequest(error: unknown): number | undefined {
  const e = error as OclifError
  return e?.code === 'EEXIT' && typeof e.oclif?.exit === 'number' ? e.oclif.exit : undefined
}
