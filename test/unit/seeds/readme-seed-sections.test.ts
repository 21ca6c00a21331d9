import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'

import {describe, expect, test} from 'vitest'

import {REPO_ROOT} from '../../helpers/cli.js'
import {hasShared, SHARED_ABSENT, sharedPath} from '../../helpers/shared.js'

const ready = hasShared('seeds')
if (!ready) console.warn(`README's seed sections table: ${SHARED_ABSENT}`)

/** Headings of the seed pages that are section titles, not the labels of notes and tips. */
const LABELS = new Set(['Note', 'Important', 'Example', 'Tip', 'See also:', 'See: Related Links', 'Feature Unavailable in Free-Tier Clusters'])

function seedSections(): string[] {
  const dir = sharedPath('seeds')
  const headings = readdirSync(dir).flatMap((file) => [...readFileSync(join(dir, file), 'utf8').matchAll(/^#{2,4} (.+?)\s*$/gm)].map((m) => m[1]!))
  return [...new Set(headings.filter((heading) => !LABELS.has(heading)))]
}

function modelTable(): Array<{section: string; status: string; why: string}> {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')
  const start = readme.indexOf('## What the emulator models\n')
  expect(start, 'README has a "What the emulator models" section').toBeGreaterThan(-1)
  const body = readme.slice(start, readme.indexOf('\n## ', start + 1))
  return body
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| Seed section') && !line.startsWith('|---'))
    .map((line) => {
      const [section, status, why] = line.slice(2, -2).split(' | ')
      return {section: section!, status: status!, why: why!}
    })
}

// Issue 17 item 6 (the seed's legacy backups, in "Cloud Backups"): the README says what is and is not modelled, one
// row per seed section.
describe.skipIf(!ready)(`Cloud Backups: the README's "what the emulator models" table${ready ? '' : ` — ${SHARED_ABSENT}`}`, () => {
  test('every seed section has a row, and every row is a seed section, with a status and a reason', () => {
    const rows = modelTable()
    const sections = seedSections()
    expect(sections.length).toBeGreaterThan(15)
    for (const section of sections) expect(rows.some((row) => row.section.includes(section)), section).toBe(true)
    for (const row of rows) {
      expect(sections.some((section) => row.section.startsWith(section)), row.section).toBe(true)
      expect(['modelled', 'partly', 'not modelled'], row.section).toContain(row.status)
      expect(row.why.length, row.section).toBeGreaterThan(10)
    }
  })

  test('legacy backups are listed as not modelled, with why', () => {
    const legacy = modelTable().filter((row) => /legacy/i.test(row.section))
    expect(legacy).toHaveLength(1)
    expect(legacy[0]!.status).toBe('not modelled')
    expect(legacy[0]!.why).toMatch(/no legacy backups/)
  })
})
