/** A table cell: missing values render as an empty cell, never "undefined" or "<nil>". */
export type Cell = string | number | boolean | null | undefined

function cellText(cell: Cell): string {
  return cell === null || cell === undefined ? '' : String(cell)
}

const NO_BORDERS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '',
  middle: '   ',
}

const COLUMN_GAP = '   '

/** Printable ASCII only: one character is one column, so a cell's width is its length. */
const PLAIN = /^[\x20-\x7e]*$/

/**
 * Space-aligned columns without borders, like the Atlas CLI's tabwriter output: a header row, then one line per row,
 * columns separated by three spaces, no trailing spaces. Plain cells (printable ASCII, as IDs, dates, states and
 * cluster names are) are laid out here; anything else (wide or combining characters, colour codes, line breaks) by
 * cli-table3, loaded only then. Both give the same bytes for plain cells: cli-table3 alone cost a table command about
 * 29 ms of start-up.
 */
export async function formatTable(headers: string[], rows: Cell[][]): Promise<string> {
  const texts = rows.map((row) => row.map(cellText))
  if (isPlain(headers, texts)) return plainColumns(headers, texts)
  return cliTable3(headers, texts)
}

function isPlain(headers: string[], rows: string[][]): boolean {
  return headers.length > 0 && [headers, ...rows].every((row) => row.length === headers.length && row.every((text) => PLAIN.test(text)))
}

/** Each column as wide as its widest cell, cells left-aligned, lines trimmed at the end. */
export function plainColumns(headers: string[], rows: string[][]): string {
  const lines = [headers, ...rows]
  // cli-table3 gives a column of empty cells one space.
  const widths = headers.map((_, column) => Math.max(1, ...lines.map((row) => row[column]?.length ?? 0)))
  return lines.map((row) => row.map((text, column) => text.padEnd(widths[column] ?? 0)).join(COLUMN_GAP).trimEnd()).join('\n')
}

/** The same layout by cli-table3, which measures display width (wide characters, colour codes, line breaks). */
export async function cliTable3(headers: string[], rows: string[][]): Promise<string> {
  const {default: Table} = await import('cli-table3')
  const table = new Table({
    head: headers,
    chars: NO_BORDERS,
    style: {head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true},
  })
  for (const row of rows) table.push(row)
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
}
