import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {BackendCommand} from '../../../lib/cli/backend-command.js'
import {readObjectDocument} from '../../../lib/cli/document-file.js'
import {UsageError} from '../../../lib/cli/errors.js'
import {schedulePlanText, schedulePlanView} from '../../../lib/cli/views/schedule-plan.js'
import {refuseOversizedSchedule} from '../../../lib/cli/violations.js'
import type {BackupSchedule} from '../../../lib/domain/types.js'
import {hasErrors, validateSchedule} from '../../../lib/policy/index.js'
import {planSchedule} from '../../../lib/schedule/index.js'
import {isOfferedTier} from '../../../lib/tiers/catalog.js'

/** Atlas's restore window for a new cluster, used when a schedule file does not set one. */
const DEFAULT_RESTORE_WINDOW_DAYS = 7
const BYTES_PER_GB = 1024 ** 3

function dataSizeBytes(gb: number | undefined): number | undefined {
  return gb === undefined ? undefined : gb * BYTES_PER_GB
}

export default class BackupsSchedulePlan extends BackendCommand<typeof BackupsSchedulePlan> {
  static override summary = 'Preview what a backup schedule keeps: next snapshots, counts, RPO.'

  static override description = `Plans either the schedule of a cluster (read from the backend) or a schedule file, offline, taken like \`backups schedule validate\` takes it. Prints the next snapshots with the policy item each is attributed to (one snapshot per instant, owned by the item with the longest retention) and its expiry; the number of snapshots each item keeps once the schedule has always run (what the Atlas UI calls the estimated number of snapshots); the oldest restorable point; and the worst gap between restore points (RPO) over the retention horizon, with snapshots only and with continuous backup, which can restore any instant of its restore window.
The cluster form uses the backend's clock (the emulator's virtual clock on the local backend).`

  static override examples = [
    '<%= config.bin %> <%= command.id %> Cluster0',
    '<%= config.bin %> <%= command.id %> Cluster0 --next 20 --dataSizeGB 50 -o json',
    '<%= config.bin %> <%= command.id %> -f schedule.yaml --tier M40_NVME --pit',
  ]

  static override args = {clusterName: Args.string({description: 'Human-readable label for the cluster whose schedule to plan.'})}

  static override flags = {
    dataSizeGB: Flags.integer({description: 'Size of the cluster\'s data in GB (1 GB = 1024³ bytes): adds an estimate of the bytes the kept snapshots store.', min: 1}),
    file: Flags.string({char: 'f', description: 'Plan this schedule document (JSON or YAML) instead of a cluster\'s; - reads stdin.'}),
    next: Flags.integer({default: 10, description: 'How many upcoming snapshots to list.', max: 1000, min: 0}),
    nvme: Flags.boolean({description: 'With -f: the cluster uses NVMe storage. Implied by an _NVME tier.'}),
    pit: Flags.boolean({description: 'With -f: Continuous Cloud Backup (point-in-time restore) is on.'}),
    tier: Flags.string({description: 'With -f: cluster tier (default M10), as `backups schedule validate` takes it.'}),
  }

  public async run(): Promise<void> {
    const {args, flags} = this
    if (flags.file === undefined) {
      if (args.clusterName === undefined) throw new UsageError('name a cluster or a schedule file', 'Run `backups schedule plan <clusterName>` or `backups schedule plan -f FILE`')
      const fileOnly = (['tier', 'nvme', 'pit'] as const).filter((name) => flags[name] !== undefined && flags[name] !== false)
      if (fileOnly.length > 0) throw new UsageError(`--${fileOnly[0]} describes a schedule file's cluster`, 'Drop it: a cluster\'s own tier and continuous backup setting are used, or plan a file with -f')
      await this.planCluster(args.clusterName, flags.next, dataSizeBytes(flags.dataSizeGB))
      return
    }

    if (args.clusterName !== undefined) throw new UsageError('name either a cluster or a schedule file, not both', 'Drop the cluster name or -f')
    await this.planFile(flags.file, flags.next, dataSizeBytes(flags.dataSizeGB))
  }

  private async planCluster(clusterName: string, next: number, dataSize: number | undefined): Promise<void> {
    const backend = await this.backend()
    const projectId = this.projectId()
    const schedule = await backend.getSchedule(projectId, clusterName)
    const cluster = await backend.getCluster(projectId, clusterName)
    const now = await this.backendNow()
    const restoreWindowDays = schedule.restoreWindowDays ?? DEFAULT_RESTORE_WINDOW_DAYS
    const plan = planSchedule(schedule, {now, next, restoreWindowDays, dataSizeBytes: dataSize})
    const view = schedulePlanView(schedule, plan, {clusterName, source: 'cluster', pitEnabled: cluster.pitEnabled === true, restoreWindowDays, dataSizeBytes: dataSize})
    await this.present(view, schedulePlanText)
  }

  private async planFile(file: string, next: number, dataSize: number | undefined): Promise<void> {
    const {nvme, pit} = this.flags
    const tier = this.flags.tier ?? 'M10'
    if (!isOfferedTier(tier)) throw new UsageError(`unknown tier "${tier}"`, 'Use a tier Atlas offers: M0, M2, M5, FLEX, SERVERLESS, or a dedicated size such as M10, M30, R40 or M40_NVME')
    const document = await readObjectDocument(file, 'a backup schedule', 'A schedule is an object in the shape `backups schedule describe <cluster> -o json` prints')
    refuseOversizedSchedule(document, file)
    const violations = validateSchedule(document, {cluster: {tier, nvme, pitEnabled: pit}})
    if (hasErrors(violations)) {
      const count = violations.filter((v) => v.severity === 'error').length
      throw new UsageError(`${file === '-' ? 'stdin' : file}: the backup schedule breaks ${count === 1 ? '1 rule' : `${count} rules`}`, `Run \`backups schedule validate -f ${file}\` with the same --tier/--nvme/--pit to see them`)
    }

    const schedule = document as unknown as BackupSchedule
    const restoreWindowDays = typeof schedule.restoreWindowDays === 'number' ? schedule.restoreWindowDays : DEFAULT_RESTORE_WINDOW_DAYS
    const plan = planSchedule(schedule, {now: Date.now(), next, restoreWindowDays, dataSizeBytes: dataSize})
    await this.present(schedulePlanView(schedule, plan, {source: 'file', pitEnabled: pit === true, restoreWindowDays, dataSizeBytes: dataSize}), schedulePlanText)
  }
}
