import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {cliTable3, formatTable, plainColumns} from '../../../src/lib/cli/table.js'

// Every table view hands its cells to formatTable; plain cells are laid out without cli-table3, and the output must
// be the very bytes cli-table3 gave, for any plain cells, so no view's output changes.
const plainText = fc.string({unit: fc.constantFrom(...' -:.,/()[]=<>*_#aZ09xyzAB'.split('')), maxLength: 30})

describe('formatTable', () => {
  it('lays out plain cells byte for byte as cli-table3 does, for any headers and rows', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({min: 1, max: 6}).chain((columns) =>
          fc.tuple(fc.array(plainText, {minLength: columns, maxLength: columns}), fc.array(fc.array(plainText, {minLength: columns, maxLength: columns}), {maxLength: 8})),
        ),
        async ([headers, rows]) => {
          expect(plainColumns(headers, rows)).toBe(await cliTable3(headers, rows))
        },
      ),
      {numRuns: 300},
    )
  })

  it('renders a snapshot listing as the Atlas CLI does: three-space gaps, no trailing spaces, empty cells for missing values', async () => {
    const table = await formatTable(
      ['ID', 'TYPE', 'STATUS', 'CREATED AT', 'EXPIRES AT'],
      [
        ['6b4589205bb71843bf857389', 'scheduled', 'completed', '2027-01-12T02:00:12Z', null],
        ['6b457b108e5f2981e7470708', 'onDemand', 'queued', undefined, undefined],
        [1, true, false, 0, ''],
      ],
    )
    expect(table).toBe(
      [
        'ID                         TYPE        STATUS      CREATED AT             EXPIRES AT',
        '6b4589205bb71843bf857389   scheduled   completed   2027-01-12T02:00:12Z',
        '6b457b108e5f2981e7470708   onDemand    queued',
        '1                          true        false       0',
      ].join('\n'),
    )
    expect(await formatTable(['ID', 'NAME'], [])).toBe('ID   NAME')
  })

  it('leaves cells that are not plain ASCII (wide characters, line breaks, colour) to cli-table3', async () => {
    for (const cell of ['クラスター', 'a\nb', '\u001b[31mred\u001b[39m', 'tab\there', 'é']) {
      const headers = ['NAME', 'STATE']
      const rows = [[cell, 'IDLE'], ['Cluster0', 'IDLE']]
      expect(await formatTable(headers, rows)).toBe(await cliTable3(headers, rows))
    }
  })
})
