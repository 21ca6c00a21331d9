// Preloaded (`node --import`) by tests that check what a command loads: appends every module it resolves, ES modules
// through a resolve hook and CommonJS ones through the loader, one a line, to the file in ATLAS_BACKUPS_TEST_MODULE_LOG;
// at exit, every module of Node's own the process loaded, as `builtin:<name>` lines (internal ones included).
import {appendFileSync} from 'node:fs'
import {createRequire, register} from 'node:module'

const file = process.env.ATLAS_BACKUPS_TEST_MODULE_LOG
if (file) {
  const hook = `import {appendFileSync} from 'node:fs'
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context)
  appendFileSync(${JSON.stringify(file)}, resolved.url + '\\n')
  return resolved
}`
  register(`data:text/javascript,${encodeURIComponent(hook)}`)
  const Module = createRequire(import.meta.url)('node:module')
  const resolveFilename = Module._resolveFilename
  Module._resolveFilename = function (...args) {
    const resolved = resolveFilename.apply(this, args)
    appendFileSync(file, `${resolved}\n`)
    return resolved
  }
  process.on('exit', () => {
    const builtins = process.moduleLoadList.filter((entry) => entry.startsWith('NativeModule ')).map((entry) => `builtin:${entry.slice('NativeModule '.length)}`)
    appendFileSync(file, `${builtins.join('\n')}\n`)
  })
}
