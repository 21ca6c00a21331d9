import {describe, expect, test} from 'vitest'

import {openAllPages, type AllPages} from '../../../src/lib/backends/all-pages.js'
import type {Link, Paginated} from '../../../src/lib/domain/types.js'
import {jsonListPieces} from '../../../src/lib/cli/json-list.js'
import {renderJson} from '../../../src/lib/cli/output.js'

/**
 * Issue 16: `--all -o json` prints piece by piece what it used to print at once. The pieces joined must be the
 * bytes renderJson gives for the joined envelope: same indentation, Go's escaping, links first, totalCount last.
 */

const SELF: Link[] = [{href: 'https://cloud.mongodb.com/api/atlas/v2/groups/g/clusters/C/backup/snapshots?pageNum=1', rel: 'self'}]

function pagesOf<T>(pages: T[][], selfLinks?: Link[]): AllPages<T> {
  return {
    ...(selfLinks ? {selfLinks} : {}),
    pages: (async function* () {
      for (const page of pages) yield page
    })(),
  }
}

async function streamed<T>(all: AllPages<T>, omitCount = false): Promise<string> {
  let text = ''
  for await (const piece of jsonListPieces(all, {omitCount})) text += piece
  return text
}

function joined<T>(pages: T[][], selfLinks: Link[] | undefined, omitCount = false): string {
  const results = pages.flat()
  return renderJson(omitCount ? {results} : {...(selfLinks ? {links: selfLinks} : {}), results, totalCount: results.length})
}

const ITEM = (n: number) => ({id: `id-${n}`, description: n % 2 === 0 ? 'a <b> & "c"\nnext line\ttab' : '', nested: {list: [n, {deep: [] as number[]}], empty: {}}, links: [{href: `x?a=1&b=${n}`, rel: 'self'}]})

describe('jsonListPieces: --all -o json streamed, byte for byte the joined rendering', () => {
  const cases: Array<[string, unknown[][]]> = [
    ['an empty list', [[]]],
    ['one page', [[ITEM(1), ITEM(2)]]],
    ['many pages, with escapes, newlines and nested empties', [[ITEM(1), ITEM(2)], [ITEM(3)], [ITEM(4), ITEM(5), ITEM(6)]]],
    ['pages that are empty between full ones', [[ITEM(1)], [], [ITEM(2)]]],
    ['plain values and unicode', [['π & ∑', 3, null, true], [[]]]],
  ]
  for (const [name, pages] of cases) {
    test(`${name}: with links and totalCount, without links, and with --omitCount`, async () => {
      expect(await streamed(pagesOf(pages, SELF))).toBe(joined(pages, SELF))
      expect(await streamed(pagesOf(pages))).toBe(joined(pages, undefined))
      expect(await streamed(pagesOf(pages, SELF), true)).toBe(joined(pages, SELF, true))
    })
  }

  test('escapes &, < and > as Go does, in links too', async () => {
    const links: Link[] = [{href: 'https://h/x?a=1&b=<2>', rel: 'self'}]
    const text = await streamed(pagesOf([[{d: '<&>'}]], links))
    expect(text).toContain('"href": "https://h/x?a=1\\u0026b=\\u003c2\\u003e"')
    expect(text).toContain('"d": "\\u003c\\u0026\\u003e"')
    expect(text).toBe(joined([[{d: '<&>'}]], links))
  })

  test('one piece per page: the document is never held whole', async () => {
    const pages = [[ITEM(1)], [ITEM(2)], [ITEM(3)]]
    const pieces: string[] = []
    for await (const piece of jsonListPieces(pagesOf(pages, SELF), {omitCount: false})) pieces.push(piece)
    expect(pieces).toHaveLength(5)
    expect(JSON.parse(pieces.join(''))).toEqual({links: SELF, results: pages.flat(), totalCount: 3})
  })

  test('pages read through openAllPages come out in page order, whatever order they arrive in', async () => {
    const page = (n: number, total?: number): Paginated<number> => ({results: n < 4 ? [n * 10, n * 10 + 1] : [n * 10], ...(total === undefined ? {} : {totalCount: total}), links: [{href: `p${n}`, rel: 'self'}]})
    const all = await openAllPages(
      async () => page(1, 7),
      async (n) => {
        await new Promise((resolve) => setTimeout(resolve, (5 - n) * 3))
        return page(n)
      },
      2,
      {concurrency: 3},
    )
    const text = await streamed(all)
    expect(JSON.parse(text)).toEqual({links: [{href: 'p1', rel: 'self'}], results: [10, 11, 20, 21, 30, 31, 40], totalCount: 7})
  })

  test('a failing page stops the stream with its error once the earlier pages are out', async () => {
    const all = await openAllPages(
      async () => ({results: [1], totalCount: 3}),
      async (n) => {
        if (n === 3) throw new Error('page 3 failed')
        return {results: [n]}
      },
      1,
    )
    const pieces: string[] = []
    await expect(
      (async () => {
        for await (const piece of jsonListPieces(all, {omitCount: false})) pieces.push(piece)
      })(),
    ).rejects.toThrow('page 3 failed')
    expect(pieces.join('')).toBe('{\n  "results": [\n    1,\n    2')
  })
})
