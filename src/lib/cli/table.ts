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

/**
 * Space-aligned columns without borders, like the Atlas CLI's tabwriter output: a header row, then one line per row,
 * columns separated by three spaces, no trailing spaces. cli-table3 is loaded only when a table is printed.
 */
export async function formatTable(headers: string[], rows: Cell[][]): Promise<string> {
  const {default: Table} = await import('cli-table3')
  const table = new Table({
    head: headers,
    chars: NO_BORDERS,
    style: {head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true},
  })
  for (const row of rows) table.push(row.map(cellText))
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
}
