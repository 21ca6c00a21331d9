import {BACKUPS, BUCKETS, commandAliases, EXPORTS} from '../../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../../lib/cli/backend-command.js'
import {BUCKET_ID_HINT, bucketIdFlag, requireId} from '../../../../lib/cli/export-flags.js'
import {forceFlag} from '../../../../lib/cli/flags.js'
import {requireConfirmation} from '../../../../lib/cli/prompts.js'

const ALIASES = commandAliases(BACKUPS, EXPORTS, BUCKETS, ['delete', 'rm'])

export default class BackupsExportsBucketsDelete extends BackendCommand<typeof BackupsExportsBucketsDelete> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Delete a snapshot export bucket.'
  static override description = `Asks for confirmation on a terminal (and, unlike the Atlas CLI, honours a No); in scripts and CI pass --force. Atlas refuses to delete a bucket that an export job or a cluster's auto-export policy uses. On the local emulator the bucket's folder and its files stay.`
  static override flags = {bucketId: bucketIdFlag, force: forceFlag}
  static override examples = ['<%= config.bin %> <%= command.id %> --bucketId dbdb00ca12345678f901a234 --force']

  public async run(): Promise<void> {
    const bucketId = requireId('--bucketId', this.flags.bucketId, BUCKET_ID_HINT)
    const projectId = this.projectId()
    await requireConfirmation(`Are you sure you want to delete: ${bucketId}`, this.flags.force, 'export bucket not deleted: the deletion was not confirmed')
    const backend = await this.backend()
    await backend.deleteExportBucket(projectId, bucketId)
    await this.present({deleted: true, bucketId}, () => `Snapshot export bucket with id '${bucketId}' deleted.`)
  }
}
