import {gzipSync} from 'node:zlib'

/** What a download job's archive holds about the snapshot: enough to see which data a restore would bring back. */
export interface DeliveryManifest {
  restoreJobId: string
  snapshotId: string
  clusterName: string
  groupId: string
  projectName?: string
  /** ISO 8601: the moment the snapshot holds. */
  snapshotTakenAt: string
  mongodVersion: string
  cloudProvider: string
  members: Array<{replicaSetName: string; hostname?: string; sizeBytes: number}>
}

/**
 * The .tar.gz behind a download job's deliveryUrl. The emulator has no data files to ship, so the archive holds a
 * manifest.json describing the snapshot; its entries are dated at the snapshot's time, so the same job always gives
 * the same bytes. tar-stream is loaded on first use: only `serve` answering a download needs it.
 */
export async function buildDeliveryArchive(manifest: DeliveryManifest): Promise<Buffer> {
  const tar = await import('tar-stream')
  const pack = tar.pack()
  const body = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`)
  const mtime = new Date(manifest.snapshotTakenAt)
  pack.entry({name: 'manifest.json', size: body.length, mode: 0o644, mtime}, body)
  pack.finalize()
  const chunks: Buffer[] = []
  for await (const chunk of pack) chunks.push(chunk as Buffer)
  return gzipSync(Buffer.concat(chunks))
}
