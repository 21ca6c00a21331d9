import type {ChalkInstance} from 'chalk'

/**
 * Colour only on a terminal that wants it: never on a pipe, never with NO_COLOR set (https://no-color.org) or
 * TERM=dumb, whatever chalk's own detection thinks (it ignores NO_COLOR on a TTY).
 */
export function colorEnabled(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  if (env.TERM === 'dumb') return false
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true
  return stream.isTTY === true
}

export type Paint = (text: string) => string
export interface Palette {
  red: Paint
  yellow: Paint
  bold: Paint
  dim: Paint
}

const plain: Paint = (text) => text
const PLAIN: Palette = {red: plain, yellow: plain, bold: plain, dim: plain}

/** chalk is loaded only when colour is on, so pipes and CI never pay for it. */
export async function paletteFor(stream: NodeJS.WriteStream): Promise<Palette> {
  if (!colorEnabled(stream)) return PLAIN
  const {Chalk} = await import('chalk')
  const chalk: ChalkInstance = new Chalk({level: 1})
  return {red: chalk.red, yellow: chalk.yellow, bold: chalk.bold, dim: chalk.dim}
}
