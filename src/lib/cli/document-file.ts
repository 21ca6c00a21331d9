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

async function parseYaml(text: string, path: string): Promise<unknown> {
  const {parse} = await import('yaml')
  try {
    return parse(text)
  } catch (error) {
    const first = (error as Error).message.split('\n')[0]
    throw new UsageError(`${path} is not valid YAML: ${first}`, 'Fix the file')
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
