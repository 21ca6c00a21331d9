import {gunzipSync} from 'node:zlib'

import {extract} from 'tar-stream'

/** The files of a .tar.gz, by name: read with tar-stream, independent of how the archive was written. */
export async function tarGzEntries(archive: Buffer): Promise<Map<string, Buffer>> {
  const reader = extract()
  const entries = new Map<string, Buffer>()
  const reading = (async () => {
    for await (const entry of reader) {
      const chunks: Buffer[] = []
      for await (const chunk of entry) chunks.push(chunk as Buffer)
      entries.set(entry.header.name, Buffer.concat(chunks))
    }
  })()
  reader.end(gunzipSync(archive))
  await reading
  return entries
}
