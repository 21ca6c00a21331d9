import type {Command} from '@oclif/core'
import * as Flags from '@oclif/core/flags'

import {DEMO_PROJECT_ID} from '../backends/local/fleet.js'
import {LocalBackend} from '../backends/local/local-backend.js'
import {homeDir} from '../config/home.js'
import {BaseCommand} from './base-command.js'
import {UsageError} from './errors.js'
import {isObjectId} from '../domain/ids.js'

/**
 * The base of `local …` commands: they act on the embedded emulator whatever backend the profile selects, in its
 * demo project unless --projectId says otherwise.
 */
export abstract class LocalCommand<T extends typeof Command> extends BaseCommand<T> {
  static override baseFlags = {
    ...BaseCommand.baseFlags,
    projectId: Flags.string({description: 'Project of the local emulator (default: its demo project).', helpGroup: 'GLOBAL'}),
  }

  private opened: LocalBackend | undefined

  protected local(): LocalBackend {
    this.opened ??= new LocalBackend({home: homeDir()})
    return this.opened
  }

  protected localProject(): string {
    const projectId = (this.flags as {projectId?: string}).projectId
    if (projectId === undefined) return DEMO_PROJECT_ID
    if (!isObjectId(projectId)) throw new UsageError(`the provided value '${projectId}' is not a valid project ID`, 'Project IDs are 24 hexadecimal characters')
    return projectId
  }

  protected override async finally(error: Error | undefined): Promise<void> {
    await this.opened?.close()
    this.opened = undefined
    await super.finally(error)
  }
}
