import {readFile} from 'node:fs/promises'
import {extname} from 'node:path'

import {UsageError} from './errors.js'

async function readText(path: string): Promise<string> {
  if (path === '-') {
    const chunks: Buffer[] = []
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  }
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message
    throw new UsageError(`cannot read ${path}: ${why}`, 'Check the path given to -f/--file')
  }
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new UsageError(`${path} is not valid JSON: ${(error as Error).message}`, 'Fix the file, or give it a .yaml extension if it is YAML')
  }
}

function lineOf(text: string, offset: number): number {
  let line = 1
  for (let index = 0; index < offset && index < text.length; index++) if (text.charCodeAt(index) === 10) line++
  return line
}

/**
 * Parses YAML to plain data. A key that is a list, a map or an alias has no JSON equivalent: the yaml library
 * would turn it into a string and print a raw process warning, so it is refused here with its line; so are the
 * library's other warnings (an unknown tag), which would otherwise reach the terminal as `(node:PID) Warning`.
 */
async function parseYaml(text: string, path: string): Promise<unknown> {
  const {isScalar, parseDocument, visit} = await import('yaml')
  const document = parseDocument(text, {logLevel: 'silent'})
  const [error] = document.errors
  if (error) throw new UsageError(`${path} is not valid YAML: ${error.message.split('\n')[0]}`, 'Fix the file')
  let complexKeyAt: number | undefined
  visit(document, {
    Pair(_, pair) {
      if (pair.key === null || isScalar(pair.key)) return undefined
      complexKeyAt = (pair.key as {range?: [number, number, number]}).range?.[0] ?? 0
      return visit.BREAK
    },
  })
  if (complexKeyAt !== undefined) {
    throw new UsageError(`${path} is not a document this tool reads: the key on line ${lineOf(text, complexKeyAt)} is a list, a map or an alias`, 'Keys must be plain names such as referenceHourOfDay')
  }
  const [warning] = document.warnings
  if (warning) throw new UsageError(`${path} is not a document this tool reads: ${warning.message.split('\n')[0]}`, 'Fix the file')
  try {
    return document.toJS()
  } catch (error) {
    throw new UsageError(`${path} is not a document this tool reads: ${(error as Error).message.split('\n')[0]}`, 'Fix the file')
  }
}

/**
 * Reads a JSON or YAML document from a file, or from stdin with "-". The extension decides; without a known one,
 * JSON is tried first and YAML second (YAML is a superset of JSON, so the JSON error would be lost otherwise).
 */
export async function readDocument(path: string): Promise<unknown> {
  const text = await readText(path)
  if (text.trim() === '') throw new UsageError(`${path} is empty`, 'Give a file holding a JSON or YAML document')
  const ext = extname(path).toLowerCase()
  if (ext === '.json') return parseJson(text, path)
  if (ext === '.yaml' || ext === '.yml') return parseYaml(text, path)
  try {
    return JSON.parse(text)
  } catch {
    return parseYaml(text, path)
  }
}

function describeShape(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  return `${typeof value === 'string' ? 'a string' : typeof value === 'number' ? 'a number' : typeof value === 'boolean' ? 'a boolean' : typeof value} (${JSON.stringify(value)?.slice(0, 40)})`
}

/** readDocument for documents that must be one object (a schedule): anything else is refused before it is used. */
export async function readObjectDocument(path: string, what: string, hint: string): Promise<Record<string, unknown>> {
  const document = await readDocument(path)
  if (typeof document === 'object' && document !== null && !Array.isArray(document)) return document as Record<string, unknown>
  throw new UsageError(`${path} holds ${describeShape(document)}, not ${what}`, hint)
}
