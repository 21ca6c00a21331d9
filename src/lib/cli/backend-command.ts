import type {Command} from '@oclif/core'
import * as Flags from '@oclif/core/flags'

import type {Backend} from '../backends/backend.js'
import {DEMO_PROJECT_ID} from '../backends/local/fleet.js'
import type {LocalBackend} from '../backends/local/local-backend.js'
import {resolveSettings, type Settings} from '../config/settings.js'
import {BaseCommand} from './base-command.js'
import {UsageError} from './errors.js'

/**
 * The base of every command that talks to Atlas (or to the emulator standing in for it): adds --projectId and
 * -P/--profile, resolves settings (flag > environment > profile) and picks the backend.
 */
export abstract class BackendCommand<T extends typeof Command> extends BaseCommand<T> {
  static override baseFlags = {
    ...BaseCommand.baseFlags,
    profile: Flags.string({char: 'P', description: 'Name of the profile to use (default: MONGODB_ATLAS_PROFILE, else "default").', helpGroup: 'GLOBAL'}),
    projectId: Flags.string({description: 'Project (group) ID to use; overrides the environment and the profile.', helpGroup: 'GLOBAL'}),
  }

  private cachedSettings: Settings | undefined
  private openBackend: Backend | undefined
  private openLocal: LocalBackend | undefined
  private implicitLocalNoted = false

  /** Settings are resolved (and checked) before the command runs, so a bad profile or half a credential sends nothing. */
  protected override async resolveContext(): Promise<void> {
    const flags = this.flags as {profile?: string; projectId?: string; output?: string}
    this.cachedSettings = await resolveSettings({profile: flags.profile, projectId: flags.projectId, output: flags.output})
    if (this.cachedSettings.problem) throw this.cachedSettings.problem
  }

  protected settings(): Settings {
    if (!this.cachedSettings) throw new Error('settings are resolved in init()')
    return this.cachedSettings
  }

  protected override defaultOutput(): string | undefined {
    return this.settings().output?.value
  }

  protected override defaultOutputOrigin(): string {
    const settings = this.settings()
    return settings.output?.source === 'profile' ? `the output setting of profile "${settings.profileName}"` : 'MONGODB_ATLAS_OUTPUT'
  }

  /** The backend chosen by the settings; each backend's code is loaded only when that backend is used. */
  protected async backend(): Promise<Backend> {
    if (this.openBackend) return this.openBackend
    const settings = this.settings()
    if (settings.service.value === 'local') {
      this.noteImplicitLocal()
      const {LocalBackend} = await import('../backends/local/local-backend.js')
      this.openLocal = new LocalBackend({home: settings.home})
      this.openBackend = this.openLocal
    } else {
      const {createCloudBackend} = await import('../backends/cloud/index.js')
      this.openBackend = await createCloudBackend(settings, {debug: (line) => this.debugLog(line), warn: (line) => this.note(line)})
    }
    return this.openBackend
  }

  /** "Now" as the backend sees it: the emulator's virtual clock on the local backend, the wall clock on Atlas. */
  protected async backendNow(): Promise<number> {
    await this.backend()
    return this.openLocal ? this.openLocal.transact((s) => s.now) : Date.now()
  }

  /** The project to act on; the local emulator falls back to its demo project. */
  protected projectId(): string {
    const settings = this.settings()
    if (settings.projectId) return settings.projectId.value
    if (settings.service.value === 'local') return DEMO_PROJECT_ID
    throw new UsageError('no project ID is set', 'Pass --projectId, set MONGODB_ATLAS_PROJECT_ID, or run `atlas-backups config set projectId <id>`')
  }

  protected override async finally(error: Error | undefined): Promise<void> {
    const backend = this.openBackend
    const local = this.openLocal
    this.openBackend = undefined
    this.openLocal = undefined
    if (backend) {
      await backend.close()
      if (local) await this.afterLocalUse(local)
    }
    await super.finally(error)
  }

  /**
   * Every run the emulator answers only because no credentials exist anywhere says so, terminal or not, so demo
   * data is never mistaken for Atlas. Choosing the emulator (MONGODB_ATLAS_SERVICE=local, `service local` in the
   * profile) silences it.
   */
  private noteImplicitLocal(): void {
    if (this.implicitLocalNoted || !this.settings().implicitLocal) return
    this.implicitLocalNoted = true
    this.note(`Note: no Atlas credentials found, so the local emulator answers with its demo data; set MONGODB_ATLAS_SERVICE=local or run \`atlas-backups config set service local\` to choose it and silence this note, or set credentials (\`atlas-backups config describe\` shows the backend in use).`)
  }

  /**
   * First use of the emulator: point the default profile at the demo project. Only the project is saved, never
   * `service local`: that would silence the note above and outrank credentials the user sets later.
   */
  private async afterLocalUse(backend: LocalBackend): Promise<void> {
    if (!backend.seeded) return
    const settings = this.settings()
    if (settings.profileName === 'default' && settings.profileStore !== 'atlascli' && Object.keys(settings.profile).length === 0) {
      const {saveProfile} = await import('../config/config-writer.js')
      await saveProfile(settings.home, 'default', {projectId: DEMO_PROJECT_ID})
    }
  }
}
