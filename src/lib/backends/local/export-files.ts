import {mkdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'

import type {ExportJobRecord} from './export-records.js'
import type {PendingDelivery} from './export-jobs.js'

/**
 * Writes what Atlas uploads for a successful export, under `<bucket folder>/<prefix>/`: `manifest.json` (the
 * snapshot's replica sets as the emulator models them; it has no collections to copy) and, last, the `.complete`
 * metadata file with the job's custom data, which tells a reader the export is whole. Returns the jobs written, and
 * those whose folder could not be written (they end Failed).
 */
export async function writeExportFiles(pending: PendingDelivery[]): Promise<{written: string[]; failed: Array<{job: ExportJobRecord; message: string}>}> {
  const written: string[] = []
  const failed: Array<{job: ExportJobRecord; message: string}> = []
  for (const delivery of pending) {
    const dir = join(delivery.folder, ...delivery.job.prefix.split('/'))
    try {
      await mkdir(dir, {recursive: true})
      await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(delivery.manifest, null, 2)}\n`)
      await writeFile(join(dir, '.complete'), `${JSON.stringify(delivery.complete, null, 2)}\n`)
      written.push(delivery.job.id)
    } catch (error) {
      // Atlas fails an export it cannot write (a role without access); the folder stands for the bucket.
      const code = (error as NodeJS.ErrnoException).code ?? 'EIO'
      failed.push({job: delivery.job, message: `Could not write to the bucket's folder ${delivery.folder} (${code}).`})
    }
  }
  return {written, failed}
}
