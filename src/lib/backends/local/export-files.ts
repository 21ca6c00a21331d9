import {mkdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'

import type {PendingDelivery} from './export-jobs.js'

/**
 * Writes what Atlas uploads for a successful export, under `<bucket folder>/<prefix>/`: `manifest.json` (the
 * snapshot's replica sets as the emulator models them; it has no collections to copy) and, last, the `.complete`
 * metadata file with the job's custom data, which tells a reader the export is whole. Returns the jobs written.
 */
export async function writeExportFiles(pending: PendingDelivery[]): Promise<string[]> {
  const written: string[] = []
  for (const delivery of pending) {
    const dir = join(delivery.folder, ...delivery.job.prefix.split('/'))
    await mkdir(dir, {recursive: true})
    await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(delivery.manifest, null, 2)}\n`)
    await writeFile(join(dir, '.complete'), `${JSON.stringify(delivery.complete, null, 2)}\n`)
    written.push(delivery.job.id)
  }
  return written
}
