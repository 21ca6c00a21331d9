import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {BACKUPS, commandAliases, SNAPSHOTS} from '../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../lib/cli/backend-command.js'
import {CliError} from '../../../lib/cli/errors.js'
import {clusterNameFlag} from '../../../lib/cli/flags.js'
import {downloadTarget, saveSnapshot, type Progress} from '../../../lib/cli/snapshot-download.js'

const ALIASES = commandAliases(BACKUPS, SNAPSHOTS, ['download'])

export default class BackupsSnapshotsDownload extends BackendCommand<typeof BackupsSnapshotsDownload> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Download one snapshot for the specified flex cluster.'
  static override description = `You can download a snapshot for an Atlas Flex cluster (a dedicated cluster downloads through \`backups restores start download\`).
The file is written whole or not at all: the link's HTTP status is checked, and a failed or interrupted download leaves no partial file. An existing file is never overwritten. Progress shows on stderr on a terminal.`
  static override args = {snapshotId: Args.string({description: 'Unique 24-hexadecimal digit string that identifies the snapshot to download.', required: true})}
  static override flags = {
    clusterName: clusterNameFlag,
    out: Flags.string({description: 'Output file name (.tgz). This value defaults to <snapshotId>.tgz.'}),
  }
  static override examples = ['<%= config.bin %> <%= command.id %> 5f4007f327a3bd7b6f4103c5 --clusterName Flex0', '<%= config.bin %> <%= command.id %> 5f4007f327a3bd7b6f4103c5 --clusterName Flex0 --out flex0.tgz']

  public async run(): Promise<void> {
    const {clusterName, out} = this.flags
    const {snapshotId} = this.args
    const path = downloadTarget(snapshotId, out)
    const projectId = this.projectId()
    const backend = await this.backend()
    const job = await backend.downloadFlexSnapshot(projectId, clusterName, {snapshotId})
    if (!job.snapshotUrl) throw new CliError(`Atlas answered the download of snapshot ${snapshotId} without a snapshotUrl`, {hint: 'Try again in a minute'})
    const progress = process.stderr.isTTY ? terminalProgress() : undefined
    try {
      await saveSnapshot(backend, job.id, job.snapshotUrl, path, progress?.show)
    } finally {
      progress?.end()
    }
    // The Atlas CLI prints the file name as given; -o json says the same, with the file's absolute path.
    const name = out ?? `${snapshotId}.tgz`
    await this.present({downloaded: true, snapshotId, restoreJobId: job.id, file: path}, () => `Snapshot '${name}' downloaded.`)
  }
}

/** One line on stderr, rewritten in place: bytes so far and, when the size is known, the share done. */
function terminalProgress(): {show: Progress; end: () => void} {
  let shown = false
  return {
    show: (received, total) => {
      shown = true
      const mib = (received / 1_048_576).toFixed(1)
      const share = total ? ` (${Math.floor((received / total) * 100)}%)` : ''
      process.stderr.write(`\rDownloading… ${mib} MiB${share}`)
    },
    end: () => {
      if (shown) process.stderr.write('\n')
    },
  }
}
