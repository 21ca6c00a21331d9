import {readFileSync, statSync} from 'node:fs'

import {CliError, UsageError} from '../cli/errors.js'
import {EXIT} from '../cli/exit-codes.js'

/** Far beyond any key or secret; a larger stdin is a mistake (a file piped in by accident), not a credential. */
const MAX_STDIN_BYTES = 64 * 1024

/**
 * The value piped on stdin, without its final line break, so `printf %s "$SECRET" | …` and `echo "$SECRET" | …`
 * give the same value and the secret never appears in the process list.
 */
export async function readValueFromStdin(what: string): Promise<string> {
  let text = ''
  for await (const chunk of process.stdin) {
    text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8')
    if (Buffer.byteLength(text) > MAX_STDIN_BYTES) throw new UsageError(`stdin holds more than ${MAX_STDIN_BYTES / 1024} KiB, too much for ${what}`, 'Pipe only the value')
  }
  const value = text.replace(/\r?\n$/, '')
  if (value.trim() === '') throw new UsageError(`nothing was read from stdin for ${what}: nothing was changed`, 'Pipe the value, e.g. printf %s "$SECRET" | atlas-backups config set privateApiKey -')
  if (/[\r\n]/.test(value)) throw new UsageError(`stdin holds more than one line for ${what}: nothing was changed`, 'Pipe only the value, on one line')
  return value
}

/** Asks for a secret on the terminal without echoing it; an empty answer changes nothing. */
export async function promptForSecret(message: string, what: string): Promise<string> {
  const {password} = await import('@inquirer/prompts')
  let answer: string
  try {
    answer = await password({message}, {output: process.stderr})
  } catch (error) {
    if ((error as Error).name === 'ExitPromptError') throw new CliError('interrupted at the prompt: nothing was changed', {exitCode: EXIT.INTERRUPTED})
    throw error
  }
  if (answer.trim() === '') throw new UsageError(`no value was typed for ${what}: nothing was changed`, 'Run the command again and type the value, or pass `-` to read it from stdin')
  return answer.trim()
}

/**
 * A secret kept in a file (e.g. `--private-key-file`): one line, without its final line break. Like ssh with its
 * keys, a file other users can read or write is refused, since the secret would already be theirs.
 */
export function readSecretFile(path: string, flag: string): string {
  let stat
  try {
    stat = statSync(path)
  } catch (error) {
    throw new UsageError(`cannot read ${flag} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 'Check the path')
  }
  if (!stat.isFile()) throw new UsageError(`${flag} ${path} is not a file`, 'Give the path of a file that holds only the secret')
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    const mode = (stat.mode & 0o777).toString(8).padStart(4, '0')
    throw new UsageError(`${flag} ${path} can be read or changed by other users (mode ${mode})`, `Run \`chmod 600 ${path}\`, so only you can read it`)
  }
  if (stat.size > MAX_STDIN_BYTES) throw new UsageError(`${flag} ${path} holds more than ${MAX_STDIN_BYTES / 1024} KiB, too much for a secret`, 'Give a file that holds only the secret')
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new UsageError(`cannot read ${flag} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 'Check its permissions')
  }
  const value = text.replace(/\r?\n$/, '')
  if (value.trim() === '') throw new UsageError(`${flag} ${path} is empty`, 'Write the secret into it, on one line')
  if (/[\r\n]/.test(value)) throw new UsageError(`${flag} ${path} holds more than one line`, 'Write only the secret into it, on one line')
  return value
}
