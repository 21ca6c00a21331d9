import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {endRegionOutage, listRegions, providersOfRegion, startRegionOutage} from '../../../lib/backends/local/region-outages.js'
import {CliError, UsageError} from '../../../lib/cli/errors.js'
import {LocalCommand} from '../../../lib/cli/local-command.js'
import type {CloudProvider} from '../../../lib/domain/types.js'
import {REGIONS} from '../../../lib/tiers/catalog.js'

const PROVIDERS = Object.keys(REGIONS) as CloudProvider[]

export default class LocalRegionsOutage extends LocalCommand<typeof LocalRegionsOutage> {
  static override summary = 'Simulate a cloud provider outage in a region (or end it with --end).'
  static override description = `While a region is out, a restore of a snapshot stored there is served from a copy of it in another region, as Atlas does for regions with copies configured (\`backups schedule update --copyRegion\`); the restore job names the region that served it (servedFromCopy). With no copy in an available region the restore is refused; a point-in-time restore also needs the oplog copied there (:oplog).
An outage holds for every cluster of the emulator, from the current virtual time until --end. Starting one already in force changes nothing.`
  static override args = {region: Args.string({description: 'Atlas region name, e.g. US_EAST_1.', required: true})}
  static override flags = {
    cloudProvider: Flags.string({description: 'Provider of the region, when several have one of that name (e.g. US_WEST_2) and the clusters use it on none or several of them.', options: PROVIDERS}),
    end: Flags.boolean({description: 'End the outage: the region serves restores again.'}),
  }
  static override examples = ['<%= config.bin %> <%= command.id %> US_EAST_1', '<%= config.bin %> <%= command.id %> US_EAST_1 --end', '<%= config.bin %> <%= command.id %> US_WEST_2 --cloudProvider AWS']

  public async run(): Promise<void> {
    const regionName = this.args.region.trim().toUpperCase()
    const cloudProvider = this.providerOf(regionName)
    if (this.flags.end) {
      const ended = endRegionOutage(this.local(), cloudProvider, regionName)
      if (!ended) throw new CliError(`${cloudProvider} ${regionName} has no outage to end`, {hint: 'List the outages with `local regions list`'})
      await this.present({...ended, status: 'available'}, () => `Outage of ${cloudProvider} ${regionName} ended (it began ${ended.since}).`)
      return
    }
    const {outage, started} = startRegionOutage(this.local(), cloudProvider, regionName)
    const text = `${started ? 'Outage of' : 'Already out:'} ${cloudProvider} ${regionName} since ${outage.since}: restores of snapshots stored there use a copy in another region.`
    await this.present({...outage, status: 'outage'}, () => text)
  }

  /**
   * The provider whose region it is: given, or the only one with a region of that name, or else the only one of those
   * the project's clusters use there (nodes or copies). Checked before any change.
   */
  private providerOf(regionName: string): CloudProvider {
    const given = this.flags.cloudProvider as CloudProvider | undefined
    const providers = providersOfRegion(regionName)
    if (given !== undefined) {
      if (!providers.includes(given)) throw new UsageError(`${regionName} is not a region of ${given}`, providers.length === 0 ? `Use an Atlas region name of ${given}, e.g. ${REGIONS[given][2]}` : `It is a region of ${providers.join(' and ')}`)
      return given
    }
    if (providers.length === 0) throw new UsageError(`${regionName} is not an Atlas region`, 'Use an Atlas region name, e.g. US_EAST_1 (`local regions list` shows the regions your clusters use)')
    const used = new Set(listRegions(this.local(), this.localProject()).filter((row) => row.regionName === regionName).map((row) => row.cloudProvider))
    const inUse = providers.filter((provider) => used.has(provider))
    if (inUse.length === 1) return inUse[0]!
    if (providers.length > 1) throw new UsageError(`${regionName} is a region of ${providers.join(', ')}`, `Pass --cloudProvider ${providers.join('|')}`)
    return providers[0]!
  }
}
