import {closeSync, existsSync, linkSync, openSync, statSync, unlinkSync, writeSync} from 'node:fs'
import {basename, dirname, join, resolve} from 'node:path'

import type {Backend} from '../backends/backend.js'
import type {LocalBackend} from '../backends/local/local-backend.js'
import {CliError, UsageError} from './errors.js'
import {EXIT} from './exit-codes.js'

/**
 * `backups snapshots download`: the file a Flex snapshot download writes. Unlike the Atlas CLI, which saves whatever
 * the link answers (an error page included) and may leave half a file, the bytes go to a hidden temporary name next
 * to the target, and become the target only once the whole answer came with a 2xx status; a failure, or the process
 * ending, removes the temporary file.
 */

const MAX_REDIRECTS = 5

/** `--out` as the Atlas CLI takes it (a .tgz name, `<snapshotId>.tgz` by default), checked before anything is sent. */
export function downloadTarget(snapshotId: string, out: string | undefined): string {
  const name = out ?? `${snapshotId}.tgz`
  if (!name.endsWith('.tgz')) throw new UsageError(`--out ${name}: only the '.tgz' extension is supported`, 'Name the file <something>.tgz, or drop --out to write <snapshotId>.tgz')
  const path = resolve(name)
  if (existsSync(path)) throw new UsageError(`${name} already exists`, 'Remove it or name another file with --out: a download never overwrites a file')
  const folder = dirname(path)
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`--out ${name}: the folder ${folder} does not exist`, 'Create the folder first, or name a file in an existing one')
  return path
}

export interface Progress {
  (received: number, total: number | undefined): void
}

/** Writes the chunks `produce` hands over to `path` all at once or not at all. */
export async function writeAtomically(path: string, produce: (write: (chunk: Uint8Array) => void) => Promise<void>): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.part`)
  const cleanUp = () => {
    try {
      unlinkSync(temporary)
    } catch {
      // already gone
    }
  }
  // Ctrl-C ends the process without unwinding: the partial file goes first (process.exit runs the 'exit' listener).
  const onInterrupt = () => {
    process.stderr.write('\nInterrupted: nothing was saved.\n')
    process.exit(EXIT.INTERRUPTED)
  }
  process.once('exit', cleanUp)
  process.once('SIGINT', onInterrupt)
  const fd = openSync(temporary, 'wx', 0o644)
  try {
    try {
      await produce((chunk) => {
        writeSync(fd, chunk)
      })
    } finally {
      closeSync(fd)
    }
    // link, not rename: a file created at `path` meanwhile is never replaced.
    linkSync(temporary, path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new CliError(`${basename(path)} was created while downloading`, {hint: 'Remove it or name another file with --out'})
    throw error
  } finally {
    cleanUp()
    process.removeListener('exit', cleanUp)
    process.removeListener('SIGINT', onInterrupt)
  }
}

/** A plain GET of the pre-signed link (no Atlas credentials, as the Atlas CLI fetches it), following redirects. */
export async function fetchLink(url: string, write: (chunk: Uint8Array) => void, progress?: Progress, redirects = 0): Promise<void> {
  const {get} = url.startsWith('https:') ? await import('node:https') : await import('node:http')
  await new Promise<void>((done, fail) => {
    const request = get(url, (response) => {
      const status = response.statusCode ?? 0
      const location = response.headers.location
      if (status >= 300 && status < 400 && location !== undefined) {
        response.resume()
        if (redirects >= MAX_REDIRECTS) return fail(new CliError(`the snapshot link redirected more than ${MAX_REDIRECTS} times`, {hint: 'Try the download again later'}))
        fetchLink(new URL(location, url).toString(), write, progress, redirects + 1).then(done, fail)
        return
      }
      if (status < 200 || status >= 300) {
        response.resume()
        return fail(new CliError(`the snapshot link answered HTTP ${status}: nothing was saved`, {hint: 'The link may have expired (it works 4 hours): run the download again'}))
      }
      const total = Number(response.headers['content-length'])
      let received = 0
      response.on('data', (chunk: Buffer) => {
        write(chunk)
        received += chunk.length
        progress?.(received, Number.isFinite(total) ? total : undefined)
      })
      response.on('end', () => (response.complete ? done() : fail(new CliError('the snapshot link closed before the whole file came: nothing was saved', {hint: 'Run the download again'}))))
      response.on('error', fail)
    })
    request.on('error', (error) => fail(new CliError(`could not fetch the snapshot link: ${error.message}`, {hint: 'Check the network, then run the download again'})))
  })
}

/**
 * The snapshot's bytes into `path`. The local emulator hands its archive over directly: its link names the address
 * `serve` would answer on, which need not be running.
 */
export async function saveSnapshot(backend: Backend, restoreJobId: string, url: string, path: string, progress?: Progress): Promise<void> {
  await writeAtomically(path, async (write) => {
    if (backend.kind === 'local') {
      write((await (backend as LocalBackend).readDownload(restoreJobId)).bytes)
      return
    }
    await fetchLink(url, write, progress)
  })
}
