import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {createCluster} from '../../../lib/backends/local/admin.js'
import {UsageError} from '../../../lib/cli/errors.js'
import {LocalCommand} from '../../../lib/cli/local-command.js'
import {fleetTable} from '../../../lib/cli/views/local.js'
import type {CloudProvider} from '../../../lib/domain/types.js'
import {ENCRYPTION_AT_REST_PROVIDERS, type EncryptionAtRestProvider} from '../../../lib/restores/encryption.js'
import {DEDICATED_SIZES, isOfferedTier, isRegionOf, REGIONS} from '../../../lib/tiers/catalog.js'
import {tierInfo} from '../../../lib/tiers/tiers.js'

const REGION_EXAMPLES: Record<CloudProvider, string> = {AWS: 'US_EAST_1, EU_WEST_1', AZURE: 'US_EAST_2, EUROPE_WEST', GCP: 'CENTRAL_US, WESTERN_EUROPE'}

const REGION_FORM = /^([A-Za-z0-9_]+)(?::(\d+))?(?::(\d+))?$/

/** --region NAME[:NODES[:PRIORITY]], NAME one of the provider's Atlas regions. */
function parseRegion(text: string, provider: CloudProvider): {regionName: string; nodeCount?: number; priority?: number} {
  const match = REGION_FORM.exec(text)
  const count = match?.[2] === undefined ? undefined : Number(match[2])
  const prio = match?.[3] === undefined ? undefined : Number(match[3])
  if (!match || (count !== undefined && !(count >= 1 && count <= 7)) || (prio !== undefined && !(prio >= 0 && prio <= 7))) {
    throw new UsageError(`--region "${text}" is not NAME[:NODES[:PRIORITY]]`, 'For example US_EAST_1:3:7 (1 to 7 nodes, priority 0 to 7)')
  }
  const regionName = match[1]!.toUpperCase()
  if (!isRegionOf(provider, regionName)) {
    throw new UsageError(`--region "${text}": ${regionName} is not an Atlas region of ${provider}`, `Use one of ${provider}'s ${REGIONS[provider].length} region names, e.g. ${REGION_EXAMPLES[provider]}, or pick the provider with --provider`)
  }
  return {regionName, nodeCount: count, priority: prio}
}

/** Flags that only a dedicated cluster can use: refused instead of silently dropped. */
function checkTierFlags(tier: string, provider: CloudProvider, flags: {nvme: boolean; shards: number; regions: number; continuousBackup: boolean; encrypted: boolean}): void {
  const info = tierInfo(tier)
  if (info.kind === 'dedicated') {
    if (!isOfferedTier(info.name, provider)) throw new UsageError(`${provider} has no ${info.name} tier`, `Use one of ${provider}'s tiers, e.g. ${DEDICATED_SIZES[provider].slice(0, 4).join(', ')}, or another --provider`)
    if (flags.nvme && !info.nvme && !isOfferedTier(`${info.name}_NVME`, provider)) {
      throw new UsageError(`--nvme: ${provider} has no NVMe variant of ${info.name}`, `Use a tier with an _NVME variant, e.g. --tier ${DEDICATED_SIZES[provider].find((t) => t.endsWith('_NVME'))}`)
    }
    return
  }
  const what = `${info.name} ${info.kind === 'serverless' ? 'instances' : 'clusters'}`
  const dedicatedOnly = 'Use a dedicated tier (M10 and above) for it, or leave the flag out'
  if (flags.shards > 0) throw new UsageError(`--shards ${flags.shards}: ${what} cannot be sharded`, dedicatedOnly)
  if (flags.nvme) throw new UsageError(`--nvme: ${what} have no NVMe storage`, dedicatedOnly)
  if (flags.regions > 1) throw new UsageError(`${what} live in a single region, not ${flags.regions}`, 'Give --region once, or use a dedicated tier (M10 and above)')
  if (flags.encrypted) throw new UsageError(`--encryptionAtRestProvider: ${what} have no encryption at rest with customer key management`, dedicatedOnly)
  if (flags.continuousBackup && info.kind !== 'serverless') throw new UsageError(`--continuousBackup: ${what} have no Continuous Cloud Backup`, dedicatedOnly)
}

export default class LocalClustersCreate extends LocalCommand<typeof LocalClustersCreate> {
  static override summary = 'Add a cluster or serverless instance to the local emulator.'
  static override description =
    "A dedicated cluster starts with the default backup policy (18:00 UTC); its first scheduled snapshot falls due at the next firing time. Under a Backup Compliance Policy it starts at the policy's minimum (continuous backup and the schedule raised, as the policy's set-up raises existing clusters), each change told on stderr (in the JSON: compliancePolicyEffects); one without the customer key the policy requires is refused."

  static override args = {name: Args.string({description: 'Cluster name: letters, digits and hyphens.', required: true})}
  static override flags = {
    continuousBackup: Flags.boolean({description: 'Continuous Cloud Backup (PIT) on a dedicated cluster; Serverless Continuous Backup on a serverless instance.'}),
    encryptionAtRestProvider: Flags.string({
      default: 'NONE',
      description: 'Encryption at rest with customer key management (AWS KMS, Azure Key Vault, GCP KMS; M10 and above): its snapshots carry a masterKeyUUID, cannot be downloaded and restore only into clusters using the same provider.',
      options: [...ENCRYPTION_AT_REST_PROVIDERS],
    }),
    mongodbVersion: Flags.string({default: '8.0.29', description: 'MongoDB version (x.y.z).'}),
    nvme: Flags.boolean({description: 'NVMe storage (hourly snapshots every 12 hours only).'}),
    provider: Flags.string({default: 'AWS', description: 'Cloud provider.', options: ['AWS', 'AZURE', 'GCP']}),
    region: Flags.string({description: 'Region as NAME[:NODES[:PRIORITY]], NAME an Atlas region of --provider (e.g. US_EAST_1); repeat for a multi-region cluster (priorities default to 7, 6, 5 …).', multiple: true}),
    shards: Flags.integer({default: 0, description: 'Number of shards; 0 for a replica set.'}),
    tier: Flags.string({default: 'M10', description: 'M0, M2, M5, M10 and above (M30, R40, M40_NVME …) or SERVERLESS.'}),
  }
  static override examples = [
    '<%= config.bin %> <%= command.id %> Orders --tier M30 --continuousBackup',
    '<%= config.bin %> <%= command.id %> Global --tier M30 --region US_EAST_1:2:7 --region EU_WEST_1:2:6 --region AP_SOUTH_1:1:5',
    '<%= config.bin %> <%= command.id %> Events --tier M40 --shards 3',
    '<%= config.bin %> <%= command.id %> Vault --tier M30 --encryptionAtRestProvider AWS',
  ]

  public async run(): Promise<void> {
    const {continuousBackup, encryptionAtRestProvider, mongodbVersion, nvme, provider, region, shards, tier} = this.flags
    const cloud = provider as CloudProvider
    if (!isOfferedTier(tier)) throw new UsageError(`unknown tier "${tier}"`, 'Use M0, M2, M5, M10 and above (e.g. M30, R40, M40_NVME) or SERVERLESS')
    if (!/^\d+\.\d+\.\d+$/.test(mongodbVersion)) throw new UsageError(`--mongodbVersion "${mongodbVersion}" is not x.y.z`, 'For example 8.0.29')
    if (shards < 0 || shards > 50) throw new UsageError(`--shards must be between 0 and 50, got ${shards}`)
    const regions = (region ?? []).map((text) => parseRegion(text, cloud))
    const duplicate = regions.find((r, i) => regions.findIndex((other) => other.regionName === r.regionName) !== i)
    if (duplicate) throw new UsageError(`--region ${duplicate.regionName} is given twice`, 'Give each region once, with its node count: NAME:NODES:PRIORITY')
    checkTierFlags(tier, cloud, {nvme, shards, regions: regions.length, continuousBackup, encrypted: encryptionAtRestProvider !== 'NONE'})
    const created = createCluster(this.local(), this.localProject(), {
      name: this.args.name,
      tier,
      provider: cloud,
      regions,
      shards,
      nvme,
      continuousBackup,
      mongoDBVersion: mongodbVersion,
      encryptionAtRestProvider: encryptionAtRestProvider as EncryptionAtRestProvider,
    })
    await this.present(created, (c) => fleetTable([c]))
    // The JSON carries them (compliancePolicyEffects); a reader of the table gets them as notes.
    if (this.outputFormat().kind === 'table') for (const effect of created.compliancePolicyEffects ?? []) this.note(`Note: ${effect.detail}`)
  }
}
