// Builds dist/ from src/ with esbuild: every file oclif loads by path (the commands, the hook, the help class, the
// entry bin/run.js calls) is an entry point, and everything they import, @oclif/core included, is bundled into shared
// chunks. A command then loads a few chunks instead of about 150 modules, each resolved, read and linked on its own
// (issue 16: about a quarter of a local command's start-up). Type checking stays with `npm run typecheck`.
import {readdirSync, readFileSync, rmSync} from 'node:fs'
import {join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'

import {build} from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))
const src = join(root, 'src')
const dist = join(root, 'dist')

/** The .ts files under `dir`, as paths relative to the project. */
function sourcesUnder(dir) {
  return readdirSync(join(src, dir), {recursive: true, withFileTypes: true})
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
}

const entryPoints = [
  ...sourcesUnder('commands'),
  ...sourcesUnder('hooks'),
  'src/main.ts',
  'src/lib/cli/help.ts',
  // Modules the bench drives directly (bench/restores.js, audit.js, calculus.js) keep their own paths in dist/.
  'src/lib/backends/local/admin.ts',
  'src/lib/backends/local/clock.ts',
  'src/lib/backends/local/fleet.ts',
  'src/lib/backends/local/local-backend.ts',
  'src/lib/backends/local/seed.ts',
  'src/lib/schedule/index.ts',
]

/**
 * @oclif/core requires these at load time for paths this CLI never takes on a normal run: finding command files
 * without a manifest (tinyglobby), plugin name patterns (minimatch), an .oclifrc when package.json has no oclif key
 * (lilconfig), help templates (ejs) and spinner frames (cli-spinners). About 250 KB of the 890 KB a local command
 * loaded. It also requires three of Node's own modules for as rare paths: perf_hooks (timings, with DEBUG=perf),
 * child_process (the shell on Windows) and readline (a flag read from stdin); with what they pull in (net, dgram,
 * streams) they cost about 5 ms of every start. Each becomes a require on first use, so a run that needs one still
 * gets it. A line that is not found fails the build, so an upgrade of @oclif/core cannot silently undo this.
 */
const LAZY_REQUIRES = {
  'lib/config/plugin.js': ['tinyglobby'],
  'lib/config/plugin-loader.js': ['minimatch'],
  'lib/util/read-pjson.js': ['lilconfig'],
  'lib/config/config.js': ['ejs'],
  'lib/help/util.js': ['ejs'],
  'lib/ux/action/spinner.js': ['cli-spinners'],
  'lib/performance.js': ['node:perf_hooks'],
  'lib/util/os.js': ['node:child_process'],
  'lib/parser/parse.js': ['node:readline'],
}

/**
 * Other code of @oclif/core rewritten, each [file, code as it is, code as built]. A plugin's commands are sorted by id
 * with localeCompare, whose first call loads ICU's collation data: about 7 ms of every start, for ids
 * that sort the same by UTF-16 code units (a conventions test checks every id of the manifest and of the plugins).
 */
const REWRITES = [
  ['lib/config/plugin.js', '.sort((a, b) => a.id.localeCompare(b.id));', '.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));'],
  // Every start asks whether it runs under WSL: is-wsl answers, which wsl-utils only re-exports beside its PowerShell
  // helpers, whose child_process and streams cost about 4 ms to load. getShell still loads wsl-utils on Windows.
  ['lib/util/os.js', "return (await import('wsl-utils')).isWsl ?", "return (await import('is-wsl')).default ?"],
]

function rewrite(source, file, from, to) {
  if (!source.includes(from)) throw new Error(`@oclif/core/${file} no longer has \`${from}\`: update REWRITES in scripts/build.mjs`)
  return source.replace(from, to)
}

function lazyRequire(source, file, pkg) {
  const spec = JSON.stringify(pkg)
  const quoted = spec.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const named = new RegExp(`^const (\\w+) = require\\(${quoted}\\);$`, 'm')
  const byDefault = new RegExp(`^const (\\w+) = __importDefault\\(require\\(${quoted}\\)\\);$`, 'm')
  if (named.test(source)) {
    return source.replace(named, (_, name) => `const ${name} = new Proxy({}, {get: (_target, key) => require(${spec})[key]});`)
  }
  if (byDefault.test(source)) {
    return source.replace(byDefault, (_, name) => `const ${name} = {get default() { const m = require(${spec}); return m && m.__esModule ? m.default : m; }};`)
  }
  throw new Error(`@oclif/core/${file} no longer requires ${pkg} the way scripts/build.mjs expects: update LAZY_REQUIRES`)
}

const oclifLazyRequires = {
  name: 'oclif-lazy-requires',
  setup(esbuild) {
    esbuild.onLoad({filter: /[\\/]@oclif[\\/]core[\\/]lib[\\/].*\.js$/}, async ({path}) => {
      const posix = path.replaceAll('\\', '/')
      const file = [...Object.keys(LAZY_REQUIRES), ...REWRITES.map(([name]) => name)].find((name) => posix.endsWith(`/@oclif/core/${name}`))
      if (!file) return undefined
      let source = readFileSync(path, 'utf8')
      for (const pkg of LAZY_REQUIRES[file] ?? []) source = lazyRequire(source, file, pkg)
      for (const [name, from, to] of REWRITES) if (name === file) source = rewrite(source, file, from, to)
      return {contents: source, loader: 'js'}
    })
  },
}

rmSync(dist, {recursive: true, force: true})
await build({
  absWorkingDir: root,
  entryPoints,
  outdir: dist,
  outbase: src,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Loaded at run time, not bundled: the TypeScript tooling oclif only probes for in
  // development; the completion plugin, whose commands are found next to its own entry point; and the CommonJS
  // packages our code loads with import(), whose named exports Node provides but a bundled chunk would not.
  external: ['typescript', 'ts-node', '@oclif/plugin-autocomplete', 'cli-table3', 'tar-stream', 'yaml'],
  // CommonJS packages bundled into ES modules still call require() for Node's built-ins.
  banner: {js: "import {createRequire as __atlasBackupsCreateRequire} from 'node:module'; const require = __atlasBackupsCreateRequire(import.meta.url);"},
  plugins: [oclifLazyRequires],
  logLevel: 'warning',
})

// Two ways a bundle can load and still be wrong, refused here rather than at a user's first run: the banner declares
// `require` in every output file, so a bundled module declaring its own at the top level would make that file fail to
// load; and a CommonJS module reached only by import() becomes a chunk with a default export alone, where Node would
// also have given its named exports (`const {parse} = await import('pkg')` would find undefined).
for (const file of readdirSync(dist, {recursive: true})) {
  if (!String(file).endsWith('.js')) continue
  const text = readFileSync(join(dist, String(file)), 'utf8')
  if ((text.match(/^(?:const|let|var) require\b/gm) ?? []).length > 1) {
    throw new Error(`dist/${file} declares require at the top level besides the build's banner`)
  }
  if (/^export default require_\w+\(\);$/m.test(text)) {
    throw new Error(`dist/${file} is a CommonJS module loaded with import(): import it statically, or add its package to external`)
  }
}
