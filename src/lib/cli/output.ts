import {UsageError} from './errors.js'

export type OutputFormat = {kind: 'table'} | {kind: 'json'} | {kind: 'json-path'; expression: string}

/**
 * Reads an -o/--output value. Like the Atlas CLI, an empty value means the human format; unlike it, an unknown
 * value is an error rather than silently ignored, so a typo in a script fails loudly. `go-template` is not offered.
 */
export function parseOutputFormat(value: string | undefined): OutputFormat {
  const text = (value ?? '').trim()
  if (text === '' || text === 'table' || text === 'plaintext') return {kind: 'table'}
  if (text === 'json') return {kind: 'json'}
  if (text.startsWith('json-path=')) {
    const expression = text.slice('json-path='.length)
    if (expression === '') throw new UsageError('empty jsonpath in -o json-path=', 'Give an expression, e.g. -o json-path=$.results[0].id')
    return {kind: 'json-path', expression}
  }
  if (text === 'json-path') throw new UsageError('empty jsonpath in -o json-path', 'Give an expression, e.g. -o json-path=$.results[0].id')
  throw new UsageError(`unknown output format "${text}"`, 'Use -o json, -o json-path=EXPR, or leave -o out for a table')
}

/**
 * JSON as the Atlas CLI prints it: 2-space indent, a final newline, and Go's HTML escaping of &, < and >
 * (encoding/json does it by default, so scripts comparing bytes with `atlas` output see the same text).
 */
export function renderJson(value: unknown): string {
  const text = JSON.stringify(value ?? null, null, 2)
  return text.replace(/[&<>]/g, (ch) => (ch === '&' ? '\\u0026' : ch === '<' ? '\\u003c' : '\\u003e')) + '\n'
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

/** Evaluates a JSONPath; a path that selects one value prints that value, several print as a list. */
export async function renderJsonPath(value: unknown, expression: string): Promise<string> {
  const at = unbalancedAt(expression)
  if (at !== undefined) {
    throw new UsageError(`invalid jsonpath "${expression}": unbalanced brackets, parentheses or quotes at character ${at}`, 'Check the expression, e.g. -o json-path=$.results[0].id')
  }
  const {JSONPath} = await import('jsonpath-plus')
  let matches: unknown[]
  try {
    matches = JSONPath({path: expression, json: value as object, wrap: true}) as unknown[]
  } catch (error) {
    throw new UsageError(`invalid jsonpath "${expression}": ${(error as Error).message}`, 'Check the expression, e.g. -o json-path=$.results[0].id')
  }
  // A single string prints bare, as the Atlas CLI's json-path does, so `$(… -o json-path=$.id)` needs no unquoting.
  if (matches.length === 1 && typeof matches[0] === 'string') return matches[0]
  return renderJson(matches.length === 1 ? matches[0] : matches)
}
