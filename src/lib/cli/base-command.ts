import type {Interfaces} from '@oclif/core'
import {Command} from '@oclif/core/command'
import * as Flags from '@oclif/core/flags'

import {paletteFor} from './color.js'
import {exitRequest, reportError} from './error-report.js'
import {CliError, UsageError} from './errors.js'
import type {Paginated} from '../domain/types.js'
import type {Listed} from './flags.js'
import type {HintValues} from './hints.js'
import {checkOutputFormat, parseOutputFormat, renderJson, renderJsonPath, type OutputFormat} from './output.js'

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<(typeof BaseCommand)['baseFlags'] & T['flags']>
export type BaseArgs<T extends typeof Command> = Interfaces.InferredArgs<T['args']>

/**
 * The base of every command: parses flags, renders the result (-o json | json-path=… | table), and turns every
 * error into one stderr line and a documented exit code. Commands only parse, call the core and describe their
 * table; they never write to stdout themselves.
 */
export abstract class BaseCommand<T extends typeof Command> extends Command {
  static override baseFlags = {
    debug: Flags.boolean({char: 'D', description: 'Print debug details (HTTP exchanges with secrets redacted, stack traces) to stderr.', helpGroup: 'GLOBAL'}),
    output: Flags.string({char: 'o', description: 'Output format: json, json-path=EXPR, or a table when omitted.', helpGroup: 'GLOBAL'}),
  }

  static override enableJsonFlag = true

  protected flags!: BaseFlags<T>
  protected args!: BaseArgs<T>
  private chosenFormat: OutputFormat | undefined

  public override async init(): Promise<void> {
    await super.init()
    const ctor = this.ctor as typeof BaseCommand
    // A parse that throws has still been attempted: without this oclif adds an "UnparsedCommand" warning to the
    // one-line usage error whenever NODE_ENV is development or test.
    this.parsed = true
    const {args, flags} = await this.parse({
      args: ctor.args,
      baseFlags: ctor.baseFlags,
      enableJsonFlag: ctor.enableJsonFlag,
      flags: ctor.flags,
      strict: ctor.strict,
    })
    this.flags = flags as BaseFlags<T>
    this.args = args as BaseArgs<T>
    await this.resolveContext()
    // Validate, then act: a result that cannot be printed must be known before the command changes anything.
    this.chosenFormat = this.outputFormat()
    await checkOutputFormat(this.chosenFormat)
  }

  /** Work a command needs done after parsing and before the output format is checked; backend commands resolve their settings here, since a profile can choose the output. */
  protected async resolveContext(): Promise<void> {}

  /** The output format: --json, then -o, then the environment (MONGODB_ATLAS_OUTPUT). */
  protected outputFormat(): OutputFormat {
    if (this.chosenFormat) return this.chosenFormat
    const flags = this.flags as {json?: boolean; output?: string}
    if (flags.json) {
      // --json beside -o json-path would print the whole document where the script asked for one field.
      if (flags.output !== undefined && flags.output.trim() !== 'json') {
        throw new UsageError(`--json and -o ${flags.output} ask for two different outputs`, 'Give one of them: --json (the same as -o json), or -o alone')
      }
      return {kind: 'json'}
    }
    if (flags.output !== undefined) return parseOutputFormat(flags.output)
    return parseOutputFormat(this.defaultOutput(), this.defaultOutputOrigin())
  }

  /** The output format when -o is not given; profiles extend this. */
  protected defaultOutput(): string | undefined {
    return process.env.MONGODB_ATLAS_OUTPUT
  }

  /** Where defaultOutput() found its value, named in the error when that value is wrong. */
  protected defaultOutputOrigin(): string {
    return 'MONGODB_ATLAS_OUTPUT'
  }

  /** Writes the command's result to stdout in the chosen format; `text` renders the human form. */
  protected async present<R>(result: R, text: (result: R) => string | Promise<string>): Promise<void> {
    const format = this.outputFormat()
    if (format.kind === 'json') this.writeOut(renderJson(result))
    else if (format.kind === 'json-path') this.writeOut(await this.selected(result, format.expression))
    else this.writeOut(await text(result))
  }

  /**
   * Prints a list command's answer. With --all, -o json streams the document as pages arrive (the same bytes as the
   * joined list); a table (every row's width decides the columns) and a json-path need the whole list first.
   */
  protected async presentList<E>(listed: Listed<E>, text: (result: Paginated<E>) => string | Promise<string>): Promise<void> {
    if (listed.kind === 'page') return this.present(listed.page, text)
    if (this.outputFormat().kind === 'json') {
      const {writeJsonList} = await import('./json-list.js')
      return writeJsonList(listed.all, {omitCount: listed.omitCount}, process.stdout)
    }
    const {joinPages} = await import('../backends/all-pages.js')
    const joined = await joinPages(listed.all)
    return this.present(listed.omitCount ? {results: joined.results} : joined, text)
  }

  /** A json-path that selects nothing fails (exit 1) rather than print `[]`, which a script would take for a result. */
  private async selected(result: unknown, expression: string): Promise<string> {
    const text = await renderJsonPath(result, expression)
    if (text !== undefined) return text
    throw new CliError(`-o json-path=${expression} matched nothing in the result`, {hint: 'The command itself succeeded; compare the expression with what -o json prints'})
  }

  protected writeOut(text: string): void {
    if (text === '') return
    process.stdout.write(text.endsWith('\n') ? text : text + '\n')
  }

  /** Progress, warnings and notes: always stderr, so stdout stays a clean result for scripts. */
  protected note(text: string): void {
    process.stderr.write(text.endsWith('\n') ? text : text + '\n')
  }

  protected debugEnabled(): boolean {
    return Boolean((this.flags as {debug?: boolean} | undefined)?.debug) || process.argv.includes('--debug') || process.argv.includes('-D')
  }

  protected debugLog(text: string): void {
    if (this.debugEnabled()) this.note(`[debug] ${text}`)
  }

  /** The cluster and snapshot the user named (as an argument or a flag), for error hints; commands add what they learn. */
  protected hintValues(): HintValues {
    // Both are unset when parsing failed.
    const given = {...(this.args as Record<string, unknown> | undefined), ...(this.flags as Record<string, unknown> | undefined)}
    const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined)
    return {command: this.id?.replaceAll(':', ' '), clusterName: text(given.clusterName), snapshotId: text(given.snapshotId)}
  }

  /** Replaces oclif's handler: one clear stderr line (details below it), never a stack unless --debug. */
  protected override async catch(error: Error & {exitCode?: number}): Promise<void> {
    const requested = exitRequest(error)
    if (requested !== undefined) {
      process.exitCode = requested
      return
    }
    const report = reportError(error, this.debugEnabled(), this.id, this.hintValues())
    const palette = await paletteFor(process.stderr)
    const [first = '', ...rest] = report.lines
    process.stderr.write([first.replace(/^Error:/, palette.red('Error:')), ...rest].join('\n') + '\n')
    process.exitCode = report.exitCode
  }
}
