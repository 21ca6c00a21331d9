import {BACKUPS, BUCKETS, commandAliases, EXPORTS} from '../../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../../lib/cli/backend-command.js'
import {BUCKET_ID_HINT, bucketIdFlag, requireId} from '../../../../lib/cli/export-flags.js'
import {exportBucketTable} from '../../../../lib/cli/views/exports.js'

const ALIASES = commandAliases(BACKUPS, EXPORTS, BUCKETS, ['describe', 'get'])

export default class BackupsExportsBucketsDescribe extends BackendCommand<typeof BackupsExportsBucketsDescribe> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Return one snapshot export bucket.'
  static override flags = {bucketId: bucketIdFlag}
  static override examples = ['<%= config.bin %> <%= command.id %> --bucketId dbdb00ca12345678f901a234']

  public async run(): Promise<void> {
    const bucketId = requireId('--bucketId', this.flags.bucketId, BUCKET_ID_HINT)
    const projectId = this.projectId()
    const backend = await this.backend()
    await this.present(await backend.getExportBucket(projectId, bucketId), exportBucketTable)
  }
}
