import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import type {LocalBackend} from '../../../../lib/backends/local/local-backend.js'
import {BACKUPS, BUCKETS, commandAliases, EXPORTS} from '../../../../lib/cli/aliases.js'
import {BackendCommand} from '../../../../lib/cli/backend-command.js'
import {UsageError} from '../../../../lib/cli/errors.js'
import {bucketRequest} from '../../../../lib/cli/export-flags.js'

const ALIASES = commandAliases(BACKUPS, EXPORTS, BUCKETS, ['create'])

export default class BackupsExportsBucketsCreate extends BackendCommand<typeof BackupsExportsBucketsCreate> {
  static override aliases = ALIASES.aliases
  static spellings = ALIASES.spellings
  static override summary = 'Create an export destination for Atlas backups using an existing AWS S3 bucket (or Azure Blob container).'
  static override description = `AWS (the Atlas CLI's only provider) needs --iamRoleId; Azure needs --roleId and --serviceUrl.
On the local emulator the bucket is a folder: $ATLAS_BACKUPS_HOME/export-buckets/<provider>/<bucketName>, or the one given with --localFolder. Each successful export writes its files there.`
  static override args = {
    bucketName: Args.string({description: 'Name of the existing S3 bucket that the provided role ID is authorized to access.', required: true}),
  }
  static override flags = {
    cloudProvider: Flags.string({description: 'Name of the provider of the cloud service where Atlas can access the bucket: AWS (or AZURE).', required: true}),
    iamRoleId: Flags.string({description: 'Unique identifier that Atlas assigns to the cloud provider access role for the bucket (AWS).'}),
    roleId: Flags.string({description: 'Unique identifier of the cloud provider access role for the container (Azure).'}),
    serviceUrl: Flags.string({description: 'URL of the Azure Blob container, https://<account>.blob.core.windows.net/<container> (Azure).'}),
    localFolder: Flags.string({description: 'Local emulator only: the folder standing for the bucket (default: under ATLAS_BACKUPS_HOME).'}),
  }
  static override examples = [
    '<%= config.bin %> <%= command.id %> test-bucket --cloudProvider AWS --iamRoleId 12345678f901a234dbdb00ca',
    '<%= config.bin %> <%= command.id %> exports --cloudProvider AZURE --roleId 12345678f901a234dbdb00ca --serviceUrl https://examplestorage.blob.core.windows.net/exports',
  ]

  public async run(): Promise<void> {
    const request = bucketRequest(this.args.bucketName, this.flags)
    const projectId = this.projectId()
    const backend = await this.backend()
    const {localFolder} = this.flags
    if (localFolder !== undefined && backend.kind !== 'local') throw new UsageError('--localFolder is for the local emulator only', 'Leave it out with --backend cloud: Atlas writes to the bucket itself')
    const bucket = localFolder === undefined ? await backend.createExportBucket(projectId, request) : await (backend as LocalBackend).createExportBucket(projectId, request, {folder: localFolder})
    await this.present(bucket, (b) => `Export destination created using '${b.bucketName}'.`)
  }
}
