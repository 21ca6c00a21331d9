import {CliError, UsageError} from './errors.js'
import {EXIT} from './exit-codes.js'

export function canPrompt(): boolean {
  return process.stdin.isTTY === true && process.stdout.isTTY === true
}

/**
 * Asks before a destructive action. With --force it does not ask; without a terminal it refuses rather than hang
 * a script, and says which flag to pass. Returns false when the user answers no; Ctrl-C at the question is an
 * interruption (exit 130, as the README promises), not an answer.
 */
/** confirmOrForce for an action that stops when declined: a No ends the command (exit 1) with `declined` on stderr. */
export async function requireConfirmation(message: string, force: boolean, declined: string): Promise<void> {
  if (!(await confirmOrForce(message, force))) throw new CliError(declined)
}

export async function confirmOrForce(message: string, force: boolean): Promise<boolean> {
  if (force) return true
  if (!canPrompt()) throw new UsageError('refusing to continue without confirmation: there is no terminal to ask on', 'Pass --force to confirm in scripts and CI')
  const {confirm} = await import('@inquirer/prompts')
  try {
    return await confirm({message, default: false}, {output: process.stderr})
  } catch (error) {
    if ((error as Error).name === 'ExitPromptError') throw new CliError('interrupted at the confirmation: nothing was changed', {exitCode: EXIT.INTERRUPTED})
    throw error
  }
}
