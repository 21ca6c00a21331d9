import {existsSync, readdirSync, statSync} from 'node:fs'
import {join, relative} from 'node:path'

/**
 * Why the built CLI (dist/ and oclif.manifest.json, which `npm run build` writes last) may not match src/, or
 * undefined when it does. Tests that spawn the CLI run dist/, so after an edit without a build they would quietly
 * test the old code. A file added, changed or removed in src/ makes it or its folder newer than the manifest.
 */
export function staleBuildReason(root: string): string | undefined {
  const manifest = join(root, 'oclif.manifest.json')
  if (!existsSync(join(root, 'dist')) || !existsSync(manifest)) return 'dist/ or oclif.manifest.json is missing'
  const builtAt = statSync(manifest).mtimeMs
  const newer = newestUnder(join(root, 'src'))
  if (newer.mtimeMs > builtAt) return `${relative(root, newer.path)} is newer than the build`
  return undefined
}

function newestUnder(dir: string): {path: string; mtimeMs: number} {
  let newest = {path: dir, mtimeMs: statSync(dir).mtimeMs}
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name)
    const candidate = entry.isDirectory() ? newestUnder(path) : {path, mtimeMs: statSync(path).mtimeMs}
    if (candidate.mtimeMs > newest.mtimeMs) newest = candidate
  }
  return newest
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
