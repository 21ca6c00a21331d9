import {existsSync, readdirSync, statSync} from 'node:fs'
import {join} from 'node:path'

/**
 * Why the built CLI (dist/ and oclif.manifest.json, which `npm run build` writes last) may not match src/, or
 * undefined when it does. Tests that spawn the CLI run dist/, so after an edit without a build they would quietly
 * test the old code. A source changed after the build makes it stale, and so does a command or hook added or removed
 * since (dist/ bundles the rest of src/ into shared chunks, so those are the files that keep their paths). Only .ts
 * files count, so an editor's swap or backup files in src/ do not.
 */
export function staleBuildReason(root: string): string | undefined {
  const manifest = join(root, 'oclif.manifest.json')
  if (!existsSync(join(root, 'dist')) || !existsSync(manifest)) return 'dist/ or oclif.manifest.json is missing'
  const builtAt = statSync(manifest).mtimeMs
  for (const source of filesUnder(join(root, 'src'), '.ts')) {
    if (statSync(join(root, 'src', source)).mtimeMs > builtAt) return `src/${source} is newer than the build`
  }
  for (const dir of ['commands', 'hooks']) {
    const built = new Set(existsSync(join(root, 'dist', dir)) ? filesUnder(join(root, 'dist', dir), '.js') : [])
    for (const source of filesUnder(join(root, 'src', dir), '.ts')) {
      if (!built.delete(source.replace(/\.ts$/, '.js'))) return `src/${dir}/${source} has not been built`
    }
    const [orphan] = built
    if (orphan !== undefined) return `dist/${dir}/${orphan} has no source any more`
  }
  return undefined
}

/** Paths, relative to `dir`, of the files under it whose names end in `suffix`. */
function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir, {recursive: true, withFileTypes: true})
    .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
}

export function staleBuildMessage(reason: string): string {
  return `the built CLI is out of date (${reason}): run \`npm run build\` (npm test builds first); tests that run the CLI fail until then`
}

let checked: {reason: string | undefined} | undefined

/** Throws, naming the fix, when tests are about to run a dist/ that does not match src/. Checked once per worker. */
export function assertBuilt(root: string): void {
  checked ??= {reason: staleBuildReason(root)}
  if (checked.reason !== undefined) throw new Error(staleBuildMessage(checked.reason))
}
