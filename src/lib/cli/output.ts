import {UsageError} from './errors.js'

export type OutputFormat = {kind: 'table'} | {kind: 'json'} | {kind: 'json-path'; expression: string}

const JSON_PATH_EXAMPLE = 'Check the expression, e.g. -o json-path=$.results[0].id'

/**
 * Reads an -o/--output value. Like the Atlas CLI, an empty value means the human format; unlike it, an unknown
 * value is an error rather than silently ignored, so a typo in a script fails loudly. `go-template` is not offered.
 * `origin` names where the value came from when that was not -o (MONGODB_ATLAS_OUTPUT, a profile), so the error
 * points at the setting to fix. Only the shape is checked here; checkOutputFormat also compiles a json-path.
 */
export function parseOutputFormat(value: string | undefined, origin?: string): OutputFormat {
  const text = (value ?? '').trim()
  const from = origin ? ` (from ${origin})` : ''
  if (text === '' || text === 'table' || text === 'plaintext') return {kind: 'table'}
  if (text === 'json') return {kind: 'json'}
  if (text.startsWith('json-path=')) {
    const expression = text.slice('json-path='.length)
    if (expression === '') throw new UsageError(`empty jsonpath in -o json-path=${from}`, 'Give an expression, e.g. -o json-path=$.results[0].id')
    const at = unbalancedAt(expression)
    if (at !== undefined) throw new UsageError(`invalid jsonpath "${expression}"${from}: unbalanced brackets, parentheses or quotes at character ${at}`, JSON_PATH_EXAMPLE)
    return {kind: 'json-path', expression}
  }
  if (text === 'json-path') throw new UsageError(`empty jsonpath in -o json-path${from}`, 'Give an expression, e.g. -o json-path=$.results[0].id')
  throw new UsageError(`unknown output format "${text}"${from}`, 'Use -o json, -o json-path=EXPR, or leave -o out for a table')
}

/**
 * JSON as the Atlas CLI prints it: 2-space indent, a final newline, and Go's HTML escaping of &, < and >
 * (encoding/json does it by default, so scripts comparing bytes with `atlas` output see the same text).
 */
export function renderJson(value: unknown): string {
  return escapeLikeGo(JSON.stringify(value ?? null, null, 2)) + '\n'
}

/** Go's HTML escaping of &, < and > in JSON text (they only occur inside strings, so this never changes the data). */
export function escapeLikeGo(json: string): string {
  return json.replace(/[&<>]/g, (ch) => (ch === '&' ? '\\u0026' : ch === '<' ? '\\u003c' : '\\u003e'))
}

/**
 * jsonpath-plus reads an unclosed bracket as if it were not there (`$[` gives the whole document), so a typo would
 * print the wrong data with exit 0; brackets and parentheses outside quotes must pair up.
 */
function unbalancedAt(expression: string): number | undefined {
  const open: string[] = []
  let quote: string | undefined
  for (const [index, char] of [...expression].entries()) {
    if (quote) {
      if (char === quote) quote = undefined
    } else if (char === "'" || char === '"') quote = char
    else if (char === '[' || char === '(') open.push(char === '[' ? ']' : ')')
    else if ((char === ']' || char === ')') && open.pop() !== char) return index
  }
  return open.length > 0 || quote ? expression.length : undefined
}

/** jsonpath-plus rewrites these inside a filter or script before it compiles the expression. */
const SCRIPT_VARIABLES: Array<[RegExp, string]> = [
  [/@parentProperty/g, '_$_parentProperty'],
  [/@parent/g, '_$_parent'],
  [/@property/g, '_$_property'],
  [/@root/g, '_$_root'],
  [/@path/g, '_$_path'],
  [/@([.\s)[])/g, '_$_v$1'],
]

/**
 * Everything about a json-path that can be checked without the result: the brackets, the path's segments, and the
 * syntax of each filter `?(…)` and script `(…)`, which jsonpath-plus would otherwise only compile (and reject) when
 * the result has an element to apply them to, i.e. after a write has been made.
 */
export async function checkJsonPath(expression: string): Promise<void> {
  const at = unbalancedAt(expression)
  if (at !== undefined) throw new UsageError(`invalid jsonpath "${expression}": unbalanced brackets, parentheses or quotes at character ${at}`, JSON_PATH_EXAMPLE)
  const {JSONPath} = await import('jsonpath-plus')
  // The compiler jsonpath-plus evaluates filters with (its default, "safe" evaluation); absent in another version.
  const Script = (JSONPath.prototype as unknown as {safeVm?: {Script?: new (code: string) => unknown}}).safeVm?.Script
  try {
    for (const segment of JSONPath.toPathArray(expression)) {
      const script = /^\??\((.*)\)$/s.exec(segment)?.[1]
      if (script === undefined || typeof Script !== 'function') continue
      new Script(SCRIPT_VARIABLES.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), script))
    }
    JSONPath({path: expression, json: {}, wrap: true})
  } catch (error) {
    throw new UsageError(`invalid jsonpath "${expression}": ${(error as Error).message}`, JSON_PATH_EXAMPLE)
  }
}

/** Checks an output format in full before the command acts, so a bad one never costs a write. */
export async function checkOutputFormat(format: OutputFormat): Promise<void> {
  if (format.kind === 'json-path') await checkJsonPath(format.expression)
}

/**
 * Evaluates a JSONPath; a path that selects one value prints that value, several print as a list. Undefined when
 * the path selects nothing: printing `[]` would look like an empty result to a script.
 */
export async function renderJsonPath(value: unknown, expression: string): Promise<string | undefined> {
  await checkJsonPath(expression)
  const {JSONPath} = await import('jsonpath-plus')
  let matches: unknown[]
  try {
    matches = JSONPath({path: expression, json: value as object, wrap: true}) as unknown[]
  } catch (error) {
    throw new UsageError(`invalid jsonpath "${expression}": ${(error as Error).message}`, JSON_PATH_EXAMPLE)
  }
  if (matches.length === 0) return undefined
  // A single string prints bare, as the Atlas CLI's json-path does, so `$(… -o json-path=$.id)` needs no unquoting.
  if (matches.length === 1 && typeof matches[0] === 'string') return matches[0]
  return renderJson(matches.length === 1 ? matches[0] : matches)
}
