import type {AllPages} from '../backends/all-pages.js'
import {escapeLikeGo} from './output.js'

/**
 * `--all -o json` printed as the pages arrive: the same text renderJson prints for the joined envelope (2-space
 * indent, Go's escaping, `links`, `results`, then `totalCount`), in one piece per page, so memory holds a page or a
 * few, never the whole list. `totalCount` comes last in the envelope, which is what lets it be counted on the way.
 */

export interface ListEnvelope {
  /** --omitCount: the joined list is `{results}` alone, without `links` or `totalCount`. */
  omitCount: boolean
}

/** The JSON text of `value` as it sits `depth` levels deep in a 2-space indented document. */
function nested(value: unknown, depth: number): string {
  const text = JSON.stringify(value, null, 2) ?? 'null'
  return text.replaceAll('\n', '\n' + '  '.repeat(depth))
}

/** The document's text, piece by piece; joined, the pieces equal renderJson of the joined envelope. */
export async function* jsonListPieces<T>(all: AllPages<T>, envelope: ListEnvelope): AsyncGenerator<string> {
  let head = '{\n'
  if (!envelope.omitCount && all.selfLinks) head += `  "links": ${nested(all.selfLinks, 1)},\n`
  yield escapeLikeGo(head + '  "results": [')
  let count = 0
  for await (const page of all.pages) {
    let text = ''
    for (const item of page) {
      text += `${count === 0 ? '' : ','}\n    ${nested(item, 2)}`
      count += 1
    }
    if (text !== '') yield escapeLikeGo(text)
  }
  yield (count === 0 ? ']' : '\n  ]') + (envelope.omitCount ? '' : `,\n  "totalCount": ${count}`) + '\n}\n'
}

/** Writes the pieces to a stream, waiting whenever it asks to (a slow pipe), so output never piles up in memory. */
export async function writeJsonList<T>(all: AllPages<T>, envelope: ListEnvelope, out: NodeJS.WritableStream): Promise<void> {
  for await (const piece of jsonListPieces(all, envelope)) {
    if (!out.write(piece)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
  }
}
